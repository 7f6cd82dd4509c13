/**
 * Simulation -> view models. The only module of src/views that reads the simulator: renderers
 * get plain models (models.ts) and never see the core.
 *
 * Everything here is a read of the state at the cursor (the Simulation the store shows, which
 * is never stepped again once shown, so results are cached per Simulation object) plus, where
 * the state alone cannot say it, the timeline's records: which VMA MREMAP_DONTUNMAP emptied,
 * which names the script bound, uffd messages queued and read, what each thread did per step.
 */
import { PAGE_SIZE, PGDIR_SIZE, PMD_SIZE, PTRS_PER_TABLE, PUD_SIZE, TASK_SIZE } from '../core/addr';
import type { Effect, EntryKind } from '../core/effects';
import { FF_THP, FRAME_ANON, FRAME_CACHE, FRAME_HUGE_ZERO, FRAME_ZERO } from '../core/frames';
import type { Mm } from '../core/mm';
import {
  MARKER_POISONED,
  MARKER_UFFD_WP,
  PFN_SHIFT,
  PMD_TABLE,
  PTE_PRESENT,
  PTE_UFFD_WP,
  PTE_WRITE,
} from '../core/pageTable';
import { UFFD_FEATURE_NAMES } from '../core/uapi';
import { inspectUffd } from '../core/uffd';
import * as VM from '../core/vma';
import type { UffdMessage } from '../script/facts';
import { AddressNamer, formatUffdMessage } from '../script/format';
import type { Simulation } from '../script/interpret';
import type { Program } from '../script/program';
import type { Selection, StepRecord } from '../store/types';
import { count, hex, pages as pagesText, range, shortHex, size, sizeExact } from './format';
import {
  ANON_KEY,
  BIT_UFFD_WP,
  LANE_STEPS,
  BIT_WRITE,
  NO_LINKS,
  SLOT_ANON,
  SLOT_CACHE,
  SLOT_HUGE,
  SLOT_HUGE_ZERO,
  SLOT_MARKER_POISON,
  SLOT_MARKER_WP,
  SLOT_NAMES,
  SLOT_NONE,
  SLOT_TABLE,
  SLOT_ZERO,
  type AddressName,
  type AddressSpaceModel,
  type BackingModel,
  type FrameGroupModel,
  type InspectorModel,
  type InspectorRow,
  type InspectorSection,
  type Linked,
  type PageRun,
  type PageTablesModel,
  type PhysicalModel,
  type SlotCode,
  type TableGone,
  type TableLevelName,
  type TableModel,
  type ThreadLaneCell,
  type ThreadModel,
  type ThreadState,
  type UffdContextModel,
  type UffdMessageModel,
  type UffdMode,
  type UffdModel,
  type VmaModel,
} from './models';
import { carriedTo, shifts } from './motion';
import { ANON_COLOR, memfdColor, SHARED_ANON_COLOR } from './palette';

/** The timeline around the simulation: what happened to get here. */
export interface Timeline {
  readonly steps: readonly StepRecord[];
  readonly cursor: number;
  readonly program: Program | null;
}

// ---------------------------------------------------------------------------------------------
// Per-simulation cache: a shown Simulation never changes, so a walk is done once per step.

interface Cache {
  backings?: BackingModel[];
  runs?: Map<number, PageRun[]>;
  tableSummary: Map<number, { used: number; backing: number }>;
}
const caches = new WeakMap<object, Cache>();
function cache(sim: Simulation): Cache {
  let c = caches.get(sim);
  if (!c) {
    c = { tableSummary: new Map() };
    caches.set(sim, c);
  }
  return c;
}

// ---------------------------------------------------------------------------------------------
// Backings

function inodeKey(mm: Mm, inode: number): string {
  const i = mm.inodes.get(inode);
  return i?.kind === 'shared-anon' ? `shared-anon:${inode}` : `memfd:${inode}`;
}

/**
 * One backing per kind of memory: private anon, then each live shmem inode. A memfd's colour
 * comes from its inode number, so it keeps its colour for the whole run.
 */
export function backingsOf(sim: Simulation): BackingModel[] {
  const c = cache(sim);
  if (c.backings) return c.backings;
  const out: BackingModel[] = [
    { key: ANON_KEY, kind: 'anon', inode: null, label: 'anon', color: ANON_COLOR },
  ];
  const inodes = [...sim.mm.inodes.values()].sort((a, b) => a.id - b.id);
  for (const i of inodes) {
    if (i.kind === 'shared-anon') {
      out.push({
        key: `shared-anon:${i.id}`,
        kind: 'shared-anon',
        inode: i.id,
        label: `shared-anon#${i.id}`,
        color: SHARED_ANON_COLOR,
      });
    } else {
      out.push({
        key: `memfd:${i.id}`,
        kind: 'memfd',
        inode: i.id,
        label: `memfd:${i.name}`,
        color: memfdColor(i.id - 1),
      });
    }
  }
  c.backings = out;
  return out;
}

function vmaBackingKey(v: VM.Vma): string {
  if (v.file === null) return ANON_KEY;
  const i = v.file.inode;
  return i.kind === 'shared-anon' ? `shared-anon:${i.id}` : `memfd:${i.id}`;
}

// ---------------------------------------------------------------------------------------------
// Page-table reads

interface Leaf {
  kind: EntryKind;
  pfn: number;
  writable: boolean;
  wp: boolean;
}

function leafOf(mm: Mm, e: number, huge: boolean): Leaf | null {
  if (e === 0) return null;
  if ((e & PTE_PRESENT) === 0) {
    if (huge) return null;
    const bits = e >>> PFN_SHIFT;
    if ((bits & MARKER_POISONED) !== 0)
      return { kind: 'marker-poison', pfn: -1, writable: false, wp: false };
    if ((bits & MARKER_UFFD_WP) !== 0)
      return { kind: 'marker-wp', pfn: -1, writable: false, wp: true };
    return null;
  }
  const pfn = e >>> PFN_SHIFT;
  const fk = mm.frames.kind[pfn];
  const kind: EntryKind = huge
    ? fk === FRAME_HUGE_ZERO
      ? 'huge-zero'
      : 'huge'
    : fk === FRAME_ZERO
      ? 'zero'
      : fk === FRAME_CACHE
        ? 'cache'
        : 'anon';
  return { kind, pfn, writable: (e & PTE_WRITE) !== 0, wp: (e & PTE_UFFD_WP) !== 0 };
}

function frameBackingKey(mm: Mm, pfn: number): string | null {
  const k = mm.frames.kind[pfn];
  if (k === FRAME_ANON) return ANON_KEY;
  if (k === FRAME_CACHE) return inodeKey(mm, mm.frames.owner[pfn]!);
  return null;
}

/** Entry kinds as small numbers inside the walk (no strings or objects per page). */
const K_ANON = 1;
const K_CACHE = 2;
const K_ZERO = 3;
const K_HUGE = 4;
const K_HUGE_ZERO = 5;
const K_MARKER_WP = 6;
const K_MARKER_POISON = 7;
const KIND_NAMES: readonly EntryKind[] = [
  'anon',
  'anon',
  'cache',
  'zero',
  'huge',
  'huge-zero',
  'marker-wp',
  'marker-poison',
];

/**
 * Present entries and markers of [start, end) as runs (consecutive frames, same kind). This is
 * the hot loop of the adapter (262,144 PTEs for a populated GiB), so it decodes entries inline
 * and allocates only when a run ends.
 */
