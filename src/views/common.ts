/**
 * Helpers shared by the SVG renderers: the root set-up, snap-or-animate, a tooltip drawn inside
 * the SVG (slots and frames are drawn as paths, one per colour, so they cannot carry their own
 * <title>), per-root state, and text measurement for a monospace face that does not depend on
 * a layout engine (jsdom has none, and golden snapshots must not vary with fonts).
 */
import * as d3 from 'd3';
import type { Selection as StoreSelection } from '../store/types';
import { cssVar } from './palette';

export const MONO =
  'ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace';
/** A monospace glyph is about 0.6 em wide. */
export const CHAR_W = 0.6;

export function textWidth(s: string, fontSize: number): number {
  return s.length * fontSize * CHAR_W;
}

/** Truncate to fit `width` px, with an ellipsis; '' when not even two characters fit. */
export function fitText(s: string, width: number, fontSize: number): string {
  const max = Math.floor(width / (fontSize * CHAR_W));
  if (s.length <= max) return s;
  if (max < 3) return '';
  return s.slice(0, max - 1) + '…';
}

export type Svg = d3.Selection<SVGSVGElement, unknown, null, undefined>;
export type G = d3.Selection<SVGGElement, unknown, null, undefined>;

/** Size and style the root SVG; returns it as a d3 selection. */
export function prepareSvg(root: SVGSVGElement, width: number, height: number, label: string): Svg {
  const svg = d3.select(root);
  // Set only what changed: rewriting the root's size, even to the same value, makes the
  // browser lay out the whole pane again on every step.
  const attrs: [string, string][] = [
    ['width', String(width)],
    ['height', String(height)],
    ['viewBox', `0 0 ${width} ${height}`],
    ['role', 'img'],
    ['aria-label', label],
    ['font-family', MONO],
    ['font-size', '11'],
  ];
  for (const [name, value] of attrs) {
    if (root.getAttribute(name) !== value) root.setAttribute(name, value);
  }
  if (root.style.display !== 'block') {
    svg.style('display', 'block').style('user-select', 'none').style('color', cssVar('fg'));
  }
  return svg;
}

/** The child `<g class=name>` of `parent`, created once, in call order (which is paint order). */
export function layer<P extends d3.BaseType>(
  parent: d3.Selection<P, unknown, null, undefined>,
  name: string,
): d3.Selection<SVGGElement, unknown, null, undefined> {
  const existing = parent.select<SVGGElement>(`:scope > g.${name}`);
  if (!existing.empty()) return existing as unknown as G;
  return parent.append('g').attr('class', name) as unknown as G;
}

/**
 * The pane's background in layer `bg`: an invisible rect under everything, so that a click
 * on empty space clears the selection. Returns the rect for view-specific handlers.
 */
export function clickableBackground(
  bg: G,
  width: number,
  height: number,
  onSelect: ((s: null) => void) | undefined,
): d3.Selection<SVGRectElement, number, SVGGElement, unknown> {
  return bg
    .selectAll<SVGRectElement, number>('rect')
    .data([0])
    .join('rect')
    .attr('width', width)
    .attr('height', height)
    .style('fill', 'transparent')
    .on('click', () => onSelect?.(null));
}

/** Remove all children of a layer (for layers that are cheap to redraw from scratch). */
export function clear(g: G): G {
  g.selectAll('*').remove();
  return g;
}

/** Per-root state kept between renders (previous layout, zoom, render token). */
export function rootState<T extends object>(
  map: WeakMap<Element, T>,
  root: Element,
  init: () => T,
): T {
  let s = map.get(root);
  if (!s) {
    s = init();
    map.set(root, s);
  }
  return s;
}

/** The same Selection, compared structurally. */
export function sameSelection(a: StoreSelection | null, b: StoreSelection | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'vma':
      return a.id === (b as typeof a).id;
    case 'page':
      return a.addr === (b as typeof a).addr;
    case 'frame':
      return a.pfn === (b as typeof a).pfn;
    case 'table':
      return a.level === (b as typeof a).level && a.base === (b as typeof a).base;
    case 'uffd':
      return a.fd === (b as typeof a).fd;
    case 'thread':
      return a.name === (b as typeof a).name;
  }
}

/**
 * A tooltip drawn in the SVG's top layer: a dark box of monospace lines near (x, y), kept
 * inside the root. Native <title> tooltips are used where an element exists for the number;
 * this one is for values computed from the pointer position (a slot in a grid of 512).
 */
export function showTooltip(
  svg: Svg,
  x: number,
  y: number,
  lines: readonly string[],
  width: number,
  height: number,
): void {
  const g = layer(svg, 'tooltip').attr('pointer-events', 'none');
  clear(g);
  if (lines.length === 0) return;
  const fs = 11;
  const w = Math.max(...lines.map((l) => textWidth(l, fs))) + 12;
  const h = lines.length * 14 + 8;
  let tx = x + 12;
  let ty = y + 12;
  if (tx + w > width) tx = Math.max(0, x - w - 8);
  if (ty + h > height) ty = Math.max(0, y - h - 8);
  g.attr('transform', `translate(${tx},${ty})`);
  g.append('rect')
    .attr('width', w)
    .attr('height', h)
    .attr('rx', 3)
    .style('fill', cssVar('tooltipBg'))
    .style('opacity', 0.94);
  g.selectAll('text')
    .data(lines)
    .join('text')
    .attr('x', 6)
    .attr('y', (_d, i) => 15 + i * 14)
    .style('fill', cssVar('tooltipFg'))
    .attr('font-size', fs)
    .attr('xml:space', 'preserve')
    .text((d) => d);
}

