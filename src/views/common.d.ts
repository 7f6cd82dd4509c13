/**
 * Helpers shared by the SVG renderers: the root set-up, snap-or-animate, a tooltip drawn inside
 * the SVG (slots and frames are drawn as paths, one per colour, so they cannot carry their own
 * <title>), per-root state, and text measurement for a monospace face that does not depend on
 * a layout engine (jsdom has none, and golden snapshots must not vary with fonts).
 */
import * as d3 from 'd3';
import type { Selection as StoreSelection } from '../store/types';
export declare const MONO = "ui-monospace, SFMono-Regular, Menlo, Consolas, \"DejaVu Sans Mono\", \"Liberation Mono\", monospace";
/** A monospace glyph is about 0.6 em wide. */
export declare const CHAR_W = 0.6;
export declare function textWidth(s: string, fontSize: number): number;
/** Truncate to fit `width` px, with an ellipsis; '' when not even two characters fit. */
export declare function fitText(s: string, width: number, fontSize: number): string;
export type Svg = d3.Selection<SVGSVGElement, unknown, null, undefined>;
export type G = d3.Selection<SVGGElement, unknown, null, undefined>;
/** Size and style the root SVG; returns it as a d3 selection. */
export declare function prepareSvg(root: SVGSVGElement, width: number, height: number, label: string): Svg;
/** The child `<g class=name>` of `parent`, created once, in call order (which is paint order). */
export declare function layer<P extends d3.BaseType>(parent: d3.Selection<P, unknown, null, undefined>, name: string): d3.Selection<SVGGElement, unknown, null, undefined>;
/** Remove all children of a layer (for layers that are cheap to redraw from scratch). */
export declare function clear(g: G): G;
/** Per-root state kept between renders (previous layout, zoom, render token). */
export declare function rootState<T extends object>(map: WeakMap<Element, T>, root: Element, init: () => T): T;
/** The same Selection, compared structurally. */
export declare function sameSelection(a: StoreSelection | null, b: StoreSelection | null): boolean;
/**
 * A tooltip drawn in the SVG's top layer: a dark box of monospace lines near (x, y), kept
 * inside the root. Native <title> tooltips are used where an element exists for the number;
 * this one is for values computed from the pointer position (a slot in a grid of 512).
 */
export declare function showTooltip(svg: Svg, x: number, y: number, lines: readonly string[], width: number, height: number): void;
export declare function hideTooltip(svg: Svg): void;
/** Append a <title> (native hover text) to every element of a selection, replacing any. */
export declare function setTitle<E extends d3.BaseType, D>(sel: d3.Selection<E, D, d3.BaseType, unknown>, text: (d: D) => string): void;
/**
 * A rectangle as a path command; many rectangles of one colour become one <path>, which keeps
 * a 512-slot table or a strip of frames at a handful of DOM nodes.
 */
export declare function rectPath(x: number, y: number, w: number, h: number): string;
/** Round to 2 decimals: stable golden output, and no sub-pixel noise in paths. */
export declare function r2(n: number): number;
/** Clamp to [lo, hi]. */
export declare function clamp(n: number, lo: number, hi: number): number;
/** Hatch patterns (DONTUNMAP-empty VMAs, uffd-registered ranges), defined once per root. */
export declare function ensureDefs(svg: Svg, idPrefix: string): void;
/**
 * Pattern ids are per view kind, not per root: two roots of one kind define identical
 * patterns, so sharing an id is harmless, and golden output does not depend on render order.
 */
export declare function rootId(kind: string): string;
