/**
 * Effect records: what one operation changed, as data (the unit of change, like tldraw's
 * RecordsDiff). Views animate these records and tests assert on them; nothing on screen is
 * inferred from a before/after comparison.
 *
 * Records about pages are runs: `entries.set` with `pages: 512` is 512 consecutive entries
 * whose frames are `pfn, pfn+1, ...` (or all the zero page). `EffectLog.push` coalesces a
 * record into the previous one when it continues the run, so populating 1 GiB yields a
 * handful of records, not 262,144.
 */
import type { Pfn, Pgoff, Vaddr } from './addr';

export type TableLevel = 'pud' | 'pmd' | 'pte';
export type MoveLevel = 'pud' | 'pmd' | 'pte';

/** An immutable snapshot of a VMA at the moment of the record. */
export interface VmaRecord {
  /** Stable identity while the VMA lives; a split keeps it on the lowest part. */
  readonly id: number;
  readonly start: Vaddr;
  readonly end: Vaddr;
  /** VM_* flag bits (see vma.ts), including VM_READ/WRITE/EXEC/SHARED. */
  readonly flags: number;
  readonly backing: BackingRecord;
  /** File offset of `start` in pages (anonymous VMAs too, as the kernel keeps it). */
  readonly pgoff: Pgoff;
}

export type BackingRecord =
  | { readonly kind: 'anon' }
  | { readonly kind: 'shared-anon'; readonly inode: number }
  | { readonly kind: 'memfd'; readonly inode: number; readonly name: string };

/** What a page-table entry holds, for the views' colouring. */
export type EntryKind =
  | 'anon'
  | 'cache'
  | 'zero'
  | 'huge' // a PMD-mapped THP (pages = 512)
  | 'huge-zero'
  | 'marker-wp'
  | 'marker-poison'
  | 'marker-guard'; // MADV_GUARD_INSTALL (added by the core engineer)

export type Cause =
  | 'fault'
  | 'cow'
  | 'populate'
  | 'munmap'
  | 'madvise'
  | 'mremap'
  | 'truncate'
  | 'punch-hole'
  | 'mprotect'
  | 'uffd-copy'
  | 'uffd-zeropage'
  | 'uffd-continue'
  | 'uffd-move'
  | 'uffd-wp'
  | 'uffd-poison';

export type FaultOutcome =
  | 'zero' // read of anon: maps the shared zero page
  | 'anon' // new anonymous page
  | 'cow' // write to a shared or read-only page: copy
  | 'reuse' // write to an exclusively owned read-only page: made writable in place
  | 'cache' // shmem/memfd: page-cache page mapped (allocated into the cache if absent)
  | 'thp' // anonymous THP: one PMD-mapped 2 MiB page
  | 'huge-zero'
  | 'sigsegv'
  | 'sigbus'
  | 'userfault'; // raised to userfaultfd; the thread blocks

