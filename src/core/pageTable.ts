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
import { vaddr } from './addr';

// Local copies of addr.ts constants: module bindings cost a getter call per use under some
// loaders (tsx), and these sit on the fault path.
const PAGE_SIZE = 4096;
const PTRS_PER_TABLE = 512;
const PMD_SIZE = 2 ** 21;
const PUD_SIZE = 2 ** 30;
const PGDIR_SIZE = 2 ** 39;

export const PTE_PRESENT = 1;
export const PTE_WRITE = 2;
export const PTE_UFFD_WP = 4;
export const PTE_DIRTY = 8;
export const PMD_TABLE = 16;
export const PFN_SHIFT = 5;
export const PTE_FLAGS_MASK = (1 << PFN_SHIFT) - 1;

export const MARKER_UFFD_WP = 1;
export const MARKER_POISONED = 2;
export const MARKER_GUARD = 4;

export function mkPte(pfn: number, write: boolean, wp = false): number {
  return (pfn << PFN_SHIFT) | PTE_PRESENT | (write ? PTE_WRITE : 0) | (wp ? PTE_UFFD_WP : 0);
}
export function mkMarker(bits: number): number {
  return bits << PFN_SHIFT;
}
export function pteIsPresent(e: number): boolean {
  return (e & PTE_PRESENT) !== 0;
}
export function pteIsMarker(e: number): boolean {
  return e !== 0 && (e & (PTE_PRESENT | PMD_TABLE)) === 0;
}
export function pteMarkerBits(e: number): number {
  return e >>> PFN_SHIFT;
}
export function ptePfn(e: number): number {
  return e >>> PFN_SHIFT;
}
export function pteWrite(e: number): boolean {
  return (e & PTE_WRITE) !== 0;
}
export function pteUffdWp(e: number): boolean {
  return (e & PTE_UFFD_WP) !== 0;
}
export function pmdIsTable(e: number): boolean {
  return (e & PMD_TABLE) !== 0;
}
/** A huge PMD leaf (pmd_trans_huge). */
export function pmdIsHuge(e: number): boolean {
  return (e & PTE_PRESENT) !== 0;
}
export function pmdTable(e: number): number {
  return e >>> PFN_SHIFT;
}
export function mkPmdTable(table: number): number {
  return (table << PFN_SHIFT) | PMD_TABLE;
}

/** The tables of one level. */
export class TablePool {
  data: Int32Array;
  // No base address per table: like the kernel's, a table does not know where it maps (a PUD
  // move then rebases nothing); table.free records take it from the walk that frees it.
  capacity: number;
  freeIds: number[];
  next: number;
  /** Tables in use. */
  live: number;
  /**
   * Growth hint: the table count the running operation may reach (a fault run, a move);
   * 0 = none. See alloc().
   */
  nextHint = 0;

  constructor(src?: TablePool) {
    if (src !== undefined) {
      this.data = src.data.slice();
      this.capacity = src.capacity;
      this.freeIds = src.freeIds.slice();
      this.next = src.next;
      this.live = src.live;
      return;
    }
    this.capacity = 16;
    this.data = new Int32Array(this.capacity * PTRS_PER_TABLE);
    this.freeIds = [];
    this.next = 0;
    this.live = 0;
  }

  /**
   * A zeroed table: a freed one (free() zeroed it already, so no second fill) or a new one.
   * The pool grows by half, or at once to the running operation's hint (at most 8 times larger
   * per step: a hint is an upper bound), so that mapping or moving a whole region copies the
   * pool a few times rather than once per doubling.
   */
  alloc(): number {
    let t = this.freeIds.pop();
    if (t === undefined) {
      if (this.next === this.capacity) {
        const min = this.next + 1;
        this.capacity =
          this.nextHint > min
            ? Math.max(min, Math.min(this.nextHint, this.capacity * 8))
            : Math.max(min, Math.ceil(this.capacity * 1.5));
        const d = new Int32Array(this.capacity * PTRS_PER_TABLE);
        d.set(this.data);
        this.data = d;
      }
      t = this.next++;
    }
    this.live++;
    return t;
  }

  free(t: number): void {
    this.data.fill(0, t * PTRS_PER_TABLE, (t + 1) * PTRS_PER_TABLE);
    this.freeIds.push(t);
    this.live--;
  }
}

/** Index helpers that stay exact above 2^32 (addresses go up to 2^47). */
function vpn(addr: number): number {
  return Math.floor(addr / PAGE_SIZE);
}
export function pteIdx(addr: number): number {
  return vpn(addr) & 511;
}
export function pmdIdx(addr: number): number {
  return Math.floor(addr / PMD_SIZE) & 511;
}
export function pudIdx(addr: number): number {
  return Math.floor(addr / PUD_SIZE) & 511;
}
export function pgdIdx(addr: number): number {
  return Math.floor(addr / PGDIR_SIZE) & 511;
}

