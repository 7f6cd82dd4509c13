import type { ExplorerStore, ExplorerStoreState } from '../store/store';
import { type ShareState } from '../store/url';
/** The URL state for a store state: the walkthrough's own text needs no `script` parameter. */
export declare function shareStateOf(s: ExplorerStoreState): ShareState;
/** The link the Share button copies: this page with the script and step, without `anim`. */
export declare function shareUrl(s: ExplorerStoreState): string;
export declare function useUrlSync(store: ExplorerStore): void;
