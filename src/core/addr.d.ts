/**
 * Addresses, page frame numbers and file offsets, as branded numbers.
 *
 * Inside the core every user address is below TASK_SIZE (2^47 - 4096), so it is exact in a
 * double and arithmetic on it is cheap. Values that come from a script are unsigned 64-bit
 * (`bigint`); the syscall layer validates them against the kernel's limits first and only then
 * brands them (see `toVaddr`). Branding keeps a page index from being passed where a byte
 * address is expected, which is the classic mm bug (pgoff vs. address vs. pfn).
 */
declare const vaddrBrand: unique symbol;
declare const pfnBrand: unique symbol;
declare const pgoffBrand: unique symbol;
/** A user virtual address in bytes, 0 <= a <= TASK_SIZE. */
export type Vaddr = number & {
  readonly [vaddrBrand]: true;
};
/** A physical page frame number of the simulated machine. */
export type Pfn = number & {
  readonly [pfnBrand]: true;
};
/** A file offset in pages (the kernel's `pgoff_t`, `vma->vm_pgoff`). */
export type Pgoff = number & {
  readonly [pgoffBrand]: true;
};
export declare const PAGE_SHIFT = 12;
export declare const PAGE_SIZE = 4096;
export declare const PTRS_PER_TABLE = 512;
/** Bytes mapped by one entry at each level (x86-64, 4-level paging). */
export declare const PMD_SHIFT = 21;
export declare const PUD_SHIFT = 30;
export declare const PGDIR_SHIFT = 39;
export declare const PMD_SIZE: number;
export declare const PUD_SIZE: number;
export declare const PGDIR_SIZE: number;
/** arch/x86/include/asm/page_64_types.h: TASK_SIZE_MAX = (1 << 47) - PAGE_SIZE. */
export declare const TASK_SIZE: number;
export declare const TASK_SIZE_BIG: bigint;
export declare const U64_MASK: bigint;
export declare function vaddr(n: number): Vaddr;
export declare function pfn(n: number): Pfn;
export declare function pgoff(n: number): Pgoff;
/** Convert a u64 that the caller has already checked to be <= TASK_SIZE. */
export declare function toVaddr(v: bigint): Vaddr;
export declare function pageAligned(a: number): boolean;
/** PAGE_ALIGN() on a u64: round up, wrapping modulo 2^64 as the kernel's unsigned math does. */
export declare function pageAlignU64(v: bigint): bigint;
export declare function alignDown(a: number, size: number): number;
export declare function alignUp(a: number, size: number): number;
/** Index of the entry covering `a` in the table of the given level. */
export declare function pgdIndex(a: number): number;
export declare function pudIndex(a: number): number;
export declare function pmdIndex(a: number): number;
export declare function pteIndex(a: number): number;
export {};
