import type { UffdModel, ViewOptions } from './models';
export type UffdOptions = ViewOptions;
export declare function renderUffd(root: SVGSVGElement, model: UffdModel, opts: UffdOptions): void;
