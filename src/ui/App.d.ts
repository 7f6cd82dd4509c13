export declare const THEME_STORAGE_KEY = "mmscope.theme";
export declare function App(): import("react").JSX.Element;
