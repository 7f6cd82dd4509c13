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
import type { Program } from '../script/program';
/** The program as the oracle's stdin. */
export declare function serializeProgram(program: Program): string;
