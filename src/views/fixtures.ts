/**
 * Hand-written view models for the golden tests and the development harness: fixed, small and
 * readable, so a golden SVG changes only when a renderer does. They mirror real situations
 * (a memfd after MREMAP_DONTUNMAP, a GiB moved at each level) without needing the simulator.
 */
import type { Effect, EntryKind } from '../core/effects';
import { PAGE_SIZE, PMD_SIZE, PUD_SIZE, PGDIR_SIZE, pfn as toPfn, vaddr } from '../core/addr';
import {
  BIT_WRITE,
  SLOT_ANON,
  SLOT_CACHE,
  SLOT_HUGE,
  SLOT_MARKER_WP,
  SLOT_NONE,
  SLOT_TABLE,
  SLOT_ZERO,
  type AddressSpaceModel,
  type BackingModel,
  type FrameGroupModel,
  type InspectorModel,
  type PageRun,
  type PageTablesModel,
  type PhysicalModel,
  type SlotCode,
  type TableLevelName,
  type TableModel,
  type UffdModel,
  type VmaModel,
} from './models';
import { ANON_COLOR, memfdColor, SHARED_ANON_COLOR } from './palette';

export const TOP = 0x7f4000000000;

export const BACKINGS: readonly BackingModel[] = [
  { key: 'anon', kind: 'anon', inode: null, label: 'anon', color: ANON_COLOR },
  { key: 'memfd:3', kind: 'memfd', inode: 3, label: 'memfd:heap', color: memfdColor(0) },
  {
    key: 'shared-anon:4',
    kind: 'shared-anon',
    inode: 4,
    label: 'shared-anon',
    color: SHARED_ANON_COLOR,
  },
];

function run(
  start: number,
  pages: number,
  kind: EntryKind,
  backing: string | null,
  pfn: number,
): PageRun {
  return { start, pages, kind, backing, pfn, writable: kind !== 'zero', wp: false };
}

export function vmaModel(
  p: Partial<VmaModel> & { id: number; start: number; end: number },
): VmaModel {
  const runs = p.runs ?? [];
  return {
    flags: 0x73,
    flagNames: ['VM_READ', 'VM_WRITE', 'VM_MAYREAD', 'VM_MAYWRITE', 'VM_MAYEXEC'],
    mnemonics: ['rd', 'wr', 'mr', 'mw', 'me'],
    perms: 'rw-p',
    backing: 'anon',
    pgoff: 0,
    present: runs.reduce((s, r) => s + (r.kind.startsWith('marker') ? 0 : r.pages), 0),
    runs,
    uffd: null,
    dontunmap: null,
    ...p,
  };
}

/** `memfd heap` 16K, stored to, then mremap(heap, 16K, 16K, MAYMOVE|DONTUNMAP). */
export function dontunmapAddressSpace(): AddressSpaceModel {
  const heap = TOP - 0x4000;
  const to = TOP - 0x8000;
  return {
    top: TOP,
    backings: BACKINGS.slice(0, 2),
    names: [
      { name: 'heap', addr: heap },
      { name: 'to', addr: to },
    ],
    vmas: [
      vmaModel({
        id: 7,
        start: 0x10000000,
        end: 0x10000000 + 64 * PAGE_SIZE,
        mnemonics: ['rd', 'wr', 'mr', 'mw', 'me', 'ac', 'lo'],
        runs: [
          run(0x10000000, 3, 'anon', 'anon', 0x40),
          run(0x10000000 + 8 * PAGE_SIZE, 2, 'zero', null, 0),
        ],
      }),
      vmaModel({
        id: 2,
        start: to,
        end: heap,
        backing: 'memfd:3',
        perms: 'rw-s',
        mnemonics: ['rd', 'wr', 'sh', 'mr', 'mw', 'me', 'ms'],
        runs: [run(to, 4, 'cache', 'memfd:3', 0x10)],
      }),
      vmaModel({
        id: 1,
        start: heap,
        end: TOP,
        backing: 'memfd:3',
        perms: 'rw-s',
        mnemonics: ['rd', 'wr', 'sh', 'mr', 'mw', 'me', 'ms'],
        uffd: { fd: 4, missing: true, minor: true, wp: false },
        dontunmap: { start: heap, end: TOP },
      }),
    ],
  };
}

