/**
 * move_page_tables(): how mremap moves the page-table entries of a range from one address to
 * another, at the highest level it can (mm/mremap.c, Linux 6.18).
 *
 * The algorithm, as the kernel runs it (6.18 line references are to mm/mremap.c functions):
 *
 * 1. `move_page_tables()`: nothing to do for len 0. Before the loop, `try_realign_addr(PMD)`
 *    (6.7+, `can_realign_addr()`): when old_addr is not PMD-aligned, old_addr and new_addr have
 *    the same offset within 2 MiB, the range reaches (or crosses) the next PMD boundary
 *    (len_in >= PMD_SIZE - offset), and `can_align_down()` holds for both sides (the address is
 *    its VMA's vm_start and no VMA intersects [addr & PMD_MASK, vm_start)), both addresses are
 *    rounded down. old_end stays: only the start of the walk moves, and the rounded-down
 *    prefix maps nothing. `pmc_progress()` reports progress against the original start.
 * 2. The loop walks [old_addr, old_end) in chunks. Each chunk first gets
 *    `extent = get_extent(NORMAL_PUD)`: up to the next PUD boundary of old_addr, of new_addr,
 *    and old_end, whichever is nearest.
 *    - `get_old_pud()`: no PGD entry or no PUD entry at old_addr -> skip the whole extent
 *      (nothing is allocated at the destination).
 *    - `alloc_new_pud()`: the destination PUD table is allocated (p4d is folded).
 *    - If extent == PUD_SIZE (HAVE_MOVE_PUD, 5.11+): `move_normal_pud()` moves the PMD table
 *      as one PUD entry, unless the destination PUD entry is not empty (WARN, fall back) or
 *      the VMA has a uffd context without EVENT_REMAP (uffd-wp bits must be cleared one by
 *      one). Anonymous memory has no PUD-sized THP, so `pud_trans_huge()` never holds here.
 * 3. Otherwise `extent = get_extent(NORMAL_PMD)` (next PMD boundary of either side, or end).
 *    - `get_old_pmd()`: PMD entry none -> skip the extent.
 *    - `alloc_new_pmd()`: destination PUD and PMD tables allocated.
 *    - A huge PMD (THP or huge zero page): if extent == HPAGE_PMD_SIZE, `move_huge_pmd()`
 *      (mm/huge_memory.c) moves it as one entry, the deposited PTE table with it (VmPTE
 *      unchanged), clearing uffd-wp when the VMA has uffd without EVENT_REMAP; it refuses a
 *      non-empty destination PMD. Otherwise (or refused) `split_huge_pmd()` turns it into a
 *      PTE table first.
 *    - A PTE table with extent == PMD_SIZE (HAVE_MOVE_PMD): `move_normal_pmd()` moves the
 *      table as one PMD entry, with the same two refusals as the PUD case.
 *    - Then, if the source PMD is (now) none, skip; else `pte_alloc()` the destination table
 *      and `move_ptes()`: every non-none PTE of the extent is cleared at the source and set at
 *      the destination (present pages keep their PFN; markers move; without EVENT_REMAP a
 *      uffd-wp marker is dropped and the uffd-wp bit cleared). The source table stays (it is
 *      freed later by free_pgtables when the source is unmapped, or kept by DONTUNMAP).
 *
 * Table allocation never fails in the simulator, so the returned progress is always len.
 *
 * Profiles: PMD moves exist in every profile (5.0+); PUD moves from 5.11
 * (`profile >= 5.11`, absent in the 5.7 profile); align-down from 6.7. Before 5.11 the extent
 * was computed from old_addr only and move_normal_pmd()/move_huge_pmd() themselves refused a
 * misaligned new_addr; the outcome (which level moves) is the same as with get_extent().
 *
 * Effects: one `entries.move` per chunk that moved something: level 'pud' (count 1, a whole
 * PMD table), 'pmd' (count 1, a PTE table or, huge, a THP) or 'pte' (count = entries moved);
 * `table.alloc` come from the page-table allocators.
 *
 * Cost: a PUD move touches one word (plus the 512 bases of the moved PMD table's PTE tables,
 * kept for inspection); a PMD move one word; a PTE chunk is a `copyWithin` + `fill` of at most
 * 512 words of the PTE pool and a scan counting what moved. No per-page objects.
 */
