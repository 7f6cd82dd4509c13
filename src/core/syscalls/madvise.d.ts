/**
 * madvise(2): mm/madvise.c do_madvise, madvise_walk_vmas, madvise_vma_behavior.
 */
import type { Mm } from '../mm';
import { type Vma } from '../vma';
import { type SysResult } from './result';
/** Hook for userfaultfd's REMOVE events (DONTNEED, FREE, REMOVE); filled by the uffd work. */
export interface RemoveEvents {
  remove(mm: Mm, v: Vma, start: number, end: number): void;
}
export declare function sysMadvise(
  mm: Mm,
  start: bigint,
  len: bigint,
  advice: bigint,
  ev?: RemoveEvents,
): SysResult;
export declare function doMadvise(
  mm: Mm,
  startB: bigint,
  lenIn: bigint,
  behavior: number,
  ev?: RemoveEvents,
): number;
