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
import { pfn as mkPfn, pgoff as mkPgoff, vaddr } from './addr';

// Local copies of addr.ts constants: module bindings cost a getter call per use under some
// loaders (tsx), and these sit on the fault path.
const PAGE_SIZE = 4096;

interface SetRun {
  addr: number;
  pages: number;
  entry: EntryKind;
  pfn: number;
  writable: boolean;
  cause: Cause;
  same: boolean; // every page maps the same pfn (zero pages, markers)
}
interface ClearRun {
  addr: number;
  pages: number;
  cause: Cause;
}
interface FaultRun {
  thread: string;
  addr: number;
  pages: number;
  write: boolean;
  outcome: FaultOutcome;
}
interface FrameRun {
  pfn: number;
  count: number;
  kind: 'anon' | 'cache' | null; // null = free
}
interface CacheRun {
  inode: number;
  index: number;
  count: number;
  pfn: number; // -1 = remove
}

type Open =
  | { t: 'set'; r: SetRun }
  | { t: 'clear'; r: ClearRun }
  | { t: 'fault'; r: FaultRun }
  | { t: 'frame'; r: FrameRun }
  | { t: 'cache'; r: CacheRun };

export class RunLog extends EffectLog {
  private open: Open[] = [];
  private set: SetRun | null = null;
  private clear: ClearRun | null = null;
  private fault_: FaultRun | null = null;
  private frame: FrameRun | null = null;
  private cache: CacheRun | null = null;

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
    if (open.length === 0) return;
    this.open = [];
    this.set = this.clear = this.fault_ = this.frame = this.cache = null;
    for (const o of open) super.push(toEffect(o));
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
      (r.same ? pfn === r.pfn : pfn === r.pfn + r.pages)
    ) {
      r.pages += pages;
      return;
    }
    if (r !== null) this.flush();
    const same = entry === 'zero' || entry === 'huge-zero' || entry.startsWith('marker');
    const n: SetRun = { addr, pages, entry, pfn, writable, cause, same };
    this.set = n;
    this.open.push({ t: 'set', r: n });
  }

  entryClear(addr: number, cause: Cause, pages = 1): void {
    const r = this.clear;
    if (r !== null && r.cause === cause && addr === r.addr + r.pages * PAGE_SIZE) {
      r.pages += pages;
      return;
    }
    if (r !== null) this.flush();
    const n: ClearRun = { addr, pages, cause };
    this.clear = n;
    this.open.push({ t: 'clear', r: n });
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
    const n: FaultRun = { thread, addr, pages, write, outcome };
    this.fault_ = n;
    this.open.push({ t: 'fault', r: n });
  }

  frameAlloc(pfn: number, kind: 'anon' | 'cache', count = 1): void {
    this.frameRun(pfn, kind, count);
  }

  frameFree(pfn: number, count = 1): void {
    this.frameRun(pfn, null, count);
  }

  private frameRun(pfn: number, kind: 'anon' | 'cache' | null, count: number): void {
    const r = this.frame;
    if (r !== null && r.kind === kind && pfn === r.pfn + r.count) {
      r.count += count;
      return;
    }
    if (r !== null) this.flush();
    const n: FrameRun = { pfn, count, kind };
    this.frame = n;
    this.open.push({ t: 'frame', r: n });
  }

  cacheInsert(inode: number, index: number, pfn: number): void {
    this.cacheRun(inode, index, pfn);
  }

  cacheRemove(inode: number, index: number): void {
    this.cacheRun(inode, index, -1);
  }

  private cacheRun(inode: number, index: number, pfn: number): void {
    const r = this.cache;
    if (
      r !== null &&
      r.inode === inode &&
      index === r.index + r.count &&
      (pfn === -1 ? r.pfn === -1 : r.pfn !== -1 && pfn === r.pfn + r.count)
    ) {
      r.count++;
      return;
    }
    if (r !== null) this.flush();
    const n: CacheRun = { inode, index, count: 1, pfn };
    this.cache = n;
    this.open.push({ t: 'cache', r: n });
  }
}

function toEffect(o: Open): Effect {
  switch (o.t) {
    case 'set':
      return {
        type: 'entries.set',
        addr: vaddr(o.r.addr),
        pages: o.r.pages,
        entry: o.r.entry,
        pfn: mkPfn(o.r.pfn),
        writable: o.r.writable,
        cause: o.r.cause,
      };
    case 'clear':
      return { type: 'entries.clear', addr: vaddr(o.r.addr), pages: o.r.pages, cause: o.r.cause };
    case 'fault':
      return {
        type: 'fault',
        thread: o.r.thread,
        addr: vaddr(o.r.addr),
        pages: o.r.pages,
        write: o.r.write,
        outcome: o.r.outcome,
      };
    case 'frame':
      return o.r.kind === null
        ? { type: 'frames.free', pfn: mkPfn(o.r.pfn), count: o.r.count }
        : { type: 'frames.alloc', pfn: mkPfn(o.r.pfn), count: o.r.count, kind: o.r.kind };
    case 'cache':
      return o.r.pfn === -1
        ? { type: 'cache.remove', inode: o.r.inode, index: mkPgoff(o.r.index), count: o.r.count }
        : {
            type: 'cache.insert',
            inode: o.r.inode,
            index: mkPgoff(o.r.index),
            count: o.r.count,
            pfn: mkPfn(o.r.pfn),
          };
  }
}
