/**
 * The explorer store (zustand vanilla): the script, its run (a timeline of steps), the cursor
 * into it, playback, selection and theme. React reads it through `selectors.ts`.
 *
 * Time travel is exact and fast: a run keeps `Simulation.clone()` checkpoints, placed so that
 * replaying from one to any later step costs a bounded amount of simulator time (see
 * `CHECKPOINT_BUDGET_MS`), and a jump clones the nearest checkpoint at or before its target and
 * replays forward. The simulator is deterministic, so this equals a replay from the start.
 */
import { type StoreApi } from 'zustand/vanilla';
import type { Op } from '../script/program';
import { type Engine } from './engine';
import type { ExplorerState, NarrationEntry, Selection, Theme } from './types';
/**
 * A built-in walkthrough: its script and a sentence for some of its statements, by source line
 * (line 0: the sentence for the initial state, before any step).
 */
export interface Walkthrough {
    readonly id: string;
    readonly name: string;
    readonly source: string;
    readonly narration: Readonly<Record<number, string>>;
}
export interface ExplorerActions {
    /** Replace the editor text; compiles it to refresh `errors` but does not run it. */
    setSource(text: string, name?: string): void;
    /**
     * Compile and simulate `source` into `steps`. The cursor goes to `opts.cursor` (clamped) or to
     * the end. Returns false when the script does not compile (`errors` says why; the previous
     * run is cleared so that nothing shown contradicts the editor).
     */
    run(opts?: {
        readonly cursor?: number;
    }): boolean;
    stepForward(): void;
    stepBack(): void;
    jumpTo(n: number): void;
    /** Advance one step per `animationMs / speed` until the end (from the start if at the end). */
    play(): void;
    pause(): void;
    /** Back to the initial state (cursor 0). */
    reset(): void;
    setSpeed(speed: number): void;
    setAnimationMs(ms: number): void;
    select(s: Selection | null): void;
    hover(s: Selection | null): void;
    setTheme(t: Theme): void;
    /**
     * Execute one statement on the current state: drop the steps after the cursor (and their
     * lines from the script), append the statement to the script, run it and show its result.
     * Returns false, with `consoleError` set, when the statement does not compile.
     */
    runConsole(statement: string): boolean;
    /** Show a built-in walkthrough and its narration, at step `cursor` (default 0). */
    loadWalkthrough(w: Walkthrough, cursor?: number): boolean;
    /** Stop timers (tests, hot reload). */
    dispose(): void;
}
/**
 * Actions sit under `actions` (the zustand "actions object" pattern): they never change, and
 * `hover` the action does not collide with `hover` the state.
 */
export type ExplorerStoreState = ExplorerState & {
    readonly actions: ExplorerActions;
};
export type ExplorerStore = StoreApi<ExplorerStoreState>;
export interface ExplorerStoreOptions {
    /** Base animation duration at speed 1 (default 600 ms; tests pass 0). */
    readonly animationMs?: number;
    /** Initial script; run at once unless `autoRun` is false. */
    readonly source?: string;
    readonly name?: string;
    /** Initial cursor after the first run (default 0: a walkthrough starts at the beginning). */
    readonly step?: number;
    readonly autoRun?: boolean;
    readonly walkthrough?: Walkthrough;
    readonly speed?: number;
    readonly theme?: Theme;
    readonly engine?: Engine;
    /** Simulator time between checkpoints (default CHECKPOINT_BUDGET_MS). */
    readonly checkpointBudgetMs?: number;
    /** At most this many steps between checkpoints (default CHECKPOINT_MAX_STEPS). */
    readonly checkpointMaxSteps?: number;
    /** Injectable clock and timers, so tests control time. */
    readonly now?: () => number;
    readonly setTimer?: (fn: () => void, ms: number) => unknown;
    readonly clearTimer?: (handle: unknown) => void;
}
/**
 * A jump clones a checkpoint and replays at most this much simulator time (measured while
 * running), which keeps any jump well under 100 ms, whatever the statements cost: cheap
 * statements share a checkpoint, a statement that populates a GiB gets its own.
 */
export declare const CHECKPOINT_BUDGET_MS = 8;
/** ... and at most this many statements, so that cheap scripts don't replay thousands. */
export declare const CHECKPOINT_MAX_STEPS = 128;
export declare const DEFAULT_ANIMATION_MS = 600;
/** Playback never goes faster than this per step, even with animations off. */
export declare const MIN_PLAY_INTERVAL_MS = 16;
export declare const SPEEDS: readonly number[];
/**
 * Split a whole transcript into each statement's lines: a statement's line starts with
 * `<line>: ` and its detail lines follow it (they start with two spaces, so they can never be
 * mistaken for the next statement's line).
 */
export declare function splitTranscript(text: string, ops: readonly Op[]): string[][];
/**
 * The script that `runConsole` runs: `runSource` up to and including the line of the
 * cursor's statement (comments and the `kernel` line before the first statement are kept),
 * then `statement` on a line of its own.
 */
export declare function consoleSource(runSource: string, ops: readonly Op[], cursor: number, statement: string): string;
export declare function createExplorerStore(opts?: ExplorerStoreOptions): ExplorerStore;
/** The narration sentence for a step, if its statement is still the walkthrough's. */
export declare function narrationFor(narration: ReadonlyMap<number, NarrationEntry> | null, op: Op | undefined, firstOp?: Op): string | null;
