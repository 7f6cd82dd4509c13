/**
 * The explorer store (zustand vanilla): the script, its run (a timeline of steps), the cursor
 * into it, playback, selection and theme. React reads it through `selectors.ts`.
 *
 * Time travel is exact and fast: a run keeps `Simulation.clone()` checkpoints, placed so that
 * replaying from one to any later step costs a bounded amount of simulator time (see
 * `CHECKPOINT_BUDGET_MS`), and a jump clones the nearest checkpoint at or before its target and
 * replays forward. The simulator is deterministic, so this equals a replay from the start.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Fact, RunHeader } from '../script/facts';
import type { Op, Program } from '../script/program';
import type { Simulation } from '../script/interpret';
import { defaultEngine, type CompileOutcome, type Engine } from './engine';
import type { ScriptErrorInfo } from './scriptError';
import type {
  ExplorerState,
  NarrationEntry,
  Selection,
  StepRecord,
  Theme,
  Transition,
} from './types';

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
  run(opts?: { readonly cursor?: number }): boolean;
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
export type ExplorerStoreState = ExplorerState & { readonly actions: ExplorerActions };
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
export const CHECKPOINT_BUDGET_MS = 8;
/** ... and at most this many statements, so that cheap scripts don't replay thousands. */
export const CHECKPOINT_MAX_STEPS = 128;
export const DEFAULT_ANIMATION_MS = 600;
/** Playback never goes faster than this per step, even with animations off. */
export const MIN_PLAY_INTERVAL_MS = 16;
export const SPEEDS: readonly number[] = [0.25, 0.5, 1, 2, 4];

interface Checkpoint {
  /** Steps applied in `sim`. Never stepped after being stored: always cloned first. */
  readonly index: number;
  readonly sim: Simulation;
}

/** Everything of one run that is not UI state: kept outside zustand, it is large and mutable. */
interface RunData {
  readonly program: Program;
  readonly checkpoints: Checkpoint[];
}

const EMPTY_STEPS: readonly StepRecord[] = [];

/**
 * Split a whole transcript into each statement's lines: a statement's line starts with
 * `<line>: ` and its detail lines follow it (they start with two spaces, so they can never be
 * mistaken for the next statement's line).
 */
export function splitTranscript(text: string, ops: readonly Op[]): string[][] {
  const out: string[][] = ops.map(() => []);
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  let i = -1;
  for (const line of lines) {
    const next = ops[i + 1];
    if (next !== undefined && line.startsWith(`${next.line}: `)) {
      i++;
      out[i]!.push(line);
    } else if (i >= 0) {
      out[i]!.push(line);
    }
  }
  return out;
}

/**
 * The script that `runConsole` runs: `runSource` up to and including the line of the
 * cursor's statement (comments and the `kernel` line before the first statement are kept),
 * then `statement` on a line of its own.
 */
