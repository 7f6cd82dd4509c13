/**
 * View models: plain data that `adapt.ts` builds from a Simulation and the renderers draw.
 * Renderers never see the core, so a renderer can be tested on a hand-written model and the
 * core can change its internals without touching a view. Per-slot and per-frame data are typed
 * arrays: a populated 1 GiB is 262,144 pages, and plain objects per page would not keep up.
 */
import type { Effect, EntryKind } from '../core/effects';
import type { Selection, Theme } from '../store/types';

export type BackingKind = 'anon' | 'shared-anon' | 'memfd';

export interface BackingModel {
  /** `anon`, `shared-anon:<inode>` or `memfd:<inode>`: stable while the inode lives. */
  readonly key: string;
  readonly kind: BackingKind;
  readonly inode: number | null;
  /** `anon`, `shared-anon`, `memfd:heap`. */
  readonly label: string;
  readonly color: string;
}

export const ANON_KEY = 'anon';

/** A run of consecutive pages with the same kind of entry (pfn, pfn+1, ... or the zero page). */
export interface PageRun {
  readonly start: number;
  readonly pages: number;
  readonly kind: EntryKind;
  /** Backing of the frames (the anon key for anonymous frames); null for zero pages, markers. */
  readonly backing: string | null;
  /** First frame of the run; -1 for markers. */
  readonly pfn: number;
  readonly writable: boolean;
  readonly wp: boolean;
}

export interface UffdRegistration {
  readonly fd: number;
  readonly missing: boolean;
  readonly wp: boolean;
  readonly minor: boolean;
}

export interface VmaModel {
  readonly id: number;
  readonly start: number;
  readonly end: number;
  /** VM_* bits as the core keeps them (for the inspector's exact value). */
  readonly flags: number;
  /** VM_* names of the set bits, in bit order: `VM_READ`, `VM_LOCKED`, ... */
  readonly flagNames: readonly string[];
  /** smaps VmFlags mnemonics (`rd wr mr mw me ac lo ...`). */
  readonly mnemonics: readonly string[];
  /** `rw-p` as /proc/PID/maps prints it. */
  readonly perms: string;
  /** Key into the model's backings. */
  readonly backing: string;
  /** File offset of `start` in pages. */
  readonly pgoff: number;
  /** Pages with a present entry (zero page and huge pages count per 4K page). */
  readonly present: number;
  /** Present entries and markers, ascending. */
  readonly runs: readonly PageRun[];
  readonly uffd: UffdRegistration | null;
  /**
   * The part of this VMA that MREMAP_DONTUNMAP left mapped but emptied (the source range of a
   * DONTUNMAP move), or null.
   */
  readonly dontunmap: { readonly start: number; readonly end: number } | null;
}

export interface AddressName {
  readonly name: string;
  readonly addr: number;
}

export interface AddressSpaceModel {
  readonly vmas: readonly VmaModel[];
  readonly backings: readonly BackingModel[];
  /** The script owns everything below `top`; the runtime lives above it. */
  readonly top: number;
  /** Addresses bound to script names (`heap`, `to`), drawn as labels on the axis. */
  readonly names: readonly AddressName[];
}

export type TableLevelName = 'pgd' | 'pud' | 'pmd' | 'pte';
export const TABLE_LEVELS: readonly TableLevelName[] = ['pgd', 'pud', 'pmd', 'pte'];

/** Slot codes of `TableModel.kinds`. */
export const SLOT_NONE = 0;
export const SLOT_TABLE = 1;
export const SLOT_ANON = 2;
export const SLOT_CACHE = 3;
export const SLOT_ZERO = 4;
export const SLOT_HUGE = 5;
export const SLOT_HUGE_ZERO = 6;
export const SLOT_MARKER_WP = 7;
export const SLOT_MARKER_POISON = 8;
export type SlotCode = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

export const SLOT_NAMES: readonly string[] = [
  'none',
  'table',
  'present (anon)',
  'present (page cache)',
  'zero page',
  'huge (THP)',
  'huge zero page',
  'marker: uffd-wp',
  'marker: poison',
];

/** Bits of `TableModel.bits`. */
export const BIT_WRITE = 1;
export const BIT_UFFD_WP = 2;

/** One page table and its 512 slots. */
export interface TableModel {
  /** `pmd:<base>`: stable while the table covers the same range. */
  readonly id: string;
  readonly level: TableLevelName;
  /** First address the table covers. */
  readonly base: number;
  /** Bytes the table covers (512 x the size one entry maps). */
  readonly span: number;
  /** Parent table id and the slot index there (null for the PGD). */
  readonly parent: string | null;
  readonly index: number;
  /** Slots that are not none. */
  readonly used: number;
  /** SLOT_* code of each of the 512 slots. */
  readonly kinds: Uint8Array;
  /** Per slot: 1 + index into the model's backings, 0 for none/zero/markers/tables. */
  readonly backing: Uint8Array;
  /** Per slot: the frame of a leaf entry, -1 otherwise. */
  readonly pfn: Float64Array;
  /** Per slot: BIT_WRITE | BIT_UFFD_WP. */
  readonly bits: Uint8Array;
  /** Per table slot: used/512 of the child table (how full the table it points to is). */
  readonly fill: Float32Array;
  /**
   * Per table slot: 1 + index of the backing most leaf entries below it map, 0 when they map
   * nothing owned (empty, zero pages only). Lets a collapsed table carry its memory's colour.
   */
  readonly childBacking: Uint8Array;
  /**
   * Set on a table that the step just freed or carried away (a PUD or PMD entry moved it): it
   * is drawn as an outline where it was, so the motion has a place to leave from and the step's
   * effect stays readable after the animation. Its slots are all none.
   */
  readonly gone: TableGone | null;
}

