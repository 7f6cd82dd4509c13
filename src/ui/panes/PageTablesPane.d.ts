export declare function PageTablesPane(): import("react").JSX.Element;
