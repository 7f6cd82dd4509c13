export declare function Panes(): import("react").JSX.Element;