function walkRuns(mm: Mm, start: number, end: number): PageRun[] {
  // Imported bindings can compile to property getters (CommonJS interop in tests and tools):
  // read them once, not per page.
  const PG = PAGE_SIZE;
  const PRESENT = PTE_PRESENT;
  const WRITE = PTE_WRITE;
  const UWP = PTE_UFFD_WP;
  const SHIFT = PFN_SHIFT;
  const F_ZERO = FRAME_ZERO;
  const F_CACHE = FRAME_CACHE;
  const pt = mm.pt;
  const fkind = mm.frames.kind;
  const owner = mm.frames.owner;
  const out: PageRun[] = [];
  const inodeKeys = new Map<number, string>();
  const keyOf = (k: number, pfn: number): string | null => {
    if (k === K_ANON || k === K_HUGE) return fkind[pfn] === FRAME_ANON ? ANON_KEY : cacheKey(pfn);
    if (k === K_CACHE) return cacheKey(pfn);
    return null;
  };
  const cacheKey = (pfn: number): string => {
    const ino = owner[pfn]!;
    let key = inodeKeys.get(ino);
    if (key === undefined) inodeKeys.set(ino, (key = inodeKey(mm, ino)));
    return key;
  };
  // The run being built.
  let rStart = 0;
  let rPages = 0;
  let rKind = 0;
  let rPfn = 0;
  let rWrite = false;
  let rWp = false;
  let rOwner = -1;
  const flush = (): void => {
    if (rPages === 0) return;
    out.push({
      start: rStart,
      pages: rPages,
      kind: KIND_NAMES[rKind]!,
      backing: keyOf(rKind, rPfn),
      pfn: rPfn,
      writable: rWrite,
      wp: rWp,
    });
    rPages = 0;
  };
  const add = (
    addr: number,
    n: number,
    kind: number,
    pfn: number,
    write: boolean,
    wp: boolean,
  ): void => {
    // Frames of one run must belong to one owner (an inode's cache, or anon memory).
    const own = kind === K_CACHE ? owner[pfn]! : -1;
    const same = kind === K_ZERO || kind === K_HUGE_ZERO || kind >= K_MARKER_WP;
    if (
      rPages > 0 &&
      rStart + rPages * PG === addr &&
      rKind === kind &&
      rWrite === write &&
      rWp === wp &&
      rOwner === own &&
      (same ? rPfn === pfn : rPfn + rPages === pfn)
    ) {
      rPages += n;
      return;
    }
    flush();
    rStart = addr;
    rPages = n;
    rKind = kind;
    rPfn = pfn;
    rWrite = write;
    rWp = wp;
    rOwner = own;
  };
  let addr = start;
  while (addr < end) {
    const ms = pt.pmdSlot(addr);
    const pmdEnd = Math.min(end, (Math.floor(addr / PMD_SIZE) + 1) * PMD_SIZE);
    if (ms < 0) {
      // No PMD table: skip to the next PUD boundary (or PGD, when the PUD table is missing).
      const span = pt.pudSlot(addr) < 0 ? PGDIR_SIZE : PUD_SIZE;
      addr = Math.min(end, (Math.floor(addr / span) + 1) * span);
      continue;
    }
    const m = pt.pmd.data[ms]!;
    if (m === 0) {
      addr = pmdEnd;
      continue;
    }
    if ((m & PMD_TABLE) === 0) {
      if ((m & PTE_PRESENT) !== 0) {
        const head = m >>> PFN_SHIFT;
        const hz = fkind[head] === FRAME_HUGE_ZERO;
        const first = Math.floor((addr % PMD_SIZE) / PAGE_SIZE);
        add(
          addr,
          (pmdEnd - addr) / PAGE_SIZE,
          hz ? K_HUGE_ZERO : K_HUGE,
          hz ? head : head + first,
          (m & PTE_WRITE) !== 0,
          (m & PTE_UFFD_WP) !== 0,
        );
      }
      addr = pmdEnd;
      continue;
    }
    const base = (m >>> PFN_SHIFT) * PTRS_PER_TABLE;
    const data = pt.pte.data;
    let i = Math.floor(addr / PG) % PTRS_PER_TABLE;
    for (; addr < pmdEnd; addr += PG, i++) {
      const e = data[base + i]!;
      if (e === 0) continue;
      if ((e & PRESENT) === 0) {
        const bits = e >>> SHIFT;
        if ((bits & MARKER_POISONED) !== 0) add(addr, 1, K_MARKER_POISON, -1, false, false);
        else if ((bits & MARKER_UFFD_WP) !== 0) add(addr, 1, K_MARKER_WP, -1, false, true);
        continue;
      }
      const pfn = e >>> SHIFT;
      const fk = fkind[pfn];
      const kind = fk === F_ZERO ? K_ZERO : fk === F_CACHE ? K_CACHE : K_ANON;
      const write = (e & WRITE) !== 0;
      const wp = (e & UWP) !== 0;
      // Fast path: the next page of the current run (the common case by far).
      if (
        rPages > 0 &&
        kind === rKind &&
        write === rWrite &&
        wp === rWp &&
        rStart + rPages * PG === addr &&
        (kind === K_ZERO
          ? pfn === rPfn
          : pfn === rPfn + rPages && (kind === K_ANON || owner[pfn] === rOwner))
      ) {
        rPages++;
        continue;
      }
      add(addr, 1, kind, pfn, write, wp);
    }
  }
  flush();
  return out;
}

/** Runs of one VMA, cached. */
function vmaRuns(sim: Simulation, v: VM.Vma): PageRun[] {
  const c = cache(sim);
  if (!c.runs) c.runs = new Map();
  let r = c.runs.get(v.id);
  if (!r) {
    r = walkRuns(sim.mm, v.start, v.end);
    c.runs.set(v.id, r);
  }
  return r;
}

function userVmas(mm: Mm): VM.Vma[] {
  return mm.vmas.filter((v) => !v.runtime);
}

// ---------------------------------------------------------------------------------------------
// Timeline reads. What the views need from the history (names bound, DONTUNMAP sources, uffd
// reads, thread lanes) is indexed once per steps array (a run's steps never change; a new run
// or a console statement makes a new array), so that a jump to any step of a long script costs
// a few binary searches, not a walk over the steps before it.

/** Thread state codes in the index (NO_CELL: the thread has not shown up yet). */
const THREAD_STATES: readonly ThreadState[] = [
  'idle',
  'running',
  'blocked',
  'done',
  'sigbus',
  'sigsegv',
];
const NO_CELL = 255;

/** One thread's state after every step, from the step it first shows up. */
interface ThreadTrack {
  /** Step index (0-based) of its first cell. */
  readonly first: number;
  /** THREAD_STATES index per step index (NO_CELL before `first`). */
  readonly state: Uint8Array;
  /** 1 where the thread ran an access in that step. */
  readonly ran: Uint8Array;
  /** Where it is blocked or stopped (NaN for none), per step index. */
  readonly addr: Float64Array;
  /** The last access's result as the transcript printed it, per step index. */
  readonly result: (string | null)[];
  /** Accesses run in steps 0..i. */
  readonly accesses: Int32Array;
}

interface TimelineIndex {
  readonly program: Program | null;
  /** Per slot: the step indices of its successful binds, ascending, and the values bound. */
  readonly binds: readonly { readonly at: number[]; readonly val: bigint[] }[];
  /** Step indices with vma.remove, vma.merge or vma.move records, ascending. */
  readonly vmaSteps: readonly number[];
  /** Per uffd fd: the step index of every message read, ascending. */
  readonly reads: ReadonlyMap<number, readonly number[]>;
  /** Built on first use (only the uffd pane and the inspector need it). */
  threads: Map<string, ThreadTrack> | null;
}

const indexes = new WeakMap<readonly StepRecord[], TimelineIndex>();

function timelineIndex(tl: Timeline): TimelineIndex {
  const hit = indexes.get(tl.steps);
  if (hit && hit.program === tl.program) return hit;
  const steps = tl.steps;
  const binds = (tl.program?.slots ?? []).map(() => ({ at: [] as number[], val: [] as bigint[] }));
  const vmaSteps: number[] = [];
  const reads = new Map<number, number[]>();
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i]!;
    if (s.op.kind === 'call' && s.op.bind >= 0 && s.fact.kind === 'call' && s.fact.errno === 0) {
      const b = binds[s.op.bind];
      if (b) {
        b.at.push(i);
        b.val.push(s.fact.ret);
      }
    }
    let vma = false;
    for (const e of s.effects) {
      if (e.type === 'vma.remove' || e.type === 'vma.merge' || e.type === 'vma.move') vma = true;
      else if (e.type === 'uffd.read') {
        let list = reads.get(e.uffd);
        if (!list) reads.set(e.uffd, (list = []));
        list.push(i);
      }
    }
    if (vma) vmaSteps.push(i);
  }
  const idx: TimelineIndex = { program: tl.program, binds, vmaSteps, reads, threads: null };
  indexes.set(steps, idx);
  return idx;
}

/** How many of the ascending `list` are below `n`. */
function countBelow(list: readonly number[], n: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < n) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Steps applied at the timeline's cursor. */
function applied(tl: Timeline): number {
  return Math.max(0, Math.min(tl.cursor, tl.steps.length));
}

/** The script's address slots bound after the steps applied, in slot order. */
function boundAddresses(tl: Timeline): { name: string; value: bigint; at: number }[] {
  const program = tl.program;
  if (!program) return [];
  const idx = timelineIndex(tl);
  const n = applied(tl);
  const out: { name: string; value: bigint; at: number }[] = [];
  program.slots.forEach((s, i) => {
    if (s.kind !== 'addr') return;
    const b = idx.binds[i]!;
    const k = countBelow(b.at, n);
    if (k > 0) out.push({ name: s.name, value: b.val[k - 1]!, at: b.at[k - 1]! });
  });
  return out;
}

