/**
 * Named selectors: the only way React reads the store. Each returns a value already in the
 * state (or a primitive), never a fresh object, so `useStore` re-renders only on real change.
 */
import type { StepRecord } from './types';
import { narrationFor, type ExplorerStoreState } from './store';
type S = ExplorerStoreState;
export declare const selectSource: (s: S) => string;
export declare const selectName: (s: S) => string;
export declare const selectErrors: (s: S) => readonly import("./scriptError").ScriptErrorInfo[];
export declare const selectProgram: (s: S) => import("../script/program").Program | null;
export declare const selectHeader: (s: S) => import("../script/facts").RunHeader | null;
export declare const selectSteps: (s: S) => readonly StepRecord[];
export declare const selectStepCount: (s: S) => number;
export declare const selectCursor: (s: S) => number;
export declare const selectRevision: (s: S) => number;
export declare const selectTransition: (s: S) => import("./types").Transition;
export declare const selectPlaying: (s: S) => boolean;
export declare const selectSpeed: (s: S) => number;
export declare const selectAnimationMs: (s: S) => number;
/** How long one step's animation lasts now (ms): 0 when animations are off. */
export declare const selectStepDurationMs: (s: S) => number;
export declare const selectSelection: (s: S) => import("./types").Selection | null;
export declare const selectHover: (s: S) => import("./types").Selection | null;
export declare const selectTheme: (s: S) => import("./types").Theme;
export declare const selectScenarioId: (s: S) => string | null;
/** The simulation at the cursor; changes identity with `revision`. */
export declare const selectSim: (s: S) => import("../script/interpret").Simulation | null;
export declare const selectRunSource: (s: S) => string;
export declare const selectRunError: (s: S) => string | null;
export declare const selectConsoleError: (s: S) => import("./scriptError").ScriptErrorInfo | null;
/** The editor text differs from what produced the timeline. */
export declare const selectDirty: (s: S) => boolean;
export declare const selectCanStepBack: (s: S) => boolean;
export declare const selectCanStepForward: (s: S) => boolean;
/** The last applied step (what the views show the result of), or null at the initial state. */
export declare const selectCurrentStep: (s: S) => StepRecord | null;
/** The next step to apply, or null at the end. */
export declare const selectNextStep: (s: S) => StepRecord | null;
/** The last step's effects (views animate them when `transition` is 'forward'). */
export declare const selectCurrentEffects: (s: S) => readonly import("../core/effects").Effect[] | null;
/** The walkthrough's sentence for the current step, if any. */
export declare const selectNarration: (s: S) => string | null;
/** The walkthrough's narration map (use with `narrationFor` for any step). */
export declare const selectNarrationMap: (s: S) => ReadonlyMap<number, import("./types").NarrationEntry> | null;
export { narrationFor };
