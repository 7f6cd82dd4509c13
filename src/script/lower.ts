/**
 * Lowering: the syntax tree becomes the op list of program.ts (mms.md sections 1-2). This is
 * where the language's semantics are checked: calls and their arities, constants, which names
 * are bound, and the rule that a name may only be added to, so every argument is
 * `slot + constant` and the C oracle needs no expression evaluator.
 */
import { UAPI_CONSTANTS } from '../core/uapi';
import type {
  ArgumentNode,
  ExprNode,
  InvocationNode,
  KernelNode,
  NameNode,
  ScriptNode,
  StatementNode,
} from './ast';
import { ScriptError } from './errors';
import {
  TOP_SLOT,
  type Arg,
  type CallName,
  type Op,
  type Program,
  type Slot,
  type SlotKind,
} from './program';
import type { Source } from './source';
import { didYouMean } from './suggest';

const U64 = 1n << 64n;

function wrap(v: bigint): bigint {
  // Every bigint operation allocates: most values are already in range.
  if (v >= 0n && v < U64) return v;
  return ((v % U64) + U64) % U64;
}

/** Parameter names of the plain calls, in C order; the length is the arity. */
const CALL_PARAMS: Readonly<Record<Exclude<CallName, 'ioctl'>, readonly string[]>> = {
  mmap: ['addr', 'length', 'prot', 'flags', 'fd', 'offset'],
  munmap: ['addr', 'length'],
  mprotect: ['addr', 'length', 'prot'],
  madvise: ['addr', 'length', 'advice'],
  mremap: ['old_address', 'old_size', 'new_size', 'flags', 'new_address'],
  mlock: ['addr', 'len'],
  mlock2: ['addr', 'len', 'flags'],
  munlock: ['addr', 'len'],
  memfd_create: ['name', 'flags'],
  userfaultfd: ['flags'],
  ftruncate: ['fd', 'length'],
  fallocate: ['fd', 'mode', 'offset', 'len'],
  close: ['fd'],
  read: ['uffd'],
};

/** The calls whose result a script may bind, and what the bound slot holds. */
const BINDS: Partial<Record<CallName, SlotKind>> = {
  mmap: 'addr',
  mremap: 'addr',
  memfd_create: 'fd',
  userfaultfd: 'fd',
};

/** ioctl requests and the fields that follow the request, in mms.md's order. */
const IOCTL_REQUESTS: readonly { readonly name: string; readonly fields: readonly string[] }[] = [
  { name: 'UFFDIO_API', fields: ['features'] },
  { name: 'UFFDIO_REGISTER', fields: ['start', 'len', 'mode'] },
  { name: 'UFFDIO_UNREGISTER', fields: ['start', 'len'] },
  { name: 'UFFDIO_WAKE', fields: ['start', 'len'] },
  { name: 'UFFDIO_COPY', fields: ['dst', 'src', 'len', 'mode'] },
  { name: 'UFFDIO_ZEROPAGE', fields: ['start', 'len', 'mode'] },
  { name: 'UFFDIO_MOVE', fields: ['dst', 'src', 'len', 'mode'] },
  { name: 'UFFDIO_WRITEPROTECT', fields: ['start', 'len', 'mode'] },
  { name: 'UFFDIO_CONTINUE', fields: ['start', 'len', 'mode'] },
  { name: 'UFFDIO_POISON', fields: ['start', 'len', 'mode'] },
];

/** Request value -> request (the first in IOCTL_REQUESTS order, as a scan would find). */
const REQUEST_BY_VALUE = new Map<bigint, (typeof IOCTL_REQUESTS)[number]>();
for (const r of IOCTL_REQUESTS) {
  const v = UAPI_CONSTANTS.get(r.name);
  if (v !== undefined && !REQUEST_BY_VALUE.has(v)) REQUEST_BY_VALUE.set(v, r);
}

/** An ioctl request number's name and fields (format.ts uses it to pick the out fields). */
export function ioctlRequest(value: bigint): { name: string; fields: readonly string[] } | null {
  return REQUEST_BY_VALUE.get(value) ?? null;
}

