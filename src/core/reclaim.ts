/**
 * MADV_FREE, MADV_COLD and MADV_PAGEOUT (mm/madvise.c madvise_free_pte_range,
 * madvise_cold_or_pageout_pte_range) and the part of reclaim they reach (mm/vmscan.c
 * shrink_folio_list), on a machine without swap:
 * - MADV_FREE marks exclusive anonymous folios lazyfree and their entries clean;
 * - MADV_PAGEOUT reclaims: a clean lazyfree folio is discarded (its entries become none), other
 *   anonymous folios cannot be swapped (a THP is split trying), and page-cache pages are
 *   unmapped but stay in the cache (shmem_writeout() redirties them);
 * - a large folio only partly inside the range is split (split_folio), and MADV_COLD does
 *   nothing else visible.
 */
import type { Mm } from './mm';
import type { Vma } from './vma';
import { FF_LAZYFREE, FRAME_ANON, FRAME_CACHE } from './frames';
import { splitFolio } from './huge';
import { PFN_SHIFT, PMD_TABLE, PTE_DIRTY, PTE_PRESENT, addrEnd, mkPte } from './pageTable';
import { EINVAL } from './errno';

const PAGE_SIZE = 4096;
const PTRS_PER_TABLE = 512;
const PMD_SIZE = 2 ** 21;
const PUD_SIZE = 2 ** 30;
const VM_NOHUGEPAGE_ = 0x40000000;
const PTE_UFFD_WP_ = 4;

/**
 * madvise_folio_pte_batch(): are all pages of the large folio of `p` mapped in order by the PTEs
 * from addr (its first page's address) up to end?
 */
function folioFullyMapped(mm: Mm, p: number, addr: number, end: number): boolean {
  const h = mm.frames.head(p);
  if (p !== h || addr + PTRS_PER_TABLE * PAGE_SIZE > end) return false;
  for (let i = 0; i < PTRS_PER_TABLE; i++) {
    const slot = mm.pt.pteSlot(addr + i * PAGE_SIZE);
    if (slot < 0) return false;
    const e = mm.pt.pte.data[slot]!;
    if ((e & PTE_PRESENT) === 0 || e >>> PFN_SHIFT !== h + i) return false;
  }
  return true;
}

/** A folio mapped exactly once per page (not folio_maybe_mapped_shared). */
function exclusive(mm: Mm, h: number): boolean {
  const fr = mm.frames;
  if (!fr.isThp(h)) return fr.mapcount[h] === 1;
  for (let i = 0; i < PTRS_PER_TABLE; i++) if (fr.mapcount[h + i]! > 1) return false;
  return true;
}

type PteAction = (mm: Mm, v: Vma, addr: number, slot: number, e: number) => void;

/**
 * Walk the PMDs and PTEs of [start, end) in v the way both madvise walkers do: a huge PMD that
 * the range covers goes to onPmd; one it covers partly has its folio split first; a PTE-mapped
 * large folio not wholly inside the range is split; then onPte sees each present small page.
 */
function walk(
  mm: Mm,
  v: Vma,
  start: number,
  end: number,
  onPmd: (ms: number, addr: number) => void,
  onPte: PteAction,
): void {
  const pt = mm.pt;
  const fr = mm.frames;
  let addr = start;
  while (addr < end) {
    const ms = pt.pmdSlot(addr);
    if (ms < 0) {
      addr = addrEnd(addr, end, PUD_SIZE);
      continue;
    }
    const next = addrEnd(addr, end, PMD_SIZE);
    const m = pt.pmd.data[ms]!;
    if ((m & PTE_PRESENT) !== 0) {
      const head = m >>> PFN_SHIFT;
      if (fr.kind[head] !== FRAME_ANON || !exclusive(mm, head)) {
        addr = next;
        continue;
      }
      if (next - addr === PMD_SIZE) {
        onPmd(ms, addr);
        addr = next;
        continue;
      }
      splitFolio(mm, head, 'madvise');
    }
    if ((pt.pmd.data[ms]! & PMD_TABLE) !== 0) {
      for (let a = addr; a < next; a += PAGE_SIZE) {
        const slot = pt.pteSlot(a);
        const e = pt.pte.data[slot]!;
        if ((e & PTE_PRESENT) === 0) continue;
        const p = e >>> PFN_SHIFT;
        const k = fr.kind[p];
        if (k !== FRAME_ANON && k !== FRAME_CACHE) continue; // the zero page: no folio
        if (fr.isThp(p)) {
          const h = fr.head(p);
          if (!folioFullyMapped(mm, p, a, end)) {
            if (!exclusive(mm, h)) continue;
            splitFolio(mm, h, 'madvise');
            a -= PAGE_SIZE; // look at this page again, now small
            continue;
          }
          // A wholly mapped PTE-mapped THP: treat it as one folio at its first page.
          onPte(mm, v, a, slot, e);
          a += (PTRS_PER_TABLE - 1) * PAGE_SIZE;
          continue;
        }
        onPte(mm, v, a, slot, e);
      }
    }
    addr = next;
  }
}