function addressNames(tl: Timeline): AddressName[] {
  const out: AddressName[] = [];
  for (const b of boundAddresses(tl))
    if (b.value < BigInt(TASK_SIZE)) out.push({ name: b.name, addr: Number(b.value) });
  return out;
}

/**
 * Addresses as the transcript prints them at the cursor: relative to the nearest name bound
 * (`heap+0x2000`), `top` included (script/format.ts's AddressNamer).
 */
function addressNamer(sim: Simulation, tl: Timeline): (a: number) => string {
  const namer = new AddressNamer();
  namer.bind('top', BigInt(sim.mm.top));
  // In the order they were last bound: the namer breaks ties by recency, as the transcript's.
  const bound = boundAddresses(tl).sort((a, b) => a.at - b.at);
  for (const b of bound) namer.bind(b.name, BigInt.asUintN(64, b.value));
  return (a) => namer.format(BigInt(a));
}

/**
 * The source ranges MREMAP_DONTUNMAP left mapped but emptied, by VMA id: a vma.move whose
 * source VMA was not removed in the same step. A later unmap of that VMA forgets it.
 */
function dontunmapSources(tl: Timeline): Map<number, { start: number; end: number }> {
  const out = new Map<number, { start: number; end: number }>();
  const idx = timelineIndex(tl);
  const n = applied(tl);
  for (const i of idx.vmaSteps) {
    if (i >= n) break;
    const effects = tl.steps[i]!.effects;
    const removed = new Set<number>();
    for (const e of effects) {
      if (e.type === 'vma.remove') removed.add(e.vma.id);
      if (e.type === 'vma.merge')
        for (const b of e.before) if (b.id !== e.after.id) removed.add(b.id);
    }
    for (const id of removed) out.delete(id);
    for (const e of effects) {
      if (e.type === 'vma.move' && !removed.has(e.before.id) && e.before.id !== e.after.id)
        out.set(e.before.id, { start: e.before.start, end: e.before.end });
    }
  }
  return out;
}

/** Messages read from uffd `fd` in the steps applied. */
function readsBefore(tl: Timeline, fd: number): number {
  const list = timelineIndex(tl).reads.get(fd);
  return list ? countBelow(list, applied(tl)) : 0;
}

/** Every thread's state after every step, from the access facts and thread records. */
function threadTracks(tl: Timeline): Map<string, ThreadTrack> {
  const idx = timelineIndex(tl);
  if (idx.threads) return idx.threads;
  const steps = tl.steps;
  const n = steps.length;
  const program = tl.program;
  const code = new Map(THREAD_STATES.map((s, i) => [s, i]));
  interface Cur {
    state: ThreadState;
    addr: number | null;
    result: string | null;
  }
  const cur = new Map<string, Cur>();
  const tracks = new Map<string, ThreadTrack>();
  const track = (name: string, first: number): ThreadTrack => {
    let t = tracks.get(name);
    if (!t) {
      t = {
        first,
        state: new Uint8Array(n).fill(NO_CELL),
        ran: new Uint8Array(n),
        addr: new Float64Array(n).fill(NaN),
        result: new Array<string | null>(n).fill(null),
        accesses: new Int32Array(n),
      };
      tracks.set(name, t);
    }
    return t;
  };
  for (let i = 0; i < n; i++) {
    const s = steps[i]!;
    let ran: string | null = null;
    for (const e of s.effects) {
      if (e.type === 'thread.block')
        cur.set(e.thread, { state: 'blocked', addr: e.addr, result: null });
      else if (e.type === 'thread.wake')
        cur.set(e.thread, { state: 'running', addr: e.addr, result: null });
      else if (e.type === 'thread.finish') {
        const sig = /^(SIGBUS|SIGSEGV) at/.exec(e.result);
        const prev = cur.get(e.thread);
        cur.set(e.thread, {
          state: sig ? (sig[1] === 'SIGBUS' ? 'sigbus' : 'sigsegv') : 'done',
          addr: sig ? (prev?.addr ?? null) : null,
          result: e.result,
        });
      } else if (e.type === 'fault' && (e.outcome === 'sigbus' || e.outcome === 'sigsegv')) {
        cur.set(e.thread, {
          state: e.outcome,
          addr: e.addr,
          result: `${e.outcome === 'sigbus' ? 'SIGBUS' : 'SIGSEGV'} at ${hex(e.addr, false)}`,
        });
      }
    }
    if (s.op.kind === 'access' && s.fact.kind === 'access') {
      const name = program?.threads[s.op.thread] ?? 'main';
      ran = name;
      const stop = s.fact.outcome.stop;
      if (stop === null) cur.set(name, { state: 'done', addr: null, result: resultText(s) });
      else
        cur.set(name, {
          state:
            stop.kind === 'blocked' ? 'blocked' : stop.kind === 'SIGBUS' ? 'sigbus' : 'sigsegv',
          addr: Number(stop.addr),
          result: resultText(s),
        });
    }
    for (const [name, st] of cur) {
      const t = track(name, i);
      t.state[i] = code.get(st.state)!;
      t.addr[i] = st.addr ?? NaN;
      t.result[i] = st.result;
      const r = name === ran ? 1 : 0;
      t.ran[i] = r;
      t.accesses[i] = (i > t.first ? t.accesses[i - 1]! : 0) + r;
    }
  }
  idx.threads = tracks;
  return tracks;
}

// ---------------------------------------------------------------------------------------------
// VMAs

const VM_FLAG_NAMES: readonly (readonly [number, string])[] = [
  [VM.VM_READ, 'VM_READ'],
  [VM.VM_WRITE, 'VM_WRITE'],
  [VM.VM_EXEC, 'VM_EXEC'],
  [VM.VM_SHARED, 'VM_SHARED'],
  [VM.VM_MAYREAD, 'VM_MAYREAD'],
  [VM.VM_MAYWRITE, 'VM_MAYWRITE'],
  [VM.VM_MAYEXEC, 'VM_MAYEXEC'],
  [VM.VM_MAYSHARE, 'VM_MAYSHARE'],
  [VM.VM_GROWSDOWN, 'VM_GROWSDOWN'],
  [VM.VM_UFFD_MISSING, 'VM_UFFD_MISSING'],
  [VM.VM_PFNMAP, 'VM_PFNMAP'],
  [VM.VM_UFFD_WP, 'VM_UFFD_WP'],
  [VM.VM_LOCKED, 'VM_LOCKED'],
  [VM.VM_IO, 'VM_IO'],
  [VM.VM_SEQ_READ, 'VM_SEQ_READ'],
  [VM.VM_RAND_READ, 'VM_RAND_READ'],
  [VM.VM_DONTCOPY, 'VM_DONTCOPY'],
  [VM.VM_DONTEXPAND, 'VM_DONTEXPAND'],
  [VM.VM_LOCKONFAULT, 'VM_LOCKONFAULT'],
  [VM.VM_ACCOUNT, 'VM_ACCOUNT'],
  [VM.VM_NORESERVE, 'VM_NORESERVE'],
  [VM.VM_HUGETLB, 'VM_HUGETLB'],
  [VM.VM_SYNC, 'VM_SYNC'],
  [VM.VM_WIPEONFORK, 'VM_WIPEONFORK'],
  [VM.VM_DONTDUMP, 'VM_DONTDUMP'],
  [VM.VM_MIXEDMAP, 'VM_MIXEDMAP'],
  [VM.VM_HUGEPAGE, 'VM_HUGEPAGE'],
  [VM.VM_NOHUGEPAGE, 'VM_NOHUGEPAGE'],
  [VM.VM_MERGEABLE, 'VM_MERGEABLE'],
  [VM.VM_UFFD_MINOR, 'VM_UFFD_MINOR'],
  [VM.VM_SEALED, 'VM_SEALED'],
  [VM.VM_DROPPABLE, 'VM_DROPPABLE'],
];

export function vmFlagKernelNames(flags: number): string[] {
  return VM_FLAG_NAMES.filter(([bit]) => (flags & bit) !== 0).map(([, n]) => n);
}

function perms(flags: number): string {
  return (
    ((flags & VM.VM_READ) !== 0 ? 'r' : '-') +
    ((flags & VM.VM_WRITE) !== 0 ? 'w' : '-') +
    ((flags & VM.VM_EXEC) !== 0 ? 'x' : '-') +
    ((flags & VM.VM_MAYSHARE) !== 0 ? 's' : 'p')
  );
}

