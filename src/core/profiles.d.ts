/**
 * Kernel behaviour profiles. The default is the host kernel (6.18); older profiles switch off
 * what their version did not have yet (version table in /work/shared/spec/kernel-notes.md).
 * Only 6.18 is checked against the real kernel; the others are unit-tested from the sources.
 */
export interface Profile {
  /** "6.18" */
  readonly name: string;
  readonly major: number;
  readonly minor: number;
  /** 5.7: MREMAP_DONTUNMAP exists (private anonymous only before 5.13). */
  readonly dontunmap: boolean;
  /** 5.11: move_page_tables can move whole PUD entries. */
  readonly pudMoves: boolean;
  /** 5.13: MREMAP_DONTUNMAP on any VMA without VM_DONTEXPAND|VM_PFNMAP (shmem, memfd). */
  readonly dontunmapAnyVma: boolean;
  /** 5.14: userfaultfd minor faults and UFFDIO_CONTINUE on shmem. */
  readonly shmemMinor: boolean;
  /** 6.7: move_page_tables aligns the first chunk down to a PMD boundary when it can. */
  readonly alignDown: boolean;
  /** 6.8: UFFDIO_MOVE. */
  readonly uffdMove: boolean;
  /** 6.10: mseal (EPERM on sealed VMAs). */
  readonly mseal: boolean;
  /** 6.17: multi-VMA mremap moves; parameter checks before any lookup or unmap. */
  readonly multiVmaMove: boolean;
  /** sysctl vm.max_map_count. */
  readonly maxMapCount: number;
  /** VMAs of the oracle's process outside the script's range (count toward max_map_count). */
  readonly runtimeMapCount: number;
  /** RAM + swap in pages: the overcommit heuristic's limit (mm/util.c __vm_enough_memory). */
  readonly totalPages: number;
  /** /sys/kernel/mm/transparent_hugepage/use_zero_page */
  readonly thpUseZeroPage: boolean;
  /** /proc/sys/vm/fault_around_bytes / PAGE_SIZE */
  readonly faultAroundPages: number;
}
/** The workplace's kernel: Linux 6.18 x86-64, 24,684,096 kB RAM, no swap. */
export declare const KERNEL_6_18: Profile;
/** The profile for `kernel X.Y`, or the newest (6.18) for null. Unknown syntax -> null. */
export declare function profileFor(version: string | null): Profile | null;