export type Effect =
  | { readonly type: 'vma.add'; readonly vma: VmaRecord }
  | { readonly type: 'vma.remove'; readonly vma: VmaRecord }
  /** Same VMA (same id), new range, flags or pgoff: in-place growth, mprotect of a whole VMA. */
  | { readonly type: 'vma.change'; readonly before: VmaRecord; readonly after: VmaRecord }
  /** One VMA became several adjacent ones (__split_vma). */
  | {
      readonly type: 'vma.split';
      readonly before: VmaRecord;
      readonly after: readonly VmaRecord[];
    }
  /** Adjacent VMAs became one (vma_merge). */
  | {
      readonly type: 'vma.merge';
      readonly before: readonly VmaRecord[];
      readonly after: VmaRecord;
    }
  /** mremap moved a VMA (copy_vma): `after` is the new VMA at the destination. */
  | { readonly type: 'vma.move'; readonly before: VmaRecord; readonly after: VmaRecord }
  /** A page table at `level` covering [base, base + span of the table) was allocated/freed. */
  | { readonly type: 'table.alloc'; readonly level: TableLevel; readonly base: Vaddr }
  | { readonly type: 'table.free'; readonly level: TableLevel; readonly base: Vaddr }
  /**
   * move_page_tables moved `count` entries at `level` from `from` to `to`: one PUD entry
   * (a whole PMD table, 1 GiB), one PMD entry (a PTE table or a THP, 2 MiB), or PTEs one by
   * one. One record per chunk of the kernel's loop.
   */
  | {
      readonly type: 'entries.move';
      readonly level: MoveLevel;
      readonly from: Vaddr;
      readonly to: Vaddr;
      readonly count: number;
      readonly huge: boolean;
    }
  /** `pages` consecutive entries from `addr` now map frames pfn, pfn+1, ... (zero: all the same). */
  | {
      readonly type: 'entries.set';
      readonly addr: Vaddr;
      readonly pages: number;
      readonly entry: EntryKind;
      readonly pfn: Pfn;
      readonly writable: boolean;
      readonly cause: Cause;
    }
  | {
      readonly type: 'entries.clear';
      readonly addr: Vaddr;
      readonly pages: number;
      readonly cause: Cause;
    }
  /** Protection or uffd-wp bit of present entries changed (mprotect, UFFDIO_WRITEPROTECT). */
  | {
      readonly type: 'entries.protect';
      readonly addr: Vaddr;
      readonly pages: number;
      readonly writable: boolean;
      readonly wp: boolean;
      readonly cause: Cause;
    }
  | {
      readonly type: 'frames.alloc';
      readonly pfn: Pfn;
      readonly count: number;
      readonly kind: 'anon' | 'cache';
    }
  | { readonly type: 'frames.free'; readonly pfn: Pfn; readonly count: number }
  | {
      readonly type: 'cache.insert';
      readonly inode: number;
      readonly index: Pgoff;
      readonly count: number;
      readonly pfn: Pfn;
    }
  | {
      readonly type: 'cache.remove';
      readonly inode: number;
      readonly index: Pgoff;
      readonly count: number;
    }
  | {
      readonly type: 'fault';
      readonly thread: string;
      readonly addr: Vaddr;
      readonly pages: number;
      readonly write: boolean;
      readonly outcome: FaultOutcome;
    }
  /** userfaultfd (issue 3): a message queued, a message read, threads blocking and waking. */
  | { readonly type: 'uffd.event'; readonly uffd: number; readonly message: string }
  | { readonly type: 'uffd.read'; readonly uffd: number; readonly message: string }
  | { readonly type: 'thread.block'; readonly thread: string; readonly addr: Vaddr }
  | { readonly type: 'thread.wake'; readonly thread: string; readonly addr: Vaddr }
  | { readonly type: 'thread.finish'; readonly thread: string; readonly result: string };

/** Collects effects for one operation, coalescing page runs. */
export class EffectLog {
  readonly list: Effect[] = [];

  push(e: Effect): void {
    const last = this.list[this.list.length - 1];
    if (last !== undefined && continues(last, e)) {
      this.list[this.list.length - 1] = extend(last, e);
      return;
    }
    this.list.push(e);
  }

  take(): Effect[] {
    return this.list.splice(0, this.list.length);
  }
}

function continues(a: Effect, b: Effect): boolean {
  // Records of different types never coalesce: one comparison for most pushes.
  if (a.type !== b.type) return false;
  if (a.type === 'entries.set' && b.type === 'entries.set') {
    const samePfnRun =
      a.entry === 'zero' || a.entry === 'huge-zero' || a.entry.startsWith('marker')
        ? a.pfn === b.pfn
        : b.pfn === a.pfn + a.pages;
    return (
      b.addr === a.addr + a.pages * 4096 &&
      a.entry === b.entry &&
      a.cause === b.cause &&
      a.writable === b.writable &&
      samePfnRun
    );
  }
  if (a.type === 'entries.clear' && b.type === 'entries.clear') {
    return b.addr === a.addr + a.pages * 4096 && a.cause === b.cause;
  }
  if (a.type === 'entries.protect' && b.type === 'entries.protect') {
    return (
      b.addr === a.addr + a.pages * 4096 &&
      a.cause === b.cause &&
      a.writable === b.writable &&
      a.wp === b.wp
    );
  }
  if (a.type === 'fault' && b.type === 'fault') {
    return (
      b.addr === a.addr + a.pages * 4096 &&
      a.thread === b.thread &&
      a.write === b.write &&
      a.outcome === b.outcome
    );
  }
  if (a.type === 'frames.alloc' && b.type === 'frames.alloc') {
    return a.kind === b.kind && b.pfn === a.pfn + a.count;
  }
  if (a.type === 'frames.free' && b.type === 'frames.free') {
    return b.pfn === a.pfn + a.count;
  }
  if (a.type === 'cache.insert' && b.type === 'cache.insert') {
    return a.inode === b.inode && b.index === a.index + a.count && b.pfn === a.pfn + a.count;
  }
  if (a.type === 'cache.remove' && b.type === 'cache.remove') {
    return a.inode === b.inode && b.index === a.index + a.count;
  }
  return false;
}

function extend(a: Effect, b: Effect): Effect {
  switch (a.type) {
    case 'entries.set':
    case 'entries.clear':
    case 'entries.protect':
    case 'fault':
      return { ...a, pages: a.pages + (b as typeof a).pages };
    case 'frames.alloc':
    case 'frames.free':
    case 'cache.insert':
    case 'cache.remove':
      return { ...a, count: a.count + (b as typeof a).count };
    default:
      return b;
  }
}
