export declare function UffdPane(): import("react").JSX.Element;
