/**
 * Virtual memory areas: the VMA type, its VM_* flags, the sorted VMA array of an `Mm`, and the
 * kernel's split / merge / modify rules (mm/vma.c).
 *
 * VM_* values are this simulator's own bit assignment (all below 2^31 so that bit operations
 * stay exact); names and meanings are the kernel's (include/linux/mm.h).
 */
import type { Mm } from './mm';
import type { ShmemFile } from './shmem';
import type { BackingRecord, VmaRecord } from './effects';
import { type Pgoff, type Vaddr } from './addr';
export declare const VM_NONE = 0;
export declare const VM_READ = 1;
export declare const VM_WRITE = 2;
export declare const VM_EXEC = 4;
export declare const VM_SHARED = 8;
export declare const VM_MAYREAD = 16;
export declare const VM_MAYWRITE = 32;
export declare const VM_MAYEXEC = 64;
export declare const VM_MAYSHARE = 128;
export declare const VM_GROWSDOWN = 256;
export declare const VM_UFFD_MISSING = 512;
export declare const VM_PFNMAP = 1024;
export declare const VM_MERGEABLE = 2048;
export declare const VM_UFFD_WP = 4096;
export declare const VM_LOCKED = 8192;
export declare const VM_IO = 16384;
export declare const VM_SEQ_READ = 32768;
export declare const VM_RAND_READ = 65536;
export declare const VM_DONTCOPY = 131072;
export declare const VM_DONTEXPAND = 262144;
export declare const VM_LOCKONFAULT = 524288;
export declare const VM_ACCOUNT = 1048576;
export declare const VM_NORESERVE = 2097152;
export declare const VM_HUGETLB = 4194304;
export declare const VM_SYNC = 8388608;
export declare const VM_UFFD_MINOR = 16777216;
export declare const VM_WIPEONFORK = 33554432;
export declare const VM_DONTDUMP = 67108864;
export declare const VM_SEALED = 134217728;
export declare const VM_MIXEDMAP = 268435456;
export declare const VM_HUGEPAGE = 536870912;
export declare const VM_NOHUGEPAGE = 1073741824;
/** Bit 31 (kernel: VM_DROPPABLE is a high bit): negative as an int32, fine for bit tests. */
export declare const VM_DROPPABLE: number;
export declare const VM_ACCESS_FLAGS: number;
/** include/linux/mm.h VM_SPECIAL: never merged, never expanded. */
export declare const VM_SPECIAL: number;
export declare const VM_LOCKED_MASK: number;
export declare const VM_UFFD_FLAGS: number;
export declare function vmFlagNames(flags: number): string[];
export declare class Vma {
  id: number;
  start: Vaddr;
  end: Vaddr;
  flags: number;
  /** vm_pgoff: file offset of start in pages; for private anon, start >> PAGE_SHIFT at mmap. */
  pgoff: Pgoff;
  /** The mapped file: a memfd or the shmem file of a shared anonymous mapping; null = anon. */
  file: ShmemFile | null;
  /** Identity of the anon_vma (mm/rmap.c), 0 = none yet. */
  anonVma: number;
  /** The userfaultfd context registered on this VMA, 0 = none. */
  uffdCtx: number;
  /** The runtime above `top`: never printed, never merged. */
  readonly runtime: boolean;
  constructor(
    id: number,
    start: number,
    end: number,
    flags: number,
    pgoff: number,
    file: ShmemFile | null,
    anonVma?: number,
    uffdCtx?: number,
    runtime?: boolean,
  );
  pages(): number;
  /** The file page index that address a maps. */
  linearIndex(a: number): number;
  copy(file?: ShmemFile | null): Vma;
}
/** vma_is_anonymous(): private anonymous memory (no vm_ops; shared anon has shmem's). */
export declare function vmaIsAnonymous(v: Vma): boolean;
export declare function vmaIsShared(v: Vma): boolean;
export declare function backingRecord(v: Vma): BackingRecord;
export declare function vmaRecord(v: Vma): VmaRecord;
/** Index of the first VMA with end > addr (find_vma), or vmas.length. */
export declare function findVmaIndex(mm: Mm, addr: number): number;
/** find_vma(): the first VMA ending above addr. */
export declare function findVma(mm: Mm, addr: number): Vma | undefined;
/** vma_lookup(): the VMA containing addr. */
export declare function vmaLookup(mm: Mm, addr: number): Vma | undefined;
/** find_vma_intersection(): the first VMA overlapping [start, end). */
export declare function findVmaIntersection(mm: Mm, start: number, end: number): Vma | undefined;
export declare function vmaIndex(mm: Mm, v: Vma): number;
export declare function vmaPrev(mm: Mm, v: Vma): Vma | undefined;
export declare function vmaNext(mm: Mm, v: Vma): Vma | undefined;
/** The VMAs overlapping [start, end), in order. */
export declare function vmasIn(mm: Mm, start: number, end: number): Vma[];
/** Insert into the array (maple tree store), no effect record. */
export declare function treeInsert(mm: Mm, v: Vma): void;
/** Remove from the array (maple tree clear), no effect record. */
export declare function treeRemove(mm: Mm, v: Vma): void;
/** vma_link(): a new VMA enters the tree. */
export declare function linkVma(mm: Mm, v: Vma): void;
/** vma_set_range() on a VMA in the tree, logged as a change. */
export declare function vmaSetRange(
  mm: Mm,
  v: Vma,
  start: number,
  end: number,
  pgoff: number,
): void;
/** Change flags of a whole VMA in place (vm_flags_reset), logged. */
export declare function vmaSetFlags(mm: Mm, v: Vma, flags: number): void;
/** A VMA leaves the address space for good (remove_vma): drop its file reference. */
export declare function releaseVma(mm: Mm, v: Vma): void;
/** split_vma(): with the map_count limit (sysctl_max_map_count). */
export declare function splitVma(mm: Mm, v: Vma, addr: number, newBelow: boolean): number;
/**
 * __split_vma(): split v at addr. The kernel allocates the new VMA for the lower part when
 * newBelow, else for the upper part, and `v` keeps the other: so does this function (callers
 * keep using `v` as the kernel does). Ids follow effects.ts: the lowest part keeps v's id.
 */
