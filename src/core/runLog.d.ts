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
export declare class RunLog extends EffectLog {
  private open;
  private set;
  private clear;
  private fault_;
  private frame;
  private cache;
  push(e: Effect): void;
  take(): Effect[];
  /** Close every open run, appending their records. */
  flush(): void;
  entrySet(
    addr: number,
    pfn: number,
    entry: EntryKind,
    writable: boolean,
    cause: Cause,
    pages?: number,
  ): void;
  entryClear(addr: number, cause: Cause, pages?: number): void;
  fault(thread: string, addr: number, write: boolean, outcome: FaultOutcome, pages?: number): void;
  frameAlloc(pfn: number, kind: 'anon' | 'cache', count?: number): void;
  frameFree(pfn: number, count?: number): void;
  private frameRun;
  cacheInsert(inode: number, index: number, pfn: number): void;
  cacheRemove(inode: number, index: number): void;
  private cacheRun;
}
