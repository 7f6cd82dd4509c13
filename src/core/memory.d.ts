/**
 * Tearing mappings down (mm/memory.c): zapping entries (zap_pte_range, zap_huge_pmd), unmapping
 * VMAs, freeing page tables with floor/ceiling (free_pgtables), and unmapping a file range from
 * every VMA that maps it (unmap_mapping_range).
 */
import type { Mm } from './mm';
import type { Inode } from './shmem';
import type { Cause } from './effects';
import { type Vma } from './vma';
export interface ZapDetails {
  /**
   * unmap_mapping_range(even_cows): false zaps only page-cache pages of the file, keeping
   * private CoW copies (hole punching); true zaps them too (truncation). Unset: zap all.
   */
  readonly evenCows: boolean;
  /** ZAP_FLAG_DROP_MARKER: munmap drops uffd-wp markers; MADV_DONTNEED keeps them. */
  readonly dropMarkers: boolean;
}
export declare const ZAP_UNMAP: ZapDetails;
export declare const ZAP_KEEP_MARKERS: ZapDetails;
/**
 * zap_page_range_single() / unmap_page_range(): clear the entries of [start, end) inside v,
 * releasing the pages they map. Page tables stay (free_pgtables frees them on munmap).
 */
export declare function zapRange(
  mm: Mm,
  v: Vma,
  start: number,
  end: number,
  cause: Cause,
  details?: ZapDetails,
): void;
/** unmap_vmas(): zap [start, end) in each VMA (the VMAs being unmapped, in order). */
export declare function unmapVmas(
  mm: Mm,
  vmas: readonly Vma[],
  start: number,
  end: number,
  cause: Cause,
): void;
/**
 * free_pgtables(): free the page tables under the (detached) VMAs, between floor (the previous
 * VMA's end, 0 if none) and ceiling (the next VMA's start, 0 if none). VMAs closer than a PMD
 * are freed in one free_pgd_range call, as the kernel batches them.
 */
export declare function freePgtables(
  mm: Mm,
  vmas: readonly Vma[],
  floor: number,
  ceiling: number,
): void;
/**
 * unmap_mapping_range(): zap the pages of file indexes [first, first + nr) (nr < 0: to the end)
 * from every VMA mapping inode.
 */
export declare function unmapMappingRange(
  mm: Mm,
  inode: Inode,
  first: number,
  nr: number,
  evenCows: boolean,
  cause: Cause,
): void;