const OBSERVATIONS = ['maps', 'pagemap', 'pgtables'] as const;
const ACCESSES = ['store', 'load'] as const;
const ALL_CALLEES: readonly string[] = [
  ...Object.keys(CALL_PARAMS),
  'ioctl',
  ...ACCESSES,
  ...OBSERVATIONS,
  'wait',
];

/** Kernel versions with a behaviour profile range (mms.md section 2). */
const OLDEST = [5, 7] as const;
const NEWEST = [6, 18] as const;
const LAST_MINOR_OF_5 = 19;

/** Names that start with an upper-case letter are constants (mms.md section 1). */
export function isConstantName(name: string): boolean {
  const c = name.charCodeAt(0);
  return c >= 0x41 && c <= 0x5a;
}

/** A partially evaluated argument: at most one name, with coefficient exactly 1. */
interface Linear {
  readonly name: NameNode | null;
  readonly slot: number;
  readonly k: bigint;
}

export interface LowerResult {
  readonly program: Program;
  readonly errors: readonly ScriptError[];
}

export function lower(script: ScriptNode, source: Source): LowerResult {
  const l = new Lowerer(source);
  for (const s of script.statements) l.statement(s);
  return l.finish();
}

function errorAt(
  node: { readonly loc: { readonly line: number; readonly column: number } },
  message: string,
): ScriptError {
  return new ScriptError(message, node.loc.line, node.loc.column);
}

/**
 * An error whose message depends on statements after its own (a name bound, or a thread's
 * first access, further down): the message is settled by finish().
 */
interface Pending {
  readonly error: ScriptError;
  /** The name bound later, or the thread that accesses later. */
  readonly name: string;
  readonly kind: 'bind' | 'access';
  /** The message if nothing later binds the name / runs an access on the thread. */
  readonly otherwise: string;
}

/**
 * Lowers statements one at a time, as the parser produces them (`statement`), so that each
 * line's syntax tree is garbage as soon as it is lowered; `finish` returns the program.
 */
export class Lowerer {
  private readonly errors: ScriptError[] = [];
  private readonly pending: Pending[] = [];
  private index = 0;
  /** Shared Args (see argOf). */
  private readonly constArgs = new Map<bigint, Arg>();
  private readonly slotArgs: Arg[] = [];
  private readonly slots: Slot[] = [{ name: 'top', kind: 'top' }];
  /** name -> slot index, for names bound by a statement already lowered. */
  private readonly slotOf = new Map<string, number>();
  /**
   * name -> line of its first binding statement, for names bound anywhere (for error hints):
   * known up to the statement being lowered; later ones are settled by finish().
   */
  private readonly bindLine = new Map<string, number>();
  private readonly threads: string[] = ['main'];
  /** Threads that ran an access in an earlier statement (`wait` needs one). */
  private readonly threadsUsed = new Set<string>();
  /** thread -> line of its first access anywhere in the script (for error hints; as bindLine). */
  private readonly firstAccessLine = new Map<string, number>();
  private profile: string | null = null;
  private readonly ops: Op[] = [];

  constructor(private readonly source: Source) {
    this.slotOf.set('top', TOP_SLOT);
  }

  /** The next statement of the script (in order). */
  statement(s: StatementNode): void {
    const index = this.index++;
    if (s.kind === 'Kernel') {
      this.attempt(() => this.kernel(s, index));
      return;
    }
    // What the error hints know about this statement itself.
    if (s.binding !== null && !this.bindLine.has(s.binding.value)) {
      this.bindLine.set(s.binding.value, s.binding.loc.line);
    }
    const callee = s.callee.value;
    if (callee === 'load' || callee === 'store') {
      const t = s.thread?.value ?? 'main';
      if (!this.firstAccessLine.has(t)) this.firstAccessLine.set(t, s.loc.line);
    }
    const errorsBefore = this.errors.length;
    const op = this.invocation(s);
    if (op !== null && this.errors.length === errorsBefore) this.ops.push(op);
  }

