// owned by the mremap engineer
/**
 * move_page_tables(): how mremap moves the page-table entries of a range from one address to
 * another, at the highest level it can (mm/mremap.c, Linux 6.18).
 *
 * The algorithm, as the kernel runs it (function names from mm/mremap.c, 6.18):
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
 * Effects: one `entries.move` per chunk that moved something: level 'pud' (a whole PMD
 * table), 'pmd' (a PTE table or, huge, a THP) or 'pte' (count = entries moved); consecutive
 * whole-entry chunks of one level and kind that are contiguous on both sides share one record
 * whose count is the number of chunks (MoveRecords). `table.alloc` come from the page-table
 * allocators.
 *
 * Cost (the kernel here, moving a populated GiB back and forth: ~8-12 us PUD, ~170-250 us
 * PMD, ~3-5 ms PTE): a PUD move touches one word (tables keep no base address to rebase); a
 * PMD move one word; a PTE chunk is a `copyWithin` + `fill` of at most 512 words of the PTE
 * pool plus a native scan that finds a full chunk (else a loop counts what moved). The PMD
 * chunks of one PUD extent are walked with the PMD table indices in hand rather than from the
 * PGD each time. No per-page objects. Optimized by V8, a populated GiB moves in ~6 us (PUD),
 * ~27 us (PMD), ~2-3 ms (PTE) (`npm run bench`). The first move after populating a GiB
 * costs both sides more, in cache and TLB misses (the kernel's PUD move 40-75 us, the
 * simulator's 40-55 us), and a call before V8 has optimized this code pays for the tier-up.
 */
import type { Mm } from './mm';
import type { RunLog } from './runLog';
import type { Vma } from './vma';
import { findVmaIntersection } from './vma';
import { PAGE_SIZE, PMD_SIZE, PTRS_PER_TABLE, PUD_SIZE, type Vaddr } from './addr';
import {
  PMD_TABLE,
  PTE_PRESENT,
  PTE_UFFD_WP,
  MARKER_UFFD_WP,
  PFN_SHIFT,
  mkPmdTable,
  pmdIdx,
  pmdIsHuge,
  pteIdx,
} from './pageTable';
import { splitHugePmd } from './huge';
import type { Profile } from './profiles';
import { VM_UFFD_FLAGS } from './vma';
// uffd: contexts and their features
import { ctxHasFeature } from './uffd';
import { UFFD_FEATURE_EVENT_REMAP } from './uapi';

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
 * - newAddrChecksEarly: new_addr alignment and the map count are checked in
 *   check_mremap_params() before the lookup (6.16); before, in mremap_to() after it.
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
  readonly newAddrChecksEarly: boolean;
  readonly mseal: boolean;
  readonly dontunmapUnlinksAnonVma: boolean;
}

function atLeast(p: Profile, major: number, minor: number): boolean {
  return p.major > major || (p.major === major && p.minor >= minor);
}

/** The last profile's features: every mremap asks (twice), and a run has one profile. */
let featuresOf: Profile | null = null;
let features: MremapFeatures | null = null;

export function mremapFeatures(profile: Profile): MremapFeatures {
  if (profile === featuresOf && features !== null) return features;
  features = computeFeatures(profile);
  featuresOf = profile;
  return features;
}

function computeFeatures(profile: Profile): MremapFeatures {
  return {
    movePud: profile.pudMoves,
    alignDown: profile.alignDown,
    dontunmap: profile.dontunmap,
    dontunmapAnyVma: profile.dontunmapAnyVma,
    earlyLookup: atLeast(profile, 5, 16),
    multiVma: profile.multiVmaMove,
    newAddrChecksEarly: atLeast(profile, 6, 16),
    mseal: profile.mseal,
    dontunmapUnlinksAnonVma: atLeast(profile, 6, 1),
  };
}

/**
 * userfaultfd_armed(): the VMA is registered with a userfaultfd (any mode).
 */
export function userfaultfdArmed(v: Vma): boolean {
  return (v.flags & VM_UFFD_FLAGS) !== 0;
}

/**
 * vma_has_uffd_without_event_remap(): registered with a uffd that did not ask for
 * UFFD_FEATURE_EVENT_REMAP, so the new range will lose the registration and the uffd-wp state
 * must be cleared entry by entry.
 */
