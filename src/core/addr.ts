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
export type Vaddr = number & { readonly [vaddrBrand]: true };
/** A physical page frame number of the simulated machine. */
export type Pfn = number & { readonly [pfnBrand]: true };
/** A file offset in pages (the kernel's `pgoff_t`, `vma->vm_pgoff`). */
export type Pgoff = number & { readonly [pgoffBrand]: true };

export const PAGE_SHIFT = 12;
export const PAGE_SIZE = 4096;
export const PTRS_PER_TABLE = 512;
/** Bytes mapped by one entry at each level (x86-64, 4-level paging). */
export const PMD_SHIFT = 21;
export const PUD_SHIFT = 30;
export const PGDIR_SHIFT = 39;
export const PMD_SIZE = 2 ** PMD_SHIFT; // 2 MiB: one PTE table / one THP
export const PUD_SIZE = 2 ** PUD_SHIFT; // 1 GiB: one PMD table
export const PGDIR_SIZE = 2 ** PGDIR_SHIFT; // 512 GiB: one PUD table
/** arch/x86/include/asm/page_64_types.h: TASK_SIZE_MAX = (1 << 47) - PAGE_SIZE. */
export const TASK_SIZE = 2 ** 47 - PAGE_SIZE;
export const TASK_SIZE_BIG = BigInt(TASK_SIZE);
export const U64_MASK = (1n << 64n) - 1n;

export function vaddr(n: number): Vaddr {
  return n as Vaddr;
}
export function pfn(n: number): Pfn {
  return n as Pfn;
}
export function pgoff(n: number): Pgoff {
  return n as Pgoff;
}

/** Convert a u64 that the caller has already checked to be <= TASK_SIZE. */
export function toVaddr(v: bigint): Vaddr {
  return Number(v) as Vaddr;
}

export function pageAligned(a: number): boolean {
  return a % PAGE_SIZE === 0;
}
const PAGE_OFFSET_BIG = BigInt(PAGE_SIZE - 1);
const PAGE_ALIGN_MASK_BIG = ~PAGE_OFFSET_BIG & U64_MASK;

/** PAGE_ALIGN() on a u64: round up, wrapping modulo 2^64 as the kernel's unsigned math does. */
export function pageAlignU64(v: bigint): bigint {
  // The masks are made once: each bigint operation allocates.
  return (v + PAGE_OFFSET_BIG) & PAGE_ALIGN_MASK_BIG;
}
export function alignDown(a: number, size: number): number {
  return a - (a % size);
}
export function alignUp(a: number, size: number): number {
  const r = a % size;
  return r === 0 ? a : a + (size - r);
}
/** Index of the entry covering `a` in the table of the given level. */
export function pgdIndex(a: number): number {
  return Math.floor(a / PGDIR_SIZE) % PTRS_PER_TABLE;
}
export function pudIndex(a: number): number {
  return Math.floor(a / PUD_SIZE) % PTRS_PER_TABLE;
}
export function pmdIndex(a: number): number {
  return Math.floor(a / PMD_SIZE) % PTRS_PER_TABLE;
}
export function pteIndex(a: number): number {
  return Math.floor(a / PAGE_SIZE) % PTRS_PER_TABLE;
}
