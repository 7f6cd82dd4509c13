/**
 * Running CPU threads: starting an access on a thread and letting threads run until they finish
 * or block (mms.md section 3, the settle rule). A thread's access walks its pages through
 * `accessPage`; a page that must wait leaves the access resumable at that page.
 */
import type { Mm } from './mm';
import { Access, type AccessKind, type Thread } from './threads';
/**
 * Start an access of [addr, addr + len) on thread t: every page overlapping the range, in
 * ascending order (a range that wraps past 2^64 ends at the last page).
 */
export declare function startAccess(
  mm: Mm,
  t: Thread,
  kind: AccessKind,
  addr: bigint,
  len: bigint,
  tag: number,
): Access;
/** Run thread t's access until it finishes, signals or blocks. */
export declare function runThread(mm: Mm, t: Thread): void;
/** The settle rule: run every runnable thread until each finishes or blocks. */
export declare function settle(mm: Mm): void;