  /** The whole script has been seen: settle the pending messages and return the program. */
  finish(): LowerResult {
    for (const p of this.pending) {
      if (p.kind === 'bind') {
        const later = this.bindLine.get(p.name);
        p.error.message =
          later !== undefined
            ? `${p.name} is used before the statement that binds it (line ${later})`
            : p.otherwise;
      } else {
        const first = this.firstAccessLine.get(p.name);
        p.error.message =
          first !== undefined
            ? `thread ${p.name} has not run an access before this wait (its first access is on line ${first})`
            : p.otherwise;
      }
    }
    return {
      program: { profile: this.profile, slots: this.slots, threads: this.threads, ops: this.ops },
      errors: this.errors,
    };
  }

  /** Run `f`, recording a ScriptError instead of propagating it. */
  private attempt<T>(f: () => T): T | null {
    try {
      return f();
    } catch (e) {
      if (!(e instanceof ScriptError)) throw e;
      this.errors.push(e);
      return null;
    }
  }

  /** `kernel X.Y`: first statement only, versions 5.7 .. 6.18. */
  private kernel(s: KernelNode, index: number): void {
    if (index !== 0) throw errorAt(s, 'kernel X.Y must be the first statement of the script');
    const [majorText = '', minorText = ''] = s.version.split('.');
    const major = Number(majorText);
    const minor = Number(minorText);
    const key = major * 1000 + minor;
    const supported =
      key >= OLDEST[0] * 1000 + OLDEST[1] &&
      key <= NEWEST[0] * 1000 + NEWEST[1] &&
      !(major === 5 && minor > LAST_MINOR_OF_5) &&
      major >= 5;
    if (!supported) {
      throw new ScriptError(
        `unsupported kernel version ${s.version}: profiles cover ${OLDEST.join('.')} to ${NEWEST.join('.')}`,
        s.versionLoc.line,
        s.versionLoc.column,
      );
    }
    this.profile = `${major}.${minor}`;
  }

  private text(s: InvocationNode): string {
    return this.source.body.slice(s.loc.start, s.loc.end);
  }

  private invocation(s: InvocationNode): Op | null {
    const callee = s.callee.value;
    const base = { line: s.loc.line, text: this.text(s) };
    const isAccess = (ACCESSES as readonly string[]).includes(callee);
    if (s.thread !== null && !isAccess) {
      this.errors.push(
        errorAt(s.callee, `${callee} cannot run on a thread: only store and load take @thread`),
      );
    }
    if (s.binding !== null && ALL_CALLEES.includes(callee) && !(callee in BINDS)) {
      this.errors.push(
        errorAt(
          s.binding,
          `the result of ${callee} cannot be bound: only mmap, mremap (addresses) and memfd_create, userfaultfd (fds) bind a name`,
        ),
      );
    }
    switch (callee) {
      case 'store':
      case 'load':
        return this.access(s, callee, base);
      case 'wait':
        return this.wait(s, base);
      case 'maps':
      case 'pgtables':
        this.arity(s, 0);
        return { line: base.line, text: base.text, kind: callee };
      case 'pagemap':
        return this.pagemap(s, base);
      case 'ioctl':
        return this.call(s, 'ioctl', base);
      default:
        if (callee in CALL_PARAMS) return this.call(s, callee as CallName, base);
        this.errors.push(
          errorAt(s.callee, `unknown call ${callee}${didYouMean(callee, ALL_CALLEES)}`),
        );
        return null;
    }
  }

  /** Too many arguments: an error at the first one too many. */
  private arity(s: InvocationNode, max: number, params?: readonly string[]): void {
    const extra = s.args[max];
    if (extra === undefined) return;
    const list = params !== undefined && params.length > 0 ? ` (${params.join(', ')})` : '';
    const n = max === 0 ? 'no arguments' : max === 1 ? '1 argument' : `${max} arguments`;
    this.errors.push(
      errorAt(
        extra,
        `${s.callee.value} takes ${max === 0 ? n : `at most ${n}`}${list}, got ${s.args.length}`,
      ),
    );
  }