export function vmaHasUffdWithoutEventRemap(mm: Mm, v: Vma): boolean {
  if (v.uffdCtx === 0) return false;
  return !uffdCtxHasEventRemap(mm, v.uffdCtx);
}

/**
 * Whether a uffd context asked for UFFD_FEATURE_EVENT_REMAP. Hook for the userfaultfd work:
 * until contexts carry their features, a registered VMA is treated as without EVENT_REMAP
 * (the conservative case: PTE-by-PTE moves, registration dropped).
 */
export function uffdCtxHasEventRemap(mm: Mm, ctx: number): boolean {
  // uffd: the context's requested features (ctx->features & UFFD_FEATURE_EVENT_REMAP)
  return ctxHasFeature(mm, ctx, UFFD_FEATURE_EVENT_REMAP);
}

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

export function pageTableMoveControl(
  old: Vma,
  newVma: Vma,
  oldAddr: number,
  newAddr: number,
  len: number,
): PageTableMoveControl {
  return { old, new: newVma, oldAddr, newAddr, oldEnd: oldAddr + len, lenIn: len };
}

/** get_extent(): bytes to the nearest of the next boundary of either address and old_end. */
export function getExtent(pmc: PageTableMoveControl, size: number): number {
  let extent = (Math.floor(pmc.oldAddr / size) + 1) * size - pmc.oldAddr;
  if (extent > pmc.oldEnd - pmc.oldAddr) extent = pmc.oldEnd - pmc.oldAddr;
  const nextNew = (Math.floor(pmc.newAddr / size) + 1) * size - pmc.newAddr;
  if (extent > nextNew) extent = nextNew;
  return extent;
}

/** can_align_down(): addr is its VMA's start and nothing is mapped below it in the block. */
function canAlignDown(mm: Mm, v: Vma, addr: number, size: number): boolean {
  if (v.start !== addr) return false;
  const masked = Math.floor(addr / size) * size;
  return findVmaIntersection(mm, masked, v.start) === undefined;
}

/** can_realign_addr() for the PMD level (the only level the kernel realigns at). */
export function canRealignAddr(mm: Mm, pmc: PageTableMoveControl): boolean {
  const oldAlign = pmc.oldAddr % PMD_SIZE;
  const newAlign = pmc.newAddr % PMD_SIZE;
  // Only worth it when the range reaches the next PMD boundary (and saves hunting VMAs there).
  if (pmc.lenIn < PMD_SIZE - oldAlign) return false;
  if (oldAlign === 0) return false;
  if (oldAlign !== newAlign) return false;
  return (
    canAlignDown(mm, pmc.old, pmc.oldAddr, PMD_SIZE) &&
    canAlignDown(mm, pmc.new, pmc.newAddr, PMD_SIZE)
  );
}

/** try_realign_addr(pmc, PMD_MASK). */
function tryRealignAddr(mm: Mm, pmc: PageTableMoveControl): void {
  if (!canRealignAddr(mm, pmc)) return;
  pmc.oldAddr = Math.floor(pmc.oldAddr / PMD_SIZE) * PMD_SIZE;
  pmc.newAddr = Math.floor(pmc.newAddr / PMD_SIZE) * PMD_SIZE;
}

/** pmc_progress(): bytes of the original range done, never negative after a realign. */
function pmcProgress(pmc: PageTableMoveControl): number {
  const orig = pmc.oldEnd - pmc.lenIn;
  return pmc.oldAddr < orig ? 0 : pmc.oldAddr - orig;
}

/**
 * move_page_tables(): move the entries of [pmc.oldAddr, pmc.oldAddr + len) to pmc.newAddr.
 * Returns the number of bytes of the original range whose tables were moved.
 */
