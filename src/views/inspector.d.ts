import type { Selection as StoreSelection, Theme } from '../store/types';
import type { InspectorModel } from './models';
export interface InspectorOptions {
    readonly theme: Theme;
    readonly onSelect?: (s: StoreSelection | null) => void;
    readonly onHover?: (s: StoreSelection | null) => void;
}
export declare function renderInspector(root: HTMLElement, model: InspectorModel | null, opts: InspectorOptions): void;
