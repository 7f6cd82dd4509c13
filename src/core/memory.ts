/**
 * Tearing mappings down (mm/memory.c): zapping entries (zap_pte_range, zap_huge_pmd), unmapping
 * VMAs, freeing page tables with floor/ceiling (free_pgtables), and unmapping a file range from
 * every VMA that maps it (unmap_mapping_range).
 */
import type { Mm } from './mm';
import type { Inode } from './shmem';
import type { Cause } from './effects';
import { FRAME_ANON, HUGE_ZERO_PFN } from './frames';
import { vaddr } from './addr';
import {
  MARKER_UFFD_WP,
  PFN_SHIFT,
  PMD_TABLE,
  PTE_PRESENT,
  PTE_UFFD_WP,
  addrEnd,
  mkMarker,
} from './pageTable';
import { splitHugePmd } from './huge';
import { VM_UFFD_WP, type Vma, vmaIsAnonymous } from './vma';

// Local copies of addr.ts constants: module bindings cost a getter call per use under some
// loaders (tsx), and these sit on the fault path.
const PAGE_SIZE = 4096;
const PTRS_PER_TABLE = 512;
const PMD_SIZE = 2 ** 21;
const PUD_SIZE = 2 ** 30;

export interface ZapDetails {
  /**
   * unmap_mapping_range(even_cows): false zaps only page-cache pages of the file, keeping
   * private CoW copies (hole punching); true zaps them too (truncation). Unset: zap all.
   */
  readonly evenCows: boolean;
  /** ZAP_FLAG_DROP_MARKER: munmap drops uffd-wp markers; MADV_DONTNEED keeps them. */
  readonly dropMarkers: boolean;
  /**
   * zap_details.reclaim_pt (mm/pt_reclaim.c, 6.14+): MADV_DONTNEED frees a PTE table whose
   * whole 2 MiB it zapped when nothing was left in it.
   */
  readonly reclaimPt?: boolean;
}

export const ZAP_UNMAP: ZapDetails = { evenCows: true, dropMarkers: true };
export const ZAP_KEEP_MARKERS: ZapDetails = { evenCows: true, dropMarkers: false };
export const ZAP_DONTNEED: ZapDetails = { evenCows: true, dropMarkers: false, reclaimPt: true };

/**
 * zap_page_range_single() / unmap_page_range(): clear the entries of [start, end) inside v,
 * releasing the pages they map. Page tables stay (free_pgtables frees them on munmap).
 */
