/** One past the highest user address: TASK_SIZE + PAGE_SIZE = 2^47 (128 TiB). */
export declare const ADDRESS_LIMIT: number;
export type SegmentKind = 'vma' | 'gap' | 'runtime';
export interface Segment {
    readonly kind: SegmentKind;
    readonly start: number;
    readonly end: number;
    /** VMA id for `vma` segments, -1 otherwise. */
    readonly id: number;
    /** Position on the abstract axis: [u0, u1). */
    readonly u0: number;
    readonly u1: number;
}
export interface AddressAxis {
    readonly segments: readonly Segment[];
    /** Total abstract width. */
    readonly total: number;
    /** Address -> abstract position. */
    toU(addr: number): number;
    /** Abstract position -> address (page-aligned down). */
    toAddr(u: number): number;
}
export declare function buildAxis(vmas: readonly {
    readonly id: number;
    readonly start: number;
    readonly end: number;
}[], top: number): AddressAxis;
