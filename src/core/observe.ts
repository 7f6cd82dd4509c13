/**
 * Observations in the shape of the transcript's raw facts (src/script/facts.ts MapsEntry and
 * PageFact, restated here because the core imports nothing above it): /proc/self/smaps and
 * /proc/self/pagemap + /proc/kpageflags as the kernel computes them (fs/proc/task_mmu.c
 * show_map_vma / show_smap_vma_flags / pagemap_pmd_range / pte_to_pagemap_entry,
 * fs/proc/page.c stable_page_flags).
 */
import type { Mm } from './mm';
import { FRAME_ANON, FRAME_CACHE, FRAME_HUGE_ZERO, FRAME_ZERO } from './frames';
import {
  MARKER_POISONED,
  MARKER_UFFD_WP,
  PFN_SHIFT,
  PMD_TABLE,
  PTE_PRESENT,
  PTE_UFFD_WP,
  pteIdx,
} from './pageTable';
import { VM_EXEC, VM_MAYSHARE, VM_READ, VM_WRITE, vmFlagNames } from './vma';

// Local copies of addr.ts constants: module bindings cost a getter call per use under some
// loaders (tsx), and these sit on the fault path.
const PAGE_SIZE = 4096;
const PTRS_PER_TABLE = 512;
const TASK_SIZE = 2 ** 47 - 4096;

export interface MapsLine {
  readonly start: bigint;
  readonly end: bigint;
  readonly perms: string;
  readonly backing:
    | { readonly kind: 'anon' }
    | { readonly kind: 'shared-anon' }
    | { readonly kind: 'memfd'; readonly name: string; readonly offset: bigint };
  readonly flags: readonly string[];
}

export type PageState =
  | { readonly state: 'none' }
  | {
      readonly state: 'present';
      readonly frame: bigint;
      readonly zero: boolean;
      readonly excl: boolean;
      readonly file: boolean;
      readonly wp: boolean;
      readonly thp: boolean;
    }
  | { readonly state: 'marker'; readonly marker: 'wp' | 'poison' }
  | { readonly state: 'swap' };

/** Every VMA below top, as smaps lists it. */
export function mapsLines(mm: Mm): MapsLine[] {
  const out: MapsLine[] = [];
  for (const v of mm.vmas) {
    if (v.runtime) continue;
    const f = v.flags;
    const perms =
      ((f & VM_READ) !== 0 ? 'r' : '-') +
      ((f & VM_WRITE) !== 0 ? 'w' : '-') +
      ((f & VM_EXEC) !== 0 ? 'x' : '-') +
      ((f & VM_MAYSHARE) !== 0 ? 's' : 'p');
    let backing: MapsLine['backing'];
    if (v.file === null) backing = { kind: 'anon' };
    else if (v.file.inode.kind === 'shared-anon') backing = { kind: 'shared-anon' };
    else
      backing = {
        kind: 'memfd',
        name: v.file.inode.name,
        offset: BigInt(v.pgoff) * BigInt(PAGE_SIZE),
      };
    out.push({ start: BigInt(v.start), end: BigInt(v.end), perms, backing, flags: vmFlagNames(f) });
  }
  return out;
}

const NONE: PageState = { state: 'none' };
const SWAP: PageState = { state: 'swap' };
const MARKER_WP: PageState = { state: 'marker', marker: 'wp' };
const MARKER_POISON: PageState = { state: 'marker', marker: 'poison' };

/** The pagemap state of the page at addr (page-aligned number). */
export function pageState(mm: Mm, addr: number): PageState {
  if (addr >= TASK_SIZE) return NONE;
  const pt = mm.pt;
  const ms = pt.pmdSlot(addr);
  if (ms < 0) return NONE;
  const m = pt.pmd.data[ms]!;
  let e: number;
  let pfn: number;
  if ((m & PMD_TABLE) !== 0) {
    e = pt.pte.data[(m >>> PFN_SHIFT) * PTRS_PER_TABLE + pteIdx(addr)]!;
    if (e === 0) return NONE;
    if ((e & PTE_PRESENT) === 0) {
      const bits = e >>> PFN_SHIFT;
      if ((bits & MARKER_POISONED) !== 0) return MARKER_POISON;
      if ((bits & MARKER_UFFD_WP) !== 0) return MARKER_WP;
      return SWAP;
    }
    pfn = e >>> PFN_SHIFT;
  } else if ((m & PTE_PRESENT) !== 0) {
    e = m;
    pfn = (m >>> PFN_SHIFT) + pteIdx(addr);
  } else {
    return NONE;
  }
  const fr = mm.frames;
  const kind = fr.kind[pfn]!;
  const wp = (e & PTE_UFFD_WP) !== 0;
  if (kind === FRAME_ZERO) {
    // vm_normal_page() is NULL for the zero page: no PM_FILE, no PM_MMAP_EXCLUSIVE.
    return {
      state: 'present',
      frame: BigInt(pfn),
      zero: true,
      excl: false,
      file: false,
      wp,
      thp: false,
    };
  }
  if (kind === FRAME_HUGE_ZERO) {
    // pmd_page() is the huge zero folio: not anonymous, so PM_FILE; KPF_ZERO_PAGE | KPF_THP.
    return {
      state: 'present',
      frame: BigInt(pfn),
      zero: true,
      excl: false,
      file: true,
      wp,
      thp: true,
    };
  }
  return {
    state: 'present',
    frame: BigInt(pfn),
    zero: false,
    excl: fr.mapcount[pfn] === 1,
    file: kind === FRAME_CACHE || kind !== FRAME_ANON,
    wp,
    thp: fr.isThp(pfn),
  };
}

export const PAGEMAP_MAX_PAGES = 2 ** 24;

/** Pages overlapping [addr, addr + len) as the oracle walks them; null when too many. */
export function pagemapRanges(
  mm: Mm,
  ranges: ReadonlyArray<readonly [bigint, bigint]>,
): PageState[] | null {
  const P = BigInt(PAGE_SIZE);
  const U64_MAX = (1n << 64n) - 1n;
  let total = 0n;
  const spans: Array<[bigint, bigint]> = [];
  for (const [addr, len] of ranges) {
    if (len === 0n) continue;
    let last = addr + len - 1n;
    if (last > U64_MAX) last = U64_MAX;
    const n = last / P - addr / P + 1n;
    if (n > BigInt(PAGEMAP_MAX_PAGES) || total + n > BigInt(PAGEMAP_MAX_PAGES)) return null;
    total += n;
    spans.push([addr / P, n]);
  }
  const out: PageState[] = [];
  const taskPages = BigInt(TASK_SIZE / PAGE_SIZE);
  for (const [p0, n] of spans) {
    // Pages below TASK_SIZE as exact numbers; everything above is unmapped.
    const below = p0 >= taskPages ? 0n : p0 + n <= taskPages ? n : taskPages - p0;
    const first = Number(p0);
    for (let i = 0; i < Number(below); i++) out.push(pageState(mm, (first + i) * PAGE_SIZE));
    for (let i = below; i < n; i++) out.push(NONE);
  }
  return out;
}
