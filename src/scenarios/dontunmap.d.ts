export declare const dontunmap: {
    readonly id: "dontunmap";
    readonly name: "dontunmap.mms";
    readonly source: string;
    readonly narration: Readonly<Record<number, string>>;
};
