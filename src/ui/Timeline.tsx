/**
 * The timeline: every executed statement with its transcript lines, the current step
 * highlighted; a click jumps there. Rows are virtualized (a 10,000-statement script renders
 * the 40 or so rows in view); a row's height follows from its line count, so no row needs to
 * be measured.
 */
import {
  memo,
  useCallback,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react';
import {
  selectCursor,
  selectHeader,
  selectNarration,
  selectRunError,
  selectSteps,
} from '../store/selectors';
import type { StepRecord } from '../store/types';
import { useExplorer, useExplorerActions } from './storeContext';

const LINE_H = 18;
const ROW_PAD = 6;
const OVERSCAN_PX = 300;

function rowHeight(lines: number): number {
  return Math.max(1, lines) * LINE_H + ROW_PAD;
}

/** `N: text -> result` split for styling; detail lines are shown as they are. */
function splitLine(line: string): { no: string; text: string; result: string | null } {
  const m = /^(\d+): (.*?)(?: -> (.*))?$/.exec(line);
  if (m === null) return { no: '', text: line, result: null };
  return { no: m[1]!, text: m[2]!, result: m[3] ?? null };
}

function resultClass(r: string): string {
  if (/^-1 E|SIGSEGV|SIGBUS|^error/.test(r)) return 'res res-fail';
  if (/blocked at/.test(r)) return 'res res-block';
  return 'res';
}

const Row = memo(function Row(props: {
  index: number;
  step: StepRecord | null;
  headerLine: string;
  current: boolean;
  top: number;
  height: number;
  onJump: (n: number) => void;
}) {
  const { step, index } = props;
  const lines = step?.lines ?? [props.headerLine];
  const [first = '', ...details] = lines;
  const head = step === null ? null : splitLine(first);
  return (
    <li
      className={props.current ? 'tl-row current' : 'tl-row'}
      aria-current={props.current ? 'step' : undefined}
      data-step={index}
      style={{ top: props.top, height: props.height }}
    >
      <button
        type="button"
        tabIndex={-1}
        className="tl-button mono"
        onClick={() => props.onJump(index)}
        title={step === null ? 'Initial state' : lines.join('\n')}
      >
        <span className="tl-line tl-head">
          {head === null ? (
            <span className="tl-text tl-start">{first}</span>
          ) : (
            <>
              <span className="tl-no">{head.no}: </span>
              <span className="tl-text">{head.text}</span>
              {head.result !== null && (
                <span className={resultClass(head.result)}>
                  <span className="tl-arrow"> → </span>
                  {head.result}
                </span>
              )}
            </>
          )}
        </span>
        {details.map((d, i) => (
          <span key={i} className="tl-line tl-detail">
            {d}
          </span>
        ))}
      </button>
    </li>
  );
});

export function Timeline() {
  const steps = useExplorer(selectSteps);
  const cursor = useExplorer(selectCursor);
  const header = useExplorer(selectHeader);
  const runError = useExplorer(selectRunError);
  const actions = useExplorerActions();
  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 600 });

  const headerLine = header === null ? 'start' : `start  top = 0x${header.top.toString(16)}`;

  // Row offsets: row 0 is the initial state, row i (1..n) is steps[i - 1].
  const offsets = useMemo(() => {
    const o = new Float64Array(steps.length + 2);
    o[1] = rowHeight(1);
    for (let i = 0; i < steps.length; i++) o[i + 2] = o[i + 1]! + rowHeight(steps[i]!.lines.length);
    return o;
  }, [steps]);
  const total = offsets[steps.length + 1] ?? 0;

  const onJump = useCallback((n: number) => actions.jumpTo(n), [actions]);

  // The viewport as last seen by scroll events and the ResizeObserver: reading scrollTop or
  // clientHeight during a step would force a layout of the whole page (the panes included).
  const seen = useRef(view);
  const ownScroll = useRef<number | null>(null);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (el === null) return;
    const publish = (v: { top: number; height: number }) => {
      if (v.top === seen.current.top && v.height === seen.current.height) return;
      seen.current = v;
      setView(v);
    };
    publish({ top: el.scrollTop, height: el.clientHeight });
    const onScroll = () => {
      // Our own scroll (below) already published its position: reading scrollTop now would
      // force a layout of the page in the middle of a step.
      if (ownScroll.current !== null && Math.abs(ownScroll.current - seen.current.top) < 1) {
        ownScroll.current = null;
        return;
      }
      ownScroll.current = null;
      publish({ top: el.scrollTop, height: seen.current.height });
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    const ro = new ResizeObserver((entries) => {
      const box = entries[entries.length - 1]?.contentRect;
      if (box !== undefined) publish({ top: seen.current.top, height: box.height });
    });
    ro.observe(el);
    return () => {
      el.removeEventListener('scroll', onScroll);
      ro.disconnect();
    };
  }, []);

  // Keep the current row in view: scrolled just enough, with some context for a far jump.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el === null) return;
    const { top: scrollTop, height: h } = seen.current;
    const top = offsets[cursor] ?? 0;
    const bottom = offsets[cursor + 1] ?? top;
    const margin = bottom - top < h / 4 ? h / 4 : 0;
    let target = scrollTop;
    if (top < scrollTop) target = Math.max(0, top - margin);
    else if (bottom > scrollTop + h) target = bottom - h + margin;
    // The browser clamps scrollTop to the content; clamp here too so `seen` stays true.
    target = Math.max(0, Math.min(target, (offsets[offsets.length - 1] ?? 0) - h));
    if (target !== scrollTop) {
      el.scrollTop = target;
      ownScroll.current = target;
      // Render the rows there now, not one frame later when the scroll event comes.
      seen.current = { top: target, height: h };
      setView(seen.current);
    }
  }, [cursor, offsets]);

  // The rows that intersect the viewport (plus overscan), found by binary search on offsets.
  const first = Math.max(0, upperBound(offsets, view.top - OVERSCAN_PX) - 1);
  const last = Math.min(steps.length, upperBound(offsets, view.top + view.height + OVERSCAN_PX));
  const rows = [];
  for (let i = first; i <= last; i++) {
    const step = i === 0 ? null : (steps[i - 1] ?? null);
    rows.push(
      <Row
        key={i}
        index={i}
        step={step}
        headerLine={headerLine}
        current={i === cursor}
        top={offsets[i] ?? 0}
        height={(offsets[i + 1] ?? 0) - (offsets[i] ?? 0)}
        onJump={onJump}
      />,
    );
  }

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 400) / 40));
    const moves: Record<string, number> = {
      ArrowUp: cursor - 1,
      ArrowDown: cursor + 1,
      PageUp: cursor - page,
      PageDown: cursor + page,
      Home: 0,
      End: steps.length,
    };
    const to = moves[e.key];
    if (to !== undefined) {
      e.preventDefault();
      actions.jumpTo(to);
    }
  }

  return (
    <div className="timeline">
      <div className="panel-head">
        <h2 className="panel-title">Timeline</h2>
        <span className="hint mono">
          step {cursor} of {steps.length}
        </span>
      </div>
      <Narration />
      {runError !== null && (
        <div className="run-error mono" role="alert">
          simulator stopped at {runError}
        </div>
      )}
      <div
        className="tl-scroll"
        ref={scroller}
        tabIndex={0}
        role="group"
        aria-label="Timeline steps"
        onKeyDown={onKeyDown}
      >
        <ol className="tl-list" aria-label="Timeline" style={{ height: total }}>
          {rows}
        </ol>
      </div>
    </div>
  );
}

/** Index of the first offset greater than x. */
function upperBound(a: Float64Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The walkthrough's sentence for the current step: why it happens, with the kernel source. */
function Narration() {
  const sentence = useExplorer(selectNarration);
  if (sentence === null) return null;
  return (
    <p className="narration" aria-live="polite" aria-label="Narration">
      {sentence}
    </p>
  );
}
