/**
 * One demo session per explorer store (the page has one; tests may mount several), created on
 * first use with the DOM camera of the page.
 */
import { useStore } from 'zustand';
import { domCamera } from '../../demo/camera';
import { createDemoSession, type DemoSession, type DemoSessionState } from '../../demo/session';
import type { ExplorerStore } from '../../store/store';
import { useExplorerStore } from '../storeContext';

const sessions = new WeakMap<ExplorerStore, DemoSession>();

export function demoSessionFor(store: ExplorerStore): DemoSession {
  let s = sessions.get(store);
  if (s === undefined) {
    s = createDemoSession(store, typeof document === 'undefined' ? null : domCamera(document));
    sessions.set(store, s);
  }
  return s;
}

export function useDemoSession(): DemoSession {
  return demoSessionFor(useExplorerStore());
}

export function useDemoState<T>(selector: (s: DemoSessionState) => T): T {
  return useStore(useDemoSession().state, selector);
}

/** Offer `blob` as a download named `name`. */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Let the download start before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
