/**
 * The explorer store's shape: the contract between the shell (store, timeline, editor,
 * console, URL state) and the panes (D3 views). State lives in a zustand vanilla store
 * (`createStore`); React components read it with `useStore(store, selector)` through the named
 * selectors in `selectors.ts`, never by reaching into the object.
 */
import type { Effect } from '../core/effects';
import type { Fact, RunHeader } from '../script/facts';
import type { Op, Program } from '../script/program';
import type { Simulation } from '../script/interpret';
import type { ScriptErrorInfo } from './scriptError';
/** One executed statement of the timeline. */
export interface StepRecord {
    readonly op: Op;
    readonly fact: Fact;
    readonly effects: readonly Effect[];
    /** This statement's transcript lines (the `N: text -> result` line and its detail lines). */
    readonly lines: readonly string[];
}
/** What the user selected or hovers; views highlight it everywhere it appears. */
export type Selection = {
    readonly kind: 'vma';
    readonly id: number;
} | {
    readonly kind: 'page';
    readonly addr: number;
} | {
    readonly kind: 'frame';
    readonly pfn: number;
} | {
    readonly kind: 'table';
    readonly level: 'pgd' | 'pud' | 'pmd' | 'pte';
    readonly base: number;
} | {
    readonly kind: 'uffd';
    readonly fd: number;
} | {
    readonly kind: 'thread';
    readonly name: string;
};
export type Theme = 'light' | 'dark';
/** Which way the last cursor change went: views animate `forward` effects; others snap. */
export type Transition = 'forward' | 'back' | 'jump' | 'reset';
export interface ExplorerState {
    /** The script text in the editor and its display name. */
    readonly source: string;
    readonly name: string;
    /** Parse/lower errors of `source` ({message, line, column}); empty when it compiles. */
    readonly errors: readonly ScriptErrorInfo[];
    readonly program: Program | null;
    readonly header: RunHeader | null;
    /** Every statement of the last Run (or console statements appended to it). */
    readonly steps: readonly StepRecord[];
    /** Number of steps applied: 0 is the initial state, steps.length the end. */
    readonly cursor: number;
    /** Bumped on every state change of the simulation shown, so views know to redraw. */
    readonly revision: number;
    readonly transition: Transition;
    readonly playing: boolean;
    /** Playback and animation speed multiplier (1 = about 300-800 ms a step). */
    readonly speed: number;
    /**
     * Base animation duration in ms at speed 1. Injectable: tests set 0 so that views snap to
     * their end state (tldraw's animationSpeed: 0).
     */
    readonly animationMs: number;
    readonly selection: Selection | null;
    readonly hover: Selection | null;
    readonly theme: Theme;
    /** The scenario shown (issue 5), with per-step narration; null for a free script. */
    readonly scenarioId: string | null;
    /**
     * The simulation at `cursor`. A new object whenever `revision` changes (the store never
     * steps a simulation it has handed out), so a view may keep the previous one as the
     * "before" picture of an animation. Read it only through `core/inspect.ts`.
     */
    readonly sim: Simulation | null;
    /** The text that produced `steps` (the editor's `source` may have been edited since). */
    readonly runSource: string;
    /** Why the last run stopped early (an exception in the simulator), else null. */
    readonly runError: string | null;
    /** The console's last error (a statement that does not compile), else null. */
    readonly consoleError: ScriptErrorInfo | null;
    /**
     * Per-statement narration of the scenario: statement line -> its source text and sentence.
     * A sentence is shown only while the step's statement still has that text at that line, so
     * an edited or extended walkthrough never shows a sentence next to the wrong statement.
     */
    readonly narration: ReadonlyMap<number, NarrationEntry> | null;
}
export interface NarrationEntry {
    /** The statement's text, trimmed, comment removed (Op.text). */
    readonly text: string;
    readonly sentence: string;
}