export function zapRange(
  mm: Mm,
  v: Vma,
  start: number,
  end: number,
  cause: Cause,
  details: ZapDetails = ZAP_UNMAP,
): void {
  const pt = mm.pt;
  const frames = mm.frames;
  const log = mm.log;
  // Only private mappings of a file can hold anonymous CoW pages worth keeping.
  const keepAnon = !details.evenCows;
  // zap_install_uffd_wp_if_needed(): a file-backed uffd-wp VMA keeps a marker.
  const wpMarkers = !details.dropMarkers && (v.flags & VM_UFFD_WP) !== 0 && !vmaIsAnonymous(v);
  let addr = start;
  while (addr < end) {
    const ms = pt.pmdSlot(addr);
    if (ms < 0) {
      addr = addrEnd(addr, end, PUD_SIZE);
      continue;
    }
    const next = addrEnd(addr, end, PMD_SIZE);
    let m = pt.pmd.data[ms]!;
    if ((m & PTE_PRESENT) !== 0) {
      if (next - addr === PMD_SIZE) {
        // zap_huge_pmd(): the whole THP (or huge zero page) goes, with its deposited table.
        const head = m >>> PFN_SHIFT;
        if (!(keepAnon && frames.kind[head] === FRAME_ANON)) {
          pt.pmd.data[ms] = 0;
          pt.deposited--;
          log.entryClear(addr, cause, PTRS_PER_TABLE);
          if (head !== HUGE_ZERO_PFN) frames.unmapPmd(head, log);
        }
        addr = next;
        continue;
      }
      splitHugePmd(mm, addr - (addr % PMD_SIZE), cause);
      m = pt.pmd.data[ms]!;
    }
    if ((m & PMD_TABLE) !== 0) {
      const base = (m >>> PFN_SHIFT) * PTRS_PER_TABLE;
      const data = pt.pte.data;
      for (let a = addr; a < next; a += PAGE_SIZE) {
        const slot = base + (Math.floor(a / PAGE_SIZE) & 511);
        const e = data[slot]!;
        if (e === 0) continue;
        if ((e & PTE_PRESENT) !== 0) {
          const p = e >>> PFN_SHIFT;
          if (keepAnon && frames.kind[p] === FRAME_ANON) continue;
          data[slot] = wpMarkers && (e & PTE_UFFD_WP) !== 0 ? mkMarker(MARKER_UFFD_WP) : 0;
          log.entryClear(a, cause);
          frames.unmapPte(p, log);
        } else {
          // A PTE marker: cleared; a uffd-wp one is re-armed unless markers are dropped.
          if (keepAnon) continue;
          const bits = e >>> PFN_SHIFT;
          data[slot] = wpMarkers && (bits & MARKER_UFFD_WP) !== 0 ? mkMarker(MARKER_UFFD_WP) : 0;
          if (data[slot] === 0) log.entryClear(a, cause);
        }
      }
      if (details.reclaimPt === true && next - addr === PMD_SIZE && tableEmpty(data, base)) {
        pt.pmd.data[ms] = 0;
        log.push({ type: 'table.free', level: 'pte', base: vaddr(addr) });
        pt.pte.free(m >>> PFN_SHIFT);
      }
    }
    addr = next;
  }
}

function tableEmpty(data: Int32Array, base: number): boolean {
  for (let i = 0; i < PTRS_PER_TABLE; i++) if (data[base + i] !== 0) return false;
  return true;
}

/** unmap_vmas(): zap [start, end) in each VMA (the VMAs being unmapped, in order). */
export function unmapVmas(
  mm: Mm,
  vmas: readonly Vma[],
  start: number,
  end: number,
  cause: Cause,
): void {
  for (const v of vmas) {
    const s = Math.max(start, v.start);
    const e = Math.min(end, v.end);
    if (s < e) zapRange(mm, v, s, e, cause, ZAP_UNMAP);
  }
}

/**
 * free_pgtables(): free the page tables under the (detached) VMAs, between floor (the previous
 * VMA's end, 0 if none) and ceiling (the next VMA's start, 0 if none). VMAs closer than a PMD
 * are freed in one free_pgd_range call, as the kernel batches them.
 */
export function freePgtables(mm: Mm, vmas: readonly Vma[], floor: number, ceiling: number): void {
  let i = 0;
  while (i < vmas.length) {
    let v = vmas[i]!;
    const addr = v.start;
    let next = vmas[i + 1];
    while (next !== undefined && next.start <= v.end + PMD_SIZE) {
      v = next;
      i++;
      next = vmas[i + 1];
    }
    mm.pt.freePgdRange(addr, v.end, floor, next !== undefined ? next.start : ceiling, mm.log);
    i++;
  }
}

/**
 * unmap_mapping_range(): zap the pages of file indexes [first, first + nr) (nr < 0: to the end)
 * from every VMA mapping inode.
 */
export function unmapMappingRange(
  mm: Mm,
  inode: Inode,
  first: number,
  nr: number,
  evenCows: boolean,
  cause: Cause,
): void {
  const last = nr < 0 ? Number.MAX_SAFE_INTEGER : first + nr; // exclusive
  for (const v of mm.vmas) {
    if (v.file === null || v.file.inode !== inode) continue;
    const vFirst = v.pgoff;
    const vLast = v.pgoff + v.pages();
    const s = Math.max(first, vFirst);
    const e = Math.min(last, vLast);
    if (s >= e) continue;
    zapRange(mm, v, v.start + (s - vFirst) * PAGE_SIZE, v.start + (e - vFirst) * PAGE_SIZE, cause, {
      evenCows,
      dropMarkers: false,
    });
  }
}
