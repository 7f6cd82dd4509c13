import { type ExplorerStore } from '../store/store';
import './app.css';
declare global {
    interface Window {
        __mmscope?: {
            readonly store: ExplorerStore;
        };
    }
}