export function movePageTables(mm: Mm, pmc: PageTableMoveControl): number {
  if (pmc.lenIn === 0) return 0;
  const feat = mremapFeatures(mm.profile);
  const pt = mm.pt;
  const log = mm.log;
  // vma_has_uffd_without_event_remap() on either VMA (uffd_supports_page_table_move()):
  // the uffd-wp state must be cleared entry by entry, so no whole-table moves.
  const clearUffdWp =
    vmaHasUffdWithoutEventRemap(mm, pmc.old) || vmaHasUffdWithoutEventRemap(mm, pmc.new);

  if (feat.alignDown) tryRealignAddr(mm, pmc);
  // A PTE-level move allocates a destination PTE table per source table at most (one per
  // 2 MiB): if the pool must grow, it grows once for all of them (pageTable.ts
  // TablePool.alloc).
  pt.pte.nextHint =
    pt.pte.next + Math.min(Math.ceil((pmc.oldEnd - pmc.oldAddr) / PMD_SIZE), pt.pte.live) + 1;

  const moves = new MoveRecords(log);
  while (pmc.oldAddr < pmc.oldEnd) {
    const pudExtent = getExtent(pmc, PUD_SIZE);
    // get_old_pud(): no PUD entry -> nothing in this extent.
    const oldPudSlot = pt.pudSlot(pmc.oldAddr);
    if (oldPudSlot < 0 || pt.pud.data[oldPudSlot] === 0) {
      advance(pmc, pudExtent);
      continue;
    }
    // alloc_new_pud() (its table.alloc record goes after the moves before it)
    if (pt.pudSlot(pmc.newAddr) < 0) moves.flush();
    const newPudSlot = pt.pudSlotAlloc(pmc.newAddr, log);
    if (
      feat.movePud &&
      pudExtent === PUD_SIZE &&
      moveNormalPud(mm, pmc, oldPudSlot, newPudSlot, clearUffdWp, moves)
    ) {
      advance(pmc, pudExtent);
      continue;
    }

    // The kernel's loop goes on per PMD extent, re-deriving the PUD extent each time: within
    // one PUD extent that is the same old PUD entry, the same new PUD entry, and never a
    // whole PUD again (neither address reaches its PUD boundary before the extent ends), so
    // the PMD chunks of this extent are walked here without looking the tables up again.
    const chunkEnd = pmc.oldAddr + pudExtent;
    const oldPmdBase = (pt.pud.data[oldPudSlot]! - 1) * PTRS_PER_TABLE;
    let newPmdBase = -1;
    while (pmc.oldAddr < chunkEnd) {
      const extent = Math.min(
        PMD_SIZE - (pmc.oldAddr % PMD_SIZE),
        PMD_SIZE - (pmc.newAddr % PMD_SIZE),
        chunkEnd - pmc.oldAddr,
      );
      // get_old_pmd(): PMD none -> skip the extent.
      const oldSlot = oldPmdBase + pmdIdx(pmc.oldAddr);
      // (pt.pmd.data is re-read: allocating a PMD table may have grown the pool.)
      const oldPmd = pt.pmd.data[oldSlot]!;
      if (oldPmd !== 0) {
        // alloc_new_pmd(): the new PMD table is allocated on the first entry to move.
        if (newPmdBase < 0) {
          moves.flush();
          pt.pmdSlotAlloc(pmc.newAddr, log);
          newPmdBase = (pt.pud.data[newPudSlot]! - 1) * PTRS_PER_TABLE;
        }
        const newSlot = newPmdBase + pmdIdx(pmc.newAddr);
        if (
          extent === PMD_SIZE &&
          (oldPmd & PMD_TABLE) !== 0 &&
          !clearUffdWp &&
          pt.pmd.data[newSlot] === 0
        ) {
          // The common case, inline: move_normal_pmd() of a whole PTE table into an empty
          // slot (what movePmdExtent() -> moveNormalPmd() would do: detach, attach), for this
          // chunk and each next one that is the same. Both addresses are PMD-aligned here, so
          // every chunk up to chunkEnd is one whole entry, at consecutive slots of the two PMD
          // tables: one tight loop instead of the general per-chunk steps. It stops at the
          // first entry that is none, huge or has an occupied destination (the general path).
          const data = pt.pmd.data;
          const max = Math.floor((chunkEnd - pmc.oldAddr) / PMD_SIZE);
          data[oldSlot] = 0;
          data[newSlot] = oldPmd;
          let n = 1;
          while (n < max) {
            const w = data[oldSlot + n]!;
            if ((w & PMD_TABLE) === 0 || data[newSlot + n] !== 0) break;
            data[oldSlot + n] = 0;
            data[newSlot + n] = w;
            n++;
          }
          moves.add('pmd', pmc.oldAddr, pmc.newAddr, false, n);
          advance(pmc, n * PMD_SIZE);
          continue;
        }
        movePmdExtent(mm, pmc, extent, oldSlot, newSlot, oldPmd, clearUffdWp, moves);
      }
      advance(pmc, extent);
    }
  }
  moves.flush();

  pt.pte.nextHint = 0;
  return pmcProgress(pmc);
}

