import type { PhysicalModel, ViewOptions } from './models';
export type PhysicalMemoryOptions = ViewOptions & {
    /** Rows of cells a group may use before its cells aggregate runs of frames. */
    readonly maxRows?: number;
};
export declare function renderPhysicalMemory(root: SVGSVGElement, model: PhysicalModel, opts: PhysicalMemoryOptions): void;
