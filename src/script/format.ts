/**
 * THE transcript formatter (mms.md sections 4-5): raw facts in, transcript text out, for the
 * simulator and the kernel alike. Keeping a single formatter means a transcript difference is
 * always a difference in behaviour, never in printing, so every printing rule lives here.
 */
import { errnoName } from '../core/errno';
import { UFFD_FEATURE_NAMES, UFFDIO_BIT_NAMES } from '../core/uapi';
import type {
  AccessOutcome,
  Fact,
  MapsEntry,
  OutField,
  PageFact,
  RunHeader,
  UffdMessage,
} from './facts';
import { ioctlRequest } from './lower';
import { TOP_SLOT, type Arg, type Op, type Program } from './program';

const U64 = 1n << 64n;
const PAGE = 4096n;

/** Printing a size or count (mms.md section 4): `0`, `4K`, `2M`, or plain decimal. */
export function formatSize(n: bigint | number): string {
  const v = BigInt(n);
  if (v > 0n && v % 1024n === 0n) {
    for (const [suffix, shift] of [
      ['T', 40n],
      ['G', 30n],
      ['M', 20n],
      ['K', 10n],
    ] as const) {
      if (v % (1n << shift) === 0n) return `${v >> shift}${suffix}`;
    }
  }
  return v.toString();
}

/** A size change with its sign (`pgtables()`): `+8K`, `-4K`, `0`. */
export function formatSignedSize(n: bigint | number): string {
  const v = BigInt(n);
  if (v === 0n) return '0';
  return v > 0n ? `+${formatSize(v)}` : `-${formatSize(-v)}`;
}

/** One page tag: the byte itself, `.` for 0x00, `\xNN` for a byte no script can write. */
function tagChar(b: number): string {
  if (b === 0) return '.';
  if (b >= 0x21 && b <= 0x7e) return String.fromCharCode(b);
  return `\\x${b.toString(16).padStart(2, '0')}`;
}

/** Run-length encoded tags: `A*3 .*2 B`. */
export function formatTags(tags: readonly number[]): string {
  const runs: string[] = [];
  let i = 0;
  while (i < tags.length) {
    let j = i + 1;
    while (j < tags.length && tags[j] === tags[i]) j++;
    const c = tagChar(tags[i]!);
    runs.push(j - i === 1 ? c : `${c}*${j - i}`);
    i = j;
  }
  return runs.join(' ');
}

/** Names of the set bits of `mask`, ascending, joined by `|`; unknown bits in hex; `0` if none. */
function bitNames(mask: bigint, nameOf: (bit: number) => string | undefined): string {
  if (mask === 0n) return '0';
  const parts: string[] = [];
  for (let bit = 0; bit < 64; bit++) {
    if ((mask >> BigInt(bit)) & 1n)
      parts.push(nameOf(bit) ?? `0x${(1n << BigInt(bit)).toString(16)}`);
  }
  return parts.join('|');
}

const PAGEFAULT_FLAG_NAMES = ['WRITE', 'WP', 'MINOR'];
/** smaps VmFlags that the transcript shows, in print order (mms.md section 5). */
const MAPS_FLAGS = ['lo', 'lf', 'ac', 'nr', 'hg', 'nh', 'um', 'uw', 'ui', 'de', 'sl'];
/** Which out fields each ioctl prints (mms.md section 5). */
const IOCTL_OUT: Readonly<Record<string, readonly OutField['name'][]>> = {
  UFFDIO_API: ['features', 'ioctls'],
  UFFDIO_REGISTER: ['ioctls'],
  UFFDIO_COPY: ['copy'],
  UFFDIO_ZEROPAGE: ['zeropage'],
  UFFDIO_CONTINUE: ['mapped'],
  UFFDIO_MOVE: ['move'],
  UFFDIO_POISON: ['updated'],
};

/**
 * The nearest-name rule (mms.md section 4), over `top` and the address names currently bound.
 * `seq` orders bindings so that, among names at the same distance on the same side, the most
 * recently bound wins.
 */
