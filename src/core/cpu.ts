/**
 * Running CPU threads: starting an access on a thread and letting threads run until they finish
 * or block (mms.md section 3, the settle rule). A thread's access walks its pages through
 * `accessPage`; a page that must wait leaves the access resumable at that page.
 */
import type { Mm } from './mm';
import { FAULT_BLOCK, FAULT_OK, FAULT_SIGBUS, runAccessPages } from './fault';
import { vaddr } from './addr';
import { Access, type AccessKind, type Thread } from './threads';
// uffd: the wake order of userfaultfd waiters
import { runWoken } from './uffd';

// Local copies of addr.ts constants: module bindings cost a getter call per use under some
// loaders (tsx), and these sit on the fault path.
const PAGE_SIZE = 4096;
const TASK_SIZE = 2 ** 47 - 4096;

const PAGE = BigInt(PAGE_SIZE);
const U64_MAX = (1n << 64n) - 1n;

/**
 * Start an access of [addr, addr + len) on thread t: every page overlapping the range, in
 * ascending order (a range that wraps past 2^64 ends at the last page).
 */
export function startAccess(
  mm: Mm,
  t: Thread,
  kind: AccessKind,
  addr: bigint,
  len: bigint,
  tag: number,
): Access {
  const first = addr & ~(PAGE - 1n);
  let npages = 0n;
  if (len !== 0n) {
    let last = addr + len - 1n;
    if (last > U64_MAX) last = U64_MAX;
    npages = last / PAGE - addr / PAGE + 1n;
  }
  // Pages at or above TASK_SIZE always fault: clamp the walk to just past it (exact numbers).
  const limit = BigInt(TASK_SIZE) + PAGE;
  const firstN = first > limit ? limit : first;
  const endB = first + npages * PAGE;
  const endN = endB > limit ? limit : endB;
  const a = new Access(kind, tag, Number(firstN), Number(endN));
  if (npages > 0n && first >= limit) a.firstStop = first;
  t.access = a;
  void mm;
  return a;
}

/** Run thread t's access until it finishes, signals or blocks. */
export function runThread(mm: Mm, t: Thread): void {
  const a = t.access;
  if (a === null || a.finished) return;
  if (a.stop !== null && a.stop.kind === 'blocked') a.stop = null;
  const write = a.kind === 'store';
  const name = t.name;
  if (a.firstStop !== null) {
    a.stop = { kind: 'SIGSEGV', addr: a.firstStop };
    a.finished = true;
    return;
  }
  const r = runAccessPages(mm, a, name);
  if (r === FAULT_BLOCK) {
    a.stop = { kind: 'blocked', addr: BigInt(a.next) };
    mm.log.flush();
    return;
  }
  if (r !== FAULT_OK) {
    a.stop = { kind: r === FAULT_SIGBUS ? 'SIGBUS' : 'SIGSEGV', addr: BigInt(a.next) };
    mm.log.push({
      type: 'fault',
      thread: name,
      addr: vaddr(a.next),
      pages: 1,
      write,
      outcome: r === FAULT_SIGBUS ? 'sigbus' : 'sigsegv',
    });
  }
  a.finished = true;
  mm.log.flush();
}

/** The settle rule: run every runnable thread until each finishes or blocks. */
export function settle(mm: Mm): void {
  // uffd: threads woken by a userfaultfd wake-up run first, in the order they blocked
  runWoken(mm, runThread);
  for (const t of mm.threads) {
    const a = t.access;
    if (a !== null && !a.finished && (a.stop === null || a.stop.kind !== 'blocked'))
      runThread(mm, t);
  }
}
