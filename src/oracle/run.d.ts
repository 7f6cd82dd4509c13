import type { Fact, RunHeader } from '../script/facts';
import type { Program } from '../script/program';
export type OracleResult = {
    ok: true;
    header: RunHeader;
    facts: Fact[];
    ns?: (number | null)[];
} | {
    ok: false;
    skip: boolean;
    reason: string;
};
/** Options of a run. */
export interface OracleOptions {
    /**
     * Ask the oracle for kernel timings (MMSEXEC_TIMING=1): each fact then has the
     * CLOCK_MONOTONIC nanoseconds of its system call (calls), of the whole settled access
     * (accesses, `wait`) or of the observation, in the result's `ns`.
     */
    readonly timing?: boolean;
}
/** A timed run: `ns[i]` belongs to `facts[i]` (an error fact that ended the run has 0). */
export type TimedOracleResult = {
    ok: true;
    header: RunHeader;
    facts: Fact[];
    ns: number[];
} | {
    ok: false;
    skip: boolean;
    reason: string;
};
/** The profile a script without `kernel X.Y` runs with (mms.md section 2). */
export declare const NEWEST_PROFILE = "6.18";
/** A run that takes longer has a thread stuck outside a userfault (or the driver blocked). */
export declare const ORACLE_TIMEOUT_MS = 150000;
/** The host kernel's `major.minor`, e.g. "6.18", or null off Linux. */
export declare function hostProfile(): string | null;
/** Whether the oracle can run on this machine (Linux, root, kpageflags, a C compiler). */
export declare function oracleAvailableSync(): {
    ok: true;
} | {
    ok: false;
    reason: string;
};
export declare function oracleAvailable(): Promise<{
    ok: true;
} | {
    ok: false;
    reason: string;
}>;
/** Runs the program on the host kernel. */
export declare function runOracle(program: Program, options?: OracleOptions): Promise<OracleResult>;
/**
 * Runs the program on the host kernel with timings (for the benchmark): the facts, and per fact
 * the kernel's nanoseconds.
 */
export declare function runOracleTimed(program: Program): Promise<TimedOracleResult>;
/** Runs the program on the host kernel, synchronously. */
export declare function runOracleSync(program: Program, options?: OracleOptions): OracleResult;