/** The fd of a uffd context, if one is open. */
function uffdFd(mm: Mm, ctx: number): number {
  for (const [fd, e] of mm.fds) if (e.kind === 'uffd' && e.ctx === ctx) return fd;
  return -1;
}

function vmaModel(
  sim: Simulation,
  v: VM.Vma,
  dontunmap: Map<number, { start: number; end: number }>,
): VmaModel {
  const runs = vmaRuns(sim, v);
  let present = 0;
  for (const r of runs) if (!r.kind.startsWith('marker')) present += r.pages;
  const f = v.flags;
  const uffdModes = f & VM.VM_UFFD_FLAGS;
  const emptied = dontunmap.get(v.id);
  return {
    id: v.id,
    start: v.start,
    end: v.end,
    flags: f,
    flagNames: vmFlagKernelNames(f),
    mnemonics: VM.vmFlagNames(f),
    perms: perms(f),
    backing: vmaBackingKey(v),
    pgoff: v.pgoff,
    present,
    runs,
    uffd:
      v.uffdCtx !== 0 || uffdModes !== 0
        ? {
            fd: uffdFd(sim.mm, v.uffdCtx),
            missing: (f & VM.VM_UFFD_MISSING) !== 0,
            wp: (f & VM.VM_UFFD_WP) !== 0,
            minor: (f & VM.VM_UFFD_MINOR) !== 0,
          }
        : null,
    dontunmap:
      emptied && emptied.start < v.end && emptied.end > v.start
        ? { start: Math.max(v.start, emptied.start), end: Math.min(v.end, emptied.end) }
        : null,
  };
}

const EMPTY_SPACE: AddressSpaceModel = { vmas: [], backings: [], top: 0x7f4000000000, names: [] };

export function adaptAddressSpace(sim: Simulation | null, tl: Timeline): AddressSpaceModel {
  if (!sim) return EMPTY_SPACE;
  const dontunmap = dontunmapSources(tl);
  return {
    vmas: userVmas(sim.mm).map((v) => vmaModel(sim, v, dontunmap)),
    backings: backingsOf(sim),
    top: sim.mm.top,
    names: addressNames(tl),
  };
}

// ---------------------------------------------------------------------------------------------
// Page tables

const SPAN: Record<TableLevelName, number> = {
  pgd: PGDIR_SIZE * PTRS_PER_TABLE,
  pud: PGDIR_SIZE,
  pmd: PUD_SIZE,
  pte: PMD_SIZE,
};
const CHILD_LEVEL: Record<TableLevelName, TableLevelName | null> = {
  pgd: 'pud',
  pud: 'pmd',
  pmd: 'pte',
  pte: null,
};

/** Table id (index into its pool) of the table at `level` covering `addr`, or -1. */
function tableAt(mm: Mm, level: TableLevelName, addr: number): number {
  const pt = mm.pt;
  if (level === 'pgd') return 0;
  const g = pt.pgd[Math.floor(addr / PGDIR_SIZE) % 512]!;
  if (g === 0) return -1;
  if (level === 'pud') return g - 1;
  const us = pt.pudSlot(addr);
  if (us < 0) return -1;
  const u = pt.pud.data[us]!;
  if (u === 0) return -1;
  if (level === 'pmd') return u - 1;
  const ms = pt.pmdSlot(addr);
  if (ms < 0) return -1;
  const m = pt.pmd.data[ms]!;
  if ((m & PMD_TABLE) === 0) return -1;
  return m >>> PFN_SHIFT;
}

function tableData(mm: Mm, level: TableLevelName, id: number): Int32Array {
  const pt = mm.pt;
  if (level === 'pgd') return pt.pgd;
  const pool = level === 'pud' ? pt.pud : level === 'pmd' ? pt.pmd : pt.pte;
  return pool.data.subarray(id * PTRS_PER_TABLE, (id + 1) * PTRS_PER_TABLE);
}

/** The child table id an entry points to, or -1. */
function childId(level: TableLevelName, e: number): number {
  if (e === 0) return -1;
  if (level === 'pgd' || level === 'pud') return e - 1;
  if (level === 'pmd') return (e & PMD_TABLE) !== 0 ? e >>> PFN_SHIFT : -1;
  return -1;
}

const LEVEL_NO: Record<TableLevelName, number> = { pgd: 0, pud: 1, pmd: 2, pte: 3 };

/** Used slots and the dominant backing (1 + index, 0 = none) of a table, cached per sim. */
function summary(
  sim: Simulation,
  level: TableLevelName,
  id: number,
  backingIndex: Map<string, number>,
): { used: number; backing: number } {
  const c = cache(sim);
  const key = LEVEL_NO[level] * 2 ** 32 + id;
  const hit = c.tableSummary.get(key);
  if (hit) return hit;
  const mm = sim.mm;
  const fkind = mm.frames.kind;
  const owner = mm.frames.owner;
  const data = tableData(mm, level, id);
  // Votes per backing index + 1, weighted by the pages each entry maps.
  const votes = new Float64Array(backingIndex.size + 1);
  const anonB = (backingIndex.get(ANON_KEY) ?? -1) + 1;
  const cl = CHILD_LEVEL[level];
  const PRESENT = PTE_PRESENT;
  const SHIFT = PFN_SHIFT;
  const F_ANON = FRAME_ANON;
  const F_CACHE = FRAME_CACHE;
  const w = level === 'pmd' ? 512 : 1;
  let used = 0;
  let lastOwner = -1;
  let lastB = 0;
  for (let i = 0; i < PTRS_PER_TABLE; i++) {
    const e = data[i]!;
    if (e === 0) continue;
    used++;
    if (cl !== null) {
      const child = childId(level, e);
      if (child >= 0) {
        const s = summary(sim, cl, child, backingIndex);
        votes[s.backing] = votes[s.backing]! + s.used * (cl === 'pte' ? 1 : 512);
        continue;
      }
    }
    if ((e & PRESENT) === 0) continue;
    const pfn = e >>> SHIFT;
    const fk = fkind[pfn];
    if (fk === F_ANON) votes[anonB] = votes[anonB]! + w;
    else if (fk === F_CACHE) {
      const ino = owner[pfn]!;
      if (ino !== lastOwner) {
        lastOwner = ino;
        lastB = (backingIndex.get(inodeKey(mm, ino)) ?? -1) + 1;
      }
      votes[lastB] = votes[lastB]! + w;
    }
  }
  let best = 0;
  for (let b = 1; b < votes.length; b++) if (votes[b]! > votes[best]!) best = b;
  const r = { used, backing: votes[best]! > 0 ? best : 0 };
  c.tableSummary.set(key, r);
  return r;
}

function buildTable(
  sim: Simulation,
  level: TableLevelName,
  base: number,
  id: number,
  backingIndex: Map<string, number>,
): TableModel {
  const mm = sim.mm;
  const data = tableData(mm, level, id);
  const kinds = new Uint8Array(512);
  const backing = new Uint8Array(512);
  const pfn = new Float64Array(512).fill(-1);
  const bits = new Uint8Array(512);
  const fill = new Float32Array(512);
  const childBacking = new Uint8Array(512);
  const cl = CHILD_LEVEL[level];
  let used = 0;
  for (let i = 0; i < PTRS_PER_TABLE; i++) {
    const e = data[i]!;
    if (e === 0) continue;
    used++;
    const child = childId(level, e);
    if (child >= 0 && cl) {
      kinds[i] = SLOT_TABLE;
      const s = summary(sim, cl, child, backingIndex);
      fill[i] = s.used / 512;
      childBacking[i] = s.backing;
      continue;
    }
    const leaf = leafOf(mm, e, level === 'pmd');
    if (!leaf) continue;
    const code: SlotCode =
      leaf.kind === 'anon'
        ? SLOT_ANON
        : leaf.kind === 'cache'
          ? SLOT_CACHE
          : leaf.kind === 'zero'
            ? SLOT_ZERO
            : leaf.kind === 'huge'
              ? SLOT_HUGE
              : leaf.kind === 'huge-zero'
                ? SLOT_HUGE_ZERO
                : leaf.kind === 'marker-wp'
                  ? SLOT_MARKER_WP
                  : SLOT_MARKER_POISON;
    kinds[i] = code;
    pfn[i] = leaf.pfn;
    bits[i] = (leaf.writable ? BIT_WRITE : 0) | (leaf.wp ? BIT_UFFD_WP : 0);
    if (leaf.pfn >= 0 && code !== SLOT_ZERO && code !== SLOT_HUGE_ZERO) {
      const k = frameBackingKey(mm, leaf.pfn);
      backing[i] = k === null ? 0 : (backingIndex.get(k) ?? -1) + 1;
    }
  }
  const parentLevel: Record<TableLevelName, TableLevelName | null> = {
    pgd: null,
    pud: 'pgd',
    pmd: 'pud',
    pte: 'pmd',
  };
  const pl = parentLevel[level];
  const parentBase = pl === null ? 0 : base - (base % SPAN[pl]);
  return {
    id: `${level}:${base}`,
    level,
    base,
    span: SPAN[level],
    parent: pl === null ? null : `${pl}:${parentBase}`,
    index: pl === null ? 0 : Math.floor((base - parentBase) / (SPAN[pl] / 512)),
    used,
    kinds,
    backing,
    pfn,
    bits,
    fill,
    childBacking,
    gone: null,
  };
}

