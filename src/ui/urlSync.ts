/**
 * Keeps the address bar in step with what is shown (script and step), so that a reload or a
 * shared link restores it. `history.replaceState`, debounced: browsers throttle frequent
 * history updates (Chromium warns past ~100 in 10 s), and playback changes the step often.
 */
import { useEffect } from 'react';
import type { ExplorerStore, ExplorerStoreState } from '../store/store';
import { selectCursor, selectSource } from '../store/selectors';
import { buildSearch, buildShareUrl, type ShareState } from '../store/url';
import { dontunmap } from '../scenarios/dontunmap';
// A built-in scenario's own text needs no `script` either: `?scenario=<id>` says it.
import { scenarioOfSource } from '../scenarios/index';

const URL_DELAY_MS = 250;
const LONG_URL_DELAY_MS = 1000;
const LONG_SCRIPT = 20_000;

/** The URL state for a store state: the walkthrough's own text needs no `script` parameter. */
export function shareStateOf(s: ExplorerStoreState): ShareState {
  const source = selectSource(s);
  const builtIn = source === dontunmap.source || scenarioOfSource(source) !== null;
  return { script: builtIn ? null : source, step: selectCursor(s) };
}

/** The link the Share button copies: this page with the script and step, without `anim`. */
export function shareUrl(s: ExplorerStoreState): string {
  const q = new URLSearchParams(window.location.search);
  q.delete('anim');
  return buildShareUrl(
    window.location.origin + window.location.pathname,
    shareStateOf(s),
    q.toString(),
  );
}

export function useUrlSync(store: ExplorerStore): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const write = () => {
      timer = null;
      const search = buildSearch(shareStateOf(store.getState()), window.location.search);
      if (search !== window.location.search) {
        window.history.replaceState(window.history.state, '', window.location.pathname + search);
      }
    };
    const unsubscribe = store.subscribe((s, prev) => {
      if (selectSource(s) === selectSource(prev) && selectCursor(s) === selectCursor(prev)) return;
      if (timer !== null) clearTimeout(timer);
      // A long script makes a long URL, and replacing it costs ~0.1 ms per KB: wait for the
      // cursor to settle longer.
      const long = selectSource(s).length > LONG_SCRIPT;
      timer = setTimeout(write, long ? LONG_URL_DELAY_MS : URL_DELAY_MS);
    });
    return () => {
      unsubscribe();
      if (timer !== null) {
        clearTimeout(timer);
        write();
      }
    };
  }, [store]);
}
