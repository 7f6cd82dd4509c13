/**
 * The simulator's executor: runs a lowered `Program` on the core (`src/core`) op by op and
 * reports, for each op, the raw `Fact` the transcript prints and the effect records the views
 * animate. `Simulation` is the explorer's handle (step, clone for checkpoints); `simulate` runs
 * a whole program.
 */
import type { Effect } from '../core/effects';
import { Mm } from '../core/mm';
import { profileFor } from '../core/profiles';
import { mapsLines, pagemapRanges } from '../core/observe';
import { runThread, settle, startAccess } from '../core/cpu';
import { sysMmap } from '../core/syscalls/mmap';
import { sysMunmap } from '../core/syscalls/munmap';
import { sysMprotect } from '../core/syscalls/mprotect';
import { sysMadvise } from '../core/syscalls/madvise';
import { sysMlock, sysMlock2, sysMunlock } from '../core/syscalls/mlock';
import { sysClose, sysFallocate, sysFtruncate, sysMemfdCreate } from '../core/syscalls/memfd';
// uffd: userfaultfd(2), its ioctls and read(2) (syscalls/userfaultfd.ts)
import { sysUffdIoctlArgs, sysUffdRead, sysUserfaultfd } from '../core/syscalls/userfaultfd';
import { UffdDriverBlocked } from '../core/uffd';
import { sysMremap } from '../core/syscalls/mremap';
import { SYS_ENOSYS, type SysResult } from '../core/syscalls/result';
import { ENOSYS } from '../core/errno';
import type { Thread } from '../core/threads';
import type { AccessOutcome, Fact, RunHeader } from './facts';
import { TOP_SLOT, type Arg, type Op, type Program } from './program';

export interface SimStep {
  readonly op: Op;
  readonly fact: Fact;
  readonly effects: readonly Effect[];
  /**
   * With a clock (SimulationOptions), the op's time in the clock's unit, measured over what
   * the oracle measures on the kernel (oracle/mmsexec.c op_ns): a call's core syscall alone
   * (not the argument evaluation, the fact or the monitor's settle), an access or a wait with
   * its settle, and the other ops whole. null without a clock.
   */
  readonly ns: number | null;
}

export interface SimulationOptions {
  /**
   * A monotonic clock in nanoseconds (injected: the core and the interpreter read no time of
   * their own, so runs stay deterministic). Only benchmarks pass one.
   */
  readonly clock?: () => number;
}

const U64 = (1n << 64n) - 1n;

// The same words as the oracle's decoder (src/oracle/decode.ts), so transcripts match.
function unboundMessage(name: string): string {
  return `${name} is not bound (the call that binds it failed)`;
}
function blockedMessage(thread: string): string {
  return `thread ${thread} is blocked in a userfault: wait for it or resolve the fault first`;
}
// uffd: the oracle's words for a call that blocked the script in a userfault
const DRIVER_BLOCKED_MESSAGE =
  'the script itself blocked in a userfault inside this call (it faulted on a registered range that only the script could resolve)';
const PAGEMAP_TOO_LARGE = 'pagemap() covers more than 16M pages (64G)';

class Unbound extends Error {
  constructor(readonly slot: number) {
    super('unbound');
  }
}

export class Simulation {
  readonly program: Program;
  readonly header: RunHeader;
  readonly mm: Mm;
  /** Slot values; undefined = unbound. */
  private slots: Array<bigint | undefined>;
  private pc: number;
  private stopped: boolean;
  /** The last call's result and its fact (see exec). */
  private lastResult: SysResult | null = null;
  private lastFact: Fact | null = null;
  private readonly clock: (() => number) | null;
  /** The running op's time (see SimStep.ns). */
  private opNs: number | null = null;