/** madvise_free_single_vma() on [start, end) of an anonymous VMA. */
export function madviseFree(mm: Mm, v: Vma, start: number, end: number): void {
  const pt = mm.pt;
  const fr = mm.frames;
  walk(
    mm,
    v,
    start,
    end,
    (ms) => {
      const m = pt.pmd.data[ms]!;
      pt.pmd.data[ms] = m & ~PTE_DIRTY;
      fr.flags[m >>> PFN_SHIFT]! |= FF_LAZYFREE;
    },
    (mm2, _v, a, slot, e) => {
      const p = e >>> PFN_SHIFT;
      if (fr.kind[p] !== FRAME_ANON || !exclusive(mm2, fr.head(p))) return;
      const h = fr.head(p);
      const n = fr.isThp(p) ? PTRS_PER_TABLE : 1;
      for (let i = 0; i < n; i++) {
        const s = n === 1 ? slot : pt.pteSlot(a + i * PAGE_SIZE);
        pt.pte.data[s] = pt.pte.data[s]! & ~PTE_DIRTY;
      }
      fr.flags[h]! |= FF_LAZYFREE;
    },
  );
  mm.log.flush();
}

/** madvise_cold / madvise_pageout on [start, end) of v. */
export function madviseColdPageout(
  mm: Mm,
  v: Vma,
  start: number,
  end: number,
  pageout: boolean,
): void {
  const pt = mm.pt;
  const fr = mm.frames;
  const list: Array<{ addr: number; huge: boolean }> = [];
  walk(
    mm,
    v,
    start,
    end,
    (_ms, addr) => {
      if (pageout) list.push({ addr, huge: true });
    },
    (mm2, _v, a, _slot, e) => {
      const p = e >>> PFN_SHIFT;
      if (!exclusive(mm2, fr.head(p))) return;
      if (pageout) list.push({ addr: a, huge: fr.isThp(p) });
    },
  );
  // reclaim_pages() -> shrink_folio_list(), folio by folio.
  for (const { addr, huge } of list) {
    const ms = pt.pmdSlot(addr);
    const m = pt.pmd.data[ms]!;
    if ((m & PTE_PRESENT) !== 0) {
      // A PMD-mapped THP.
      const h = m >>> PFN_SHIFT;
      if ((fr.flags[h]! & FF_LAZYFREE) !== 0 && (m & PTE_DIRTY) === 0) {
        pt.pmd.data[ms] = 0;
        pt.deposited--;
        mm.log.entryClear(addr, 'madvise', PTRS_PER_TABLE);
        fr.unmapPmd(h, mm.log);
      } else {
        // No swap: folio_alloc_swap() fails, the THP is split trying.
        fr.flags[h]! &= ~FF_LAZYFREE;
        splitFolio(mm, h, 'madvise');
      }
      continue;
    }
    const slot = pt.pteSlot(addr);
    if (slot < 0) continue;
    const e = pt.pte.data[slot]!;
    if ((e & PTE_PRESENT) === 0) continue;
    const p = e >>> PFN_SHIFT;
    if (fr.kind[p] === FRAME_CACHE) {
      // try_to_unmap(), then shmem_writeout() fails without swap: the page stays cached.
      pt.pte.data[slot] = 0;
      mm.log.entryClear(addr, 'madvise');
      fr.unmapPte(p, mm.log);
      continue;
    }
    if (huge) {
      // A wholly PTE-mapped THP.
      const h = fr.head(p);
      if ((fr.flags[h]! & FF_LAZYFREE) !== 0 && !anyDirty(mm, addr)) {
        for (let i = 0; i < PTRS_PER_TABLE; i++) {
          const s = pt.pteSlot(addr + i * PAGE_SIZE);
          pt.pte.data[s] = 0;
          mm.log.entryClear(addr + i * PAGE_SIZE, 'madvise');
          fr.unmapPte(h + i, mm.log);
        }
      } else {
        fr.flags[h]! &= ~FF_LAZYFREE;
        splitFolio(mm, h, 'madvise');
      }
      continue;
    }
    if ((fr.flags[p]! & FF_LAZYFREE) !== 0) {
      if ((e & PTE_DIRTY) === 0) {
        pt.pte.data[slot] = 0;
        mm.log.entryClear(addr, 'madvise');
        fr.unmapPte(p, mm.log);
      } else {
        fr.flags[p]! &= ~FF_LAZYFREE; // redirtied: swap-backed again
      }
    }
  }
  mm.log.flush();
}