export declare function splitVmaNoCheck(mm: Mm, v: Vma, addr: number, newBelow: boolean): number;
export interface Vmg {
  prev: Vma | undefined;
  next: Vma | undefined;
  /** The existing VMA being modified (existing-range merge) or the merge target. */
  vma: Vma | undefined;
  start: number;
  end: number;
  pgoff: number;
  flags: number;
  file: ShmemFile | null;
  anonVma: number;
  uffdCtx: number;
  /** copy_vma(): the VMA being copied, whose anon_vma the target inherits. */
  copiedFrom: Vma | undefined;
}
/** VMG_VMA_STATE(): a merge state describing [start, end) of an existing VMA. */
export declare function vmgForVma(prev: Vma | undefined, v: Vma, start: number, end: number): Vmg;
/**
 * vma_merge_existing_range(): [vmg.start, vmg.end) of vmg.vma gets new attributes (in vmg);
 * merge it into prev and/or next when they are compatible. Returns the merged VMA or null.
 */
export declare function vmaMergeExistingRange(mm: Mm, vmg: Vmg): Vma | null;
/**
 * vma_merge_new_range(): a new range [vmg.start, vmg.end) is about to be mapped (the caller
 * made sure it is empty and set vmg.prev/next); expand a compatible neighbour over it instead.
 */
export declare function vmaMergeNewRange(mm: Mm, vmg: Vmg): Vma | null;
/**
 * vma_expand(): grow target to [start, end), absorbing next when end reaches next's end.
 */
export declare function vmaExpand(
  mm: Mm,
  target: Vma,
  start: number,
  end: number,
  pgoff: number,
  next: Vma | undefined,
  copiedFrom: Vma | undefined,
): void;
export interface VmaChange {
  readonly flags?: number;
  readonly uffdCtx?: number;
}
/**
 * vma_modify(): give [start, end) of v new attributes; merge with neighbours if possible,
 * else split off the parts outside the range. Returns the VMA now covering exactly
 * [start, end), or -errno.
 */
export declare function vmaModify(
  mm: Mm,
  prev: Vma | undefined,
  v: Vma,
  start: number,
  end: number,
  change: VmaChange,
): Vma | number;
/** vma_modify_flags(); the caller then sets the flags on the returned VMA (vm_flags_reset). */
export declare function vmaModifyFlags(
  mm: Mm,
  prev: Vma | undefined,
  v: Vma,
  start: number,
  end: number,
  flags: number,
): Vma | number;
/** vma_merge_extend(): mremap growing v in place by delta bytes. */
export declare function vmaMergeExtend(mm: Mm, v: Vma, delta: number): Vma | null;
/**
 * copy_vma(): the destination VMA of an mremap move, merged into a neighbour when possible.
 * An unfaulted anonymous VMA gets its pgoff rebased to the new address first.
 */
export declare function copyVma(
  mm: Mm,
  v: Vma,
  addr: number,
  len: number,
  pgoff: number,
): {
  vma: Vma;
  needRmapLocks: boolean;
  sourceMerged: boolean;
} | null;
/** PMD-aligned range fully inside v (thp_vma_suitable_order for PMD order, anonymous). */
export declare function thpSuitable(v: Vma, haddr: number): boolean;
