/**
 * The transport bar: reset, step back, play/pause, step forward, the step scrubber, speed,
 * Share and the theme toggle. Play and Pause are one button whose name follows the state (the
 * media-player convention), so keyboard focus stays on it across a toggle.
 */
import { useState } from 'react';
import { SPEEDS } from '../store/store';
import {
  selectCanStepBack,
  selectCanStepForward,
  selectCursor,
  selectPlaying,
  selectSpeed,
  selectStepCount,
  selectTheme,
} from '../store/selectors';
import { useExplorer, useExplorerActions, useExplorerStore } from './storeContext';
import { shareUrl } from './urlSync';

function Icon(props: { d: string }) {
  return (
    <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d={props.d} fill="currentColor" />
    </svg>
  );
}

const ICONS = {
  reset: 'M2 2h2v12H2zM14 2v12L5 8z',
  back: 'M8 2v12L1 8zM15 2v12L8 8z',
  play: 'M3 1.5v13L14 8z',
  pause: 'M3 2h4v12H3zM9 2h4v12H9z',
  forward: 'M1 2v12L8 8zM8 2v12l7-6z',
};

export function Transport() {
  const store = useExplorerStore();
  const actions = useExplorerActions();
  const cursor = useExplorer(selectCursor);
  const count = useExplorer(selectStepCount);
  const playing = useExplorer(selectPlaying);
  const speed = useExplorer(selectSpeed);
  const theme = useExplorer(selectTheme);
  const canBack = useExplorer(selectCanStepBack);
  const canForward = useExplorer(selectCanStepForward);
  const [shareNote, setShareNote] = useState<string | null>(null);

  async function share() {
    const url = shareUrl(store.getState());
    try {
      await navigator.clipboard.writeText(url);
      setShareNote('Link copied');
    } catch {
      // No clipboard permission (an embedding page, a headless browser): the address bar
      // already holds the same link, so say where to take it from.
      setShareNote('Copy the link from the address bar');
    }
    window.setTimeout(() => setShareNote(null), 2000);
  }

  return (
    <div className="transport" role="group" aria-label="Transport">
      <button
        type="button"
        className="icon-btn"
        aria-label="Reset"
        title="Reset to the initial state"
        onClick={actions.reset}
        disabled={!canBack}
      >
        <Icon d={ICONS.reset} />
      </button>
      <button
        type="button"
        className="icon-btn"
        aria-label="Step back"
        title="Step back (←)"
        onClick={actions.stepBack}
        disabled={!canBack}
      >
        <Icon d={ICONS.back} />
      </button>
      <button
        type="button"
        className="icon-btn play"
        aria-label={playing ? 'Pause' : 'Play'}
        title={playing ? 'Pause (Space)' : 'Play (Space)'}
        onClick={playing ? actions.pause : actions.play}
        disabled={count === 0}
      >
        <Icon d={playing ? ICONS.pause : ICONS.play} />
      </button>
      <button
        type="button"
        className="icon-btn"
        aria-label="Step forward"
        title="Step forward (→)"
        onClick={actions.stepForward}
        disabled={!canForward}
      >
        <Icon d={ICONS.forward} />
      </button>
      <input
        type="range"
        className="scrubber"
        aria-label="Step"
        aria-valuetext={`step ${cursor} of ${count}`}
        min={0}
        max={count}
        step={1}
        value={cursor}
        onChange={(e) => actions.jumpTo(Number(e.target.value))}
      />
      <span className="step-count mono" title="Steps applied / statements">
        {cursor}/{count}
      </span>
      <span className="speed">
        <select
          aria-label="Speed"
          className="mono"
          value={String(speed)}
          onChange={(e) => actions.setSpeed(Number(e.target.value))}
        >
          {SPEEDS.map((s) => (
            <option key={s} value={String(s)}>
              {s}×
            </option>
          ))}
        </select>
      </span>
      <span className="spacer" />
      <button
        type="button"
        className="text-btn"
        onClick={() => void share()}
        title="Copy a link to this script and step"
      >
        Share
      </button>
      <span className="share-note" role="status">
        {shareNote ?? ''}
      </span>
      <button
        type="button"
        className="icon-btn"
        aria-label="Dark theme"
        aria-pressed={theme === 'dark'}
        title="Dark theme"
        onClick={() => actions.setTheme(theme === 'dark' ? 'light' : 'dark')}
      >
        <Icon d="M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1zm0 2v10a5 5 0 0 1 0-10z" />
      </button>
    </div>
  );
}
