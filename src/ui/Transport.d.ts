export declare function Transport(): import("react").JSX.Element;
