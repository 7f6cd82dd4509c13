/**
 * Huge PMDs (anonymous THP and the huge zero page): splitting a PMD mapping into a PTE table
 * (mm/huge_memory.c __split_huge_pmd_locked, __split_huge_zero_page_pmd).
 */
import type { Mm } from './mm';
import type { Vma } from './vma';
import type { Cause } from './effects';
import { PMD_SIZE, PTRS_PER_TABLE, vaddr } from './addr';
import { FRAME_ANON, HUGE_ZERO_PFN, ZERO_PFN } from './frames';
import { VM_LOCKED, VM_UFFD_MINOR, VM_UFFD_MISSING, VM_UFFD_WP } from './vma';
import {
  PFN_SHIFT,
  PTE_DIRTY,
  PTE_PRESENT,
  PTE_UFFD_WP,
  PTE_WRITE,
  mkPmdTable,
  mkPte,
  pmdIsHuge,
} from './pageTable';

/**
 * split_huge_pmd_if_needed(): when a VMA boundary moves to addr inside a huge PMD that lies
 * within v, the PMD is split first (vma_adjust_trans_huge).
 */
export function splitHugePmdIfNeeded(mm: Mm, v: Vma, addr: number): void {
  if (addr % PMD_SIZE === 0) return;
  const haddr = addr - (addr % PMD_SIZE);
  if (haddr < v.start || haddr + PMD_SIZE > v.end) return;
  splitHugePmd(mm, haddr);
}

/**
 * __split_huge_pmd(): replace the huge PMD at haddr (if any) by the PTE table deposited beside
 * it, mapping the same pages (the folio stays a THP, now PTE-mapped). The huge zero page splits
 * into 512 entries of the small zero page. VmPTE does not change: the deposited table is reused.
 */
export function splitHugePmd(mm: Mm, haddr: number, cause: Cause = 'fault'): boolean {
  const pt = mm.pt;
  const s = pt.pmdSlot(haddr);
  if (s < 0) return false;
  const e = pt.pmd.data[s]!;
  if (!pmdIsHuge(e)) return false;
  pt.deposited--;
  const t = pt.pte.alloc();
  pt.pmd.data[s] = mkPmdTable(t);
  mm.log.push({ type: 'table.alloc', level: 'pte', base: vaddr(haddr) });
  const head = e >>> PFN_SHIFT;
  const base = t * PTRS_PER_TABLE;
  const writable = (e & PTE_WRITE) !== 0;
  if (head === HUGE_ZERO_PFN) {
    const z = mkPte(ZERO_PFN, false, (e & PTE_UFFD_WP) !== 0);
    pt.pte.data.fill(z, base, base + PTRS_PER_TABLE);
    mm.log.entrySet(haddr, ZERO_PFN, 'zero', false, cause, PTRS_PER_TABLE);
  } else {
    const bits = e & (PTE_PRESENT | PTE_WRITE | PTE_UFFD_WP | PTE_DIRTY);
    for (let i = 0; i < PTRS_PER_TABLE; i++)
      pt.pte.data[base + i] = ((head + i) << PFN_SHIFT) | bits;
    mm.log.entrySet(haddr, head, 'anon', writable, cause, PTRS_PER_TABLE);
  }
  mm.log.flush();
  return true;
}

/**
 * split_folio() of an anonymous THP (mm/huge_memory.c __folio_split): a PMD mapping is split
 * first, then the folio becomes 512 small pages with the same PFNs. Subpages that nothing maps
 * are freed; mapped subpages that hold only zeroes are remapped to the shared zero page
 * (remap_page with RMP_USE_SHARED_ZEROPAGE: try_to_map_unused_to_zeropage, not in VM_LOCKED or
 * userfaultfd-armed VMAs).
 */
export function splitFolio(mm: Mm, head: number, cause: Cause): void {
  const fr = mm.frames;
  if (!fr.isThp(head) || fr.kind[head] !== FRAME_ANON) return;
  const owner = fr.owner[head]!;
  const pt = mm.pt;
  // rmap_walk_anon(): the VMAs of the folio's anon_vma, at the folio's linear indexes.
  for (const v of mm.vmas) {
    if (v.anonVma !== owner) continue;
    const first = v.pgoff;
    const last = v.pgoff + (v.end - v.start) / 4096;
    for (let i = 0; i < PTRS_PER_TABLE; i++) {
      const idx = fr.index[head + i]!;
      if (idx < first || idx >= last) continue;
      const addr = v.start + (idx - first) * 4096;
      const ms = pt.pmdSlot(addr);
      if (ms < 0) continue;
      const m = pt.pmd.data[ms]!;
      if (pmdIsHuge(m) && m >>> PFN_SHIFT === head)
        splitHugePmd(mm, addr - (addr % PMD_SIZE), cause);
      const slot = pt.pteSlot(addr);
      if (slot < 0) continue;
      const e = pt.pte.data[slot]!;
      if ((e & PTE_PRESENT) === 0 || e >>> PFN_SHIFT !== head + i) continue;
      const locked = (v.flags & (VM_LOCKED | VM_UFFD_MISSING | VM_UFFD_WP | VM_UFFD_MINOR)) !== 0;
      if (fr.tag[head + i] === 0 && !locked) {
        pt.pte.data[slot] = mkPte(ZERO_PFN, false, (e & PTE_UFFD_WP) !== 0);
        fr.mapcount[head + i]!--;
        fr.refcount[head]!--;
        mm.log.entrySet(addr, ZERO_PFN, 'zero', false, cause);
      }
    }
  }
  fr.splitFolioFrames(head, mm.log);
  mm.log.flush();
}
