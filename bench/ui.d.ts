import type { ExplorerStore } from '../src/store/store';
declare global {
    interface Window {
        __mmscope?: {
            readonly store: ExplorerStore;
        };
    }
}
