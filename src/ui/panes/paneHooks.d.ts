import { selectSim, selectTheme } from '../../store/selectors';
import type { Selection } from '../../store/types';
import type { Effect } from '../../core/effects';
import { type Timeline } from '../../views/adapt';
import type { Linked } from '../../views/models';
export interface Size {
    readonly width: number;
    readonly height: number;
}
/** The content box of an element, kept current with a ResizeObserver. */
export declare function useElementSize<T extends HTMLElement>(): [React.RefObject<T | null>, Size];
/**
 * `durationFor(revision)` is the step's animation time the first time it is asked for a new
 * revision reached by a forward step, and 0 otherwise.
 */
export declare function useStepDuration(): (revision: number) => number;
export interface ViewInputs {
    readonly sim: ReturnType<typeof selectSim>;
    readonly timeline: Timeline;
    readonly revision: number;
    readonly effects: readonly Effect[];
    readonly selection: Selection | null;
    readonly hover: Selection | null;
    readonly selectionLinks: Linked;
    readonly hoverLinks: Linked;
    readonly theme: ReturnType<typeof selectTheme>;
    readonly select: (s: Selection | null) => void;
    readonly setHover: (s: Selection | null) => void;
}
/** The store values the views draw, with the selection's and hover's links resolved. */
export declare function useViewInputs(): ViewInputs;
