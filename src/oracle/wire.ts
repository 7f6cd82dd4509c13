/**
 * The wire format `oracle/mmsexec.c` reads on stdin: a lowered Program as plain lines that C
 * parses with a tokenizer and no escaping rules. Numbers are hex without `0x` (constants are
 * taken modulo 2^64), slots and thread indexes decimal, strings as `x` + hex bytes (UTF-8) or
 * `-` for none.
 *
 * ```
 * mms 1
 * slots <n>
 * threads <n>
 * ops <n>
 * C <line> <call> <bind> <nargs> (<slot> <k>)* <str>
 * A <line> L|S <thread> <slot> <k> <slot> <k> <tag>
 * W <line> <thread>
 * M <line>
 * P <line> <nranges> (<slot> <k> <slot> <k>)*
 * T <line>
 * end
 * ```
 */
import type { Arg, Op, Program } from '../script/program';

function hex(v: bigint): string {
  return BigInt.asUintN(64, v).toString(16);
}

function arg(a: Arg): string {
  return `${a.slot} ${hex(a.k)}`;
}

function str(s: string | null): string {
  if (s === null) return '-';
  return 'x' + Buffer.from(s, 'utf8').toString('hex');
}

function opLine(op: Op): string {
  switch (op.kind) {
    case 'call':
      return [
        'C',
        op.line,
        op.call,
        op.bind,
        op.args.length,
        ...op.args.map(arg),
        str(op.str),
      ].join(' ');
    case 'access':
      return [
        'A',
        op.line,
        op.access === 'store' ? 'S' : 'L',
        op.thread,
        arg(op.addr),
        arg(op.len),
        op.tag.toString(16),
      ].join(' ');
    case 'wait':
      return `W ${op.line} ${op.thread}`;
    case 'maps':
      return `M ${op.line}`;
    case 'pgtables':
      return `T ${op.line}`;
    case 'pagemap':
      return [
        'P',
        op.line,
        op.ranges.length,
        ...op.ranges.map((r) => `${arg(r.addr)} ${arg(r.len)}`),
      ].join(' ');
  }
}

/** The program as the oracle's stdin. */
export function serializeProgram(program: Program): string {
  const lines = [
    'mms 1',
    `slots ${program.slots.length}`,
    `threads ${Math.max(1, program.threads.length)}`,
    `ops ${program.ops.length}`,
    ...program.ops.map(opLine),
    'end',
  ];
  return lines.join('\n') + '\n';
}