  constructor(program: Program, src?: Simulation, options: SimulationOptions = {}) {
    this.program = program;
    this.clock = options.clock ?? src?.clock ?? null;
    if (src !== undefined) {
      this.mm = src.mm.clone();
      this.header = src.header;
      this.slots = src.slots.slice();
      this.pc = src.pc;
      this.stopped = src.stopped;
      return;
    }
    const profile = profileFor(program.profile);
    if (profile === null) throw new Error(`unknown kernel profile ${program.profile}`);
    this.mm = new Mm(profile);
    this.header = { top: BigInt(this.mm.top) };
    this.slots = program.slots.map((_, i) => (i === TOP_SLOT ? BigInt(this.mm.top) : undefined));
    this.pc = 0;
    this.stopped = false;
  }

  /** Deep copy: the explorer's timeline checkpoints. */
  clone(): Simulation {
    return new Simulation(this.program, this);
  }

  /** Index of the next op to run. */
  get position(): number {
    return this.pc;
  }

  get done(): boolean {
    return this.stopped || this.pc >= this.program.ops.length;
  }

  /** Run the next op; null when the program is over (or stopped at a script error). */
  step(): SimStep | null {
    if (this.done) return null;
    const op = this.program.ops[this.pc++]!;
    const t0 = this.now();
    this.opNs = null;
    let fact: Fact;
    try {
      fact = this.execChecked(op); // uffd: see execChecked
    } catch (e) {
      if (!(e instanceof Unbound)) throw e;
      const name = this.program.slots[e.slot]?.name ?? `#${e.slot}`;
      fact = { kind: 'error', message: unboundMessage(name) };
    }
    if (fact.kind === 'error') this.stopped = true;
    if (this.opNs === null) this.lap(t0);
    return { op, fact, effects: this.mm.log.take(), ns: this.opNs };
  }

  /** The clock's reading (0 without a clock). */
  private now(): number {
    return this.clock === null ? 0 : this.clock();
  }

  /** The running op's time is from t0 to now (SimStep.ns; stays null without a clock). */
  private lap(t0: number): void {
    if (this.clock !== null) this.opNs = this.clock() - t0;
  }

  /**
   * uffd: a fault inside a call (mlock, MADV_POPULATE_*, a UFFDIO_COPY source) on a registered
   * range puts the script itself to sleep with nobody to wake it: the run ends with the
   * oracle's error (src/oracle/decode.ts driverBlockedMessage).
   */
  private execChecked(op: Op): Fact {
    try {
      return this.exec(op);
    } catch (e) {
      if (!(e instanceof UffdDriverBlocked)) throw e;
      return { kind: 'error', message: DRIVER_BLOCKED_MESSAGE };
    }
  }

  private arg(a: Arg): bigint {
    // Every bigint operation allocates: skip the mask when the value is already a u64 (lower.ts
    // folds constants into [0, 2^64), and slot values are u64).
    if (a.slot === -1) return a.k >= 0n && a.k <= U64 ? a.k : a.k & U64;
    const v = this.slots[a.slot];
    if (v === undefined) throw new Unbound(a.slot);
    if (a.k === 0n) return v;
    const s = v + a.k;
    return s >= 0n && s <= U64 ? s : s & U64;
  }

  /** The call's arguments (no closure per statement: this runs once per op). */
  private args(op: { readonly args: readonly Arg[] }): bigint[] {
    const src = op.args;
    const out = new Array<bigint>(src.length);
    for (let i = 0; i < src.length; i++) out[i] = this.arg(src[i]!);
    return out;
  }