export type TableGone =
  { readonly kind: 'freed' } | { readonly kind: 'moved'; readonly to: number };

export interface PageTablesModel {
  /** The tables drawn with their slots, parents before children, ascending base per level. */
  readonly tables: readonly TableModel[];
  /** Tables that exist at each level (drawn or not). */
  readonly totals: Readonly<Record<TableLevelName, number>>;
  readonly backings: readonly BackingModel[];
  /** The address range the drawn tables were chosen for, or null for "everything". */
  readonly focus: { readonly start: number; readonly end: number } | null;
}

export type FrameGroupKind = 'zero' | 'anon' | 'cache';

/** Frames of one kind: anonymous frames by PFN, or one inode's page cache by page index. */
export interface FrameGroupModel {
  /** `zero`, `anon`, `cache:<inode>`. */
  readonly id: string;
  readonly kind: FrameGroupKind;
  /** Backing key (null for the zero page). */
  readonly backing: string | null;
  readonly label: string;
  /** Cells: anon frames sorted by pfn; cache slots by index 0..count-1 (holes have pfn -1). */
  readonly count: number;
  readonly pfn: Float64Array;
  readonly mapcount: Int32Array;
  readonly refcount: Int32Array;
  /** Cache groups: the file size in pages (i_size), which may be below or above `count`. */
  readonly sizePages: number | null;
}

export interface PhysicalModel {
  readonly groups: readonly FrameGroupModel[];
  readonly backings: readonly BackingModel[];
}

export type UffdMode = 'MISSING' | 'WP' | 'MINOR';

export interface UffdRangeModel {
  readonly start: number;
  readonly end: number;
  readonly modes: readonly UffdMode[];
  /** Backing of the registered VMA, for its colour. */
  readonly backing: string;
}

export interface UffdMessageModel {
  /** Stable id: the step and position of the event that queued it. */
  readonly key: string;
  readonly text: string;
}

export interface UffdContextModel {
  readonly fd: number;
  /** UFFDIO_API done (the fd is usable). */
  readonly ready: boolean;
  /** Feature names without their UFFD_FEATURE_ prefix, ascending bit order. */
  readonly features: readonly string[];
  readonly ranges: readonly UffdRangeModel[];
  /** Messages queued and not yet read, oldest first. */
  readonly queue: readonly UffdMessageModel[];
}

export type ThreadState = 'idle' | 'running' | 'blocked' | 'done' | 'sigbus' | 'sigsegv';

export interface ThreadLaneCell {
  /** Step number (1-based: the state after step `step`). */
  readonly step: number;
  readonly state: ThreadState;
  /** The thread ran an access in this step. */
  readonly ran: boolean;
  readonly addr: number | null;
}

export interface ThreadModel {
  readonly name: string;
  readonly state: ThreadState;
  /** Where it is blocked or took its signal. */
  readonly addr: number | null;
  /** `addr` as the transcript names it (`heap+0x2000`), when the adapter knows the names. */
  readonly where?: string | null;
  /** The last access's result as the transcript prints it (`ok`, `A*4`, `SIGBUS at ...`). */
  readonly result: string | null;
  /**
   * Its state after each of the last steps (at most LANE_STEPS of them, ending at the model's
   * `steps`), ascending; steps before the thread showed up have no cell.
   */
  readonly lane: readonly ThreadLaneCell[];
  /** Accesses it ran in all the steps applied (the lane may show only the last ones). */
  readonly accesses?: number;
}

/**
 * The lanes cover at most this many steps, the last ones: a lane is read step by step, and a
 * window keeps the adapter and the renderer as fast at step 10,000 as at step 10.
 */
export const LANE_STEPS = 240;

export interface UffdModel {
  readonly contexts: readonly UffdContextModel[];
  readonly threads: readonly ThreadModel[];
  /** Steps applied (the store's cursor): lanes end here. */
  readonly steps: number;
  readonly backings: readonly BackingModel[];
}

export interface InspectorRow {
  readonly key: string;
  readonly value: string;
  /** The exact value (hover title); the value itself when omitted. */
  readonly exact?: string;
  /** A swatch of this colour before the value. */
  readonly color?: string;
  /** A selection the row links to (click selects it). */
  readonly link?: Selection;
}

export interface InspectorSection {
  readonly title: string;
  readonly rows: readonly InspectorRow[];
}

export interface InspectorModel {
  readonly title: string;
  readonly subtitle: string;
  readonly color: string | null;
  readonly sections: readonly InspectorSection[];
}

/** Address ranges and frames linked to the selection or hover, highlighted on every pane. */
export interface Linked {
  /** [start, end) virtual ranges. */
  readonly ranges: readonly (readonly [number, number])[];
  /** [pfn, count) frame runs. */
  readonly frames: readonly (readonly [number, number])[];
}

export const NO_LINKS: Linked = { ranges: [], frames: [] };

/** What the selection and the hover show on a pane: what `highlightX(root, h)` redraws. */
export interface Highlight {
  readonly selection: Selection | null;
  readonly hover: Selection | null;
  /** What the selection and the hover link to on this pane. */
  readonly selectionLinks?: Linked;
  readonly hoverLinks?: Linked;
}

/** Options every renderer takes. */
export interface ViewOptions extends Highlight {
  readonly width: number;
  readonly height: number;
  readonly theme: Theme;
  /**
   * Duration of this change's animation in ms; 0 snaps to the end state (tests, backward
   * steps, jumps).
   */
  readonly durationMs: number;
  /** The effect records of the step just applied, animated when durationMs > 0. */
  readonly effects: readonly Effect[];
  readonly onSelect?: (s: Selection | null) => void;
  readonly onHover?: (s: Selection | null) => void;
}
