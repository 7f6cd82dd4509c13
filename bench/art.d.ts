/**
 * An ART-style concurrent mark-compact cycle over a 1 GiB heap (262,144 pages), the shape of
 * art/runtime/gc/collector/mark_compact.cc in copy mode: the pause moves the heap to the
 * from-space with MREMAP_DONTUNMAP, the emptied moving space is registered MISSING, then every
 * page is mapped back with UFFDIO_COPY: the lower half by the GC thread (top-down, one page at
 * a time, as ART's compaction loop does), the upper half after mutator faults (a mutator
 * thread reads the heap in address order, blocks in a userfault on each page, and the handler
 * answers with a COPY of that page, which wakes it).
 *
 * Compared: the sum of the kernel's syscall times for the statements of each phase (measured
 * inside the oracle around each ioctl; the kernel's own fault handling in the mutator thread
 * is not in it, which favours the kernel) against the simulator's time for the same
 * statements (which includes its simulated faults, wake-ups and settling).
 */
import type { Effect } from '../src/core/effects';
interface Measured {
    sim: number[];
    kernel: number[] | null;
    effects: (readonly Effect[])[];
    skip: string | null;
}
interface Row {
    what: string;
    sim: string;
    kernel: string;
    ratio: string;
    detail: string;
}
export declare function artScript(): {
    text: string;
    gcOps: [number, number];
    mutatorOps: [number, number];
};
export declare function artRows(measure: (text: string, name: string) => Promise<Measured>): Promise<Row[]>;
export {};