  private exec(op: Op): Fact {
    const mm = this.mm;
    switch (op.kind) {
      case 'call': {
        const args = this.args(op);
        // uffd: read(uffd) pops the monitor's oldest message (mms.md section 3)
        if (op.call === 'read') {
          const t0 = this.now();
          const rd = sysUffdRead(mm, args[0] ?? 0n);
          this.lap(t0);
          settle(mm);
          return { kind: 'read', message: rd.message, errno: rd.errno };
        }
        const t0 = this.now();
        const r = this.call(op.call, args, op.str);
        this.lap(t0);
        if (r.errno === 0 && op.bind >= 0) this.slots[op.bind] = r.ret & U64;
        settle(mm);
        // Facts are read-only: consecutive ops with the same (shared) result, such as a run of
        // one-page UFFDIO_COPYs, share one fact rather than each retaining its own.
        if (r === this.lastResult) return this.lastFact!;
        const fact: Fact = { kind: 'call', ret: r.ret, errno: r.errno, out: r.out };
        this.lastResult = r;
        this.lastFact = fact;
        return fact;
      }
      case 'access': {
        const addr = this.arg(op.addr);
        const len = this.arg(op.len);
        const name = this.program.threads[op.thread] ?? 'main';
        const t = mm.thread(name);
        if (t.state() === 'blocked') return { kind: 'error', message: blockedMessage(name) };
        const t0 = this.now();
        startAccess(mm, t, op.access, addr, len, op.tag);
        runThread(mm, t);
        settle(mm);
        this.lap(t0);
        return { kind: 'access', outcome: outcomeOf(t)! };
      }
      case 'wait': {
        const name = this.program.threads[op.thread] ?? 'main';
        const t = mm.thread(name);
        settle(mm);
        return { kind: 'wait', outcome: outcomeOf(t) };
      }
      case 'maps':
        return { kind: 'maps', entries: mapsLines(mm) };
      case 'pagemap': {
        const ranges = op.ranges.map((r) => [this.arg(r.addr), this.arg(r.len)] as const);
        const pages = pagemapRanges(mm, ranges);
        if (pages === null) return { kind: 'error', message: PAGEMAP_TOO_LARGE };
        return { kind: 'pagemap', pages };
      }
      case 'pgtables':
        return { kind: 'pgtables', delta: mm.pgtablesDelta() };
    }
  }

  private call(name: string, a: readonly bigint[], str: string | null): SysResult {
    const mm = this.mm;
    switch (name) {
      case 'mmap':
        return sysMmap(mm, x(a, 0), x(a, 1), x(a, 2), x(a, 3), x(a, 4), x(a, 5));
      case 'munmap':
        return sysMunmap(mm, x(a, 0), x(a, 1));
      case 'mprotect':
        return sysMprotect(mm, x(a, 0), x(a, 1), x(a, 2));
      case 'madvise':
        return sysMadvise(mm, x(a, 0), x(a, 1), x(a, 2));
      case 'mremap':
        return sysMremap(mm, x(a, 0), x(a, 1), x(a, 2), x(a, 3), x(a, 4));
      case 'mlock':
        return sysMlock(mm, x(a, 0), x(a, 1));
      case 'mlock2':
        return sysMlock2(mm, x(a, 0), x(a, 1), x(a, 2));
      case 'munlock':
        return sysMunlock(mm, x(a, 0), x(a, 1));
      case 'memfd_create':
        return sysMemfdCreate(mm, str ?? '', x(a, 0));
      case 'ftruncate':
        return sysFtruncate(mm, x(a, 0), x(a, 1));
      case 'fallocate':
        return sysFallocate(mm, x(a, 0), x(a, 1), x(a, 2), x(a, 3));
      case 'close':
        return sysClose(mm, x(a, 0));
      case 'userfaultfd':
        return sysUserfaultfd(mm, x(a, 0));
      case 'ioctl':
        // uffd: ioctl(uffd, request, fields...)
        return sysUffdIoctlArgs(mm, a);
      default:
        // read is answered in exec().
        void ENOSYS;
        return SYS_ENOSYS;
    }
  }
}

/** Argument i, 0 when omitted (a module function: a closure per call would cost an allocation). */
function x(a: readonly bigint[], i: number): bigint {
  return a[i] ?? 0n;
}

function outcomeOf(t: Thread): AccessOutcome | null {
  const a = t.access;
  if (a === null) return null;
  return { access: a.kind, tags: a.tagList(), stop: a.stop };
}

/** Run a whole program. */
export function simulate(program: Program): { header: RunHeader; steps: SimStep[] } {
  const sim = new Simulation(program);
  const steps: SimStep[] = [];
  for (let s = sim.step(); s !== null; s = sim.step()) steps.push(s);
  return { header: sim.header, steps };
}