/**
 * The `entries.move` records of the whole-entry moves of one call (move_normal_pud(),
 * move_normal_pmd(), move_huge_pmd()). Each of those chunks moves exactly one entry, so a run
 * of them that is contiguous on both sides, at one level and of one kind, is one record whose
 * count is the number of chunks: a populated GiB moved at PMD level is one record of 512
 * entries rather than 512 records of one (the views read a record as count x entry size). The
 * run stays open until a chunk breaks it or something else is about to be logged (flush()), so
 * records keep their order.
 */
class MoveRecords {
  private level: 'pud' | 'pmd' | null = null;
  private from = 0;
  private to = 0;
  private count = 0;
  private huge = false;

  constructor(private readonly log: RunLog) {}

  /** `count` consecutive chunks of one entry each, from `from` to `to`. */
  add(level: 'pud' | 'pmd', from: number, to: number, huge: boolean, count = 1): void {
    const span = this.count * (level === 'pud' ? PUD_SIZE : PMD_SIZE);
    if (
      this.level === level &&
      this.huge === huge &&
      from === this.from + span &&
      to === this.to + span
    ) {
      this.count += count;
      return;
    }
    this.flush();
    this.level = level;
    this.from = from;
    this.to = to;
    this.count = count;
    this.huge = huge;
  }

  flush(): void {
    if (this.level === null) return;
    this.log.push({
      type: 'entries.move',
      level: this.level,
      from: this.from as Vaddr,
      to: this.to as Vaddr,
      count: this.count,
      huge: this.huge,
    });
    this.level = null;
  }
}

function advance(pmc: PageTableMoveControl, extent: number): void {
  pmc.oldAddr += extent;
  pmc.newAddr += extent;
}

/** One PMD extent of move_page_tables(): a huge PMD, a whole PTE table, or PTEs. */
function movePmdExtent(
  mm: Mm,
  pmc: PageTableMoveControl,
  extent: number,
  oldSlot: number,
  newSlot: number,
  oldPmd: number,
  clearUffdWp: boolean,
  moves: MoveRecords,
): void {
  const pt = mm.pt;
  if (pmdIsHuge(oldPmd)) {
    if (extent === PMD_SIZE && moveHugePmd(mm, pmc, oldSlot, newSlot, clearUffdWp, moves)) {
      return;
    }
    moves.flush();
    splitHugePmd(mm, pmc.oldAddr - (pmc.oldAddr % PMD_SIZE), 'mremap');
  } else if (extent === PMD_SIZE) {
    if (moveNormalPmd(mm, pmc, oldSlot, newSlot, clearUffdWp, moves)) return;
  }
  if (pt.pmd.data[oldSlot] === 0) return;
  moves.flush();
  movePtes(mm, pmc, extent, oldSlot, newSlot, clearUffdWp);
}

/** move_normal_pud(): the PMD table under the old PUD entry moves to the new PUD entry. */
function moveNormalPud(
  mm: Mm,
  pmc: PageTableMoveControl,
  oldSlot: number,
  newSlot: number,
  clearUffdWp: boolean,
  moves: MoveRecords,
): boolean {
  const pt = mm.pt;
  // The destination must be empty: free_pgtables() should have released it (WARN_ON_ONCE).
  if (pt.pud.data[newSlot] !== 0) return false;
  if (clearUffdWp) return false;
  const word = pt.detachPmdTable(oldSlot);
  pt.attachPmdTable(newSlot, word);
  moves.add('pud', pmc.oldAddr, pmc.newAddr, false);
  return true;
}

/** move_normal_pmd(): the PTE table under the old PMD entry moves to the new PMD entry. */
function moveNormalPmd(
  mm: Mm,
  pmc: PageTableMoveControl,
  oldSlot: number,
  newSlot: number,
  clearUffdWp: boolean,
  moves: MoveRecords,
): boolean {
  const pt = mm.pt;
  if (pt.pmd.data[newSlot] !== 0) return false;
  if (clearUffdWp) return false;
  const word = pt.pmd.data[oldSlot]!;
  // Racing with collapse? (!pmd_present || pmd_leaf): only a table moves here.
  if ((word & PMD_TABLE) === 0) return false;
  pt.detachPteTable(oldSlot);
  pt.attachPteTable(newSlot, word);
  moves.add('pmd', pmc.oldAddr, pmc.newAddr, false);
  return true;
}