function anyDirty(mm: Mm, addr: number): boolean {
  for (let i = 0; i < PTRS_PER_TABLE; i++) {
    const s = mm.pt.pteSlot(addr + i * PAGE_SIZE);
    if ((mm.pt.pte.data[s]! & PTE_DIRTY) !== 0) return true;
  }
  return false;
}

/**
 * MADV_COLLAPSE on an anonymous VMA (mm/khugepaged.c madvise_collapse,
 * hpage_collapse_scan_pmd, collapse_huge_page): every 2 MiB-aligned chunk of [start, end) whose
 * PTE table maps only exclusive pages, the zero page or nothing becomes one PMD-mapped THP with
 * the same contents (sysfs THP settings do not matter; 6.18 no longer needs a writable PTE).
 * Returns 0 when every chunk is (now) a THP, else -EINVAL (SCAN_PMD_NULL and friends).
 */
export function madviseCollapseAnon(mm: Mm, v: Vma, start: number, end: number): number {
  // thp_vma_allowable_order(TVA_FORCED_COLLAPSE): not VM_NOHUGEPAGE, and an anon_vma already.
  if ((v.flags & VM_NOHUGEPAGE_) !== 0 || v.anonVma === 0) return -EINVAL;
  // __thp_vma_allowable_orders() outside a fault: the VMA must be able to hold an aligned THP
  // (checked at vm_end - HPAGE_PMD_SIZE).
  const last = Math.floor((v.end - PMD_SIZE) / PMD_SIZE) * PMD_SIZE;
  if (v.end - v.start < PMD_SIZE || last < v.start) return -EINVAL;
  const hstart = Math.ceil(start / PMD_SIZE) * PMD_SIZE;
  const hend = Math.floor(end / PMD_SIZE) * PMD_SIZE;
  const pt = mm.pt;
  const fr = mm.frames;
  let thps = 0;
  for (let addr = hstart; addr < hend; addr += PMD_SIZE) {
    const ms = pt.pmdSlot(addr);
    const m = ms < 0 ? 0 : pt.pmd.data[ms]!;
    if ((m & PTE_PRESENT) !== 0) {
      thps++; // SCAN_PMD_MAPPED
      continue;
    }
    if ((m & PMD_TABLE) === 0) {
      continue; // SCAN_PMD_NULL
    }
    const base = (m >>> PFN_SHIFT) * PTRS_PER_TABLE;
    let ok = true;
    for (let i = 0; i < PTRS_PER_TABLE && ok; i++) {
      const e = pt.pte.data[base + i]!;
      if (e === 0) continue;
      if ((e & PTE_PRESENT) === 0 || (e & PTE_UFFD_WP_) !== 0) ok = false;
      else {
        const p = e >>> PFN_SHIFT;
        if (!fr.isZero(p) && (fr.kind[p] !== FRAME_ANON || fr.mapcount[p]! > 1)) ok = false;
      }
    }
    if (!ok) continue;
    // collapse_huge_page(): a new THP with the old contents; the old pages are released and the
    // PTE table is deposited beside the new huge PMD.
    const h = fr.allocHuge(v.anonVma, v.linearIndex(addr), mm.log);
    for (let i = 0; i < PTRS_PER_TABLE; i++) {
      const e = pt.pte.data[base + i]!;
      if (e === 0) continue;
      const p = e >>> PFN_SHIFT;
      fr.tag[h + i] = fr.isZero(p) ? 0 : fr.tag[p]!;
      pt.pte.data[base + i] = 0;
      mm.log.entryClear(addr + i * PAGE_SIZE, 'madvise');
      fr.unmapPte(p, mm.log);
    }
    pt.pte.free(m >>> PFN_SHIFT);
    pt.deposited++;
    const w = (v.flags & 2) !== 0;
    for (let i = 0; i < PTRS_PER_TABLE; i++) fr.flags[h + i]! |= 4; // FF_UPTODATE
    fr.mapPmd(h);
    pt.pmd.data[ms] = mkPte(h, w) | PTE_DIRTY;
    mm.log.entrySet(addr, h, 'huge', w, 'madvise', PTRS_PER_TABLE);
    thps++;
  }
  mm.log.flush();
  return thps === (hend - hstart) / PMD_SIZE ? 0 : -EINVAL;
}
