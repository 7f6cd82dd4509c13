/**
 * The oracle's JSON lines -> the raw Facts of src/script/facts.ts. Everything that interprets
 * a kernel word (smaps paths, pagemap bits, kpageflags bits, PTE-marker swap entries) is here,
 * so `oracle/mmsexec.c` only reports what the kernel said.
 */
import type { Fact, MapsEntry, PageFact, RunHeader } from '../script/facts';
import type { Program } from '../script/program';
/** Messages for the error facts; the simulator's interpreter should use the same words. */
export declare function unboundMessage(name: string): string;
export declare function blockedMessage(thread: string): string;
/**
 * A call that faults on a userfaultfd-registered range inside the kernel (mlock or
 * MADV_POPULATE_* populating it, UFFDIO_COPY reading a registered source that has no page)
 * puts the script itself to sleep in handle_userfault(); only the script could resolve that
 * fault, so the run ends there with this error (unless the uffd has UFFD_USER_MODE_ONLY or
 * UFFD_FEATURE_SIGBUS: then the kernel's fault fails and the call returns an error).
 */
export declare function driverBlockedMessage(): string;
/** The oracle reads at most 2^24 pages (64 GiB) per pagemap(). */
export declare const PAGEMAP_TOO_LARGE = "pagemap() covers more than 16M pages (64G)";
/** One pagemap word and the kpageflags of its PFN (null when not present). */
export declare function decodePagemapWord(pm: bigint, kpf: bigint | null): PageFact;
/** The path of an smaps header line -> the backing of a MapsEntry. */
export declare function decodeBacking(path: string, offset: bigint): MapsEntry['backing'];
export declare function decodeMapsEntry(raw: unknown): MapsEntry;
/** One JSON line of an op -> its Fact. */
export declare function decodeFact(program: Program, raw: unknown): Fact;
export type DecodeResult = {
    readonly ok: true;
    readonly header: RunHeader;
    readonly facts: Fact[];
    /** Per fact, the `"ns"` the oracle reported (MMSEXEC_TIMING=1), else null. */
    readonly ns: (number | null)[];
} | {
    readonly ok: false;
    readonly fatal: string;
    readonly reason: string;
};
/**
 * The whole stdout of a run: a header line `{"top":..}`, one line per op (fewer when an error
 * fact stopped the run), then `{"end":true}`. `{"fatal":..}` anywhere ends the run.
 */
export declare function decodeOracleOutput(program: Program, stdout: string): DecodeResult;
