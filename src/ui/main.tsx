/**
 * Entry point: reads the URL (mms script, step, animation duration), creates the store and
 * renders the explorer. `window.__mmscope` exposes the store to the browser tests and the UI
 * benchmark (documented in e2e/README.md).
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createExplorerStore, type ExplorerStore, type ExplorerStoreOptions } from '../store/store';
import type { Theme } from '../store/types';
import { parseUrlState } from '../store/url';
import { dontunmap } from '../scenarios/dontunmap';
import { App, THEME_STORAGE_KEY } from './App';
// Scenarios, demos and embed mode (the scenarios engineer's src/ui/scenario/).
import { installDemoApi } from './scenario/demoApi';
import { EmbedApp } from './scenario/EmbedPlayer';
import { scenarioFromUrl } from './scenario/scenarioState';
import { walkthroughOf } from '../scenarios/index';
import { ExplorerStoreProvider } from './storeContext';
import './app.css';

declare global {
  interface Window {
    __mmscope?: { readonly store: ExplorerStore };
  }
}

function initialTheme(): Theme {
  try {
    const saved = localStorage.getItem(THEME_STORAGE_KEY);
    if (saved === 'light' || saved === 'dark') return saved;
  } catch {
    // No storage: fall through to the system preference.
  }
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function optionsFromUrl(search: string): ExplorerStoreOptions {
  const url = parseUrlState(search);
  // `?scenario=<id>` (with `&profile=5.7` for a variant) shows a built-in scenario; a `script`
  // in the URL wins over it (it is the text the user last ran). `embed` is read below.
  const scenario = url.script === null ? scenarioFromUrl(search) : null;
  return {
    theme: initialTheme(),
    step: url.step ?? 0,
    ...(url.animationMs !== null ? { animationMs: url.animationMs } : {}),
    ...(url.script !== null
      ? { source: url.script, name: 'shared.mms' }
      : {
          walkthrough:
            scenario !== null ? walkthroughOf(scenario.scenario, scenario.profile) : dontunmap,
        }),
  };
}

const store = createExplorerStore(optionsFromUrl(window.location.search));
window.__mmscope = { store };
// `window.__mmscopeDemo`: record/play/render demos (npx mmscope record, the browser tests).
installDemoApi(store);
const embed = parseUrlState(window.location.search).embed;

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <ExplorerStoreProvider store={store}>{embed ? <EmbedApp /> : <App />}</ExplorerStoreProvider>
    </StrictMode>,
  );
