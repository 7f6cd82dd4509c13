/**
 * Embed mode (`&embed=1`): a clean, chrome-less player for slides and documentation: the views,
 * the narration with its sources, and a minimal transport (back, play, forward, the step, a link
 * to open the same thing in the full explorer). ←/→ step and Space plays, as in the explorer.
 */
import { useEffect } from 'react';
import {
  selectCanStepBack,
  selectCanStepForward,
  selectCurrentStep,
  selectCursor,
  selectName,
  selectNarration,
  selectPlaying,
  selectStepCount,
  selectTheme,
} from '../../store/selectors';
import type { ExplorerStoreState } from '../../store/store';
import { cssVariables } from '../../views/palette';
import { ErrorBoundary } from '../ErrorBoundary';
import { Panes } from '../Panes';
import { useExplorer, useExplorerActions, useExplorerStore } from '../storeContext';
import { useDemoState } from './demoSession';
import { SourceLinks } from './ScenarioPanel';
import { shownScenario } from './scenarioState';
import './scenario.css';

const selectTitle = (s: ExplorerStoreState) => shownScenario(s)?.scenario.title ?? selectName(s);
const selectStepText = (s: ExplorerStoreState) => selectCurrentStep(s)?.lines[0] ?? null;

/** The theme as CSS variables on <html> (the shell's App does the same for the full page). */
function useEmbedTheme(): void {
  const theme = useExplorer(selectTheme);
  useEffect(() => {
    const root = document.documentElement;
    root.dataset.theme = theme;
    root.style.colorScheme = theme;
    for (const [k, v] of Object.entries(cssVariables(theme))) root.style.setProperty(k, v);
  }, [theme]);
}

function useEmbedKeys(): void {
  const actions = useExplorerActions();
  const store = useExplorerStore();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.target instanceof Element && e.target.closest('input, textarea, select')) return;
      if (e.key === 'ArrowLeft') actions.stepBack();
      else if (e.key === 'ArrowRight') actions.stepForward();
      else if (e.key === ' ') {
        if (e.target instanceof Element && e.target.closest('button')) return;
        if (selectPlaying(store.getState())) actions.pause();
        else actions.play();
      } else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions, store]);
}

/** The same page without `embed`: what "Open in mmscope" links to. */
function fullUrl(): string {
  const q = new URLSearchParams(window.location.search);
  q.delete('embed');
  q.delete('anim');
  const s = q.toString();
  return window.location.pathname + (s === '' ? '' : `?${s}`);
}

const PATHS = {
  back: 'M8 2v12L1 8zM15 2v12L8 8z',
  play: 'M3 1.5v13L14 8z',
  pause: 'M3 2h4v12H3zM9 2h4v12H9z',
  forward: 'M1 2v12L8 8zM8 2v12l7-6z',
};

function Icon(props: { d: string }) {
  return (
    <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d={props.d} fill="currentColor" />
    </svg>
  );
}

export function EmbedPlayer() {
  useEmbedTheme();
  useEmbedKeys();
  const actions = useExplorerActions();
  const cursor = useExplorer(selectCursor);
  const count = useExplorer(selectStepCount);
  const playing = useExplorer(selectPlaying);
  const canBack = useExplorer(selectCanStepBack);
  const canForward = useExplorer(selectCanStepForward);
  const sentence = useExplorer(selectNarration);
  const title = useExplorer(selectTitle);
  const stepText = useExplorer(selectStepText);
  const demoPlaying = useDemoState((s) => s.playback !== null);
  return (
    <div className="embed">
      <main className="embed-views">
        <Panes />
      </main>
      <footer className="embed-bar">
        <div className="embed-text">
          <div className="embed-step mono" title={stepText ?? ''}>
            {stepText ?? 'Initial state'}
          </div>
          <p className="embed-narration" aria-live="polite" aria-label="Narration">
            {sentence ?? ''}
          </p>
          <SourceLinks className="sc-sources embed-sources" />
        </div>
        <div className="embed-transport" role="toolbar" aria-label="Transport">
          <span className="embed-title" title={title}>
            {title}
            {demoPlaying && <span className="embed-demo"> · demo</span>}
          </span>
          <button
            type="button"
            className="icon-btn"
            aria-label="Step back"
            onClick={actions.stepBack}
            disabled={!canBack}
          >
            <Icon d={PATHS.back} />
          </button>
          <button
            type="button"
            className="icon-btn play"
            aria-label={playing ? 'Pause' : 'Play'}
            onClick={playing ? actions.pause : actions.play}
            disabled={count === 0}
          >
            <Icon d={playing ? PATHS.pause : PATHS.play} />
          </button>
          <button
            type="button"
            className="icon-btn"
            aria-label="Step forward"
            onClick={actions.stepForward}
            disabled={!canForward}
          >
            <Icon d={PATHS.forward} />
          </button>
          <input
            type="range"
            className="embed-scrubber"
            aria-label="Step"
            min={0}
            max={count}
            value={cursor}
            onChange={(e) => actions.jumpTo(Number(e.target.value))}
          />
          <span className="step-count mono">
            {cursor}/{count}
          </span>
          <a
            className="embed-open"
            href={fullUrl()}
            target="_blank"
            rel="noopener"
            title="Open in the full explorer"
          >
            mmscope ↗
          </a>
        </div>
      </footer>
    </div>
  );
}

/** The embed page: the player, guarded like the full page. */
export function EmbedApp() {
  return (
    <ErrorBoundary label="Player">
      <EmbedPlayer />
    </ErrorBoundary>
  );
}
