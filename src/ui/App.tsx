/**
 * The explorer's page: a header with the transport bar; a left column with the script
 * editor, Run, the console and the timeline; the panes in the centre and right.
 */
import { useCallback, useEffect, useRef } from 'react';
import {
  selectDirty,
  selectErrors,
  selectName,
  selectPlaying,
  selectTheme,
} from '../store/selectors';
import { cssVariables } from '../views/palette';
import { Console } from './Console';
import { ErrorBoundary } from './ErrorBoundary';
import { Panes } from './Panes';
import { ScriptEditor, type ScriptEditorHandle } from './ScriptEditor';
import { Timeline } from './Timeline';
import { Transport } from './Transport';
import { useExplorer, useExplorerActions, useExplorerStore } from './storeContext';
import { useUrlSync } from './urlSync';
// Scenarios and demos (src/ui/scenario/, the scenarios engineer's): picker, panel, controls.
import { DemoControls } from './scenario/DemoControls';
import { ScenarioPanel } from './scenario/ScenarioPanel';
import { ScenarioPicker } from './scenario/ScenarioPicker';
import { useScenarioUrl } from './scenario/scenarioState';

export const THEME_STORAGE_KEY = 'mmscope.theme';

/** Where typing happens: shortcuts must not steal keys from it. */
function isTypingTarget(t: EventTarget | null): boolean {
  if (!(t instanceof Element)) return false;
  if (
    t.closest('.cm-editor, input, textarea, select, [contenteditable=""], [contenteditable="true"]')
  )
    return true;
  return false;
}

/** Left/Right step, Space plays or pauses: anywhere but in the editor, console or a field. */
function useKeyboardShortcuts(): void {
  const actions = useExplorerActions();
  const store = useExplorerStore();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      if (isTypingTarget(e.target)) return;
      if (e.key === 'ArrowLeft') {
        e.preventDefault();
        actions.stepBack();
      } else if (e.key === 'ArrowRight') {
        e.preventDefault();
        actions.stepForward();
      } else if (e.key === ' ' || e.key === 'Spacebar') {
        // A focused button answers Space itself (activation): don't do both.
        if (e.target instanceof Element && e.target.closest('button')) return;
        e.preventDefault();
        if (selectPlaying(store.getState())) actions.pause();
        else actions.play();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions, store]);
}

/** The theme as CSS variables on <html>, shared with the panes (views/palette.ts). */
function useTheme(): void {
  const theme = useExplorer(selectTheme);
  useEffect(() => {
    const root = document.documentElement;
    root.dataset.theme = theme;
    root.style.colorScheme = theme;
    for (const [k, v] of Object.entries(cssVariables(theme))) root.style.setProperty(k, v);
    try {
      localStorage.setItem(THEME_STORAGE_KEY, theme);
    } catch {
      // Storage may be off (private mode, sandboxed embed): the theme still applies.
    }
  }, [theme]);
}

function ScriptPanel() {
  const actions = useExplorerActions();
  const editor = useRef<ScriptEditorHandle>(null);
  const name = useExplorer(selectName);
  const errors = useExplorer(selectErrors);
  const dirty = useExplorer(selectDirty);
  const run = useCallback(() => {
    editor.current?.flush();
    actions.run();
  }, [actions]);
  return (
    <section className="script-panel" aria-label="Script editor">
      <div className="panel-head">
        <h2 className="panel-title mono" title={name}>
          {name}
          {dirty && (
            <span className="dirty" title="Edited since the last run">
              {' '}
              ●
            </span>
          )}
        </h2>
        <span className="hint">Ctrl+Enter</span>
        <button type="button" className="run-btn" onClick={run}>
          Run
        </button>
      </div>
      <ScriptEditor ref={editor} onRun={run} />
      {errors.length > 0 && (
        <ul className="errors mono" aria-label="Errors" role="list">
          {errors.slice(0, 20).map((e, i) => (
            <li key={i} role="listitem">
              <span className="err-pos">
                {e.line}:{e.column}
              </span>{' '}
              {e.message}
            </li>
          ))}
          {errors.length > 20 && <li>… {errors.length - 20} more</li>}
        </ul>
      )}
      <Console />
    </section>
  );
}

export function App() {
  const store = useExplorerStore();
  useKeyboardShortcuts();
  useTheme();
  useUrlSync(store);
  useScenarioUrl(store);
  return (
    <div className="app">
      <header className="app-header">
        <h1 className="brand">
          mm<span>scope</span>
        </h1>
        <ErrorBoundary label="Scenarios">
          <ScenarioPicker />
        </ErrorBoundary>
        <ErrorBoundary label="Transport">
          <Transport />
        </ErrorBoundary>
        <ErrorBoundary label="Demo">
          <DemoControls />
        </ErrorBoundary>
      </header>
      <aside className="left">
        <ErrorBoundary label="Script">
          <ScriptPanel />
          <ScenarioPanel />
          <Timeline />
        </ErrorBoundary>
      </aside>
      <main className="centre">
        <Panes />
      </main>
    </div>
  );
}
