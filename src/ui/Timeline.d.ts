export declare function Timeline(): import("react").JSX.Element;