function placeholder(level: TableLevelName, base: number, gone: TableGone): TableModel {
  const pl: TableLevelName | null =
    level === 'pud' ? 'pgd' : level === 'pmd' ? 'pud' : level === 'pte' ? 'pmd' : null;
  const parentBase = pl === null ? 0 : base - (base % SPAN[pl]);
  return {
    id: `${level}:${base}`,
    level,
    base,
    span: SPAN[level],
    parent: pl === null ? null : `${pl}:${parentBase}`,
    index: pl === null ? 0 : Math.floor((base - parentBase) / (SPAN[pl] / 512)),
    used: 0,
    kinds: new Uint8Array(512),
    backing: new Uint8Array(512),
    pfn: new Float64Array(512).fill(-1),
    bits: new Uint8Array(512),
    fill: new Float32Array(512),
    childBacking: new Uint8Array(512),
    gone,
  };
}

/** Every live table of a level: [base, id], ascending. */
function liveTables(mm: Mm, level: TableLevelName): [number, number][] {
  const pt = mm.pt;
  const out: [number, number][] = [];
  if (level === 'pgd') return [[0, 0]];
  for (let gi = 0; gi < 512; gi++) {
    const g = pt.pgd[gi]!;
    if (g === 0) continue;
    const pudBase = gi * PGDIR_SIZE;
    if (level === 'pud') {
      out.push([pudBase, g - 1]);
      continue;
    }
    const pud = tableData(mm, 'pud', g - 1);
    for (let ui = 0; ui < 512; ui++) {
      const u = pud[ui]!;
      if (u === 0) continue;
      const pmdBase = pudBase + ui * PUD_SIZE;
      if (level === 'pmd') {
        out.push([pmdBase, u - 1]);
        continue;
      }
      const pmd = tableData(mm, 'pmd', u - 1);
      for (let mi = 0; mi < 512; mi++) {
        const m = pmd[mi]!;
        if ((m & PMD_TABLE) !== 0) out.push([pmdBase + mi * PMD_SIZE, m >>> PFN_SHIFT]);
      }
    }
  }
  return out;
}

/** At most this many tables per level are drawn (more would not be readable anyway). */
const MAX_TABLES: Record<TableLevelName, number> = { pgd: 1, pud: 3, pmd: 3, pte: 4 };

/** The address ranges the page-table view should show tables for. */
export function focusRanges(
  sim: Simulation,
  selection: Selection | null,
  effects: readonly Effect[],
): [number, number][] {
  const mm = sim.mm;
  if (selection) {
    switch (selection.kind) {
      case 'vma': {
        const v = mm.vmas.find((x) => x.id === selection.id && !x.runtime);
        if (v) return [[v.start, v.end]];
        break;
      }
      case 'page':
        return [[selection.addr, selection.addr + PAGE_SIZE]];
      case 'table':
        return [[selection.base, Math.min(TASK_SIZE, selection.base + SPAN[selection.level])]];
      case 'frame': {
        const at = mappingsOf(sim, selection.pfn, 1);
        if (at.length > 0) return [[at[0]!, at[0]! + PAGE_SIZE]];
        break;
      }
      case 'uffd': {
        const ranges = userVmas(mm)
          .filter((v) => v.uffdCtx !== 0 && uffdFd(mm, v.uffdCtx) === selection.fd)
          .map((v): [number, number] => [v.start, v.end]);
        if (ranges.length > 0) return ranges;
        break;
      }
      case 'thread': {
        const t = mm.threads.find((x) => x.name === selection.name);
        const stop = t?.access?.stop;
        if (stop) return [[Number(stop.addr), Number(stop.addr) + PAGE_SIZE]];
        break;
      }
    }
  }
  // A move: its source and its destination, kept apart (tables allocated or freed between them
  // must not merge them into one range whose first tables are all on one side).
  const froms: [number, number][] = [];
  const tos: [number, number][] = [];
  const touched: [number, number][] = [];
  for (const e of effects) {
    if (e.type === 'entries.move') {
      const len =
        e.count * (e.level === 'pud' ? PUD_SIZE : e.level === 'pmd' ? PMD_SIZE : PAGE_SIZE);
      froms.push([e.from, e.from + len]);
      tos.push([e.to, e.to + len]);
    } else if (
      e.type === 'entries.set' ||
      e.type === 'entries.clear' ||
      e.type === 'entries.protect'
    ) {
      touched.push([e.addr, e.addr + e.pages * PAGE_SIZE]);
    } else if (e.type === 'vma.add') {
      touched.push([e.vma.start, e.vma.end]);
    }
  }
  if (froms.length > 0) return [...mergeRanges(froms), ...mergeRanges(tos)];
  if (touched.length > 0) return mergeRanges(touched);
  for (const e of effects) {
    if (e.type === 'table.alloc' || e.type === 'table.free')
      touched.push([e.base, e.base + SPAN[e.level]]);
  }
  if (touched.length > 0) return mergeRanges(touched);
  // Nothing chosen and nothing changed: all the script's memory.
  return userVmas(mm).map((v): [number, number] => [v.start, v.end]);
}

