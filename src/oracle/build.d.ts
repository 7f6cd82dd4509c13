export declare const CC_FLAGS: readonly string[];
export declare function repoRoot(): string;
export declare function oracleSourcePath(): string;
/** Thrown when there is no C compiler: the oracle cannot run here (a skip, not a failure). */
export declare class NoCompilerError extends Error {
    readonly name = "NoCompilerError";
}
/** The path of an up-to-date oracle binary, building it if needed. */
export declare function buildOracleSync(): string;
export declare function buildOracle(): Promise<string>;