export function hideTooltip(svg: Svg): void {
  const g = svg.select<SVGGElement>(':scope > g.tooltip');
  if (!g.empty()) clear(g as unknown as G);
}

/** Append a <title> (native hover text) to every element of a selection, replacing any. */
export function setTitle<E extends d3.BaseType, D>(
  sel: d3.Selection<E, D, d3.BaseType, unknown>,
  text: (d: D) => string,
): void {
  sel.each(function (d) {
    const el = d3.select(this as Element);
    const t = el.select<Element>(':scope > title');
    (t.empty() ? el.append('title') : t).text(text(d));
  });
}

/**
 * A rectangle as a path command; many rectangles of one colour become one <path>, which keeps
 * a 512-slot table or a strip of frames at a handful of DOM nodes.
 */
export function rectPath(x: number, y: number, w: number, h: number): string {
  return `M${r2(x)},${r2(y)}h${r2(w)}v${r2(h)}h${r2(-w)}z`;
}

/** Round to 2 decimals: stable golden output, and no sub-pixel noise in paths. */
export function r2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Clamp to [lo, hi]. */
export function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}

/** Hatch patterns (DONTUNMAP-empty VMAs, uffd-registered ranges), defined once per root. */
export function ensureDefs(svg: Svg, idPrefix: string): void {
  const defs = layer(svg, 'defs-holder');
  if (!defs.select('defs').empty()) return;
  const d = defs.append('defs');
  const hatch = d
    .append('pattern')
    .attr('id', `${idPrefix}-hatch`)
    .attr('patternUnits', 'userSpaceOnUse')
    .attr('width', 6)
    .attr('height', 6)
    .attr('patternTransform', 'rotate(45)');
  hatch
    .append('line')
    .attr('x1', 0)
    .attr('y1', 0)
    .attr('x2', 0)
    .attr('y2', 6)
    .attr('stroke-width', 2)
    .style('stroke', 'currentColor')
    .style('stroke-opacity', 0.35);
}

/**
 * Pattern ids are per view kind, not per root: two roots of one kind define identical
 * patterns, so sharing an id is harmless, and golden output does not depend on render order.
 */
export function rootId(kind: string): string {
  return `mm-${kind}`;
}

/** A rectangle in a root's coordinates. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * A canvas laid over an SVG root, for motion that would otherwise move many SVG nodes every
 * frame (entries in flight): it is drawn once per frame and adds nothing to the SVG. It covers
 * only `box` (in the root's coordinates, which the returned context draws in), so a frame
 * repaints no more than the motion needs. Created on first use, cleared; null where there is
 * no canvas (no parent element, or a DOM without a 2D context such as jsdom), and the caller
 * falls back to SVG.
 */
export function motionCanvas(root: SVGSVGElement, box: Box): CanvasRenderingContext2D | null {
  const parent = root.parentElement;
  if (!parent || typeof HTMLCanvasElement === 'undefined') return null;
  if (typeof navigator !== 'undefined' && navigator.userAgent.includes('jsdom')) return null;
  let canvas = root.nextElementSibling;
  if (!(canvas instanceof HTMLCanvasElement) || !canvas.classList.contains('mm-motion')) {
    canvas = document.createElement('canvas');
    const c = canvas as HTMLCanvasElement;
    c.className = 'mm-motion';
    c.setAttribute('aria-hidden', 'true');
    // The root's corner in the parent: the content corner when the root comes first (a pane
    // body), else wherever it sits (read once, and that reads layout).
    const ps = getComputedStyle(parent);
    if (ps.position === 'static') parent.style.position = 'relative';
    let left = parseFloat(ps.paddingLeft) || 0;
    let top = parseFloat(ps.paddingTop) || 0;
    if (root.previousElementSibling !== null) {
      const r = root.getBoundingClientRect();
      const p = parent.getBoundingClientRect();
      left = r.left - p.left - parent.clientLeft + parent.scrollLeft;
      top = r.top - p.top - parent.clientTop + parent.scrollTop;
    }
    c.dataset.left = String(left);
    c.dataset.top = String(top);
    c.style.position = 'absolute';
    c.style.pointerEvents = 'none';
    root.insertAdjacentElement('afterend', c);
  }
  const c = canvas as HTMLCanvasElement;
  const ctx = c.getContext('2d');
  if (!ctx) return null;
  const dpr = typeof window !== 'undefined' ? window.devicePixelRatio || 1 : 1;
  const x = Math.floor(box.x);
  const y = Math.floor(box.y);
  const width = Math.ceil(box.x + box.width) - x;
  const height = Math.ceil(box.y + box.height) - y;
  const w = Math.max(1, Math.ceil(width * dpr));
  const h = Math.max(1, Math.ceil(height * dpr));
  if (c.width !== w || c.height !== h) {
    c.width = w;
    c.height = h;
  }
  c.style.left = `${Number(c.dataset.left) + x}px`;
  c.style.top = `${Number(c.dataset.top) + y}px`;
  c.style.width = `${width}px`;
  c.style.height = `${height}px`;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, w, h);
  ctx.setTransform(dpr, 0, 0, dpr, -x * dpr, -y * dpr);
  return ctx;
}

/**
 * `selection.each(setPathData)`: set a path's `d` only when it changed. A step leaves most paths
 * as they were, and re-parsing (and repainting) a path of hundreds of rectangles costs more
 * than comparing its text.
 */
export function setPathData(this: SVGPathElement, p: { readonly d: string }): void {
  if (this.getAttribute('d') !== p.d) this.setAttribute('d', p.d);
}