function mergeRanges(list: [number, number][]): [number, number][] {
  const sorted = [...list].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

function intersects(base: number, span: number, ranges: readonly [number, number][]): boolean {
  return ranges.some(([a, b]) => a < base + span && base < b);
}

/**
 * Pick at most `max` tables: the first ones of each focus range in turn, so that both ends of
 * a move (source and destination) get tables drawn.
 */
function pick<T extends { base: number }>(
  list: readonly T[],
  ranges: readonly [number, number][],
  span: number,
  max: number,
): T[] {
  const per = ranges.map(([a, b]) => list.filter((t) => t.base < b && a < t.base + span));
  const chosen = new Set<T>();
  for (let round = 0; chosen.size < max; round++) {
    let any = false;
    for (const group of per) {
      const t = group[round];
      if (t === undefined) continue;
      any = true;
      if (chosen.size < max) chosen.add(t);
    }
    if (!any) break;
  }
  return [...chosen].sort((a, b) => a.base - b.base);
}

const EMPTY_TABLES: PageTablesModel = {
  tables: [],
  totals: { pgd: 0, pud: 0, pmd: 0, pte: 0 },
  backings: [],
  focus: null,
};

export function adaptPageTables(
  sim: Simulation | null,
  opts: { readonly selection: Selection | null; readonly effects: readonly Effect[] },
): PageTablesModel {
  if (!sim) return EMPTY_TABLES;
  const mm = sim.mm;
  const backings = backingsOf(sim);
  const backingIndex = new Map(backings.map((b, i) => [b.key, i]));
  const ranges = focusRanges(sim, opts.selection, opts.effects);
  const moves = shifts(opts.effects);

  const live: Record<TableLevelName, { base: number; id: number }[]> = {
    pgd: [{ base: 0, id: 0 }],
    pud: liveTables(mm, 'pud').map(([base, id]) => ({ base, id })),
    pmd: liveTables(mm, 'pmd').map(([base, id]) => ({ base, id })),
    pte: liveTables(mm, 'pte').map(([base, id]) => ({ base, id })),
  };
  const liveIds = new Set<string>();
  for (const level of ['pud', 'pmd', 'pte'] as const)
    for (const t of live[level]) liveIds.add(`${level}:${t.base}`);

  // Tables this step freed or carried away, drawn where they were.
  const gone: Record<TableLevelName, { base: number; gone: TableGone }[]> = {
    pgd: [],
    pud: [],
    pmd: [],
    pte: [],
  };
  for (const e of opts.effects) {
    if (e.type === 'table.free' && !liveIds.has(`${e.level}:${e.base}`))
      gone[e.level].push({ base: e.base, gone: { kind: 'freed' } });
  }
  for (const m of moves) {
    const level: TableLevelName | null =
      m.level === 'pud' ? 'pmd' : m.level === 'pmd' && !m.huge ? 'pte' : null;
    if (!level) continue;
    for (let a = m.from; a < m.from + m.len; a += SPAN[level]) {
      const to = carriedTo(level, a, moves);
      if (to === null || liveIds.has(`${level}:${a}`)) continue;
      if (gone[level].some((g) => g.base === a)) continue;
      gone[level].push({ base: a, gone: { kind: 'moved', to } });
      if (gone[level].length > 64) break;
    }
  }

  const tables: TableModel[] = [];
  const drawn = new Set<string>();
  for (const level of ['pgd', 'pud', 'pmd', 'pte'] as const) {
    const span = SPAN[level];
    const candidates: { base: number; id: number; gone: TableGone | null }[] = [
      ...live[level].map((t) => ({ ...t, gone: null })),
      ...gone[level].map((g) => ({ base: g.base, id: -1, gone: g.gone })),
    ].sort((a, b) => a.base - b.base);
    // Upper levels: the tables on the path to the focus; PTE tables: those in the focus.
    let chosen =
      level === 'pgd'
        ? candidates
        : pick(
            candidates.filter((t) => intersects(t.base, span, ranges)),
            ranges,
            span,
            MAX_TABLES[level],
          );
    if (chosen.length === 0 && level !== 'pte') chosen = candidates.slice(0, MAX_TABLES[level]);
    for (const t of chosen) {
      const id = `${level}:${t.base}`;
      if (drawn.has(id)) continue;
      drawn.add(id);
      tables.push(
        t.gone
          ? placeholder(level, t.base, t.gone)
          : buildTable(sim, level, t.base, t.id, backingIndex),
      );
    }
  }
  const overall =
    ranges.length > 0
      ? { start: Math.min(...ranges.map((r) => r[0])), end: Math.max(...ranges.map((r) => r[1])) }
      : null;
  return {
    tables,
    totals: { pgd: 1, pud: live.pud.length, pmd: live.pmd.length, pte: live.pte.length },
    backings,
    focus: overall,
  };
}

// ---------------------------------------------------------------------------------------------
// Physical memory

/** Beyond this many page-cache slots a group shows only the first ones. */
const MAX_CACHE_CELLS = 1 << 20;

export function adaptPhysical(sim: Simulation | null): PhysicalModel {
  if (!sim) return { groups: [], backings: [] };
  const mm = sim.mm;
  const fr = mm.frames;
  const backings = backingsOf(sim);
  const groups: FrameGroupModel[] = [];

  // The zero pages are not counted by the kernel (no rmap): count the entries that map them.
  let zeroUsers = 0;
  let hugeZeroUsers = 0;
  for (const v of userVmas(mm)) {
    for (const r of vmaRuns(sim, v)) {
      if (r.kind === 'zero') zeroUsers += r.pages;
      if (r.kind === 'huge-zero') hugeZeroUsers += r.pages / 512;
    }
  }
  const zeroPfns = [0];
  const zeroMaps = [zeroUsers];
  if (hugeZeroUsers > 0) {
    zeroPfns.push(PTRS_PER_TABLE);
    zeroMaps.push(hugeZeroUsers);
  }
  groups.push({
    id: 'zero',
    kind: 'zero',
    backing: null,
    label: hugeZeroUsers > 0 ? 'zero page, huge zero page' : 'zero page',
    count: zeroPfns.length,
    pfn: Float64Array.from(zeroPfns),
    mapcount: Int32Array.from(zeroMaps),
    refcount: Int32Array.from(zeroMaps),
    sizePages: null,
  });

  // Two passes over the frames, so the arrays are allocated once at their size.
  const kind = fr.kind;
  let nAnon = 0;
  for (let p = 2 * PTRS_PER_TABLE, end = fr.bump; p < end; p++) if (kind[p] === FRAME_ANON) nAnon++;
  if (nAnon > 0) {
    const pfn = new Float64Array(nAnon);
    const mapcount = new Int32Array(nAnon);
    const refcount = new Int32Array(nAnon);
    let i = 0;
    const fmap = fr.mapcount;
    const fref = fr.refcount;
    const flags = fr.flags;
    const ANON = FRAME_ANON;
    for (let p = 2 * PTRS_PER_TABLE, end = fr.bump; p < end; p++) {
      if (kind[p] !== ANON) continue;
      pfn[i] = p;
      mapcount[i] = fmap[p]!;
      // A THP's refcount lives on its head (frames.ts).
      refcount[i] = fref[(flags[p]! & FF_THP) !== 0 ? p - (p % PTRS_PER_TABLE) : p]!;
      i++;
    }
    groups.push({
      id: 'anon',
      kind: 'anon',
      backing: ANON_KEY,
      label: 'anonymous',
      count: nAnon,
      pfn,
      mapcount,
      refcount,
      sizePages: null,
    });
  }

  const inodes = [...mm.inodes.values()].sort((a, b) => a.id - b.id);
  for (const ino of inodes) {
    const sizePages = Math.ceil(ino.size / PAGE_SIZE);
    const entries = ino.cache.entries(0, Number.MAX_SAFE_INTEGER);
    const last = entries.length > 0 ? entries[entries.length - 1]![0] + 1 : 0;
    const n = Math.min(MAX_CACHE_CELLS, Math.max(sizePages, last));
    const pfn = new Float64Array(n).fill(-1);
    const mapcount = new Int32Array(n);
    const refcount = new Int32Array(n);
    for (const [index, p] of entries) {
      if (index >= n) break;
      pfn[index] = p;
      mapcount[index] = fr.mapcount[p]!;
      refcount[index] = fr.refcount[fr.head(p)]!;
    }
    const key = inodeKey(mm, ino.id);
    const label = ino.kind === 'shared-anon' ? `shared-anon#${ino.id}` : `memfd:${ino.name}`;
    groups.push({
      id: `cache:${ino.id}`,
      kind: 'cache',
      backing: key,
      label: `${label} (inode ${ino.id})`,
      count: n,
      pfn,
      mapcount,
      refcount,
      sizePages,
    });
  }
  return { groups, backings };
}

// ---------------------------------------------------------------------------------------------
// userfaultfd

function featureNames(bits: bigint): string[] {
  return UFFD_FEATURE_NAMES.filter((_, i) => (bits & (1n << BigInt(i))) !== 0n);
}

export function adaptUffd(sim: Simulation | null, tl: Timeline): UffdModel {
  if (!sim) return { contexts: [], threads: [], steps: 0, backings: [] };
  const mm = sim.mm;
  const name = addressNamer(sim, tl);
  // The raw messages, to name their addresses as the transcript does.
  const pending = new Map<number, readonly UffdMessage[]>();
  for (const c of mm.uffd.ctxs.values()) pending.set(c.fd, c.queue.slice(c.head));
  const view = inspectUffd(mm);
  const contexts: UffdContextModel[] = [...view.contexts]
    .sort((a, b) => a.fd - b.fd)
    .map((c) => {
      // Messages are keyed by their sequence number on their fd (reads so far + position), so
      // a message keeps its key from the step it is queued to the step it is read.
      const read = readsBefore(tl, c.fd);
      const msgs = pending.get(c.fd);
      return {
        fd: c.fd,
        ready: c.initialized,
        features: featureNames(BigInt(c.features)),
        ranges: c.ranges.map((r) => {
          const v = VM.vmaLookup(mm, r.start);
          return {
            start: r.start,
            end: r.end,
            modes: r.modes.filter(
              (m): m is UffdMode => m === 'MISSING' || m === 'WP' || m === 'MINOR',
            ),
            backing: v ? vmaBackingKey(v) : ANON_KEY,
          };
        }),
        queue: c.queued.map((text, i): UffdMessageModel => ({
          key: `${c.fd}:${read + i}`,
          text: msgs?.[i] ? formatUffdMessage(msgs[i], (a) => name(Number(a))) : text,
        })),
      };
    });
  return {
    contexts,
    threads: threadModels(sim, tl, name),
    steps: applied(tl),
    backings: backingsOf(sim),
  };
}

/** What each thread is doing at the cursor, and its lane over the last LANE_STEPS steps. */
function threadModels(sim: Simulation, tl: Timeline, name: (a: number) => string): ThreadModel[] {
  const program = tl.program;
  const names = program ? [...program.threads] : [];
  for (const t of sim.mm.threads) if (!names.includes(t.name)) names.push(t.name);
  const n = applied(tl);
  if (n === 0) return [];
  const tracks = threadTracks(tl);
  const from = Math.max(0, n - LANE_STEPS);
  const out: ThreadModel[] = [];
  for (const tname of names) {
    const tr = tracks.get(tname);
    if (!tr || tr.first >= n) continue;
    const last = n - 1;
    const lane: ThreadLaneCell[] = [];
    for (let i = Math.max(from, tr.first); i < n; i++) {
      const a = tr.addr[i]!;
      lane.push({
        step: i + 1,
        state: THREAD_STATES[tr.state[i]!]!,
        ran: tr.ran[i] === 1,
        addr: Number.isNaN(a) ? null : a,
      });
    }
    const cellState = THREAD_STATES[tr.state[last]!]!;
    const cellAddr = Number.isNaN(tr.addr[last]!) ? null : tr.addr[last]!;
    // The simulator has the last word on where a thread is now.
    const t = sim.mm.threads.find((x) => x.name === tname);
    const stop = t?.access?.stop ?? null;
    const now: ThreadState =
      t === undefined
        ? cellState
        : t.state() === 'blocked'
          ? 'blocked'
          : stop?.kind === 'SIGBUS'
            ? 'sigbus'
            : stop?.kind === 'SIGSEGV'
              ? 'sigsegv'
              : cellState;
    const addr = stop !== null && now !== 'done' ? Number(stop.addr) : cellAddr;
    out.push({
      name: tname,
      state: now,
      addr,
      where: addr === null ? null : name(addr),
      result: tr.result[last]!,
      lane,
      accesses: tr.accesses[last]!,
    });
  }
  return out;
}

/** The transcript's result of a step (`A*4`, `ok`, `SIGBUS at heap`). */
function resultText(s: StepRecord): string | null {
  const first = s.lines[0];
  if (first === undefined) return null;
  const i = first.indexOf(' -> ');
  return i < 0 ? null : first.slice(i + 4);
}

// ---------------------------------------------------------------------------------------------
// Links and the inspector

/** Virtual pages that map `pfn` (up to `max`), ascending. */
function mappingsOf(sim: Simulation, pfn: number, max: number): number[] {
  const out: number[] = [];
  for (const v of userVmas(sim.mm)) {
    for (const r of vmaRuns(sim, v)) {
      if (r.pfn < 0) continue;
      if (r.kind === 'zero' || r.kind === 'huge-zero') {
        if (r.pfn !== pfn) continue;
        for (let k = 0; k < r.pages && out.length < max; k++) out.push(r.start + k * PAGE_SIZE);
      } else if (pfn >= r.pfn && pfn < r.pfn + r.pages) {
        out.push(r.start + (pfn - r.pfn) * PAGE_SIZE);
      }
      if (out.length >= max) return out;
    }
  }
  return out;
}

function framesOfRange(sim: Simulation, start: number, end: number): [number, number][] {
  const out: [number, number][] = [];
  for (const v of userVmas(sim.mm)) {
    if (v.end <= start || v.start >= end) continue;
    for (const r of vmaRuns(sim, v)) {
      if (r.pfn < 0 || r.kind === 'zero' || r.kind === 'huge-zero') continue;
      const a = Math.max(start, r.start);
      const b = Math.min(end, r.start + r.pages * PAGE_SIZE);
      if (b <= a) continue;
      out.push([r.pfn + (a - r.start) / PAGE_SIZE, (b - a) / PAGE_SIZE]);
    }
  }
  return out;
}

function leafAt(sim: Simulation, addr: number): PageRun | null {
  const v = VM.vmaLookup(sim.mm, addr);
  if (!v) {
    const r = walkRuns(sim.mm, addr, addr + PAGE_SIZE);
    return r[0] ?? null;
  }
  for (const r of vmaRuns(sim, v)) {
    if (addr >= r.start && addr < r.start + r.pages * PAGE_SIZE) return r;
  }
  return null;
}

/** What a selection stands for on every pane: address ranges and frames. */
export function adaptLinks(sim: Simulation | null, sel: Selection | null): Linked {
  if (!sim || !sel) return NO_LINKS;
  const mm = sim.mm;
  switch (sel.kind) {
    case 'vma': {
      const v = mm.vmas.find((x) => x.id === sel.id && !x.runtime);
      if (!v) return NO_LINKS;
      return { ranges: [[v.start, v.end]], frames: framesOfRange(sim, v.start, v.end) };
    }
    case 'page':
      return {
        ranges: [[sel.addr, sel.addr + PAGE_SIZE]],
        frames: framesOfRange(sim, sel.addr, sel.addr + PAGE_SIZE),
      };
    case 'frame':
      return {
        ranges: mappingsOf(sim, sel.pfn, 64).map((a): [number, number] => [a, a + PAGE_SIZE]),
        frames: [[sel.pfn, 1]],
      };
    case 'table': {
      const end = Math.min(TASK_SIZE, sel.base + SPAN[sel.level]);
      return { ranges: [[sel.base, end]], frames: [] };
    }
    case 'uffd':
      return {
        ranges: userVmas(mm)
          .filter((v) => v.uffdCtx !== 0 && uffdFd(mm, v.uffdCtx) === sel.fd)
          .map((v): [number, number] => [v.start, v.end]),
        frames: [],
      };
    case 'thread': {
      const t = mm.threads.find((x) => x.name === sel.name);
      const stop = t?.access?.stop;
      if (!stop) return NO_LINKS;
      const a = Number(stop.addr) - (Number(stop.addr) % PAGE_SIZE);
      return { ranges: [[a, a + PAGE_SIZE]], frames: [] };
    }
  }
}

function row(key: string, value: string, extra: Partial<InspectorRow> = {}): InspectorRow {
  return { key, value, ...extra };
}

function addrRow(key: string, a: number): InspectorRow {
  return row(key, hex(a), { exact: `${hex(a, false)} = ${count(a)}` });
}

function tagText(t: number): string {
  return t === 0 ? "'.' (0x00)" : `'${String.fromCharCode(t)}' (${shortHex(t)})`;
}

export function adaptInspector(
  sim: Simulation | null,
  sel: Selection | null,
  tl: Timeline,
): InspectorModel | null {
  if (!sim || !sel) return null;
  const mm = sim.mm;
  const backings = backingsOf(sim);
  const bmap = new Map(backings.map((b) => [b.key, b]));
  switch (sel.kind) {
    case 'vma': {
      const v = mm.vmas.find((x) => x.id === sel.id && !x.runtime);
      if (!v) return null;
      const m = vmaModel(sim, v, dontunmapSources(tl));
      const b = bmap.get(m.backing);
      const npages = (v.end - v.start) / PAGE_SIZE;
      const sections: InspectorSection[] = [
        {
          title: 'range',
          rows: [
            addrRow('vm_start', v.start),
            addrRow('vm_end', v.end),
            row('size', size(v.end - v.start), { exact: sizeExact(v.end - v.start) }),
            row('vm_pgoff', count(v.pgoff), {
              exact: `${shortHex(v.pgoff)} pages = offset ${count(v.pgoff * PAGE_SIZE)} bytes`,
            }),
          ],
        },
        {
          title: 'flags',
          rows: [
            row('perms', m.perms),
            row('vm_flags', shortHex(v.flags), { exact: m.flagNames.join(' | ') }),
            row('', m.flagNames.join(' ')),
            row('VmFlags', m.mnemonics.join(' ')),
            ...(m.uffd
              ? [
                  row(
                    'uffd',
                    `fd ${m.uffd.fd}: ${[m.uffd.missing ? 'MISSING' : '', m.uffd.wp ? 'WP' : '', m.uffd.minor ? 'MINOR' : ''].filter(Boolean).join('|')}`,
                    m.uffd.fd >= 0 ? { link: { kind: 'uffd', fd: m.uffd.fd } } : {},
                  ),
                ]
              : []),
          ],
        },
        {
          title: 'memory',
          rows: [
            row('backing', b?.label ?? m.backing, b ? { color: b.color } : {}),
            row('present', `${count(m.present)} of ${pagesText(npages)}`),
            ...(v.anonVma !== 0 ? [row('anon_vma', `#${v.anonVma}`)] : []),
            ...(m.dontunmap
              ? [
                  row('DONTUNMAP', `emptied ${range(m.dontunmap.start, m.dontunmap.end)}`, {
                    exact: 'MREMAP_DONTUNMAP moved its entries away and left it mapped',
                  }),
                ]
              : []),
            ...m.runs
              .slice(0, 8)
              .map((r) =>
                row(
                  r.kind,
                  `${hex(r.start)} ${pagesText(r.pages)}${r.pfn >= 0 ? ` pfn ${shortHex(r.pfn)}` : ''}${r.writable ? ' rw' : ' ro'}${r.wp ? ' wp' : ''}`,
                  { link: { kind: 'page', addr: r.start } },
                ),
              ),
            ...(m.runs.length > 8 ? [row('', `… ${m.runs.length - 8} more runs`)] : []),
          ],
        },
      ];
      return {
        title: `VMA #${v.id}`,
        subtitle: `${range(v.start, v.end)} ${size(v.end - v.start)} ${m.perms}`,
        color: b?.color ?? null,
        sections,
      };
    }
    case 'page': {
      const a = sel.addr - (sel.addr % PAGE_SIZE);
      const v = VM.vmaLookup(mm, a);
      const run = leafAt(sim, a);
      const fr = mm.frames;
      const idx = [
        Math.floor(a / PGDIR_SIZE) % 512,
        Math.floor(a / PUD_SIZE) % 512,
        Math.floor(a / PMD_SIZE) % 512,
        Math.floor(a / PAGE_SIZE) % 512,
      ];
      const rows: InspectorRow[] = [
        addrRow('address', a),
        row('walk', `PGD[${idx[0]}] → PUD[${idx[1]}] → PMD[${idx[2]}] → PTE[${idx[3]}]`),
      ];
      if (v && !v.runtime) {
        rows.push(
          row('VMA', `#${v.id} ${range(v.start, v.end)}`, { link: { kind: 'vma', id: v.id } }),
          row(
            'page',
            `${count((a - v.start) / PAGE_SIZE)} of ${count(v.pages())}, pgoff ${count(v.pgoff + (a - v.start) / PAGE_SIZE)}`,
          ),
        );
      } else rows.push(row('VMA', 'none (unmapped)'));
      const entry: InspectorRow[] = [];
      if (!run) entry.push(row('entry', 'none'));
      else {
        const pfn =
          run.kind === 'zero' || run.kind === 'huge-zero' || run.pfn < 0
            ? run.pfn
            : run.pfn + (a - run.start) / PAGE_SIZE;
        entry.push(row('entry', run.kind === 'huge' ? 'huge PMD (THP)' : run.kind));
        if (pfn >= 0) {
          const b = run.backing ? bmap.get(run.backing) : undefined;
          entry.push(
            row('pfn', shortHex(pfn), { exact: count(pfn), link: { kind: 'frame', pfn } }),
            row(
              'bits',
              `${run.writable ? '_PAGE_RW' : 'read-only'}${run.wp ? ' _PAGE_UFFD_WP' : ''}`,
            ),
            row(
              'frame',
              b?.label ?? (run.kind.includes('zero') ? 'the zero page' : '?'),
              b ? { color: b.color } : {},
            ),
            row('mapcount', count(fr.mapcount[pfn]!)),
            row('refcount', count(fr.refcount[fr.head(pfn)]!)),
            row('content', tagText(fr.tag[pfn]!)),
          );
        }
      }
      return {
        title: `page ${hex(a)}`,
        subtitle: v && !v.runtime ? `in VMA #${v.id}` : 'unmapped',
        color: run?.backing ? (bmap.get(run.backing)?.color ?? null) : null,
        sections: [
          { title: 'address', rows },
          { title: 'page-table entry', rows: entry },
        ],
      };
    }
    case 'frame': {
      const fr = mm.frames;
      const p = sel.pfn;
      const k = fr.kind[p];
      const kind =
        k === FRAME_ANON
          ? 'anonymous'
          : k === FRAME_CACHE
            ? 'page cache'
            : k === FRAME_ZERO
              ? 'zero page'
              : k === FRAME_HUGE_ZERO
                ? 'huge zero page'
                : 'free';
      const key = frameBackingKey(mm, p);
      const b = key ? bmap.get(key) : undefined;
      const at = mappingsOf(sim, p, 16);
      const rows: InspectorRow[] = [
        row('pfn', shortHex(p), { exact: count(p) }),
        row('kind', kind, b ? { color: b.color } : {}),
        row('mapcount', count(fr.mapcount[p]!)),
        row('refcount', count(fr.refcount[fr.head(p)]!)),
        row('content', tagText(fr.tag[p]!)),
      ];
      if (fr.isThp(p)) rows.push(row('folio', `THP, head pfn ${shortHex(fr.head(p))}`));
      if (k === FRAME_CACHE) {
        const ino = mm.inodes.get(fr.owner[p]!);
        rows.push(
          row(
            'inode',
            `${ino ? (ino.kind === 'memfd' ? `memfd:${ino.name}` : 'shared-anon') : '?'} #${fr.owner[p]}`,
          ),
          row('index', count(fr.index[p]!)),
        );
      } else if (k === FRAME_ANON)
        rows.push(row('anon_vma', `#${fr.owner[p]}`), row('index', count(fr.index[p]!)));
      const maps = at.map((a) => row('', hex(a), { link: { kind: 'page', addr: a } }));
      return {
        title: `frame ${shortHex(p)}`,
        subtitle: `${kind}${b ? ` · ${b.label}` : ''}`,
        color: b?.color ?? null,
        sections: [
          { title: 'frame', rows },
          {
            title: `mapped at (${at.length}${at.length === 16 ? '+' : ''})`,
            rows: maps.length > 0 ? maps : [row('', 'nothing maps it')],
          },
        ],
      };
    }
    case 'table': {
      const id = tableAt(mm, sel.level, sel.base);
      const name = sel.level.toUpperCase();
      if (id < 0)
        return {
          title: `${name} ${hex(sel.base)}`,
          subtitle: 'no such table now',
          color: null,
          sections: [],
        };
      const t = buildTable(
        sim,
        sel.level,
        sel.base,
        id,
        new Map(backings.map((b, i) => [b.key, i])),
      );
      const counts = new Map<number, number>();
      for (let i = 0; i < 512; i++) counts.set(t.kinds[i]!, (counts.get(t.kinds[i]!) ?? 0) + 1);
      return {
        title: `${name} table ${hex(sel.base)}`,
        subtitle: `covers ${range(sel.base, sel.base + SPAN[sel.level])}`,
        color: null,
        sections: [
          {
            title: 'table',
            rows: [
              addrRow('base', sel.base),
              row('covers', size(SPAN[sel.level]), { exact: sizeExact(SPAN[sel.level]) }),
              row('per entry', size(SPAN[sel.level] / 512)),
              row('used', `${t.used} of 512`),
              ...(t.parent
                ? [row('parent', `${t.parent.split(':')[0]!.toUpperCase()}[${t.index}]`)]
                : []),
            ],
          },
          {
            title: 'entries',
            rows: [...counts.entries()]
              .filter(([k]) => k !== SLOT_NONE)
              .map(([k, n]) => row(SLOT_NAMES[k] ?? String(k), count(n))),
          },
        ],
      };
    }
    case 'uffd': {
      const u = adaptUffd(sim, tl).contexts.find((c) => c.fd === sel.fd);
      if (!u) return { title: `uffd fd ${sel.fd}`, subtitle: 'closed', color: null, sections: [] };
      return {
        title: `uffd fd ${u.fd}`,
        subtitle: u.ready ? 'UFFDIO_API done' : 'UFFDIO_API not done yet',
        color: null,
        sections: [
          { title: 'features', rows: [row('', u.features.join(' ') || '0')] },
          {
            title: 'registered',
            rows: u.ranges.length
              ? u.ranges.map((r) =>
                  row(r.modes.join('|'), `${range(r.start, r.end)} ${size(r.end - r.start)}`),
                )
              : [row('', 'nothing')],
          },
          {
            title: `queue (${u.queue.length})`,
            rows: u.queue.length
              ? u.queue.map((m, i) => row(String(i + 1), m.text))
              : [row('', 'empty')],
          },
        ],
      };
    }
    case 'thread': {
      const t = adaptUffd(sim, tl).threads.find((x) => x.name === sel.name);
      if (!t)
        return { title: `thread ${sel.name}`, subtitle: 'has not run', color: null, sections: [] };
      return {
        title: `thread ${t.name}`,
        subtitle: t.state,
        color: null,
        sections: [
          {
            title: 'state',
            rows: [
              row('state', t.state),
              ...(t.addr !== null ? [addrRow('at', t.addr)] : []),
              ...(t.result !== null ? [row('last result', t.result)] : []),
              row('accesses', count(t.accesses ?? t.lane.filter((c) => c.ran).length)),
            ],
          },
        ],
      };
    }
  }
}
