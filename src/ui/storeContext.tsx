/**
 * The store in React: one `ExplorerStore` per app (tests and embeds may mount several), passed
 * down by context. Components read it only through the named selectors in store/selectors.ts.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { ExplorerActions, ExplorerStore, ExplorerStoreState } from '../store/store';

const StoreContext = createContext<ExplorerStore | null>(null);

export function ExplorerStoreProvider(props: { store: ExplorerStore; children?: ReactNode }) {
  return <StoreContext.Provider value={props.store}>{props.children}</StoreContext.Provider>;
}

/** The store itself, for subscriptions outside React's render (effects, CodeMirror). */
export function useExplorerStore(): ExplorerStore {
  const store = useContext(StoreContext);
  if (store === null) throw new Error('useExplorer* outside <ExplorerStoreProvider>');
  return store;
}

/** Read one value through a selector; re-renders when it changes (Object.is). */
export function useExplorer<T>(selector: (s: ExplorerStoreState) => T): T {
  return useStore(useExplorerStore(), selector);
}

/**
 * The actions. They are created once with the store and never change, so this returns the
 * same object every render without subscribing to anything.
 */
export function useExplorerActions(): ExplorerActions {
  return useExplorerStore().getState().actions;
}
