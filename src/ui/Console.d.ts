export declare function Console(): import("react").JSX.Element;
