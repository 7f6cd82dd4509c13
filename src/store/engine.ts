/**
 * What the store needs from the language and the simulator, as one injectable object: the
 * default wires in `script/compile`, `script/interpret` and `script/format`; unit tests may pass
 * another to count calls or provoke failures.
 */
import type { Fact, RunHeader } from '../script/facts';
import type { Program } from '../script/program';
import { compile } from '../script/compile';
import { formatTranscript } from '../script/format';
import { Simulation } from '../script/interpret';
import type { ScriptErrorInfo } from './scriptError';

export type CompileOutcome =
  | { readonly ok: true; readonly program: Program }
  | { readonly ok: false; readonly errors: readonly ScriptErrorInfo[] };

export interface Engine {
  compile(text: string, name?: string): CompileOutcome;
  simulate(program: Program): Simulation;
  format(program: Program, header: RunHeader, facts: readonly Fact[]): string;
}

export const defaultEngine: Engine = {
  compile(text, name) {
    const r = name === undefined ? compile(text) : compile(text, name);
    if (r.ok) return { ok: true, program: r.program };
    // Plain data: the store keeps errors, not Error objects with stacks.
    return {
      ok: false,
      errors: r.errors.map((e) => ({ message: e.message, line: e.line, column: e.column })),
    };
  },
  simulate: (program) => new Simulation(program),
  format: (program, header, facts) => formatTranscript(program, header, [...facts]),
};
