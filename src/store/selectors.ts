/**
 * Named selectors: the only way React reads the store. Each returns a value already in the
 * state (or a primitive), never a fresh object, so `useStore` re-renders only on real change.
 */
import type { StepRecord } from './types';
import { narrationFor, type ExplorerStoreState } from './store';

type S = ExplorerStoreState;

export const selectSource = (s: S) => s.source;
export const selectName = (s: S) => s.name;
export const selectErrors = (s: S) => s.errors;
export const selectProgram = (s: S) => s.program;
export const selectHeader = (s: S) => s.header;
export const selectSteps = (s: S) => s.steps;
export const selectStepCount = (s: S) => s.steps.length;
export const selectCursor = (s: S) => s.cursor;
export const selectRevision = (s: S) => s.revision;
export const selectTransition = (s: S) => s.transition;
export const selectPlaying = (s: S) => s.playing;
export const selectSpeed = (s: S) => s.speed;
export const selectAnimationMs = (s: S) => s.animationMs;
/** How long one step's animation lasts now (ms): 0 when animations are off. */
export const selectStepDurationMs = (s: S) => s.animationMs / s.speed;
export const selectSelection = (s: S) => s.selection;
export const selectHover = (s: S) => s.hover;
export const selectTheme = (s: S) => s.theme;
export const selectScenarioId = (s: S) => s.scenarioId;
/** The simulation at the cursor; changes identity with `revision`. */
export const selectSim = (s: S) => s.sim;
export const selectRunSource = (s: S) => s.runSource;
export const selectRunError = (s: S) => s.runError;
export const selectConsoleError = (s: S) => s.consoleError;
/** The editor text differs from what produced the timeline. */
export const selectDirty = (s: S) => s.source !== s.runSource;
export const selectCanStepBack = (s: S) => s.cursor > 0;
export const selectCanStepForward = (s: S) => s.cursor < s.steps.length;

/** The last applied step (what the views show the result of), or null at the initial state. */
export const selectCurrentStep = (s: S): StepRecord | null => s.steps[s.cursor - 1] ?? null;
/** The next step to apply, or null at the end. */
export const selectNextStep = (s: S): StepRecord | null => s.steps[s.cursor] ?? null;
/** The last step's effects (views animate them when `transition` is 'forward'). */
export const selectCurrentEffects = (s: S) => selectCurrentStep(s)?.effects ?? null;
/** The walkthrough's sentence for the current step, if any. */
export const selectNarration = (s: S) =>
  narrationFor(s.narration, selectCurrentStep(s)?.op, s.steps[0]?.op);
/** The walkthrough's narration map (use with `narrationFor` for any step). */
export const selectNarrationMap = (s: S) => s.narration;
export { narrationFor };
