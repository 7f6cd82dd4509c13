/**
 * munmap(2) and the unmapping core shared with mmap(MAP_FIXED) and mremap (mm/vma.c
 * do_vmi_munmap, do_vmi_align_munmap, vms_gather_munmap_vmas, vms_complete_munmap_vmas).
 */
import type { Mm } from '../mm';
import { type Vma } from '../vma';
import { type SysResult } from './result';
/** Hooks for userfaultfd's UNMAP events (filled by the uffd work; unused otherwise). */
export interface UnmapEvents {
  /** userfaultfd_unmap_prep(): called for each VMA about to be unmapped over [start, end). */
  prep(mm: Mm, v: Vma, start: number, end: number): number;
}
/** A gathered munmap (struct vma_munmap_struct): the VMAs to remove and the table bounds. */
export interface MunmapGather {
  readonly start: number;
  readonly end: number;
  readonly vmas: Vma[];
  /** The previous VMA's end (0 = none) and the next VMA's start (0 = none). */
  readonly unmapStart: number;
  readonly unmapEnd: number;
}
/**
 * vms_gather_munmap_vmas(): split the first and last VMA at start/end and collect the VMAs of
 * [start, end) (starting with `vma`, the first one overlapping). Leaves them in the tree.
 */
export declare function gatherMunmapVmas(
  mm: Mm,
  vma: Vma,
  start: number,
  end: number,
  uf?: UnmapEvents,
): MunmapGather | number;
/** Detach the gathered VMAs from the tree (vma_iter_clear_gfp). */
export declare function detachGathered(mm: Mm, g: MunmapGather): void;
/** vms_clear_ptes(): zap the range and free its page tables. */
export declare function clearGatheredPtes(mm: Mm, g: MunmapGather): void;
/** vms_complete_munmap_vmas(): release the VMAs (their files). */
export declare function completeGathered(mm: Mm, g: MunmapGather): void;
/** do_vmi_align_munmap(): unmap the page-aligned [start, end) whose first VMA is vma. */
export declare function doVmiAlignMunmap(
  mm: Mm,
  vma: Vma,
  start: number,
  end: number,
  uf?: UnmapEvents,
): number;
/**
 * do_vmi_munmap(): validate and unmap [start, start + PAGE_ALIGN(len)). Returns 0 or -errno.
 * Arguments are already numbers; use sysMunmap for raw u64 arguments.
 */
export declare function doVmiMunmap(mm: Mm, start: number, len: number, uf?: UnmapEvents): number;
/** munmap(2). */
export declare function sysMunmap(mm: Mm, addr: bigint, len: bigint, uf?: UnmapEvents): SysResult;