export function dontunmapEffects(): Effect[] {
  const heap = TOP - 0x4000;
  const to = TOP - 0x8000;
  const rec = (id: number, start: number) => ({
    id,
    start: vaddr(start),
    end: vaddr(start + 0x4000),
    flags: 0xfb,
    backing: { kind: 'memfd' as const, inode: 3, name: 'heap' },
    pgoff: 0 as never,
  });
  return [
    { type: 'vma.move', before: rec(1, heap), after: rec(2, to) },
    { type: 'entries.move', level: 'pte', from: vaddr(heap), to: vaddr(to), count: 4, huge: false },
  ];
}

/** A populated GiB moved by mremap (PTE-level: the worst case for a renderer). */
export function gigAddressSpace(): AddressSpaceModel {
  const base = 0x7e0000000000;
  return {
    top: TOP,
    backings: BACKINGS.slice(0, 1),
    names: [{ name: 'big', addr: base }],
    vmas: [
      vmaModel({
        id: 3,
        start: base,
        end: base + PUD_SIZE,
        runs: [run(base, PUD_SIZE / PAGE_SIZE, 'anon', 'anon', 0x1000)],
      }),
    ],
  };
}

export function gigMoveEffects(level: 'pte' | 'pmd' | 'pud'): Effect[] {
  const from = vaddr(0x7e0000000000);
  const to = vaddr(0x7e0040000000);
  const out: Effect[] = [];
  if (level === 'pud') {
    out.push({ type: 'entries.move', level: 'pud', from, to, count: 1, huge: false });
  } else if (level === 'pmd') {
    out.push({ type: 'table.alloc', level: 'pmd', base: to });
    out.push({ type: 'entries.move', level: 'pmd', from, to, count: 512, huge: false });
    out.push({ type: 'table.free', level: 'pmd', base: from });
  } else {
    out.push({ type: 'table.alloc', level: 'pmd', base: to });
    for (let i = 0; i < 512; i++) {
      out.push({ type: 'table.alloc', level: 'pte', base: vaddr(to + i * PMD_SIZE) });
      out.push({
        type: 'entries.move',
        level: 'pte',
        from: vaddr(from + i * PMD_SIZE),
        to: vaddr(to + i * PMD_SIZE),
        count: 512,
        huge: false,
      });
    }
    for (let i = 0; i < 512; i++)
      out.push({ type: 'table.free', level: 'pte', base: vaddr(from + i * PMD_SIZE) });
    out.push({ type: 'table.free', level: 'pmd', base: from });
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Page tables

const SPAN: Record<TableLevelName, number> = {
  pgd: PGDIR_SIZE * 512,
  pud: PGDIR_SIZE,
  pmd: PUD_SIZE,
  pte: PMD_SIZE,
};

export function emptyTable(
  level: TableLevelName,
  base: number,
  parent: string | null,
  index: number,
): TableModel {
  return {
    id: `${level}:${base}`,
    level,
    base,
    span: SPAN[level],
    parent,
    index,
    used: 0,
    kinds: new Uint8Array(512),
    backing: new Uint8Array(512),
    pfn: new Float64Array(512).fill(-1),
    bits: new Uint8Array(512),
    fill: new Float32Array(512),
    childBacking: new Uint8Array(512),
    gone: null,
  };
}

/** Fill slots [from, from+n) with `kind`, frames pfn0, pfn0+1, ... */
export function fillSlots(
  t: TableModel,
  from: number,
  n: number,
  kind: SlotCode,
  backingIndex: number,
  pfn0: number,
): TableModel {
  let used = t.used;
  for (let i = from; i < from + n; i++) {
    if (t.kinds[i] === SLOT_NONE && kind !== SLOT_NONE) used++;
    t.kinds[i] = kind;
    t.backing[i] = kind === SLOT_ZERO || kind === SLOT_MARKER_WP ? 0 : backingIndex + 1;
    t.pfn[i] = kind === SLOT_ZERO ? 0 : kind === SLOT_MARKER_WP ? -1 : pfn0 + (i - from);
    t.bits[i] = kind === SLOT_ZERO ? 0 : BIT_WRITE;
  }
  return { ...t, used };
}

function link(parent: TableModel, index: number, child: TableModel): TableModel {
  const p = fillSlots(parent, index, 1, SLOT_TABLE, -1, -1);
  p.backing[index] = 0;
  p.pfn[index] = -1;
  p.fill[index] = child.used / 512;
  let best = 0;
  const votes = new Map<number, number>();
  for (let i = 0; i < 512; i++) {
    const b = child.kinds[i] === SLOT_TABLE ? child.childBacking[i]! : child.backing[i]!;
    if (b > 0) votes.set(b, (votes.get(b) ?? 0) + 1);
  }
  for (const [b, n] of votes) if (n > (votes.get(best) ?? 0)) best = b;
  p.childBacking[index] = best;
  return p;
}

/** PGD -> one PUD -> one PMD -> a few PTE tables: the memfd example plus a THP. */
export function smallPageTables(): PageTablesModel {
  const heap = TOP - 0x4000;
  const pteBase = heap - (heap % PMD_SIZE);
  const pmdBase = heap - (heap % PUD_SIZE);
  const pudBase = heap - (heap % PGDIR_SIZE);
  let pte = emptyTable('pte', pteBase, `pmd:${pmdBase}`, (pteBase / PMD_SIZE) % 512);
  pte = fillSlots(pte, 504, 4, SLOT_CACHE, 1, 0x10);
  const anonPteBase = pteBase - PMD_SIZE;
  let pte2 = emptyTable('pte', anonPteBase, `pmd:${pmdBase}`, (anonPteBase / PMD_SIZE) % 512);
  pte2 = fillSlots(pte2, 0, 100, SLOT_ANON, 0, 0x100);
  pte2 = fillSlots(pte2, 100, 20, SLOT_ZERO, 0, 0);
  pte2 = fillSlots(pte2, 130, 4, SLOT_MARKER_WP, 0, 0);
  let pmd = emptyTable('pmd', pmdBase, `pud:${pudBase}`, (pmdBase / PUD_SIZE) % 512);
  pmd = link(pmd, pte.index, pte);
  pmd = link(pmd, pte2.index, pte2);
  pmd = fillSlots(pmd, 10, 2, SLOT_HUGE, 0, 0x200);
  let pud = emptyTable('pud', pudBase, 'pgd:0', (pudBase / PGDIR_SIZE) % 512);
  pud = link(pud, pmd.index, pmd);
  let pgd = emptyTable('pgd', 0, null, 0);
  pgd = link(pgd, pud.index, pud);
  return {
    tables: [pgd, pud, pmd, pte2, pte],
    totals: { pgd: 1, pud: 1, pmd: 1, pte: 2 },
    backings: BACKINGS,
    focus: null,
  };
}

/** A populated GiB: one PMD table full of PTE tables, only a few of them drawn. */
export function gigPageTables(base = 0x7e0000000000, drawn = 4): PageTablesModel {
  const pudBase = base - (base % PGDIR_SIZE);
  let pmd = emptyTable('pmd', base, `pud:${pudBase}`, (base / PUD_SIZE) % 512);
  const ptes: TableModel[] = [];
  for (let i = 0; i < 512; i++) {
    let t = emptyTable('pte', base + i * PMD_SIZE, pmd.id, i);
    if (i < drawn) {
      t = fillSlots(t, 0, 512, SLOT_ANON, 0, 0x1000 + i * 512);
      ptes.push(t);
    }
    pmd = fillSlots(pmd, i, 1, SLOT_TABLE, -1, -1);
    pmd.backing[i] = 0;
    pmd.pfn[i] = -1;
    pmd.fill[i] = 1;
    pmd.childBacking[i] = 1;
  }
  let pud = emptyTable('pud', pudBase, 'pgd:0', (pudBase / PGDIR_SIZE) % 512);
  pud = link(pud, pmd.index, pmd);
  pud.fill[pmd.index] = 1;
  pud.childBacking[pmd.index] = 1;
  let pgd = emptyTable('pgd', 0, null, 0);
  pgd = link(pgd, pud.index, pud);
  return {
    tables: [pgd, pud, pmd, ...ptes],
    totals: { pgd: 1, pud: 1, pmd: 1, pte: 512 },
    backings: BACKINGS.slice(0, 1),
    focus: { start: base, end: base + PUD_SIZE },
  };
}

/**
 * The page tables after mremap moved the populated GiB at `from` to `from + 1G` at `level`,
 * with the tables the step freed or carried away drawn where they were.
 */
export function gigPageTablesAfter(level: 'pte' | 'pmd' | 'pud', drawn = 2): PageTablesModel {
  const from = 0x7e0000000000;
  const to = from + PUD_SIZE;
  const live = gigPageTables(to, drawn);
  const pud = live.tables.find((t) => t.level === 'pud')!;
  const gone: TableModel[] = [];
  const pmdPlaceholder = emptyTable('pmd', from, pud.id, (from / PUD_SIZE) % 512);
  gone.push({
    ...pmdPlaceholder,
    gone: level === 'pud' ? { kind: 'moved', to } : { kind: 'freed' },
  });
  if (level !== 'pud') {
    for (let i = 0; i < drawn; i++) {
      const t = emptyTable('pte', from + i * PMD_SIZE, pmdPlaceholder.id, i);
      gone.push({
        ...t,
        gone: level === 'pmd' ? { kind: 'moved', to: to + i * PMD_SIZE } : { kind: 'freed' },
      });
    }
  }
  return {
    ...live,
    tables: [...live.tables, ...gone],
    totals: { ...live.totals },
    focus: { start: from, end: to + PUD_SIZE },
  };
}

// ---------------------------------------------------------------------------------------
// Physical memory

function group(
  id: string,
  kind: 'zero' | 'anon' | 'cache',
  backing: string | null,
  label: string,
  pfns: number[],
  mapcounts: number[],
  sizePages: number | null,
): FrameGroupModel {
  return {
    id,
    kind,
    backing,
    label,
    count: pfns.length,
    pfn: Float64Array.from(pfns),
    mapcount: Int32Array.from(mapcounts),
    refcount: Int32Array.from(mapcounts.map((m, i) => (pfns[i]! < 0 ? 0 : m + 1))),
    sizePages,
  };
}

export function smallPhysical(): PhysicalModel {
  return {
    backings: BACKINGS,
    groups: [
      group('zero', 'zero', null, 'zero page', [0], [2], null),
      group(
        'anon',
        'anon',
        'anon',
        'anonymous',
        [0x40, 0x41, 0x42, 0x43, 0x44],
        [1, 1, 1, 2, 0],
        null,
      ),
      // After DONTUNMAP the cache keeps its pages: two are mapped again, two are not.
      group(
        'cache:3',
        'cache',
        'memfd:3',
        'memfd:heap (inode 3)',
        [0x10, 0x11, 0x12, 0x13, -1, -1],
        [1, 1, 0, 0, 0, 0],
        6,
      ),
    ],
  };
}

export function bigPhysical(n = 262144): PhysicalModel {
  const pfns = new Float64Array(n);
  const maps = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    pfns[i] = 0x1000 + i;
    maps[i] = 1;
  }
  return {
    backings: BACKINGS.slice(0, 1),
    groups: [
      {
        id: 'anon',
        kind: 'anon',
        backing: 'anon',
        label: 'anonymous',
        count: n,
        pfn: pfns,
        mapcount: maps,
        refcount: maps,
        sizePages: null,
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------
// userfaultfd

export function uffdModel(): UffdModel {
  const heap = TOP - 0x4000;
  return {
    steps: 6,
    backings: BACKINGS,
    contexts: [
      {
        fd: 4,
        ready: true,
        features: ['EVENT_REMAP', 'MISSING_SHMEM', 'MINOR_SHMEM', 'THREAD_ID'],
        ranges: [{ start: heap, end: TOP, modes: ['MISSING', 'MINOR'], backing: 'memfd:3' }],
        queue: [
          { key: '4.0', text: 'PAGEFAULT heap flags=MINOR thread=t1' },
          { key: '5.0', text: 'PAGEFAULT heap+0x1000 flags=WRITE|MINOR thread=t2' },
        ],
      },
    ],
    threads: [
      {
        name: 'main',
        state: 'done',
        addr: null,
        result: 'ok',
        lane: [
          { step: 1, state: 'idle', ran: false, addr: null },
          { step: 2, state: 'done', ran: true, addr: null },
          { step: 3, state: 'done', ran: false, addr: null },
          { step: 4, state: 'done', ran: false, addr: null },
          { step: 5, state: 'done', ran: false, addr: null },
          { step: 6, state: 'done', ran: false, addr: null },
        ],
      },
      {
        name: 't1',
        state: 'blocked',
        addr: heap,
        where: 'heap',
        result: null,
        lane: [
          { step: 4, state: 'blocked', ran: true, addr: heap },
          { step: 5, state: 'blocked', ran: false, addr: heap },
          { step: 6, state: 'blocked', ran: false, addr: heap },
        ],
      },
      {
        name: 't2',
        state: 'sigbus',
        addr: heap + 0x1000,
        where: 'heap+0x1000',
        result: 'SIGBUS at heap+0x1000',
        lane: [
          { step: 5, state: 'blocked', ran: true, addr: heap + 0x1000 },
          { step: 6, state: 'sigbus', ran: true, addr: heap + 0x1000 },
        ],
      },
    ],
  };
}

export function emptyUffdModel(): UffdModel {
  return { steps: 0, backings: [], contexts: [], threads: [] };
}

// ---------------------------------------------------------------------------------------
// Inspector

export function vmaInspector(): InspectorModel {
  return {
    title: 'VMA 1',
    subtitle: '[0x7f3fffffc000, 0x7f4000000000) 16K',
    color: memfdColor(0),
    sections: [
      {
        title: 'range',
        rows: [
          { key: 'vm_start', value: '0x7f3fffffc000', exact: '139912413413376' },
          { key: 'vm_end', value: '0x7f4000000000', exact: '139912413429760' },
          { key: 'size', value: '16K', exact: '16,384 bytes (0x4000) = 4 pages' },
          { key: 'vm_pgoff', value: '0' },
        ],
      },
      {
        title: 'flags',
        rows: [
          { key: 'vm_flags', value: '0x8000fb' },
          { key: '', value: 'VM_READ VM_WRITE VM_SHARED VM_MAYREAD VM_MAYWRITE VM_MAYSHARE' },
          {
            key: 'uffd',
            value: 'fd 4: VM_UFFD_MISSING VM_UFFD_MINOR',
            link: { kind: 'uffd', fd: 4 },
          },
        ],
      },
      {
        title: 'backing',
        rows: [
          { key: 'file', value: 'memfd:heap', color: memfdColor(0) },
          { key: 'present', value: '0 of 4 pages' },
          { key: 'state', value: 'emptied by MREMAP_DONTUNMAP' },
        ],
      },
    ],
  };
}

export const FIXTURE_PFN = toPfn;
export { SLOT_ANON, SLOT_CACHE, SLOT_HUGE, SLOT_MARKER_WP, SLOT_NONE, SLOT_TABLE, SLOT_ZERO };