  /**
   * An argument that must be an expression; omitted arguments are 0. It is described in errors
   * as `what`, or `what's param` (built only for an error: this runs for every argument).
   */
  private arg(node: ArgumentNode | undefined, what: string, param?: string): Arg {
    if (node === undefined) return { slot: -1, k: 0n };
    if (node.kind === 'String') {
      this.errors.push(
        errorAt(
          node,
          `${describe(what, param)} must be a number, not a string (only memfd_create takes a string)`,
        ),
      );
      return { slot: -1, k: 0n };
    }
    if (node.kind === 'Tag') {
      this.errors.push(
        errorAt(
          node,
          `${describe(what, param)} must be a number, not a tag (only store takes a tag)`,
        ),
      );
      return { slot: -1, k: 0n };
    }
    // attempt(), inlined: no closure per argument.
    try {
      const v = this.expr(node);
      return this.argOf(v.slot, v.k);
    } catch (e) {
      if (!(e instanceof ScriptError)) throw e;
      this.errors.push(e);
      return { slot: -1, k: 0n };
    }
  }

  /**
   * The Arg for slot + k. Args are read-only, so the common ones (a constant, or a name with
   * nothing added) are shared by all the ops that use them: a long script keeps fewer objects.
   */
  private argOf(slot: number, k: bigint): Arg {
    if (slot === -1) {
      let a = this.constArgs.get(k);
      if (a === undefined) {
        a = { slot, k };
        this.constArgs.set(k, a);
      }
      return a;
    }
    if (k !== 0n) return { slot, k };
    let a = this.slotArgs[slot];
    if (a === undefined) {
      a = { slot, k };
      this.slotArgs[slot] = a;
    }
    return a;
  }

  private call(s: InvocationNode, call: CallName, base: { line: number; text: string }): Op {
    let args: Arg[];
    let str: string | null = null;
    if (call === 'ioctl') {
      args = this.ioctlArgs(s);
    } else if (call === 'memfd_create') {
      const name = s.args[0];
      if (name === undefined || name.kind !== 'String') {
        this.errors.push(
          errorAt(
            name ?? s.callee,
            'memfd_create needs a name string first, e.g. memfd_create("heap", 0)',
          ),
        );
      } else {
        str = name.value;
      }
      this.arity(s, 2, CALL_PARAMS.memfd_create);
      args = [this.arg(s.args[1], 'flags')];
    } else {
      const params = CALL_PARAMS[call];
      this.arity(s, params.length, params);
      args = new Array<Arg>(params.length);
      for (let i = 0; i < params.length; i++) args[i] = this.arg(s.args[i], call, params[i]);
    }
    // The binding comes after the arguments: `x = mmap(x, ...)` reads the earlier x.
    const binding = s.binding;
    const bind = binding === null ? -1 : (this.attempt(() => this.bind(binding, call)) ?? -1);
    return { line: base.line, text: base.text, kind: 'call', call, args, str, bind };
  }

  private ioctlArgs(s: InvocationNode): Arg[] {
    const uffd = this.arg(s.args[0], 'the uffd');
    const reqNode = s.args[1];
    if (reqNode === undefined) {
      this.errors.push(
        errorAt(s.callee, 'ioctl needs a uffd and a request, e.g. ioctl(uffd, UFFDIO_API, 0)'),
      );
      return [uffd];
    }
    const request = this.attempt(() => {
      if (reqNode.kind !== 'String' && reqNode.kind !== 'Tag') {
        const v = this.expr(reqNode);
        if (v.name === null) {
          const r = ioctlRequest(v.k);
          if (r !== null) return { r, k: v.k };
        }
      }
      const names = IOCTL_REQUESTS.map((r) => r.name);
      throw errorAt(reqNode, `the ioctl request must be one of ${names.join(', ')}`);
    });
    if (request === null) return [uffd, { slot: -1, k: 0n }];
    const { r, k } = request;
    const nFields = s.args.length - 2;
    const extra = s.args[2 + r.fields.length];
    if (extra !== undefined) {
      this.errors.push(
        errorAt(
          extra,
          `${r.name} takes ${r.fields.length} argument${r.fields.length === 1 ? '' : 's'} after the request (${r.fields.join(', ')}), got ${nFields}`,
        ),
      );
    }
    const args = new Array<Arg>(2 + r.fields.length);
    args[0] = uffd;
    args[1] = { slot: -1, k };
    for (let i = 0; i < r.fields.length; i++) {
      args[2 + i] = this.arg(s.args[2 + i], r.name, r.fields[i]);
    }
    return args;
  }

