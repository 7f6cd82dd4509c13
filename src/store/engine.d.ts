/**
 * What the store needs from the language and the simulator, as one injectable object: the
 * default wires in `script/compile`, `script/interpret` and `script/format`; unit tests may pass
 * another to count calls or provoke failures.
 */
import type { Fact, RunHeader } from '../script/facts';
import type { Program } from '../script/program';
import { Simulation } from '../script/interpret';
import type { ScriptErrorInfo } from './scriptError';
export type CompileOutcome = {
    readonly ok: true;
    readonly program: Program;
} | {
    readonly ok: false;
    readonly errors: readonly ScriptErrorInfo[];
};
export interface Engine {
    compile(text: string, name?: string): CompileOutcome;
    simulate(program: Program): Simulation;
    format(program: Program, header: RunHeader, facts: readonly Fact[]): string;
}
export declare const defaultEngine: Engine;
