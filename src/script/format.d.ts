import type { Fact, RunHeader } from './facts';
import { type Op, type Program } from './program';
/** Printing a size or count (mms.md section 4): `0`, `4K`, `2M`, or plain decimal. */
export declare function formatSize(n: bigint | number): string;
/** A size change with its sign (`pgtables()`): `+8K`, `-4K`, `0`. */
export declare function formatSignedSize(n: bigint | number): string;
/** Run-length encoded tags: `A*3 .*2 B`. */
export declare function formatTags(tags: readonly number[]): string;
/**
 * The nearest-name rule (mms.md section 4), over `top` and the address names currently bound.
 * `seq` orders bindings so that, among names at the same distance on the same side, the most
 * recently bound wins.
 */
export declare class AddressNamer {
  private readonly names;
  private seq;
  bind(name: string, value: bigint): void;
  unbind(name: string): void;
  format(a: bigint): string;
}
/**
 * Formats one op at a time, learning slot values from the facts as a run proceeds (a successful
 * binding call binds its `ret`). The CLI's `--effects` and the explorer's console interleave
 * other output between statements, hence this incremental form.
 */
export declare class TranscriptFormatter {
  private readonly program;
  private readonly header;
  private readonly namer;
  /** Current value of every bound slot (addresses and fds), for evaluating arguments. */
  private readonly values;
  constructor(program: Program, header: RunHeader);
  /** The transcript lines of one statement, without newlines. */
  format(op: Op, fact: Fact): string[];
  address(a: bigint): string;
  private value;
  private learn;
  private callResult;
  private readResult;
  private event;
  private outcome;
  private maps;
  /** Runs of pages (mms.md section 5); labels are per call, runs never span two pairs. */
  private pagemap;
  private runLine;
}
/**
 * The whole transcript: one fact per op, in order. A run that stopped at an error fact has
 * fewer facts than ops; the transcript then ends with that error.
 */
export declare function formatTranscript(
  program: Program,
  header: RunHeader,
  facts: readonly Fact[],
): string;