export function consoleSource(
  runSource: string,
  ops: readonly Op[],
  cursor: number,
  statement: string,
): string {
  const lines = runSource.split('\n');
  let keep: number;
  if (cursor > 0) {
    keep = ops[cursor - 1]?.line ?? lines.length;
  } else {
    const first = ops[0];
    keep = first === undefined ? lines.length : first.line - 1;
  }
  const kept = lines.slice(0, keep);
  // Blank lines before the new statement (and the text's final newline) are not kept.
  while (kept.length > 0 && kept[kept.length - 1]!.trim() === '') kept.pop();
  return [...kept, statement.trim()].join('\n') + '\n';
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function buildNarration(
  w: Walkthrough,
  program: Program,
): ReadonlyMap<number, NarrationEntry> | null {
  const m = new Map<number, NarrationEntry>();
  const intro = w.narration[0];
  // The initial state's sentence holds while the script still starts as the walkthrough does.
  if (intro !== undefined) m.set(0, { text: program.ops[0]?.text ?? '', sentence: intro });
  for (const op of program.ops) {
    const sentence = w.narration[op.line];
    if (sentence !== undefined) m.set(op.line, { text: op.text, sentence });
  }
  return m;
}

export function createExplorerStore(opts: ExplorerStoreOptions = {}): ExplorerStore {
  const engine = opts.engine ?? defaultEngine;
  const budget = opts.checkpointBudgetMs ?? CHECKPOINT_BUDGET_MS;
  const maxSteps = opts.checkpointMaxSteps ?? CHECKPOINT_MAX_STEPS;
  const now = opts.now ?? (() => performance.now());
  const setTimer = opts.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const clearTimer =
    opts.clearTimer ?? ((h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>));

  let data: RunData | null = null;
  /** The walkthrough last loaded, to tell its own text from an edit of it. */
  let walkthrough: Walkthrough | null = null;
  let timer: unknown = null;
  /** The last compile: Run after an edit compiles the text `setSource` just compiled. */
  let compiled: { text: string; name: string; result: CompileOutcome } | null = null;

  function compileCached(text: string, name: string): CompileOutcome {
    if (compiled === null || compiled.text !== text || compiled.name !== name) {
      compiled = { text, name, result: engine.compile(text, name) };
    }
    return compiled.result;
  }

  /** The simulation after `n` steps: a fresh object, never one that is stored or shown. */
  function simAt(n: number): Simulation | null {
    if (data === null) return null;
    const cps = data.checkpoints;
    // Binary search: the last checkpoint with index <= n.
    let lo = 0;
    let hi = cps.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (cps[mid]!.index <= n) lo = mid;
      else hi = mid - 1;
    }
    const cp = cps[lo];
    if (cp === undefined) return null;
    const sim = cp.sim.clone();
    for (let i = cp.index; i < n; i++) {
      if (sim.step() === null) break;
    }
    return sim;
  }

  /** A checkpoint holds the simulation after exactly `n` steps. */
  function checkpointAt(n: number): boolean {
    const cps = data?.checkpoints ?? [];
    let lo = 0;
    let hi = cps.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const i = cps[mid]!.index;
      if (i === n) return true;
      if (i < n) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  function stopTimer(): void {
    if (timer !== null) {
      clearTimer(timer);
      timer = null;
    }
  }

  const store = createStore<ExplorerStoreState>()((set, get) => {
    /** Move the cursor to `n`, building the simulation there. */
    function moveTo(n: number, transition: Transition, fresh = false): void {
      const s = get();
      const target = Math.max(0, Math.min(n, s.steps.length));
      let sim: Simulation | null;
      if (!fresh && target === s.cursor + 1 && s.sim !== null && !checkpointAt(target)) {
        // One step forward: step a copy of the shown simulation (cheaper than a jump, and
        // the shown one stays intact as the animation's "before"). A step with a checkpoint
        // of its own (a heavy one: it populated or moved a GiB) is a clone, not a re-run.
        sim = s.sim.clone();
        sim.step();
      } else {
        sim = simAt(target);
      }
      set({ cursor: target, sim, transition, revision: s.revision + 1 });
    }

    /** Compile and simulate `text`; the cursor goes to `cursor` (default: the end). */
    function runText(
      text: string,
      cursor: number | undefined,
      extra: Partial<ExplorerState> = {},
    ): boolean {
      stopTimer();
      const s = get();
      const outcome = compileCached(text, s.name);
      if (!outcome.ok) {
        data = null;
        set({
          source: text,
          errors: outcome.errors,
          program: null,
          header: null,
          steps: EMPTY_STEPS,
          cursor: 0,
          sim: null,
          runSource: text,
          runError: null,
          playing: false,
          transition: 'reset',
          revision: s.revision + 1,
          ...extra,
        });
        return false;
      }
      const program = outcome.program;
      const checkpoints: Checkpoint[] = [];
      const records: { op: Op; fact: Fact; effects: StepRecord['effects'] }[] = [];
      let header: RunHeader | null = null;
      let runError: string | null = null;
      try {
        const runner = engine.simulate(program);
        header = runner.header;
        checkpoints.push({ index: 0, sim: runner.clone() });
        let spent = 0;
        let since = 0;
        // At most one step per op: a guard against a simulator that never returns null.
        for (let i = 0; i < program.ops.length; i++) {
          const t0 = now();
          const st = runner.step();
          if (st === null) break;
          records.push({ op: st.op, fact: st.fact, effects: st.effects });
          spent += now() - t0;
          since++;
          if (spent >= budget || since >= maxSteps) {
            checkpoints.push({ index: records.length, sim: runner.clone() });
            spent = 0;
            since = 0;
          }
        }
      } catch (e) {
        runError = `statement ${records.length + 1}: ${errorMessage(e)}`;
      }
      let lines: string[][] = records.map(() => []);
      if (header !== null && records.length > 0) {
        try {
          const shown = { ...program, ops: records.map((r) => r.op) };
          const text2 = engine.format(
            shown,
            header,
            records.map((r) => r.fact),
          );
          lines = splitTranscript(text2, shown.ops);
        } catch (e) {
          runError ??= `transcript: ${errorMessage(e)}`;
        }
      }
      const steps: StepRecord[] = records.map((r, i) => ({
        ...r,
        lines: lines[i]!.length > 0 ? lines[i]! : [`${r.op.line}: ${r.op.text}`],
      }));
      data = checkpoints.length > 0 ? { program, checkpoints } : null;
      set({
        ...walkthroughState(text, program),
        source: text,
        errors: [],
        program,
        header,
        steps,
        runSource: text,
        runError,
        consoleError: null,
        playing: false,
        ...extra,
      });
      // fresh: the shown simulation belongs to the previous run.
      moveTo(cursor ?? steps.length, 'reset', true);
      return true;
    }

    /**
     * Name, scenario and narration for a run of `text`: the walkthrough's own text keeps its
     * name; an edit of it is "(edited)" and keeps the sentences of the statements it still
     * has; a script that shares no narrated statement with it is a new, untitled script.
     */
    function walkthroughState(
      text: string,
      program: Program,
    ): Partial<Pick<ExplorerState, 'name' | 'scenarioId' | 'narration'>> {
      const s = get();
      if (walkthrough === null || s.scenarioId === null) return {};
      if (text === walkthrough.source) {
        return { name: walkthrough.name, scenarioId: walkthrough.id, narration: s.narration };
      }
      const first = program.ops[0];
      const still = program.ops.some((op) => narrationFor(s.narration, op, first) !== null);
      if (still) return { name: `${walkthrough.name} (edited)` };
      return { name: 'untitled.mms', scenarioId: null, narration: null };
    }

    function scheduleNext(): void {
      stopTimer();
      const s = get();
      const ms = Math.max(MIN_PLAY_INTERVAL_MS, s.animationMs / s.speed);
      timer = setTimer(() => {
        timer = null;
        const cur = get();
        if (!cur.playing) return;
        if (cur.cursor >= cur.steps.length) {
          set({ playing: false });
          return;
        }
        moveTo(cur.cursor + 1, 'forward');
        if (get().cursor >= get().steps.length) set({ playing: false });
        else scheduleNext();
      }, ms);
    }

    return {
      source: opts.source ?? '',
      name: opts.name ?? 'script.mms',
      errors: [],
      program: null,
      header: null,
      steps: EMPTY_STEPS,
      cursor: 0,
      revision: 0,
      transition: 'reset',
      playing: false,
      speed: opts.speed ?? 1,
      animationMs: opts.animationMs ?? DEFAULT_ANIMATION_MS,
      selection: null,
      hover: null,
      theme: opts.theme ?? 'light',
      scenarioId: null,
      sim: null,
      runSource: '',
      runError: null,
      consoleError: null,
      narration: null,

      actions: {
        setSource(text, name) {
          const s = get();
          if (text === s.source && (name === undefined || name === s.name)) return;
          const outcome = compileCached(text, name ?? s.name);
          set({
            source: text,
            ...(name !== undefined ? { name } : {}),
            errors: outcome.ok ? [] : outcome.errors,
          });
        },

        run(o) {
          return runText(get().source, o?.cursor);
        },

        stepForward() {
          const s = get();
          if (s.playing) get().actions.pause();
          if (s.cursor < s.steps.length) moveTo(s.cursor + 1, 'forward');
        },

        stepBack() {
          const s = get();
          if (s.playing) get().actions.pause();
          if (s.cursor > 0) moveTo(s.cursor - 1, 'back');
        },

        jumpTo(n) {
          const s = get();
          if (s.playing) get().actions.pause();
          if (!Number.isFinite(n)) return;
          const target = Math.max(0, Math.min(Math.trunc(n), s.steps.length));
          if (target === s.cursor) return;
          moveTo(target, target === s.cursor + 1 ? 'forward' : 'jump');
        },

        play() {
          const s = get();
          if (s.playing || s.steps.length === 0) return;
          if (s.cursor >= s.steps.length) moveTo(0, 'reset');
          set({ playing: true });
          scheduleNext();
        },

        pause() {
          stopTimer();
          if (get().playing) set({ playing: false });
        },

        reset() {
          get().actions.pause();
          moveTo(0, 'reset');
        },

        setSpeed(speed) {
          if (!(speed > 0) || !Number.isFinite(speed)) return;
          set({ speed });
          // The next tick uses the new pace at once, not after the current interval.
          if (get().playing) scheduleNext();
        },

        setAnimationMs(ms) {
          if (!(ms >= 0) || !Number.isFinite(ms)) return;
          set({ animationMs: ms });
        },

        select(sel) {
          set({ selection: sel });
        },

        hover(h) {
          const cur = get().hover;
          if (
            cur === h ||
            (cur !== null && h !== null && JSON.stringify(cur) === JSON.stringify(h))
          )
            return;
          set({ hover: h });
        },

        setTheme(theme) {
          set({ theme });
        },

        runConsole(statement) {
          const stmt = statement.trim();
          if (stmt === '' || stmt.startsWith('#')) return false;
          const s = get();
          const ops = data?.program.ops ?? [];
          const text = consoleSource(s.runSource, ops, s.cursor, stmt);
          const check = compileCached(text, s.name);
          if (!check.ok) {
            // Only errors on the new line belong to the console: earlier lines ran before.
            const lastLine = text.split('\n').length - 1;
            const err: ScriptErrorInfo = check.errors.find((e) => e.line === lastLine) ??
              check.errors[0] ?? { message: 'does not compile', line: lastLine, column: 1 };
            set({ consoleError: { ...err, line: 1 } });
            return false;
          }
          const narration = s.narration;
          const ok = runText(text, undefined, { consoleError: null, narration });
          return ok;
        },

        loadWalkthrough(w, cursor) {
          const outcome = compileCached(w.source, w.name);
          const narration = outcome.ok ? buildNarration(w, outcome.program) : null;
          walkthrough = w;
          set({ name: w.name, scenarioId: w.id, narration });
          return runText(w.source, cursor ?? 0, { scenarioId: w.id, narration });
        },

        dispose() {
          stopTimer();
        },
      },
    };
  });

  if (opts.walkthrough !== undefined && opts.source === undefined) {
    store.getState().actions.loadWalkthrough(opts.walkthrough, opts.step ?? 0);
  } else if (opts.source !== undefined && opts.autoRun !== false) {
    store.getState().actions.run({ cursor: opts.step ?? 0 });
  }
  return store;
}

/** The narration sentence for a step, if its statement is still the walkthrough's. */
export function narrationFor(
  narration: ReadonlyMap<number, NarrationEntry> | null,
  op: Op | undefined,
  firstOp?: Op,
): string | null {
  if (narration === null) return null;
  if (op === undefined) {
    // Line 0 is no statement's: it holds the sentence for the initial state.
    const intro = narration.get(0);
    return intro !== undefined && intro.text === (firstOp?.text ?? '') ? intro.sentence : null;
  }
  const e = narration.get(op.line);
  return e !== undefined && e.text === op.text ? e.sentence : null;
}
