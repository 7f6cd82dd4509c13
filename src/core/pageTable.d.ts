/**
 * Four-level page tables (x86-64 without LA57: PGD -> PUD -> PMD -> PTE, 512 entries each),
 * stored compactly: one Int32Array pool per level, table `t` occupying [t*512, t*512 + 512).
 * No object per entry or per table.
 *
 * Entry words (int32):
 * - PGD and PUD entries: 0 = none, else (child table id + 1).
 * - Leaf entries (a PTE, or a huge PMD mapping a THP / the huge zero page):
 *   bit0 PRESENT, bit1 WRITE, bit2 UFFD_WP, bit3 DIRTY, pfn = e >>> PFN_SHIFT.
 * - A PMD pointing to a PTE table: bit4 TABLE, table id = e >>> PFN_SHIFT.
 * - A non-zero word without PRESENT or TABLE is a PTE marker (include/linux/swapops.h
 *   make_pte_marker): marker bits = e >>> PFN_SHIFT (1 UFFD_WP, 2 POISONED, 4 GUARD).
 *
 * VmPTE (fs/proc/task_mmu.c: mm_pgtables_bytes) counts PTE, PMD and PUD tables, 4 KiB each; the
 * PGD is not counted. A huge PMD has a PTE table deposited beside it
 * (mm/huge_memory.c: pgtable_trans_huge_deposit + mm_inc_nr_ptes), which counts too: we keep
 * only its count (`deposited`), and a split takes it back as a real table.
 */
import type { EffectLog, TableLevel } from './effects';
export declare const PTE_PRESENT = 1;
export declare const PTE_WRITE = 2;
export declare const PTE_UFFD_WP = 4;
export declare const PTE_DIRTY = 8;
export declare const PMD_TABLE = 16;
export declare const PFN_SHIFT = 5;
export declare const PTE_FLAGS_MASK: number;
export declare const MARKER_UFFD_WP = 1;
export declare const MARKER_POISONED = 2;
export declare const MARKER_GUARD = 4;
export declare function mkPte(pfn: number, write: boolean, wp?: boolean): number;
export declare function mkMarker(bits: number): number;
export declare function pteIsPresent(e: number): boolean;
export declare function pteIsMarker(e: number): boolean;
export declare function pteMarkerBits(e: number): number;
export declare function ptePfn(e: number): number;
export declare function pteWrite(e: number): boolean;
export declare function pteUffdWp(e: number): boolean;
export declare function pmdIsTable(e: number): boolean;
/** A huge PMD leaf (pmd_trans_huge). */
export declare function pmdIsHuge(e: number): boolean;
export declare function pmdTable(e: number): number;
export declare function mkPmdTable(table: number): number;
/** The tables of one level. */
export declare class TablePool {
  data: Int32Array;
  /** Base address of each table's range (for effects and inspection). */
  base: Float64Array;
  capacity: number;
  freeIds: number[];
  next: number;
  /** Tables in use. */
  live: number;
  constructor(src?: TablePool);
  alloc(base: number): number;
  free(t: number): void;
}
export declare function pteIdx(addr: number): number;
export declare function pmdIdx(addr: number): number;
export declare function pudIdx(addr: number): number;
export declare function pgdIdx(addr: number): number;
/** pmd_addr_end() and friends: the next boundary, or end if that comes first. */
export declare function addrEnd(addr: number, end: number, size: number): number;
export declare class PageTables {
  pgd: Int32Array;
  pud: TablePool;
  pmd: TablePool;
  pte: TablePool;
  /** PTE tables deposited beside huge PMDs (counted in VmPTE, no storage). */
  deposited: number;
  /** VmPTE at the start of the run (the runtime's tables). */
  baseline: number;
  constructor(src?: PageTables);
  clone(): PageTables;
  /** VmPTE in bytes (mm_pgtables_bytes). */
  bytes(): number;
  /** Slot of the PUD entry covering addr, in pud.data. */
  pudSlot(addr: number): number;
  /** Slot of the PMD entry covering addr, in pmd.data. */
  pmdSlot(addr: number): number;
  /** Slot of the PTE covering addr, in pte.data; -1 if there is no PTE table (or a huge PMD). */
  pteSlot(addr: number): number;
  pudSlotAlloc(addr: number, log: EffectLog): number;
  pmdSlotAlloc(addr: number, log: EffectLog): number;
  /** The PTE slot for addr, allocating tables; -1 if a huge PMD maps addr. */
  pteSlotAlloc(addr: number, log: EffectLog): number;
  /** Take the PTE table out of a PMD slot (pmd_clear), returning the PMD word. */
  detachPteTable(pmdSlot: number): number;
  /** Put a PMD word (a PTE table or a huge PMD) into an empty PMD slot; rebases the table. */
  attachPteTable(pmdSlot: number, word: number, newBase: number): void;
  /** Take the PMD table out of a PUD slot, returning the PUD word (table id + 1). */
  detachPmdTable(pudSlot: number): number;
  /** Put a PUD word into an empty PUD slot; rebases the PMD table and its PTE tables. */
  attachPmdTable(pudSlot: number, word: number, newBase: number): void;
  /**
   * free_pgd_range(): free the page tables that map only [addr, end), given that the
   * neighbouring VMAs end at `floor` and start at `ceiling` (0 = no ceiling, the kernel's
   * USER_PGTABLES_CEILING). The range's entries must already be zapped.
   */
  freePgdRange(addr: number, end: number, floor: number, ceiling: number, log: EffectLog): void;
  private freePudRange;
  private freePmdRange;
  /** The tail of free_pmd_range / free_pud_range: may the upper table go too? */
  private mayFreeUpper;
  /** Level of a table pool, for effect records. */
  static levelName(level: 0 | 1 | 2): TableLevel;
}