/** pmd_addr_end() and friends: the next boundary, or end if that comes first. */
export function addrEnd(addr: number, end: number, size: number): number {
  const boundary = (Math.floor(addr / size) + 1) * size;
  return boundary - 1 < end - 1 ? boundary : end;
}

export class PageTables {
  pgd: Int32Array;
  pud: TablePool;
  pmd: TablePool;
  pte: TablePool;
  /** PTE tables deposited beside huge PMDs (counted in VmPTE, no storage). */
  deposited: number;
  /** VmPTE at the start of the run (the runtime's tables). */
  baseline: number;

  constructor(src?: PageTables) {
    if (src !== undefined) {
      this.pgd = src.pgd.slice();
      this.pud = new TablePool(src.pud);
      this.pmd = new TablePool(src.pmd);
      this.pte = new TablePool(src.pte);
      this.deposited = src.deposited;
      this.baseline = src.baseline;
      return;
    }
    this.pgd = new Int32Array(PTRS_PER_TABLE);
    this.pud = new TablePool();
    this.pmd = new TablePool();
    this.pte = new TablePool();
    this.deposited = 0;
    this.baseline = 0;
  }

  clone(): PageTables {
    return new PageTables(this);
  }

  /** VmPTE in bytes (mm_pgtables_bytes). */
  bytes(): number {
    return (this.pud.live + this.pmd.live + this.pte.live + this.deposited) * PAGE_SIZE;
  }

  // ---- lookups (no allocation); -1 when a level is missing ----

  /** Slot of the PUD entry covering addr, in pud.data. */
  pudSlot(addr: number): number {
    const g = this.pgd[pgdIdx(addr)]!;
    if (g === 0) return -1;
    return (g - 1) * PTRS_PER_TABLE + pudIdx(addr);
  }

  /** Slot of the PMD entry covering addr, in pmd.data. */
  pmdSlot(addr: number): number {
    const s = this.pudSlot(addr);
    if (s < 0) return -1;
    const u = this.pud.data[s]!;
    if (u === 0) return -1;
    return (u - 1) * PTRS_PER_TABLE + pmdIdx(addr);
  }

  /** Slot of the PTE covering addr, in pte.data; -1 if there is no PTE table (or a huge PMD). */
  pteSlot(addr: number): number {
    const s = this.pmdSlot(addr);
    if (s < 0) return -1;
    const m = this.pmd.data[s]!;
    if ((m & PMD_TABLE) === 0) return -1;
    return (m >>> PFN_SHIFT) * PTRS_PER_TABLE + pteIdx(addr);
  }

  // ---- allocation on demand (__pud_alloc, __pmd_alloc, __pte_alloc) ----

  pudSlotAlloc(addr: number, log: EffectLog): number {
    const gi = pgdIdx(addr);
    let g = this.pgd[gi]!;
    if (g === 0) {
      const base = Math.floor(addr / PGDIR_SIZE) * PGDIR_SIZE;
      g = this.pud.alloc() + 1;
      this.pgd[gi] = g;
      log.push({ type: 'table.alloc', level: 'pud', base: vaddr(base) });
    }
    return (g - 1) * PTRS_PER_TABLE + pudIdx(addr);
  }

  pmdSlotAlloc(addr: number, log: EffectLog): number {
    const s = this.pudSlotAlloc(addr, log);
    let u = this.pud.data[s]!;
    if (u === 0) {
      const base = Math.floor(addr / PUD_SIZE) * PUD_SIZE;
      u = this.pmd.alloc() + 1;
      this.pud.data[s] = u;
      log.push({ type: 'table.alloc', level: 'pmd', base: vaddr(base) });
    }
    return (u - 1) * PTRS_PER_TABLE + pmdIdx(addr);
  }

  /** The PTE slot for addr, allocating tables; -1 if a huge PMD maps addr. */
  pteSlotAlloc(addr: number, log: EffectLog): number {
    const s = this.pmdSlotAlloc(addr, log);
    let m = this.pmd.data[s]!;
    if (m === 0) {
      const base = Math.floor(addr / PMD_SIZE) * PMD_SIZE;
      m = mkPmdTable(this.pte.alloc());
      this.pmd.data[s] = m;
      log.push({ type: 'table.alloc', level: 'pte', base: vaddr(base) });
    } else if ((m & PMD_TABLE) === 0) {
      return -1;
    }
    return (m >>> PFN_SHIFT) * PTRS_PER_TABLE + pteIdx(addr);
  }

  // ---- whole-table moves (move_normal_pmd / move_normal_pud) ----

  /** Take the PTE table out of a PMD slot (pmd_clear), returning the PMD word. */
  detachPteTable(pmdSlot: number): number {
    const m = this.pmd.data[pmdSlot]!;
    this.pmd.data[pmdSlot] = 0;
    return m;
  }