/** move_huge_pmd() (mm/huge_memory.c): a PMD-mapped THP or huge zero page moves as one. */
function moveHugePmd(
  mm: Mm,
  pmc: PageTableMoveControl,
  oldSlot: number,
  newSlot: number,
  clearUffdWp: boolean,
  moves: MoveRecords,
): boolean {
  const pt = mm.pt;
  if (pt.pmd.data[newSlot] !== 0) return false;
  let word = pt.detachPteTable(oldSlot);
  // The deposited PTE table goes with it (withdraw + deposit): VmPTE does not change.
  if (clearUffdWp) word &= ~PTE_UFFD_WP;
  pt.attachPteTable(newSlot, word);
  moves.add('pmd', pmc.oldAddr, pmc.newAddr, true);
  return true;
}

/**
 * move_ptes(): the PTEs of one extent (never crossing a PMD boundary on either side) move
 * into the destination PTE table, allocated if needed (pte_alloc()).
 */
function movePtes(
  mm: Mm,
  pmc: PageTableMoveControl,
  extent: number,
  oldSlot: number,
  newSlot: number,
  clearUffdWp: boolean,
): void {
  const pt = mm.pt;
  // The PMD slots are known: no walk from the PGD (the old one holds a PTE table here).
  const oldPmd = pt.pmd.data[oldSlot]!;
  if ((oldPmd & PMD_TABLE) === 0) return;
  let newPmd = pt.pmd.data[newSlot]!;
  if (newPmd === 0) {
    // pte_alloc() -> __pte_alloc(), as PageTables.pteSlotAlloc() does it.
    const base = pmc.newAddr - (pmc.newAddr % PMD_SIZE);
    newPmd = mkPmdTable(pt.pte.alloc());
    pt.pmd.data[newSlot] = newPmd;
    mm.log.push({ type: 'table.alloc', level: 'pte', base: base as Vaddr });
  } else if ((newPmd & PMD_TABLE) === 0) {
    return;
  }
  const src = (oldPmd >>> PFN_SHIFT) * PTRS_PER_TABLE + pteIdx(pmc.oldAddr);
  const dst = (newPmd >>> PFN_SHIFT) * PTRS_PER_TABLE + pteIdx(pmc.newAddr);
  const n = extent / PAGE_SIZE;
  const data = pt.pte.data;
  let moved = 0;
  if (clearUffdWp) {
    for (let i = 0; i < n; i++) {
      const e = data[src + i]!;
      if (e === 0) continue;
      data[src + i] = 0;
      moved++;
      if ((e & PTE_PRESENT) === 0 && (e & PMD_TABLE) === 0) {
        // A uffd-wp marker means nothing without the registration: dropped (pte_clear).
        if (e >>> PFN_SHIFT === MARKER_UFFD_WP) continue;
        data[dst + i] = e;
        continue;
      }
      data[dst + i] = e & ~PTE_UFFD_WP;
    }
  } else if (n <= 16) {
    // A short extent (with one side 4 KiB off a PMD boundary every other chunk is one page):
    // a plain loop, as the typed-array builtins below cost more to call than to run here.
    for (let i = 0; i < n; i++) {
      const e = data[src + i]!;
      if (e === 0) continue;
      data[dst + i] = e;
      data[src + i] = 0;
      moved++;
    }
  } else {
    // Count what moves; a full extent (the common case) is found by one native scan.
    if (data.subarray(src, src + n).indexOf(0) < 0) moved = n;
    else for (let i = 0; i < n; i++) if (data[src + i] !== 0) moved++;
    // The destination extent is empty (VM_WARN_ON_ONCE(!pte_none(*new_ptep))): copy it whole.
    data.copyWithin(dst, src, src + n);
    data.fill(0, src, src + n);
  }
  if (moved > 0) {
    mm.log.push({
      type: 'entries.move',
      level: 'pte',
      from: pmc.oldAddr as Vaddr,
      to: pmc.newAddr as Vaddr,
      count: moved,
      huge: false,
    });
  }
}
