export declare function PhysicalMemoryPane(): import("react").JSX.Element;