  /** Put a PMD word (a PTE table or a huge PMD) into an empty PMD slot. */
  attachPteTable(pmdSlot: number, word: number): void {
    this.pmd.data[pmdSlot] = word;
  }

  /** Take the PMD table out of a PUD slot, returning the PUD word (table id + 1). */
  detachPmdTable(pudSlot: number): number {
    const u = this.pud.data[pudSlot]!;
    this.pud.data[pudSlot] = 0;
    return u;
  }

  /**
   * Put a PUD word into an empty PUD slot: one word, as move_normal_pud() moves one pointer
   * (the PMD table and its PTE tables are not touched).
   */
  attachPmdTable(pudSlot: number, word: number): void {
    this.pud.data[pudSlot] = word;
  }

  // ---- freeing (mm/memory.c free_pgd_range and helpers) ----

  /**
   * free_pgd_range(): free the page tables that map only [addr, end), given that the
   * neighbouring VMAs end at `floor` and start at `ceiling` (0 = no ceiling, the kernel's
   * USER_PGTABLES_CEILING). The range's entries must already be zapped.
   */
  freePgdRange(addr: number, end: number, floor: number, ceiling: number, log: EffectLog): void {
    addr = Math.floor(addr / PMD_SIZE) * PMD_SIZE;
    if (addr < floor) addr += PMD_SIZE;
    if (ceiling !== 0) {
      ceiling = Math.floor(ceiling / PMD_SIZE) * PMD_SIZE;
      if (ceiling === 0) return;
    }
    // `end - 1 > ceiling - 1` in unsigned arithmetic: a zero ceiling is ULONG_MAX.
    if (ceiling !== 0 && end - 1 > ceiling - 1) end -= PMD_SIZE;
    if (addr > end - 1) return;
    do {
      const next = addrEnd(addr, end, PGDIR_SIZE);
      const gi = pgdIdx(addr);
      if (this.pgd[gi] !== 0) this.freePudRange(gi, addr, next, floor, ceiling, log);
      addr = next;
    } while (addr !== end);
  }

  private freePudRange(
    gi: number,
    addr: number,
    end: number,
    floor: number,
    ceiling: number,
    log: EffectLog,
  ): void {
    const start = addr;
    const t = this.pgd[gi]! - 1;
    do {
      const next = addrEnd(addr, end, PUD_SIZE);
      const slot = t * PTRS_PER_TABLE + pudIdx(addr);
      if (this.pud.data[slot] !== 0) this.freePmdRange(slot, addr, next, floor, ceiling, log);
      addr = next;
    } while (addr !== end);
    // free_p4d_range folds into this on 4-level paging: P4D_MASK == PGDIR_MASK.
    if (!this.mayFreeUpper(start, end, floor, ceiling, PGDIR_SIZE)) return;
    this.pgd[gi] = 0;
    const base = Math.floor(start / PGDIR_SIZE) * PGDIR_SIZE;
    log.push({ type: 'table.free', level: 'pud', base: vaddr(base) });
    this.pud.free(t);
  }

  private freePmdRange(
    pudSlot: number,
    addr: number,
    end: number,
    floor: number,
    ceiling: number,
    log: EffectLog,
  ): void {
    const start = addr;
    const t = this.pud.data[pudSlot]! - 1;
    do {
      const next = addrEnd(addr, end, PMD_SIZE);
      const slot = t * PTRS_PER_TABLE + pmdIdx(addr);
      const m = this.pmd.data[slot]!;
      if (m !== 0) {
        // free_pte_range: the PMD is cleared whatever it holds (pmd_none_or_clear_bad).
        this.pmd.data[slot] = 0;
        if ((m & PMD_TABLE) !== 0) {
          // The walk is at a PMD boundary: addr is the table's base.
          log.push({ type: 'table.free', level: 'pte', base: vaddr(addr) });
          this.pte.free(m >>> PFN_SHIFT);
        }
      }
      addr = next;
    } while (addr !== end);
    if (!this.mayFreeUpper(start, end, floor, ceiling, PUD_SIZE)) return;
    this.pud.data[pudSlot] = 0;
    const base = Math.floor(start / PUD_SIZE) * PUD_SIZE;
    log.push({ type: 'table.free', level: 'pmd', base: vaddr(base) });
    this.pmd.free(t);
  }

  /** The tail of free_pmd_range / free_pud_range: may the upper table go too? */
  private mayFreeUpper(
    start: number,
    end: number,
    floor: number,
    ceiling: number,
    size: number,
  ): boolean {
    start = Math.floor(start / size) * size;
    if (start < floor) return false;
    if (ceiling !== 0) {
      ceiling = Math.floor(ceiling / size) * size;
      if (ceiling === 0) return false;
      if (end - 1 > ceiling - 1) return false;
    }
    return true;
  }

  /** Level of a table pool, for effect records. */
  static levelName(level: 0 | 1 | 2): TableLevel {
    return level === 0 ? 'pud' : level === 1 ? 'pmd' : 'pte';
  }
}
