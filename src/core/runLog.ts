/**
 * The core's effect log: an `EffectLog` that also keeps runs open for the per-page records
 * (entries set/cleared, faults, frames allocated/freed, page-cache inserts/removals) so that the
 * fault path extends a counter instead of allocating a record per page. `EffectLog.push`
 * coalesces only with the last record; a fault that allocates a frame, sets an entry and records
 * the fault would interleave three types and never coalesce, so the open runs are kept side by
 * side and flushed, in the order they were opened, when any of them breaks or when another
 * record is pushed.
 */
import { EffectLog, type Cause, type Effect, type EntryKind, type FaultOutcome } from './effects';
import type { Pfn, Pgoff, Vaddr } from './addr';

// Local copies of addr.ts constants: module bindings cost a getter call per use under some
// loaders (tsx), and these sit on the fault path.
const PAGE_SIZE = 4096;

// The open runs are the effect records themselves, extended in place while open (and never
// touched once flushed): a fault costs one record per kind, no wrapper and no copy at flush.
type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type SetRun = Mutable<Extract<Effect, { type: 'entries.set' }>>;
type ClearRun = Mutable<Extract<Effect, { type: 'entries.clear' }>>;
type FaultRun = Mutable<Extract<Effect, { type: 'fault' }>>;
type AllocRun = Mutable<Extract<Effect, { type: 'frames.alloc' }>>;
type FreeRun = Mutable<Extract<Effect, { type: 'frames.free' }>>;
type InsertRun = Mutable<Extract<Effect, { type: 'cache.insert' }>>;
type RemoveRun = Mutable<Extract<Effect, { type: 'cache.remove' }>>;

export class RunLog extends EffectLog {
  /** The open runs, in the order they were opened. */
  private open: Effect[] = [];
  private set: SetRun | null = null;
  /** The open set run maps one pfn on every page (zero pages, markers). */
  private setSame = false;
  private clear: ClearRun | null = null;
  private fault_: FaultRun | null = null;
  private frame: AllocRun | FreeRun | null = null;
  private cache: InsertRun | RemoveRun | null = null;

  override push(e: Effect): void {
    if (this.open.length > 0) this.flush();
    super.push(e);
  }

  override take(): Effect[] {
    this.flush();
    return super.take();
  }

  /** Close every open run, appending their records. */
  flush(): void {
    const open = this.open;
    const n = open.length;
    if (n === 0) return;
    this.set = this.clear = this.fault_ = this.frame = this.cache = null;
    for (let i = 0; i < n; i++) super.push(open[i]!);
    open.length = 0;
  }

  entrySet(
    addr: number,
    pfn: number,
    entry: EntryKind,
    writable: boolean,
    cause: Cause,
    pages = 1,
  ): void {
    const r = this.set;
    if (
      r !== null &&
      r.entry === entry &&
      r.cause === cause &&
      r.writable === writable &&
      addr === r.addr + r.pages * PAGE_SIZE &&
      (this.setSame ? pfn === r.pfn : pfn === r.pfn + r.pages)
    ) {
      r.pages += pages;
      return;
    }
    if (r !== null) this.flush();
    this.setSame = entry === 'zero' || entry === 'huge-zero' || entry.startsWith('marker');
    const n: SetRun = {
      type: 'entries.set',
      addr: addr as Vaddr,
      pages,
      entry,
      pfn: pfn as Pfn,
      writable,
      cause,
    };
    this.set = n;
    this.open.push(n);
  }

  entryClear(addr: number, cause: Cause, pages = 1): void {
    const r = this.clear;
    if (r !== null && r.cause === cause && addr === r.addr + r.pages * PAGE_SIZE) {
      r.pages += pages;
      return;
    }
    if (r !== null) this.flush();
    const n: ClearRun = { type: 'entries.clear', addr: addr as Vaddr, pages, cause };
    this.clear = n;
    this.open.push(n);
  }

  fault(thread: string, addr: number, write: boolean, outcome: FaultOutcome, pages = 1): void {
    const r = this.fault_;
    if (
      r !== null &&
      r.thread === thread &&
      r.write === write &&
      r.outcome === outcome &&
      addr === r.addr + r.pages * PAGE_SIZE
    ) {
      r.pages += pages;
      return;
    }
    if (r !== null) this.flush();
    const n: FaultRun = { type: 'fault', thread, addr: addr as Vaddr, pages, write, outcome };
    this.fault_ = n;
    this.open.push(n);
  }

  frameAlloc(pfn: number, kind: 'anon' | 'cache', count = 1): void {
    const r = this.frame;
    if (r !== null && r.type === 'frames.alloc' && r.kind === kind && pfn === r.pfn + r.count) {
      r.count += count;
      return;
    }
    if (r !== null) this.flush();
    const n: AllocRun = { type: 'frames.alloc', pfn: pfn as Pfn, count, kind };
    this.frame = n;
    this.open.push(n);
  }

  frameFree(pfn: number, count = 1): void {
    const r = this.frame;
    if (r !== null && r.type === 'frames.free' && pfn === r.pfn + r.count) {
      r.count += count;
      return;
    }
    if (r !== null) this.flush();
    const n: FreeRun = { type: 'frames.free', pfn: pfn as Pfn, count };
    this.frame = n;
    this.open.push(n);
  }

  cacheInsert(inode: number, index: number, pfn: number): void {
    const r = this.cache;
    if (
      r !== null &&
      r.type === 'cache.insert' &&
      r.inode === inode &&
      index === r.index + r.count &&
      pfn === r.pfn + r.count
    ) {
      r.count++;
      return;
    }
    if (r !== null) this.flush();
    const n: InsertRun = {
      type: 'cache.insert',
      inode,
      index: index as Pgoff,
      count: 1,
      pfn: pfn as Pfn,
    };
    this.cache = n;
    this.open.push(n);
  }

  cacheRemove(inode: number, index: number): void {
    const r = this.cache;
    if (
      r !== null &&
      r.type === 'cache.remove' &&
      r.inode === inode &&
      index === r.index + r.count
    ) {
      r.count++;
      return;
    }
    if (r !== null) this.flush();
    const n: RemoveRun = { type: 'cache.remove', inode, index: index as Pgoff, count: 1 };
    this.cache = n;
    this.open.push(n);
  }
}
