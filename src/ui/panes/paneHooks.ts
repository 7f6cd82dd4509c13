/**
 * What every pane needs from React: its body's size (ResizeObserver), the store values the views
 * draw, and the rule for when to animate: only the first draw after a forward step, so a resize
 * or a theme switch redraws at once without replaying the step. A selection or a hover does not
 * redraw a pane: it only updates its highlight (`highlightX`), so an animation keeps running.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import {
  selectCurrentEffects,
  selectCursor,
  selectHover,
  selectProgram,
  selectRevision,
  selectSelection,
  selectSim,
  selectStepDurationMs,
  selectSteps,
  selectTheme,
  selectTransition,
} from '../../store/selectors';
import type { Selection } from '../../store/types';
import type { Effect } from '../../core/effects';
import { adaptLinks, type Timeline } from '../../views/adapt';
import type { Highlight, Linked, ViewOptions } from '../../views/models';
import { useExplorer, useExplorerActions } from '../storeContext';

export interface Size {
  readonly width: number;
  readonly height: number;
}

/** The content box of an element, kept current with a ResizeObserver. */
export function useElementSize<T extends HTMLElement>(): [React.RefObject<T | null>, Size] {
  const ref = useRef<T>(null);
  const [size, setSize] = useState<Size>({ width: 0, height: 0 });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      // clientWidth leaves out a vertical scrollbar, which is what the view can use.
      const width = Math.floor(el.clientWidth);
      const height = Math.floor(el.clientHeight);
      setSize((s) => (s.width === width && s.height === height ? s : { width, height }));
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, size];
}

function reducedMotion(): boolean {
  return (
    typeof window !== 'undefined' &&
    typeof window.matchMedia === 'function' &&
    window.matchMedia('(prefers-reduced-motion: reduce)').matches
  );
}

/**
 * `durationFor(revision)` is the step's animation time the first time it is asked for a new
 * revision reached by a forward step, and 0 otherwise.
 */
export function useStepDuration(): (revision: number) => number {
  const transition = useExplorer(selectTransition);
  const base = useExplorer(selectStepDurationMs);
  const last = useRef<number | null>(null);
  return useCallback(
    (revision: number) => {
      const fresh = last.current !== null && last.current !== revision;
      last.current = revision;
      return fresh && transition === 'forward' && !reducedMotion() ? base : 0;
    },
    [transition, base],
  );
}

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

const NO_EFFECTS: readonly Effect[] = [];

/** The store values the views draw, with the selection's and hover's links resolved. */
export function useViewInputs(): ViewInputs {
  const sim = useExplorer(selectSim);
  const steps = useExplorer(selectSteps);
  const cursor = useExplorer(selectCursor);
  const program = useExplorer(selectProgram);
  const revision = useExplorer(selectRevision);
  const effects = useExplorer(selectCurrentEffects) ?? NO_EFFECTS;
  const selection = useExplorer(selectSelection);
  const hover = useExplorer(selectHover);
  const theme = useExplorer(selectTheme);
  const actions = useExplorerActions();
  const timeline = useMemo(() => ({ steps, cursor, program }), [steps, cursor, program]);
  const selectionLinks = useMemo(() => adaptLinks(sim, selection), [sim, selection]);
  const hoverLinks = useMemo(() => adaptLinks(sim, hover), [sim, hover]);
  const select = useCallback((s: Selection | null) => actions.select(s), [actions]);
  const setHover = useCallback((s: Selection | null) => actions.hover(s), [actions]);
  return {
    sim,
    timeline,
    revision,
    effects,
    selection,
    hover,
    selectionLinks,
    hoverLinks,
    theme,
    select,
    setHover,
  };
}

/** The selection, the hover and their links as one value that changes only with them. */
export function useHighlight(v: ViewInputs): Highlight {
  const { selection, hover, selectionLinks, hoverLinks } = v;
  return useMemo(
    () => ({ selection, hover, selectionLinks, hoverLinks }),
    [selection, hover, selectionLinks, hoverLinks],
  );
}

/**
 * Draw `model` into the pane's SVG with `render` when the model, the size, the theme or the
 * step changes, and only update the highlight with `highlight` when the selection or the hover
 * changes (no redraw, no transition cut short).
 */
export function useSvgView<M>(
  svgRef: React.RefObject<SVGSVGElement | null>,
  model: M,
  v: ViewInputs,
  width: number,
  height: number,
  render: (root: SVGSVGElement, model: M, opts: ViewOptions) => void,
  highlight: (root: SVGSVGElement, h: Highlight) => void,
): void {
  const durationFor = useStepDuration();
  const hl = useHighlight(v);
  const latest = useRef(hl);
  // Declared first: when both change, the highlight is current before the redraw reads it.
  useEffect(() => {
    latest.current = hl;
    const svg = svgRef.current;
    if (svg) highlight(svg, hl);
  }, [svgRef, hl, highlight]);
  const { theme, revision, effects, select, setHover } = v;
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg || width === 0) return;
    render(svg, model, {
      width,
      height,
      theme,
      ...latest.current,
      durationMs: durationFor(revision),
      effects,
      onSelect: select,
      onHover: setHover,
    });
  }, [
    svgRef,
    model,
    width,
    height,
    theme,
    revision,
    effects,
    select,
    setHover,
    durationFor,
    render,
  ]);
}
