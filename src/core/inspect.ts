/**
 * A read-only view of an `Mm` for the explorer: VMAs, the page tables of a range (which tables
 * exist at each level, and their entries), frames, page caches and threads. Everything returned
 * is a fresh plain object: callers may keep it across steps.
 */
import type { Mm } from './mm';
import type { VmaRecord } from './effects';
import {
  PAGE_SIZE,
  PGDIR_SIZE,
  PMD_SIZE,
  PTRS_PER_TABLE,
  PUD_SIZE,
  vaddr,
  type Vaddr,
} from './addr';
import { FRAME_ANON, FRAME_CACHE, FRAME_FREE, FRAME_HUGE_ZERO, FRAME_ZERO } from './frames';
import {
  MARKER_GUARD,
  MARKER_POISONED,
  PFN_SHIFT,
  PMD_TABLE,
  PTE_PRESENT,
  PTE_UFFD_WP,
  PTE_WRITE,
  pgdIdx,
  pmdIdx,
  pudIdx,
} from './pageTable';
import { vmFlagNames, vmaRecord } from './vma';
import type { ThreadState } from './threads';

export interface VmaView extends VmaRecord {
  readonly perms: string;
  readonly flagNames: readonly string[];
  readonly anonVma: number;
  readonly uffdCtx: number;
}

/** Every VMA below top, in address order. */
export function listVmas(mm: Mm): VmaView[] {
  return mm.vmas
    .filter((v) => !v.runtime)
    .map((v) => ({
      ...vmaRecord(v),
      perms:
        ((v.flags & 1) !== 0 ? 'r' : '-') +
        ((v.flags & 2) !== 0 ? 'w' : '-') +
        ((v.flags & 4) !== 0 ? 'x' : '-') +
        ((v.flags & 0x80) !== 0 ? 's' : 'p'),
      flagNames: vmFlagNames(v.flags),
      anonVma: v.anonVma,
      uffdCtx: v.uffdCtx,
    }));
}

export type EntryView =
  | { readonly kind: 'none' }
  | { readonly kind: 'table'; readonly level: 'pud' | 'pmd' | 'pte'; readonly base: Vaddr }
  | {
      readonly kind: 'page' | 'huge';
      readonly pfn: number;
      readonly writable: boolean;
      readonly uffdWp: boolean;
      readonly zero: boolean;
    }
  | { readonly kind: 'marker'; readonly marker: 'wp' | 'poison' | 'guard' };

export interface TableView {
  readonly level: 'pgd' | 'pud' | 'pmd' | 'pte';
  /** First address the table maps. */
  readonly base: Vaddr;
  /** Index of the table in its level's pool (stable while it lives); -1 for the PGD. */
  readonly id: number;
  /** Non-none entries only, by index. */
  readonly entries: ReadonlyArray<{
    readonly index: number;
    readonly addr: Vaddr;
    readonly entry: EntryView;
  }>;
}

function leaf(mm: Mm, e: number, huge: boolean): EntryView {
  if ((e & PTE_PRESENT) === 0) {
    const bits = e >>> PFN_SHIFT;
    const marker =
      (bits & MARKER_POISONED) !== 0 ? 'poison' : (bits & MARKER_GUARD) !== 0 ? 'guard' : 'wp';
    return { kind: 'marker', marker };
  }
  const pfn = e >>> PFN_SHIFT;
  return {
    kind: huge ? 'huge' : 'page',
    pfn,
    writable: (e & PTE_WRITE) !== 0,
    uffdWp: (e & PTE_UFFD_WP) !== 0,
    zero: mm.frames.isZero(pfn),
  };
}

/**
 * The tables that map [start, end): the PGD, then every PUD, PMD and PTE table present under it
 * (top-down, in address order), each with its non-none entries inside the range.
 */
export function walkTables(mm: Mm, start: number, end: number): TableView[] {
  const pt = mm.pt;
  const out: TableView[] = [];
  const pgdEntries: Array<{ index: number; addr: Vaddr; entry: EntryView }> = [];
  const below: TableView[] = [];
  for (let g = Math.floor(start / PGDIR_SIZE) * PGDIR_SIZE; g < end; g += PGDIR_SIZE) {
    const gu = pt.pgd[pgdIdx(g)]!;
    if (gu === 0) continue;
    pgdEntries.push({
      index: pgdIdx(g),
      addr: vaddr(g),
      entry: { kind: 'table', level: 'pud', base: vaddr(g) },
    });
    const pudT = gu - 1;
    const pudEntries: Array<{ index: number; addr: Vaddr; entry: EntryView }> = [];
    const pmdTables: TableView[] = [];
    for (
      let u = Math.max(g, Math.floor(start / PUD_SIZE) * PUD_SIZE);
      u < Math.min(end, g + PGDIR_SIZE);
      u += PUD_SIZE
    ) {
      const uu = pt.pud.data[pudT * PTRS_PER_TABLE + pudIdx(u)]!;
      if (uu === 0) continue;
      pudEntries.push({
        index: pudIdx(u),
        addr: vaddr(u),
        entry: { kind: 'table', level: 'pmd', base: vaddr(u) },
      });
      const pmdT = uu - 1;
      const pmdEntries: Array<{ index: number; addr: Vaddr; entry: EntryView }> = [];
      const pteTables: TableView[] = [];
      for (
        let m = Math.max(u, Math.floor(start / PMD_SIZE) * PMD_SIZE);
        m < Math.min(end, u + PUD_SIZE);
        m += PMD_SIZE
      ) {
        const me = pt.pmd.data[pmdT * PTRS_PER_TABLE + pmdIdx(m)]!;
        if (me === 0) continue;
        if ((me & PMD_TABLE) === 0) {
          pmdEntries.push({ index: pmdIdx(m), addr: vaddr(m), entry: leaf(mm, me, true) });
          continue;
        }
        pmdEntries.push({
          index: pmdIdx(m),
          addr: vaddr(m),
          entry: { kind: 'table', level: 'pte', base: vaddr(m) },
        });
        const pteT = me >>> PFN_SHIFT;
        const pteEntries: Array<{ index: number; addr: Vaddr; entry: EntryView }> = [];
        const lo = Math.max(m, Math.floor(start / PAGE_SIZE) * PAGE_SIZE);
        const hi = Math.min(end, m + PMD_SIZE);
        for (let a = lo; a < hi; a += PAGE_SIZE) {
          const i = (a - m) / PAGE_SIZE;
          const e = pt.pte.data[pteT * PTRS_PER_TABLE + i]!;
          if (e !== 0) pteEntries.push({ index: i, addr: vaddr(a), entry: leaf(mm, e, false) });
        }
        pteTables.push({ level: 'pte', base: vaddr(m), id: pteT, entries: pteEntries });
      }
      pmdTables.push({ level: 'pmd', base: vaddr(u), id: pmdT, entries: pmdEntries }, ...pteTables);
    }
    below.push({ level: 'pud', base: vaddr(g), id: pudT, entries: pudEntries }, ...pmdTables);
  }
  out.push({ level: 'pgd', base: vaddr(0), id: -1, entries: pgdEntries }, ...below);
  return out;
}

