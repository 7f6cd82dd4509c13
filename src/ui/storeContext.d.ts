/**
 * The store in React: one `ExplorerStore` per app (tests and embeds may mount several), passed
 * down by context. Components read it only through the named selectors in store/selectors.ts.
 */
import { type ReactNode } from 'react';
import type { ExplorerActions, ExplorerStore, ExplorerStoreState } from '../store/store';
export declare function ExplorerStoreProvider(props: {
    store: ExplorerStore;
    children?: ReactNode;
}): import("react").JSX.Element;
/** The store itself, for subscriptions outside React's render (effects, CodeMirror). */
export declare function useExplorerStore(): ExplorerStore;
/** Read one value through a selector; re-renders when it changes (Object.is). */
export declare function useExplorer<T>(selector: (s: ExplorerStoreState) => T): T;
/**
 * The actions. They are created once with the store and never change, so this returns the
 * same object every render without subscribing to anything.
 */
export declare function useExplorerActions(): ExplorerActions;
