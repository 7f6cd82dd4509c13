/** A script error as plain data (what the store keeps and the editor underlines). */
export interface ScriptErrorInfo {
    readonly message: string;
    /** 1-based. */
    readonly line: number;
    /** 1-based. */
    readonly column: number;
}
