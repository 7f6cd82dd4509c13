/**
 * Huge PMDs (anonymous THP and the huge zero page): splitting a PMD mapping into a PTE table
 * (mm/huge_memory.c __split_huge_pmd_locked, __split_huge_zero_page_pmd).
 */
import type { Mm } from './mm';
import type { Vma } from './vma';
import type { Cause } from './effects';
/**
 * split_huge_pmd_if_needed(): when a VMA boundary moves to addr inside a huge PMD that lies
 * within v, the PMD is split first (vma_adjust_trans_huge).
 */
export declare function splitHugePmdIfNeeded(mm: Mm, v: Vma, addr: number): void;
/**
 * __split_huge_pmd(): replace the huge PMD at haddr (if any) by the PTE table deposited beside
 * it, mapping the same pages (the folio stays a THP, now PTE-mapped). The huge zero page splits
 * into 512 entries of the small zero page. VmPTE does not change: the deposited table is reused.
 */
export declare function splitHugePmd(mm: Mm, haddr: number, cause?: Cause): boolean;
/**
 * split_folio() of an anonymous THP (mm/huge_memory.c __folio_split): a PMD mapping is split
 * first, then the folio becomes 512 small pages with the same PFNs. Subpages that nothing maps
 * are freed; mapped subpages that hold only zeroes are remapped to the shared zero page
 * (remap_page with RMP_USE_SHARED_ZEROPAGE: try_to_map_unused_to_zeropage, not in VM_LOCKED or
 * userfaultfd-armed VMAs).
 */
export declare function splitFolio(mm: Mm, head: number, cause: Cause): void;
