/**
 * Compile + run + format in one call, for everything that compares transcripts: the CLI, the
 * conformance suite and the benchmarks. Both executors go through the one formatter.
 */
import { runOracle } from '../oracle/run';
import { ScriptError } from '../script/errors';
import { simulate } from '../script/interpret';
import type { Program } from '../script/program';
export { runOracle, simulate };
/**
 * A script that does not compile. The message lists every error as `file:line:col: message`;
 * `line` and `column` are those of the first.
 */
export declare class ScriptErrors extends ScriptError {
  readonly name = 'ScriptErrors';
  readonly fileName: string;
  readonly errors: readonly ScriptError[];
  constructor(fileName: string, errors: readonly ScriptError[]);
}
/** The lowered program, or a thrown ScriptErrors. */
export declare function compileScript(text: string, name: string): Program;
/** The simulator's transcript of a script. */
export declare function simulatorTranscript(text: string, name: string): string;
/** The real kernel's transcript of a script, or why the oracle could not run it. */
export declare function oracleTranscript(
  text: string,
  name: string,
): Promise<
  | {
      ok: true;
      transcript: string;
    }
  | {
      ok: false;
      skip: boolean;
      reason: string;
    }
>;