  private bind(name: NameNode, call: CallName): number {
    const kind = BINDS[call];
    if (kind === undefined) return -1; // already reported
    const n = name.value;
    if (n === 'top') throw errorAt(name, 'top is always bound and cannot be rebound');
    if (isConstantName(n)) {
      throw errorAt(
        name,
        `cannot bind ${n}: names that start with an upper-case letter are constants`,
      );
    }
    const existing = this.slotOf.get(n);
    if (existing !== undefined) {
      const slot = this.slots[existing]!;
      if (slot.kind !== kind) {
        throw errorAt(
          name,
          `${n} holds ${describeKind(slot.kind)}; it cannot be rebound to ${describeKind(kind)}`,
        );
      }
      return existing;
    }
    this.slots.push({ name: n, kind });
    this.slotOf.set(n, this.slots.length - 1);
    return this.slots.length - 1;
  }

  private access(
    s: InvocationNode,
    access: 'store' | 'load',
    base: { line: number; text: string },
  ): Op {
    const threadName = s.thread?.value ?? 'main';
    let thread = this.threads.indexOf(threadName);
    if (thread < 0) {
      this.threads.push(threadName);
      thread = this.threads.length - 1;
    }
    this.threadsUsed.add(threadName);
    const addr = this.arg(s.args[0], access, 'addr');
    const len = this.arg(s.args[1], access, 'len');
    let tag = 0;
    if (access === 'store') {
      const t = s.args[2];
      if (t === undefined || t.kind !== 'Tag') {
        this.errors.push(
          errorAt(
            t ?? s.callee,
            "store needs a tag as its third argument, e.g. store(heap, 4K, 'A')",
          ),
        );
      } else {
        tag = t.value;
      }
      this.arity(s, 3, ['addr', 'len', 'tag']);
    } else {
      this.arity(s, 2, ['addr', 'len']);
    }
    return { line: base.line, text: base.text, kind: 'access', access, thread, addr, len, tag };
  }

  private wait(s: InvocationNode, base: { line: number; text: string }): Op | null {
    const t = s.args[0];
    if (t === undefined || t.kind !== 'Name') {
      this.errors.push(errorAt(t ?? s.callee, 'wait takes one thread name, e.g. wait(t1)'));
      return null;
    }
    this.arity(s, 1, ['thread']);
    if (!this.threadsUsed.has(t.value)) {
      const first = this.firstAccessLine.get(t.value);
      const unknown = `unknown thread ${t.value}: a thread is created by its first access, e.g. @${t.value} load(addr, 4K)${didYouMean(t.value, this.threadsUsed)}`;
      const err = errorAt(
        t,
        first !== undefined
          ? `thread ${t.value} has not run an access before this wait (its first access is on line ${first})`
          : unknown,
      );
      // A first access further down is only known once the script has been seen.
      if (first === undefined) {
        this.pending.push({ error: err, name: t.value, kind: 'access', otherwise: unknown });
      }
      this.errors.push(err);
      return null;
    }
    return { ...base, kind: 'wait', thread: this.threads.indexOf(t.value) };
  }

  private pagemap(s: InvocationNode, base: { line: number; text: string }): Op {
    if (s.args.length === 0 || s.args.length % 2 !== 0) {
      const at = s.args.length === 0 ? s.callee : s.args[s.args.length - 1]!;
      this.errors.push(
        errorAt(
          at,
          `pagemap takes (addr, len) pairs, e.g. pagemap(heap, 16K), got ${s.args.length} argument${s.args.length === 1 ? '' : 's'}`,
        ),
      );
    }
    const ranges: { addr: Arg; len: Arg }[] = [];
    for (let i = 0; i + 1 < s.args.length; i += 2) {
      ranges.push({
        addr: this.arg(s.args[i], 'pagemap addr'),
        len: this.arg(s.args[i + 1], 'pagemap len'),
      });
    }
    return { ...base, kind: 'pagemap', ranges };
  }

