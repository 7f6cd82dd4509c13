/**
 * Compile + run + format in one call, for everything that compares transcripts: the CLI, the
 * conformance suite and the benchmarks. Both executors go through the one formatter.
 */
import { runOracle } from '../oracle/run';
import { compile } from '../script/compile';
import { formatError, ScriptError } from '../script/errors';
import { formatTranscript } from '../script/format';
import { simulate } from '../script/interpret';
import type { Program } from '../script/program';

// The executors, for main.ts: it loads them (through this module) only for the commands that
// run a script, so `check` works without them.
export { runOracle, simulate };

/**
 * A script that does not compile. The message lists every error as `file:line:col: message`;
 * `line` and `column` are those of the first.
 */
export class ScriptErrors extends ScriptError {
  override readonly name = 'ScriptErrors';
  readonly fileName: string;
  readonly errors: readonly ScriptError[];

  constructor(fileName: string, errors: readonly ScriptError[]) {
    const first = errors[0] ?? new ScriptError('script error', 1, 1);
    super(errors.map((e) => formatError(fileName, e)).join('\n'), first.line, first.column);
    this.fileName = fileName;
    this.errors = errors;
  }
}

/** The lowered program, or a thrown ScriptErrors. */
export function compileScript(text: string, name: string): Program {
  const r = compile(text, name);
  if (!r.ok) throw new ScriptErrors(name, r.errors);
  return r.program;
}

/** The simulator's transcript of a script. */
export function simulatorTranscript(text: string, name: string): string {
  const program = compileScript(text, name);
  const { header, steps } = simulate(program);
  return formatTranscript(
    program,
    header,
    steps.map((s) => s.fact),
  );
}

/** The real kernel's transcript of a script, or why the oracle could not run it. */
export async function oracleTranscript(
  text: string,
  name: string,
): Promise<{ ok: true; transcript: string } | { ok: false; skip: boolean; reason: string }> {
  const program = compileScript(text, name);
  const r = await runOracle(program);
  if (!r.ok) return { ok: false, skip: r.skip, reason: r.reason };
  return { ok: true, transcript: formatTranscript(program, r.header, r.facts) };
}
