/**
 * The address-space view: VMAs along the virtual address axis, from a few pages to the whole
 * 128 TiB. Empty gaps are collapsed and labelled by size (addressAxis.ts); d3-zoom pans and
 * zooms the axis down to single pages. Each VMA is a block in its backing's colour: a light tint
 * where pages are absent, solid where entries are present (drawn from runs, merged per pixel so
 * a populated GiB costs a few path commands), badges for its flags and uffd registration, and a
 * hatch when MREMAP_DONTUNMAP left it mapped but empty.
 *
 * On a forward step a VMA that mremap moved travels from its old place to its new one, carrying
 * its present pages; with DONTUNMAP the source block stays behind, empty. A counter beside it
 * says how many entries moved at each level.
 */
import * as d3 from 'd3';
import { type AddressAxis } from './addressAxis';
import type { AddressSpaceModel, ViewOptions } from './models';
export type AddressSpaceOptions = ViewOptions;
interface View {
    /** Visible address range, kept across steps so a zoomed-in view stays on its addresses. */
    a0: number;
    a1: number;
}
interface AsState {
    model: AddressSpaceModel | null;
    opts: AddressSpaceOptions | null;
    axis: AddressAxis | null;
    /** Pixel scale of the abstract axis at the last render (zoom applied). */
    x: d3.ScaleLinear<number, number> | null;
    view: View | null;
    zoom: d3.ZoomBehavior<SVGSVGElement, unknown> | null;
    /** Set while the renderer itself moves the zoom, so the zoom handler does not re-render. */
    settingZoom: boolean;
    token: number;
}
export declare function renderAddressSpace(root: SVGSVGElement, model: AddressSpaceModel, opts: AddressSpaceOptions): void;
/** Reset the zoom to the whole address space (e.g. from a pane's button). */
export declare function resetAddressSpaceZoom(root: SVGSVGElement): void;
/** Zoom so that [start, end) fills the width (with a little margin). */
export declare function zoomTo(root: SVGSVGElement, stIn: AsState | undefined, start: number, end: number): void;
export {};