  /** Fold an expression into `name + k`, rejecting any other use of a name. */
  private expr(e: ExprNode): Linear {
    switch (e.kind) {
      case 'Int':
        return { name: null, slot: -1, k: e.value };
      case 'Name':
        return this.name(e);
      case 'Paren':
        return this.expr(e.expr);
      case 'Unary': {
        const v = this.expr(e.operand);
        if (v.name !== null) throw notAdditive(v.name, 'negated');
        return { name: null, slot: -1, k: wrap(-v.k) };
      }
      case 'Binary': {
        const l = this.expr(e.left);
        const r = this.expr(e.right);
        switch (e.op) {
          case '+':
            if (l.name !== null && r.name !== null) {
              throw errorAt(
                r.name,
                `an argument may use only one name (${l.name.value} and ${r.name.value}): it must be name + constant`,
              );
            }
            return l.name !== null
              ? { name: l.name, slot: l.slot, k: sum(l.k, r.k) }
              : { name: r.name, slot: r.slot, k: sum(l.k, r.k) };
          case '-':
            if (r.name !== null) throw notAdditive(r.name, 'subtracted');
            return { name: l.name, slot: l.slot, k: wrap(l.k - r.k) };
          case '*':
            if (l.name !== null) throw notAdditive(l.name, 'multiplied');
            if (r.name !== null) throw notAdditive(r.name, 'multiplied');
            return { name: null, slot: -1, k: wrap(l.k * r.k) };
          case '|':
            if (l.name !== null) throw notAdditive(l.name, 'or-ed');
            if (r.name !== null) throw notAdditive(r.name, 'or-ed');
            return { name: null, slot: -1, k: l.k | r.k };
        }
      }
    }
  }

  private name(e: NameNode): Linear {
    const n = e.value;
    if (isConstantName(n)) {
      const v = UAPI_CONSTANTS.get(n);
      if (v === undefined) {
        throw errorAt(e, `unknown constant ${n}${didYouMean(n, UAPI_CONSTANTS.keys())}`);
      }
      return { name: null, slot: -1, k: wrap(v) };
    }
    const slot = this.slotOf.get(n);
    if (slot !== undefined) return { name: e, slot, k: 0n };
    const later = this.bindLine.get(n);
    if (later !== undefined) {
      throw errorAt(
        e,
        later === e.loc.line
          ? `${n} is used in the statement that binds it: it is not bound yet`
          : `${n} is used before the statement that binds it (line ${later})`,
      );
    }
    const otherwise = this.threads.includes(n)
      ? `${n} is a thread, not a value`
      : `unknown name ${n}: no earlier statement binds it${didYouMean(n, this.slotOf.keys())}`;
    // A binding further down is only known once the script has been seen (finish()).
    const err = errorAt(e, otherwise);
    this.pending.push({ error: err, name: n, kind: 'bind', otherwise });
    throw err;
  }
}

/** a + b mod 2^64, without allocating when one side is 0 (`name + offset`). */
function sum(a: bigint, b: bigint): bigint {
  if (a === 0n) return wrap(b);
  if (b === 0n) return wrap(a);
  return wrap(a + b);
}

/** An argument as error messages name it: `what`, or `what's param` (e.g. "mmap's length"). */
function describe(what: string, param: string | undefined): string {
  return param === undefined ? what : `${what}'s ${param}`;
}

function describeKind(kind: SlotKind): string {
  return kind === 'fd' ? 'an fd' : 'an address';
}

function notAdditive(name: NameNode, verb: string): ScriptError {
  return errorAt(
    name,
    `${name.value} cannot be ${verb}: a name may only be added to or subtracted from (${name.value} + 4K, ${name.value} - 4K)`,
  );
}