export class AddressNamer {
  private readonly names = new Map<string, { value: bigint; seq: number }>();
  private seq = 0;

  bind(name: string, value: bigint): void {
    this.names.set(name, { value, seq: this.seq++ });
  }

  unbind(name: string): void {
    this.names.delete(name);
  }

  format(a: bigint): string {
    let best: { name: string; d: bigint; seq: number } | null = null;
    for (const [name, { value, seq }] of this.names) {
      const d = a - value;
      if (best === null || better(d, seq, best.d, best.seq)) best = { name, d, seq };
    }
    if (best === null) return `0x${a.toString(16)}`;
    if (best.d === 0n) return best.name;
    return best.d > 0n
      ? `${best.name}+0x${best.d.toString(16)}`
      : `${best.name}-0x${(-best.d).toString(16)}`;
  }
}

function min(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

function abs(v: bigint): bigint {
  return v < 0n ? -v : v;
}

/** Nearest first; then V <= A (d >= 0); then the most recent binding. */
function better(d: bigint, seq: number, bestD: bigint, bestSeq: number): boolean {
  const a = abs(d);
  const b = abs(bestD);
  if (a !== b) return a < b;
  if (d >= 0n !== bestD >= 0n) return d >= 0n;
  return seq > bestSeq;
}

/**
 * A uffd message as the transcript prints a `read(uffd)` result, with addresses named by
 * `address` (an AddressNamer's `format`, so the explorer's queue reads like the transcript).
 */
export function formatUffdMessage(m: UffdMessage, address: (a: bigint) => string): string {
  switch (m.event) {
    case 'PAGEFAULT': {
      const flags = bitNames(BigInt(m.flags), (b) => PAGEFAULT_FLAG_NAMES[b]);
      const thread = m.thread === null ? '' : ` thread=${m.thread}`;
      return `PAGEFAULT ${address(m.address)} flags=${flags}${thread}`;
    }
    case 'REMAP':
      return `REMAP from=${address(m.from)} to=${address(m.to)} len=${formatSize(m.len)}`;
    case 'REMOVE':
      return `REMOVE ${address(m.start)} ${address(m.end)}`;
    case 'UNMAP':
      return `UNMAP ${address(m.start)} ${address(m.end)}`;
    case 'FORK':
      return `FORK ufd=${m.ufd}`;
  }
}

/**
 * Formats one op at a time, learning slot values from the facts as a run proceeds (a successful
 * binding call binds its `ret`). The CLI's `--effects` and the explorer's console interleave
 * other output between statements, hence this incremental form.
 */
export class TranscriptFormatter {
  private readonly program: Program;
  private readonly header: RunHeader;
  private readonly namer = new AddressNamer();
  /** Current value of every bound slot (addresses and fds), for evaluating arguments. */
  private readonly values = new Map<number, bigint>();

  constructor(program: Program, header: RunHeader) {
    this.program = program;
    this.header = header;
    this.namer.bind('top', header.top);
    this.values.set(TOP_SLOT, header.top);
  }

  /** The transcript lines of one statement, without newlines. */
  format(op: Op, fact: Fact): string[] {
    const head = `${op.line}: ${op.text}`;
    if (fact.kind === 'error') return [`${head} -> error: ${fact.message}`];
    switch (op.kind) {
      case 'call': {
        if (fact.kind === 'call') {
          const line = `${head} -> ${this.callResult(op, fact)}`;
          this.learn(op, fact);
          return [line];
        }
        if (fact.kind === 'read' && op.call === 'read')
          return [`${head} -> ${this.readResult(fact)}`];
        break;
      }
      case 'access':
        if (fact.kind === 'access') return [`${head} -> ${this.outcome(fact.outcome)}`];
        break;
      case 'wait':
        if (fact.kind === 'wait') {
          return [`${head} -> ${fact.outcome === null ? 'none' : this.outcome(fact.outcome)}`];
        }
        break;
      case 'maps':
        if (fact.kind === 'maps') return [head, ...this.maps(fact.entries)];
        break;
      case 'pagemap':
        if (fact.kind === 'pagemap') return [head, ...this.pagemap(op.ranges, fact.pages)];
        break;
      case 'pgtables':
        if (fact.kind === 'pgtables') return [`${head} -> ${formatSignedSize(fact.delta)}`];
        break;
    }
    throw new Error(`line ${op.line}: a ${fact.kind} fact does not answer a ${op.kind} op`);
  }

  address(a: bigint): string {
    return this.namer.format(a);
  }

  private value(arg: Arg): bigint {
    const base = arg.slot < 0 ? 0n : (this.values.get(arg.slot) ?? 0n);
    return (base + arg.k) % U64;
  }

  private learn(op: Extract<Op, { kind: 'call' }>, fact: Extract<Fact, { kind: 'call' }>): void {
    if (op.bind < 0) return;
    const slot = this.program.slots[op.bind];
    if (slot === undefined) return;
    // A failing call binds nothing: a name bound before keeps its value, as in both executors
    // (the oracle sets a slot only when the call succeeds).
    if (fact.errno !== 0) return;
    const v = BigInt.asUintN(64, fact.ret);
    this.values.set(op.bind, v);
    if (slot.kind === 'addr') this.namer.bind(slot.name, v);
  }

  private callResult(
    op: Extract<Op, { kind: 'call' }>,
    fact: Extract<Fact, { kind: 'call' }>,
  ): string {
    let r: string;
    if (fact.errno !== 0) {
      r = `-1 ${errnoName(fact.errno)}`;
    } else if (op.call === 'mmap' || op.call === 'mremap') {
      r = this.address(BigInt.asUintN(64, fact.ret));
    } else if (op.call === 'memfd_create' || op.call === 'userfaultfd') {
      r = 'fd';
    } else {
      r = BigInt.asIntN(64, fact.ret).toString();
    }
    if (op.call === 'ioctl') {
      const request = ioctlRequest(op.args[1]?.k ?? -1n);
      for (const name of IOCTL_OUT[request?.name ?? ''] ?? []) {
        // The harness zeroes the out fields before the call, so a field not reported is 0.
        const value = fact.out.find((f) => f.name === name)?.value ?? 0n;
        r += ` ${name}=${outField(name, value)}`;
      }
    }
    return r;
  }

  private readResult(fact: Extract<Fact, { kind: 'read' }>): string {
    if (fact.message === null) return `-1 ${errnoName(fact.errno)}`;
    return this.event(fact.message);
  }

  private event(m: UffdMessage): string {
    return formatUffdMessage(m, (a) => this.address(a));
  }

  private outcome(o: AccessOutcome): string {
    const parts: string[] = [];
    if (o.access === 'load' && o.tags.length > 0) parts.push(formatTags(o.tags));
    if (o.stop !== null) parts.push(`${o.stop.kind} at ${this.address(o.stop.addr)}`);
    // A complete store, or a load of no pages at all.
    return parts.length === 0 ? 'ok' : parts.join(' ');
  }

  private maps(entries: readonly MapsEntry[]): string[] {
    const lines: string[] = [];
    for (const e of entries) {
      // Everything at or above `top` belongs to the runtime and is never printed.
      if (e.start >= this.header.top) continue;
      let backing: string;
      switch (e.backing.kind) {
        case 'anon':
        case 'shared-anon':
          backing = e.backing.kind;
          break;
        case 'memfd':
          backing = `memfd:${e.backing.name}@${formatSize(e.backing.offset)}`;
          break;
        case 'other':
          backing = e.backing.path;
          break;
      }
      const flags = MAPS_FLAGS.filter((f) => e.flags.includes(f));
      const tail = flags.length > 0 ? ` ${flags.join(' ')}` : '';
      lines.push(`  ${this.address(e.start)} ${this.address(e.end)} ${e.perms} ${backing}${tail}`);
    }
    return lines;
  }

  /** Runs of pages (mms.md section 5); labels are per call, runs never span two pairs. */
  private pagemap(
    ranges: readonly { readonly addr: Arg; readonly len: Arg }[],
    pages: readonly PageFact[],
  ): string[] {
    const labels = new Map<bigint, number>();
    const lines: string[] = [];
    let next = 0;
    for (const range of ranges) {
      const addr = this.value(range.addr);
      const first = addr - (addr % PAGE);
      // Like the oracle, a range that would wrap past 2^64 ends there.
      const end = min(addr + this.value(range.len), U64);
      const count = end === addr ? 0n : (end - first + PAGE - 1n) / PAGE;
      let run: Run | null = null;
      for (let i = 0n; i < count && next < pages.length; i++) {
        const page = pages[next++]!;
        const at = first + i * PAGE;
        const label = page.state === 'present' && !page.zero ? labelOf(labels, page.frame) : 0;
        const key = pageKey(page);
        if (
          run !== null &&
          run.key === key &&
          (page.state !== 'present' || page.zero || label === run.lastLabel + 1)
        ) {
          run.pages++;
          run.lastLabel = label;
          continue;
        }
        if (run !== null) lines.push(this.runLine(run));
        run = { start: at, pages: 1, key, page, firstLabel: label, lastLabel: label };
      }
      if (run !== null) lines.push(this.runLine(run));
    }
    return lines;
  }

  private runLine(run: Run): string {
    const from = this.address(run.start);
    const to = this.address(run.start + BigInt(run.pages) * PAGE);
    const p = run.page;
    let what: string;
    switch (p.state) {
      case 'none':
      case 'swap':
        what = p.state;
        break;
      case 'marker':
        what = `marker:${p.marker}`;
        break;
      case 'present': {
        const l1 = p.zero ? 'zero' : `#${run.firstLabel}`;
        const ln = p.zero ? 'zero' : `#${run.lastLabel}`;
        what = run.pages === 1 ? `present frame=${l1}` : `present frames=${l1}..${ln}`;
        if (p.excl) what += ' excl';
        if (p.file) what += ' file';
        if (p.wp) what += ' wp';
        if (p.thp) what += ' thp';
        break;
      }
    }
    return `  ${from} ${to} ${what}`;
  }
}

interface Run {
  readonly start: bigint;
  pages: number;
  readonly key: string;
  /** The first page: every page of a run has its state and flags. */
  readonly page: PageFact;
  readonly firstLabel: number;
  lastLabel: number;
}

function labelOf(labels: Map<bigint, number>, frame: bigint): number {
  let l = labels.get(frame);
  if (l === undefined) {
    l = labels.size + 1;
    labels.set(frame, l);
  }
  return l;
}

/** What must be equal for two pages to share a run (besides consecutive labels). */
function pageKey(p: PageFact): string {
  switch (p.state) {
    case 'present':
      return `present ${+p.zero}${+p.excl}${+p.file}${+p.wp}${+p.thp}`;
    case 'marker':
      return `marker ${p.marker}`;
    default:
      return p.state;
  }
}

function outField(name: OutField['name'], value: bigint): string {
  switch (name) {
    case 'features':
      return bitNames(BigInt.asUintN(64, value), (b) => UFFD_FEATURE_NAMES[b]);
    case 'ioctls':
      return bitNames(BigInt.asUintN(64, value), (b) => UFFDIO_BIT_NAMES[b]);
    default:
      return formatSize(BigInt.asIntN(64, value));
  }
}

/**
 * The whole transcript: one fact per op, in order. A run that stopped at an error fact has
 * fewer facts than ops; the transcript then ends with that error.
 */
export function formatTranscript(
  program: Program,
  header: RunHeader,
  facts: readonly Fact[],
): string {
  const f = new TranscriptFormatter(program, header);
  let out = '';
  facts.forEach((fact, i) => {
    const op = program.ops[i];
    if (op === undefined)
      throw new Error(`fact ${i + 1} has no op (the program has ${program.ops.length})`);
    for (const line of f.format(op, fact)) out += line + '\n';
  });
  return out;
}