import type { Mm } from './mm';
import type { Vma } from './vma';
import type { Profile } from './profiles';
/**
 * The mremap behaviour of a profile (profiles.ts flags, plus what only mremap cares about):
 * - movePud: HAVE_MOVE_PUD moves (5.11, "mm: speedup mremap on 1GB or larger regions").
 * - alignDown: try_realign_addr() in move_page_tables() (6.7).
 * - dontunmapAnyVma: MREMAP_DONTUNMAP on any VMA without VM_DONTEXPAND|VM_PFNMAP (5.13,
 *   "mm: extend MREMAP_DONTUNMAP to non-anonymous mappings"); before, private anon only.
 * - earlyLookup: the syscall looks the VMA up before anything else (5.16, hugetlb mremap
 *   support), so a shrink or same-size call on an unmapped address fails with EFAULT.
 * - multiVma: the 6.17 rework: all parameter checks before the lookup, FIXED same-size moves
 *   over several VMAs (remap_move()), lengths page-aligned before the checks.
 * - dontunmapUnlinksAnonVma: DONTUNMAP of a whole VMA drops its anon_vma
 *   (unlink_anon_vmas() in move_vma(), 6.1).
 */
export interface MremapFeatures {
  readonly movePud: boolean;
  readonly alignDown: boolean;
  readonly dontunmap: boolean;
  readonly dontunmapAnyVma: boolean;
  readonly earlyLookup: boolean;
  readonly multiVma: boolean;
  readonly mseal: boolean;
  readonly dontunmapUnlinksAnonVma: boolean;
}
export declare function mremapFeatures(profile: Profile): MremapFeatures;
/**
 * userfaultfd_armed(): the VMA is registered with a userfaultfd (any mode).
 */
export declare function userfaultfdArmed(v: Vma): boolean;
/**
 * vma_has_uffd_without_event_remap(): registered with a uffd that did not ask for
 * UFFD_FEATURE_EVENT_REMAP, so the new range will lose the registration and the uffd-wp state
 * must be cleared entry by entry.
 */
export declare function vmaHasUffdWithoutEventRemap(mm: Mm, v: Vma): boolean;
/**
 * Whether a uffd context asked for UFFD_FEATURE_EVENT_REMAP. Hook for the userfaultfd work:
 * until contexts carry their features, a registered VMA is treated as without EVENT_REMAP
 * (the conservative case: PTE-by-PTE moves, registration dropped).
 */
export declare function uffdCtxHasEventRemap(_mm: Mm, _ctx: number): boolean;
/** struct pagetable_move_control (mm/internal.h). */
export interface PageTableMoveControl {
  /** Source VMA (pmc->old) and destination VMA (pmc->new). */
  readonly old: Vma;
  readonly new: Vma;
  oldAddr: number;
  newAddr: number;
  /** old_addr + len_in, fixed even when the start is realigned. */
  readonly oldEnd: number;
  readonly lenIn: number;
}
export declare function pageTableMoveControl(
  old: Vma,
  newVma: Vma,
  oldAddr: number,
  newAddr: number,
  len: number,
): PageTableMoveControl;
/** get_extent(): bytes to the nearest of the next boundary of either address and old_end. */
export declare function getExtent(pmc: PageTableMoveControl, size: number): number;
/** can_realign_addr() for the PMD level (the only level the kernel realigns at). */
export declare function canRealignAddr(mm: Mm, pmc: PageTableMoveControl): boolean;
/**
 * move_page_tables(): move the entries of [pmc.oldAddr, pmc.oldAddr + len) to pmc.newAddr.
 * Returns the number of bytes of the original range whose tables were moved.
 */
export declare function movePageTables(mm: Mm, pmc: PageTableMoveControl): number;
