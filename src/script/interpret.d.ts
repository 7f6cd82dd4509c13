/**
 * The simulator's executor: runs a lowered `Program` on the core (`src/core`) op by op and
 * reports, for each op, the raw `Fact` the transcript prints and the effect records the views
 * animate. `Simulation` is the explorer's handle (step, clone for checkpoints); `simulate` runs
 * a whole program.
 */
import type { Effect } from '../core/effects';
import { Mm } from '../core/mm';
import type { Fact, RunHeader } from './facts';
import { type Op, type Program } from './program';
export interface SimStep {
  readonly op: Op;
  readonly fact: Fact;
  readonly effects: readonly Effect[];
}
export declare class Simulation {
  readonly program: Program;
  readonly header: RunHeader;
  readonly mm: Mm;
  /** Slot values; undefined = unbound. */
  private slots;
  private pc;
  private stopped;
  constructor(program: Program, src?: Simulation);
  /** Deep copy: the explorer's timeline checkpoints. */
  clone(): Simulation;
  /** Index of the next op to run. */
  get position(): number;
  get done(): boolean;
  /** Run the next op; null when the program is over (or stopped at a script error). */
  step(): SimStep | null;
  private arg;
  private exec;
  private call;
}
/** Run a whole program. */
export declare function simulate(program: Program): {
  header: RunHeader;
  steps: SimStep[];
};
