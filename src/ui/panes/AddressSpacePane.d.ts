export declare function AddressSpacePane(): import("react").JSX.Element;
