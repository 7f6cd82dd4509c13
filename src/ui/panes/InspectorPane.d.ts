export declare function InspectorPane(): import("react").JSX.Element;