export interface FrameView {
  readonly pfn: number;
  readonly kind: 'free' | 'anon' | 'cache' | 'zero' | 'huge-zero';
  readonly refcount: number;
  readonly mapcount: number;
  readonly thp: boolean;
  /** The content tag (0 = zero-filled). */
  readonly tag: number;
  /** Cache pages: inode and index; anonymous pages: anon_vma and linear index. */
  readonly owner: number;
  readonly index: number;
}

const KIND_NAMES: Record<number, FrameView['kind']> = {
  [FRAME_FREE]: 'free',
  [FRAME_ANON]: 'anon',
  [FRAME_CACHE]: 'cache',
  [FRAME_ZERO]: 'zero',
  [FRAME_HUGE_ZERO]: 'huge-zero',
};

export function frameInfo(mm: Mm, pfn: number): FrameView {
  const f = mm.frames;
  const h = f.head(pfn);
  return {
    pfn,
    kind: KIND_NAMES[f.kind[pfn]!] ?? 'free',
    refcount: f.refcount[h]!,
    mapcount: f.mapcount[pfn]!,
    thp: f.isThp(pfn),
    tag: f.tag[pfn]!,
    owner: f.owner[pfn]!,
    index: f.index[pfn]!,
  };
}

/** Every frame in use (zero pages excluded), ascending. */
export function usedFrames(mm: Mm): FrameView[] {
  const out: FrameView[] = [];
  const f = mm.frames;
  for (let p = 0; p < f.bump; p++) {
    const k = f.kind[p]!;
    if (k === FRAME_ANON || k === FRAME_CACHE) out.push(frameInfo(mm, p));
  }
  return out;
}

export interface InodeView {
  readonly inode: number;
  readonly kind: 'memfd' | 'shared-anon';
  readonly name: string;
  readonly size: number;
  /** Cached pages: [index, pfn], ascending. */
  readonly pages: ReadonlyArray<readonly [number, number]>;
  /** Open fds naming it. */
  readonly fds: readonly number[];
}

export function pageCaches(mm: Mm): InodeView[] {
  const out: InodeView[] = [];
  for (const inode of mm.inodes.values()) {
    const fds: number[] = [];
    for (const [fd, e] of mm.fds) if (e.kind === 'memfd' && e.file.inode === inode) fds.push(fd);
    out.push({
      inode: inode.id,
      kind: inode.kind,
      name: inode.name,
      size: inode.size,
      pages: inode.cache.entries(0, Number.MAX_SAFE_INTEGER),
      fds,
    });
  }
  return out.sort((a, b) => a.inode - b.inode);
}

export interface ThreadView {
  readonly name: string;
  readonly state: ThreadState;
  /** The current or last access. */
  readonly access: {
    readonly kind: 'load' | 'store';
    readonly next: number;
    readonly end: number;
    readonly tags: readonly number[];
    readonly stop: { readonly kind: string; readonly addr: bigint } | null;
  } | null;
}

export function threads(mm: Mm): ThreadView[] {
  return mm.threads.map((t) => ({
    name: t.name,
    state: t.state(),
    access:
      t.access === null
        ? null
        : {
            kind: t.access.kind,
            next: t.access.next,
            end: t.access.end,
            tags: t.access.tagList(),
            stop: t.access.stop,
          },
  }));
}

/** VmPTE now, and its change since the start (pgtables()). */
export function pgtablesInfo(mm: Mm): { readonly bytes: number; readonly delta: number } {
  return { bytes: mm.pt.bytes(), delta: mm.pgtablesDelta() };
}

// uffd: the explorer's userfaultfd panel: every context with its features, registered ranges
// and modes, queued messages and sleeping threads, and each thread's state (built in uffd.ts).
export { inspectUffd as userfaultfds } from './uffd';
export type { UffdCtxView, UffdRangeView, UffdView } from './uffd';
