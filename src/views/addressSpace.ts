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
import type { Effect, VmaRecord } from '../core/effects';
import { PAGE_SIZE } from '../core/addr';
import type { Selection as StoreSelection } from '../store/types';
import { ADDRESS_LIMIT, buildAxis, type AddressAxis, type Segment } from './addressAxis';
import {
  clamp,
  clear,
  ensureDefs,
  fitText,
  hideTooltip,
  layer,
  prepareSvg,
  r2,
  rectPath,
  rootId,
  rootState,
  setPathData,
  sameSelection,
  setTitle,
  showTooltip,
  textWidth,
  type G,
  type Svg,
  clickableBackground,
} from './common';
import { count, hex, range, size, sizeExact } from './format';
import type {
  AddressSpaceModel,
  BackingModel,
  Highlight,
  Linked,
  PageRun,
  VmaModel,
  ViewOptions,
} from './models';
import { changeCounterText, moveCounterText, summarize } from './motion';
import { ALERT_COLOR, cssVar, ZERO_COLOR } from './palette';

export type AddressSpaceOptions = ViewOptions;

/** Vertical layout, in px from the top. */
const MX = 12;
const OVERVIEW_Y = 4;
const OVERVIEW_H = 8;
const LABEL_Y = 34;
const BADGE_Y = 40;
const BLOCK_Y = 56;

/** Rows below the badges, from the pane's height: a tall pane gets taller blocks. */
interface AsLayout {
  readonly blockY: number;
  readonly blockH: number;
  readonly addrY: number;
  readonly nameY: number;
}

function layoutFor(height: number): AsLayout {
  const blockH = Math.round(Math.min(110, Math.max(36, height - 132)));
  const addrY = BLOCK_Y + blockH + 19;
  return { blockY: BLOCK_Y, blockH, addrY, nameY: addrY + 16 };
}
/** A page at least this wide can be pointed at and gets its own tick. */
const PAGE_PICK_PX = 6;

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

const states = new WeakMap<Element, AsState>();

export function renderAddressSpace(
  root: SVGSVGElement,
  model: AddressSpaceModel,
  opts: AddressSpaceOptions,
): void {
  const st = rootState(states, root, () => ({
    model: null,
    opts: null,
    axis: null,
    x: null,
    view: null,
    zoom: null,
    settingZoom: false,
    token: 0,
  }));
  draw(root, st, model, opts);
}

/** Reset the zoom to the whole address space (e.g. from a pane's button). */
export function resetAddressSpaceZoom(root: SVGSVGElement): void {
  const st = states.get(root);
  if (!st || !st.model || !st.opts) return;
  st.view = null;
  draw(root, st, st.model, { ...st.opts, durationMs: 0, effects: [] });
}

function draw(
  root: SVGSVGElement,
  st: AsState,
  model: AddressSpaceModel,
  opts: AddressSpaceOptions,
) {
  const { width, height } = opts;
  const svg = prepareSvg(root, width, height, 'Address space');
  const id = rootId('as');
  ensureDefs(svg, id);
  const token = ++st.token;
  const animate = opts.durationMs > 0;
  const L = layoutFor(height);
  const prevAxis = st.axis;
  const prevX = st.x;

  const axis = buildAxis(model.vmas, model.top);
  const x0 = d3
    .scaleLinear()
    .domain([0, axis.total])
    .range([MX, Math.max(MX + 1, width - MX)]);
  const x = viewScale(axis, x0, st.view);
  st.axis = axis;
  st.x = x;
  st.model = model;
  st.opts = opts;

  const backings = new Map(model.backings.map((b) => [b.key, b]));
  const colorOf = (key: string | null): string =>
    key === null ? ZERO_COLOR : (backings.get(key)?.color ?? ZERO_COLOR);

  attachZoom(root, svg, st, x0);

  // Layers in paint order.
  const bg = layer(svg, 'bg');
  const overview = layer(svg, 'overview');
  const segs = layer(svg, 'segments');
  const vmasG = layer(svg, 'vmas');
  layer(svg, 'links');
  const addrs = layer(svg, 'addresses');
  const names = layer(svg, 'names');
  const ghosts = layer(svg, 'ghosts');
  const footer = layer(svg, 'footer');
  layer(svg, 'tooltip');

  clickableBackground(bg, width, height, opts.onSelect).on('dblclick', () =>
    resetAddressSpaceZoom(root),
  );

  drawOverview(overview, model, axis, x, width);
  drawSegments(L, segs, axis, x, width);

  const moves = animate ? vmaMoves(opts.effects) : new Map<number, VmaRecord>();

  // VMA blocks keyed by id.
  const blocks = vmasG
    .selectAll<SVGGElement, VmaModel>('g.vma')
    .data(
      model.vmas.filter((v) => v.start < model.top),
      (d) => String(d.id),
    )
    .join(
      (enter) => {
        const g = enter.append('g').attr('class', 'vma');
        g.append('g').attr('class', 'body');
        g.append('g').attr('class', 'text');
        return g;
      },
      (update) => update,
      (exit) => {
        if (!animate) return exit.remove();
        // A VMA that mremap moved is replaced by its travelling successor at once; anything
        // else (munmap, a merge partner) fades where it was.
        const movedAway = new Set([...moves.values()].map((b) => b.id));
        exit.filter((d) => movedAway.has(d.id)).remove();
        exit
          .filter((d) => !movedAway.has(d.id))
          .transition()
          .duration(opts.durationMs * 0.5)
          .style('opacity', 0)
          .remove();
        return exit;
      },
    );

  blocks.each(function (v) {
    const g = d3.select(this);
    const px0 = x(axis.toU(v.start));
    const px1 = x(axis.toU(v.end));
    const w = Math.max(1, px1 - px0);
    drawBody(L, g.select<SVGGElement>('g.body'), v, w, px0, width, colorOf, id);
    drawText(L, g.select<SVGGElement>('g.text'), v, w, px0, width, colorOf(v.backing), backings);

    const target = `translate(${r2(px0)},${BLOCK_Y})`;
    const before = moves.get(v.id);
    const isNew = this.getAttribute('transform') === null;
    if (animate && isNew && before && prevAxis && prevX) {
      // Travel from where the moved range was, at its old width.
      const ox0 = prevX(prevAxis.toU(before.start));
      const ox1 = prevX(prevAxis.toU(before.end));
      const sx = Math.max(0.01, (ox1 - ox0) / w);
      g.attr('transform', `translate(${r2(ox0)},${BLOCK_Y})`);
      g.select('g.body').attr('transform', `scale(${r2(sx)},1)`);
      g.select('g.text').style('opacity', 0);
      g.transition().duration(opts.durationMs).ease(d3.easeCubicInOut).attr('transform', target);
      g.select('g.body')
        .transition()
        .duration(opts.durationMs)
        .ease(d3.easeCubicInOut)
        .attr('transform', 'scale(1,1)');
      g.select('g.text')
        .transition()
        .delay(opts.durationMs * 0.8)
        .duration(opts.durationMs * 0.2)
        .style('opacity', 1);
    } else if (animate && isNew) {
      g.attr('transform', target).style('opacity', 0);
      g.transition()
        .duration(opts.durationMs * 0.6)
        .style('opacity', 1);
    } else if (animate && !isNew && this.getAttribute('transform') !== target) {
      g.interrupt().style('opacity', 1);
      g.transition().duration(opts.durationMs).ease(d3.easeCubicInOut).attr('transform', target);
      g.select('g.body').attr('transform', null);
    } else {
      g.interrupt().attr('transform', target).style('opacity', 1);
      g.select('g.body').interrupt().attr('transform', null);
      g.select('g.text').interrupt().style('opacity', 1);
    }
  });

  // Pointer: hover shows the exact address under the pointer; click selects the VMA, or the
  // page once pages are wide enough to aim at.
  blocks
    .on('pointermove', (event: PointerEvent, v) => {
      const [mx, my] = d3.pointer(event, root);
      const addr = clamp(axis.toAddr(x.invert(mx)), v.start, v.end - PAGE_SIZE);
      showTooltip(svg, mx, my, pageTooltip(v, addr, backings), width, height);
      const pagePx = (x(axis.toU(v.end)) - x(axis.toU(v.start))) / ((v.end - v.start) / PAGE_SIZE);
      const next: StoreSelection =
        pagePx >= PAGE_PICK_PX ? { kind: 'page', addr } : { kind: 'vma', id: v.id };
      if (!sameSelection(next, st.opts?.hover ?? null)) st.opts?.onHover?.(next);
    })
    .on('pointerleave', () => {
      hideTooltip(svg);
      st.opts?.onHover?.(null);
    })
    .on('click', (event: MouseEvent, v) => {
      event.stopPropagation();
      const [mx] = d3.pointer(event, root);
      const pagePx = (x(axis.toU(v.end)) - x(axis.toU(v.start))) / ((v.end - v.start) / PAGE_SIZE);
      const addr = clamp(axis.toAddr(x.invert(mx)), v.start, v.end - PAGE_SIZE);
      st.opts?.onSelect?.(
        pagePx >= PAGE_PICK_PX ? { kind: 'page', addr } : { kind: 'vma', id: v.id },
      );
    })
    .on('dblclick', (event: MouseEvent, v) => {
      event.stopPropagation();
      zoomTo(root, st, v.start, v.end);
    });

  applyHighlight(svg, st, opts);
  drawAddresses(L, addrs, model, axis, x, width);
  drawNames(L, names, model, axis, x, width);
  drawFooter(footer, model, opts, width, height, token, st);

  clear(ghosts);
  if (animate) drawEntryPulses(L, ghosts, opts, axis, x);
}

/**
 * Redraw what the selection and the hover show (the outline of a VMA, the marks of what they
 * link to), and nothing else: no transition is restarted or cut short.
 */
export function highlightAddressSpace(root: SVGSVGElement, h: Highlight): void {
  const st = states.get(root);
  if (!st?.opts) return;
  st.opts = { ...st.opts, ...h };
  applyHighlight(d3.select(root), st, st.opts);
}

function applyHighlight(svg: Svg, st: AsState, opts: AddressSpaceOptions): void {
  const { axis, x } = st;
  if (!axis || !x) return;
  const L = layoutFor(opts.height);
  svg
    .select(':scope > g.vmas')
    .selectAll<SVGGElement, VmaModel>('g.vma')
    .each(function (v) {
      const w = Math.max(1, x(axis.toU(v.end)) - x(axis.toU(v.start)));
      const state =
        opts.selection?.kind === 'vma' && opts.selection.id === v.id
          ? 'sel'
          : opts.hover?.kind === 'vma' && opts.hover.id === v.id
            ? 'hover'
            : null;
      d3.select(this)
        .select('g.body')
        .selectAll('rect.outline')
        .data(state ? [state] : [])
        .join('rect')
        .attr('class', 'outline')
        .attr('x', -1.5)
        .attr('y', -1.5)
        .attr('width', w + 3)
        .attr('height', L.blockH + 3)
        .attr('fill', 'none')
        .attr('pointer-events', 'none')
        .attr('stroke-width', (d) => (d === 'sel' ? 2 : 1))
        .attr('stroke-dasharray', (d) => (d === 'sel' ? null : '3 2'))
        .style('stroke', (d) => (d === 'sel' ? cssVar('selection') : cssVar('hover')));
    });
  drawLinks(
    L,
    svg.select<SVGGElement>(':scope > g.links') as unknown as G,
    axis,
    x,
    opts.selectionLinks,
    opts.hoverLinks,
    opts.width,
  );
}

/** The zoomed scale for the remembered visible address range. */
function viewScale(
  axis: AddressAxis,
  x0: d3.ScaleLinear<number, number>,
  view: View | null,
): d3.ScaleLinear<number, number> {
  if (view === null) return x0;
  const u0 = axis.toU(view.a0);
  const u1 = axis.toU(view.a1);
  if (!(u1 > u0)) return x0;
  const [r0, r1] = x0.range() as [number, number];
  return d3.scaleLinear().domain([u0, u1]).range([r0, r1]);
}

function transformFor(
  x0: d3.ScaleLinear<number, number>,
  x: d3.ScaleLinear<number, number>,
): d3.ZoomTransform {
  // x = t.rescaleX(x0) with t = (k, tx): x(u) = k * x0(u) + tx.
  const [d0, d1] = x.domain() as [number, number];
  const k = x0(d1) - x0(d0) === 0 ? 1 : (x0.range()[1]! - x0.range()[0]!) / (x0(d1) - x0(d0));
  const tx = x.range()[0]! - k * x0(d0);
  return d3.zoomIdentity.translate(tx, 0).scale(k);
}

function attachZoom(
  root: SVGSVGElement,
  svg: Svg,
  st: AsState,
  x0: d3.ScaleLinear<number, number>,
): void {
  if (!st.zoom) {
    st.zoom = d3
      .zoom<SVGSVGElement, unknown>()
      .scaleExtent([1, 2 ** 32])
      .filter((event: Event) => {
        // Wheel zooms, drag pans; a click on a block must stay a click.
        const e = event as MouseEvent;
        return (!e.ctrlKey || e.type === 'wheel') && !e.button;
      })
      .on('zoom', (event: d3.D3ZoomEvent<SVGSVGElement, unknown>) => {
        if (st.settingZoom || !st.model || !st.opts || !st.axis) return;
        const [r0, r1] = [MX, Math.max(MX + 1, st.opts.width - MX)];
        const base = d3.scaleLinear().domain([0, st.axis.total]).range([r0, r1]);
        const zx = event.transform.rescaleX(base);
        const a0 = st.axis.toAddr(zx.invert(r0));
        const a1 = Math.min(ADDRESS_LIMIT, st.axis.toAddr(zx.invert(r1)) + PAGE_SIZE);
        st.view = event.transform.k <= 1.0001 ? null : { a0, a1 };
        draw(root, st, st.model, { ...st.opts, durationMs: 0, effects: st.opts.effects });
      });
    svg.call(st.zoom).on('dblclick.zoom', null);
  }
  const x = st.x ?? x0;
  st.zoom.translateExtent([
    [x0.range()[0]! - MX, 0],
    [x0.range()[1]! + MX, 1],
  ]);
  st.settingZoom = true;
  try {
    const t = st.view === null ? d3.zoomIdentity : transformFor(x0, x);
    // Keep d3-zoom's idea of the transform in step with the remembered view.
    (root as unknown as { __zoom: d3.ZoomTransform }).__zoom = t;
  } finally {
    st.settingZoom = false;
  }
}

/** Zoom so that [start, end) fills the width (with a little margin). */
export function zoomTo(root: SVGSVGElement, stIn: AsState | undefined, start: number, end: number) {
  const st = stIn ?? states.get(root);
  if (!st || !st.model || !st.opts) return;
  const pad = (end - start) * 0.04;
  st.view = { a0: Math.max(0, start - pad), a1: Math.min(ADDRESS_LIMIT, end + pad) };
  draw(root, st, st.model, { ...st.opts, durationMs: 0 });
}

function drawOverview(
  g: G,
  model: AddressSpaceModel,
  axis: AddressAxis,
  x: d3.ScaleLinear<number, number>,
  width: number,
): void {
  clear(g);
  const lin = d3
    .scaleLinear()
    .domain([0, ADDRESS_LIMIT])
    .range([MX, width - MX]);
  const bar = g
    .append('rect')
    .attr('x', MX)
    .attr('y', OVERVIEW_Y)
    .attr('width', Math.max(0, width - 2 * MX))
    .attr('height', OVERVIEW_H)
    .style('fill', cssVar('empty'));
  setTitle(
    bar,
    () => `the whole user address space at linear scale: ${range(0, ADDRESS_LIMIT)}, 128T`,
  );
  const backings = new Map(model.backings.map((b) => [b.key, b.color]));
  g.selectAll('rect.tick')
    .data(model.vmas.filter((v) => v.start < model.top))
    .join('rect')
    .attr('class', 'tick')
    .attr('x', (v) => r2(lin(v.start)))
    .attr('y', OVERVIEW_Y)
    .attr('width', (v) => r2(Math.max(1, lin(v.end) - lin(v.start))))
    .attr('height', OVERVIEW_H)
    .style('fill', (v) => backings.get(v.backing) ?? ZERO_COLOR);
  g.append('rect')
    .attr('x', r2(lin(model.top)))
    .attr('y', OVERVIEW_Y)
    .attr('width', r2(Math.max(1, lin(ADDRESS_LIMIT) - lin(model.top))))
    .attr('height', OVERVIEW_H)
    .style('fill', cssVar('faint'));
  // The visible window.
  const [r0, r1] = x.range() as [number, number];
  const a0 = axis.toAddr(x.invert(r0));
  const a1 = axis.toAddr(x.invert(r1));
  const wx0 = lin(a0);
  const wx1 = Math.max(wx0 + 2, lin(a1));
  const win = g
    .append('rect')
    .attr('x', r2(wx0 - 1))
    .attr('y', OVERVIEW_Y - 2)
    .attr('width', r2(wx1 - wx0 + 2))
    .attr('height', OVERVIEW_H + 4)
    .attr('fill', 'none')
    .attr('stroke-width', 1)
    .style('stroke', cssVar('fg'));
  setTitle(win, () => `visible: ${range(a0, a1)}`);
}

function drawSegments(
  L: AsLayout,
  g: G,
  axis: AddressAxis,
  x: d3.ScaleLinear<number, number>,
  width: number,
) {
  const visible = axis.segments.filter((s) => s.kind !== 'vma' && x(s.u1) >= 0 && x(s.u0) <= width);
  const sel = g
    .selectAll<SVGGElement, Segment>('g.seg')
    .data(visible, (s) => `${s.kind}:${s.start}`)
    .join((enter) => enter.append('g').attr('class', 'seg'));
  sel.each(function (s) {
    const gg = d3.select(this);
    clear(gg as unknown as G);
    const px0 = x(s.u0);
    const px1 = x(s.u1);
    const w = px1 - px0;
    const mid = BLOCK_Y + L.blockH / 2;
    if (s.kind === 'runtime') {
      gg.append('rect')
        .attr('x', r2(px0 + 2))
        .attr('y', BLOCK_Y)
        .attr('width', r2(Math.max(0, w - 2)))
        .attr('height', L.blockH)
        .attr('fill', `url(#${rootId('as')}-hatch)`)
        .style('color', cssVar('faint'));
      const label = fitText('runtime', w - 6, 10);
      const t = gg
        .append('text')
        .attr('x', r2(px0 + w / 2))
        .attr('y', mid + 4)
        .attr('text-anchor', 'middle')
        .attr('font-size', 10)
        .style('fill', cssVar('muted'))
        .text(label);
      setTitle(t, () => `above top: the runtime's mappings, ${range(s.start, ADDRESS_LIMIT)}`);
      return;
    }
    gg.append('line')
      .attr('x1', r2(px0 + 3))
      .attr('x2', r2(px1 - 3))
      .attr('y1', mid)
      .attr('y2', mid)
      .attr('stroke-dasharray', '2 3')
      .style('stroke', cssVar('faint'));
    const label = fitText(size(s.end - s.start), w - 4, 10);
    const t = gg
      .append('text')
      .attr('x', r2(px0 + w / 2))
      .attr('y', mid - 5)
      .attr('text-anchor', 'middle')
      .attr('font-size', 10)
      .style('fill', cssVar('muted'))
      .text(label);
    setTitle(t, () => `unmapped ${range(s.start, s.end)}: ${sizeExact(s.end - s.start)}`);
  });
}

/** Runs of a VMA merged per pixel into rectangles, one path per colour. */
function runPaths(
  L: AsLayout,
  v: VmaModel,
  w: number,
  px0: number,
  width: number,
  colorOf: (key: string | null) => string,
): { color: string; d: string; marker: boolean }[] {
  const bytes = v.end - v.start;
  const k = w / bytes;
  // Only the visible part, in local coordinates.
  const lo = Math.max(0, -px0 - 2);
  const hi = Math.min(w, width - px0 + 2);
  const spans = new Map<string, { marker: boolean; list: [number, number][] }>();
  for (const r of v.runs) {
    let a = (r.start - v.start) * k;
    let b = (r.start + r.pages * PAGE_SIZE - v.start) * k;
    if (b < lo || a > hi) continue;
    a = Math.max(a, lo);
    b = Math.min(b, hi);
    if (b - a < 1) b = a + 1;
    const marker = r.kind === 'marker-wp' || r.kind === 'marker-poison';
    const color = marker
      ? ALERT_COLOR
      : r.kind === 'zero' || r.kind === 'huge-zero'
        ? ZERO_COLOR
        : colorOf(r.backing);
    const key = `${marker ? 'm' : 'p'}${color}`;
    let entry = spans.get(key);
    if (!entry) {
      entry = { marker, list: [] };
      spans.set(key, entry);
    }
    const last = entry.list[entry.list.length - 1];
    if (last && a - last[1] < 0.5) last[1] = Math.max(last[1], b);
    else entry.list.push([a, b]);
  }
  const out: { color: string; d: string; marker: boolean }[] = [];
  for (const [key, { marker, list }] of spans) {
    const color = key.slice(1);
    const d = list
      .map(([a, b]) => (marker ? rectPath(a, 0, b - a, 5) : rectPath(a, 0, b - a, L.blockH)))
      .join('');
    out.push({ color, d, marker });
  }
  return out;
}

function drawBody(
  L: AsLayout,
  g: d3.Selection<SVGGElement, unknown, null, undefined>,
  v: VmaModel,
  w: number,
  px0: number,
  width: number,
  colorOf: (key: string | null) => string,
  id: string,
): void {
  const color = colorOf(v.backing);
  g.selectAll('rect.bg')
    .data([0])
    .join('rect')
    .attr('class', 'bg')
    .attr('width', r2(w))
    .attr('height', L.blockH)
    .style('fill', color)
    .style('fill-opacity', 0.16);
  // DONTUNMAP left this VMA mapped but took its entries: hatch it so it reads as "empty on
  // purpose", not as memory never touched.
  const k = w / (v.end - v.start);
  g.selectAll('rect.hatch')
    .data(v.dontunmap ? [v.dontunmap] : [])
    .join('rect')
    .attr('class', 'hatch')
    .attr('x', (d) => r2((d.start - v.start) * k))
    .attr('width', (d) => r2(Math.max(1, (d.end - d.start) * k)))
    .attr('height', L.blockH)
    .attr('fill', `url(#${id}-hatch)`)
    .style('color', color);
  g.selectAll<SVGPathElement, { color: string; d: string; marker: boolean }>('path.run')
    .data(runPaths(L, v, w, px0, width, colorOf), (d) => `${d.marker}${d.color}`)
    .join('path')
    .attr('class', 'run')
    .each(setPathData)
    .style('fill', (d) => d.color);
  // Page boundaries once pages are wide enough to see.
  const npages = (v.end - v.start) / PAGE_SIZE;
  const pagePx = w / npages;
  let ticks = '';
  if (pagePx >= PAGE_PICK_PX) {
    const first = Math.max(1, Math.floor(-px0 / pagePx));
    const last = Math.min(npages - 1, Math.ceil((width - px0) / pagePx));
    for (let i = first; i <= last; i++) ticks += `M${r2(i * pagePx)},0v${L.blockH}`;
  }
  g.selectAll('path.ticks')
    .data(ticks ? [ticks] : [])
    .join('path')
    .attr('class', 'ticks')
    .attr('d', (d) => d)
    .attr('stroke-width', 0.5)
    .style('stroke', cssVar('bg'))
    .style('stroke-opacity', 0.8);
  g.selectAll('rect.frame')
    .data([0])
    .join('rect')
    .attr('class', 'frame')
    .attr('width', r2(w))
    .attr('height', L.blockH)
    .attr('fill', 'none')
    .attr('stroke-width', 1)
    .style('stroke', color);
  // A uffd registration is a dashed bracket under the block.
  g.selectAll('path.uffd')
    .data(v.uffd ? [0] : [])
    .join('path')
    .attr('class', 'uffd')
    .attr('d', `M0.5,${L.blockH + 3}v3h${r2(Math.max(0, w - 1))}v-3`)
    .attr('fill', 'none')
    .attr('stroke-dasharray', '3 2')
    .style('stroke', cssVar('fg'));
}

/** Badges for the flags a reader of this explorer cares about, in smaps order. */
const BADGES = ['lo', 'lf', 'ac', 'nr', 'hg', 'nh', 'de', 'sl'];

function badgeList(v: VmaModel): { text: string; title: string }[] {
  const out: { text: string; title: string }[] = [];
  const titles: Record<string, string> = {
    lo: 'VM_LOCKED',
    lf: 'VM_LOCKONFAULT',
    ac: 'VM_ACCOUNT',
    nr: 'VM_NORESERVE',
    hg: 'VM_HUGEPAGE',
    nh: 'VM_NOHUGEPAGE',
    de: 'VM_DONTEXPAND',
    sl: 'VM_SEALED',
  };
  for (const b of BADGES) {
    if (v.mnemonics.includes(b)) out.push({ text: b, title: titles[b] ?? b });
  }
  if (v.uffd) {
    const modes = [v.uffd.missing ? 'M' : '', v.uffd.minor ? 'm' : '', v.uffd.wp ? 'W' : ''].join(
      '',
    );
    const long = [
      v.uffd.missing ? 'VM_UFFD_MISSING' : '',
      v.uffd.minor ? 'VM_UFFD_MINOR' : '',
      v.uffd.wp ? 'VM_UFFD_WP' : '',
    ]
      .filter(Boolean)
      .join(' | ');
    out.push({
      text: `uffd${v.uffd.fd}:${modes}`,
      title: `registered with uffd fd ${v.uffd.fd}: ${long}`,
    });
  }
  return out;
}

function drawText(
  L: AsLayout,
  g: d3.Selection<SVGGElement, unknown, null, undefined>,
  v: VmaModel,
  w: number,
  px0: number,
  width: number,
  color: string,
  backings: Map<string, BackingModel>,
): void {
  // Labels stick to the visible part of a block that is wider than the view.
  const vis0 = Math.max(0, MX - px0);
  const vis1 = Math.min(w, width - MX - px0);
  const visW = Math.max(0, vis1 - vis0);
  const bytes = v.end - v.start;
  const npages = bytes / PAGE_SIZE;
  const backing = backings.get(v.backing);
  const label = `${backing?.label ?? v.backing} ${size(bytes)}`;
  const lt = g
    .selectAll('text.label')
    .data([label])
    .join('text')
    .attr('class', 'label')
    .attr('x', r2(vis0 + 2))
    .attr('y', LABEL_Y - BLOCK_Y)
    .attr('font-weight', 600)
    .style('fill', cssVar('fg'))
    .text((d) => fitText(d, visW - 2, 11));
  setTitle(
    lt,
    () => `${backing?.label ?? v.backing}: ${range(v.start, v.end)}, ${sizeExact(bytes)}`,
  );

  const badges = badgeList(v);
  let bx = vis0 + 2;
  const placed: { text: string; title: string; x: number; w: number }[] = [];
  for (const b of badges) {
    const bw = textWidth(b.text, 9) + 6;
    if (bx + bw > vis1) break;
    placed.push({ ...b, x: bx, w: bw });
    bx += bw + 3;
  }
  const bsel = g
    .selectAll<SVGGElement, (typeof placed)[number]>('g.badge')
    .data(placed, (d) => d.text)
    .join((enter) => {
      const e = enter.append('g').attr('class', 'badge');
      e.append('rect');
      e.append('text');
      return e;
    })
    .attr('transform', (d) => `translate(${r2(d.x)},${BADGE_Y - BLOCK_Y})`);
  bsel
    .select('rect')
    .attr('width', (d) => r2(d.w))
    .attr('height', 12)
    .attr('rx', 2)
    .attr('fill', 'none')
    .style('stroke', (d) => (d.text.startsWith('uffd') ? cssVar('fg') : color))
    .attr('stroke-dasharray', (d) => (d.text.startsWith('uffd') ? '3 2' : null));
  bsel
    .select('text')
    .attr('x', 3)
    .attr('y', 9)
    .attr('font-size', 9)
    .style('fill', cssVar('fg'))
    .text((d) => d.text);
  setTitle(bsel, (d) => d.title);

  // Inside the block: what it holds.
  const caption = v.dontunmap
    ? v.present === 0
      ? `empty: 0 of ${count(npages)} pages present`
      : `refaulted ${count(v.present)}/${count(npages)}`
    : `${v.perms} ${count(v.present)}/${count(npages)} present`;
  g.selectAll('text.caption')
    .data([caption])
    .join('text')
    .attr('class', 'caption')
    .attr('x', r2(vis0 + 4))
    .attr('y', L.blockH / 2 + 4)
    .attr('font-size', 10)
    .attr('pointer-events', 'none')
    .style('fill', cssVar('fg'))
    .style('paint-order', 'stroke')
    .style('stroke', cssVar('bg'))
    .style('stroke-width', 3)
    .style('stroke-opacity', 0.7)
    .text((d) => fitText(d, visW - 8, 10));
}

function pageTooltip(v: VmaModel, addr: number, backings: Map<string, BackingModel>): string[] {
  const run = findRun(v.runs, addr);
  const idx = (addr - v.start) / PAGE_SIZE;
  const lines = [
    `${hex(addr)}  page ${count(idx)} of ${count((v.end - v.start) / PAGE_SIZE)}`,
    `VMA ${range(v.start, v.end)} ${v.perms}`,
    `${backings.get(v.backing)?.label ?? v.backing} pgoff ${count(v.pgoff + idx)}`,
  ];
  if (!run) lines.push('entry: none');
  else if (run.kind === 'marker-wp' || run.kind === 'marker-poison')
    lines.push(`entry: ${run.kind}`);
  else {
    const pfn =
      run.kind === 'zero' || run.kind === 'huge-zero'
        ? run.pfn
        : run.pfn + (addr - run.start) / PAGE_SIZE;
    lines.push(
      `entry: ${run.kind} pfn 0x${pfn.toString(16)}${run.writable ? ' rw' : ' ro'}${run.wp ? ' uffd-wp' : ''}`,
    );
  }
  return lines;
}

function findRun(runs: readonly PageRun[], addr: number): PageRun | null {
  let lo = 0;
  let hi = runs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = runs[mid]!;
    if (addr < r.start) hi = mid - 1;
    else if (addr >= r.start + r.pages * PAGE_SIZE) lo = mid + 1;
    else return r;
  }
  return null;
}

function drawLinks(
  L: AsLayout,
  g: G,
  axis: AddressAxis,
  x: d3.ScaleLinear<number, number>,
  sel: Linked | undefined,
  hov: Linked | undefined,
  width: number,
): void {
  const items: { key: string; x0: number; x1: number; kind: 'sel' | 'hover' }[] = [];
  const add = (l: Linked | undefined, kind: 'sel' | 'hover') => {
    l?.ranges.forEach(([a, b], i) => {
      const x0 = x(axis.toU(a));
      const x1 = x(axis.toU(b));
      if (x1 < 0 || x0 > width) return;
      const mid = (x0 + x1) / 2;
      const w = Math.max(3, x1 - x0);
      items.push({ key: `${kind}${i}`, x0: mid - w / 2, x1: mid + w / 2, kind });
    });
  };
  add(hov, 'hover');
  add(sel, 'sel');
  g.attr('pointer-events', 'none');
  g.selectAll('path')
    .data(items, (d) => (d as (typeof items)[number]).key)
    .join('path')
    .attr(
      'd',
      (d) =>
        rectPath(d.x0 - 1, BLOCK_Y - 3, d.x1 - d.x0 + 2, L.blockH + 6) +
        `M${r2((d.x0 + d.x1) / 2 - 4)},${BLOCK_Y - 9}h8l-4,5z`,
    )
    .attr('fill', 'none')
    .attr('stroke-width', (d) => (d.kind === 'sel' ? 1.5 : 1))
    .attr('stroke-dasharray', (d) => (d.kind === 'sel' ? null : '2 2'))
    .style('stroke', (d) => (d.kind === 'sel' ? cssVar('selection') : cssVar('hover')));
}

function drawAddresses(
  L: AsLayout,
  g: G,
  model: AddressSpaceModel,
  axis: AddressAxis,
  x: d3.ScaleLinear<number, number>,
  width: number,
): void {
  // Start of every VMA and end of every VMA not followed by another; left to right, a label
  // that would overlap the previous one is dropped (its value is in the block's hover title).
  const cands: { addr: number; anchor: 'start' | 'end' }[] = [];
  const vmas = model.vmas.filter((v) => v.start < model.top);
  vmas.forEach((v, i) => {
    cands.push({ addr: v.start, anchor: 'start' });
    const next = vmas[i + 1];
    if (!next || next.start !== v.end) cands.push({ addr: v.end, anchor: 'end' });
  });
  cands.push({ addr: model.top, anchor: 'start' });
  // Zoomed in: page addresses inside the VMAs, every 2^k pages so that labels do not touch.
  const fs = 10;
  const labelW = textWidth(hex(0), fs) + 16;
  for (const s of axis.segments) {
    if (s.kind !== 'vma') continue;
    const x0 = x(s.u0);
    const x1 = x(s.u1);
    if (x1 < 0 || x0 > width) continue;
    const pagePx = (x1 - x0) / ((s.end - s.start) / PAGE_SIZE);
    if (pagePx * 512 < labelW) continue;
    let step = 1;
    while (step * pagePx < labelW) step *= 2;
    const first = Math.max(1, Math.ceil(((Math.max(0, -x0) / pagePx) | 0) / step) * step);
    for (let i = first; s.start + i * PAGE_SIZE < s.end; i += step) {
      const px = x0 + i * pagePx;
      if (px > width) break;
      cands.push({ addr: s.start + i * PAGE_SIZE, anchor: 'start' });
    }
  }
  cands.sort((a, b) => a.addr - b.addr);
  const placed: { addr: number; x: number; anchor: 'start' | 'end' }[] = [];
  let right = -Infinity;
  for (const c of cands) {
    const px = x(axis.toU(c.addr));
    const w = textWidth(hex(c.addr), fs);
    const l = c.anchor === 'start' ? px : px - w;
    if (l < right + 6 || l < 0 || l + w > width) continue;
    placed.push({ addr: c.addr, x: px, anchor: c.anchor });
    right = l + w;
  }
  const t = g
    .selectAll<SVGGElement, (typeof placed)[number]>('g.addr')
    .data(placed, (d) => String(d.addr))
    .join((enter) => {
      const e = enter.append('g').attr('class', 'addr');
      e.append('line');
      e.append('text');
      return e;
    })
    .attr('transform', (d) => `translate(${r2(d.x)},0)`);
  t.select('line')
    .attr('y1', BLOCK_Y + L.blockH)
    .attr('y2', L.addrY - 9)
    .style('stroke', cssVar('faint'));
  t.select('text')
    .attr('y', L.addrY)
    .attr('font-size', fs)
    .attr('text-anchor', (d) => d.anchor)
    .style('fill', cssVar('muted'))
    .text((d) => hex(d.addr));
  setTitle(t, (d) => `${hex(d.addr)} = ${count(d.addr)}`);
}

function drawNames(
  L: AsLayout,
  g: G,
  model: AddressSpaceModel,
  axis: AddressAxis,
  x: d3.ScaleLinear<number, number>,
  width: number,
): void {
  const fs = 10;
  const all = [...model.names, { name: 'top', addr: model.top }]
    .filter((n, i, arr) => arr.findIndex((m) => m.name === n.name) === i)
    .sort((a, b) => a.addr - b.addr || a.name.localeCompare(b.name));
  const placed: { name: string; addr: number; x: number }[] = [];
  let right = -Infinity;
  for (const n of all) {
    const px = x(axis.toU(n.addr));
    const w = textWidth(n.name, fs) + 8;
    if (px < 0 || px > width) continue;
    const l = Math.max(px, right + 4);
    if (l + w > width) continue;
    placed.push({ ...n, x: l });
    right = l + w;
  }
  const sel = g
    .selectAll<SVGGElement, (typeof placed)[number]>('g.name')
    .data(placed, (d) => d.name)
    .join((enter) => {
      const e = enter.append('g').attr('class', 'name');
      e.append('path');
      e.append('text');
      return e;
    });
  sel
    .select('path')
    .attr('d', (d) => {
      const px = x(axis.toU(d.addr));
      return `M${r2(px)},${L.nameY - 8}l-3,-4h6z`;
    })
    .style('fill', cssVar('fg'));
  sel
    .select('text')
    .attr('x', (d) => r2(d.x + 4))
    .attr('y', L.nameY)
    .attr('font-size', fs)
    .style('fill', cssVar('fg'))
    .text((d) => d.name);
  setTitle(sel, (d) => `${d.name} = ${hex(d.addr)}`);
}

function drawFooter(
  g: G,
  model: AddressSpaceModel,
  opts: AddressSpaceOptions,
  width: number,
  height: number,
  token: number,
  st: AsState,
): void {
  clear(g);
  const y = height - 8;
  // Legend: one swatch per backing in use.
  let lx = MX;
  for (const b of model.backings) {
    const w = textWidth(b.label, 10) + 16;
    if (lx + w > width / 2) break;
    g.append('rect')
      .attr('x', lx)
      .attr('y', y - 8)
      .attr('width', 9)
      .attr('height', 9)
      .style('fill', b.color);
    g.append('text')
      .attr('x', lx + 12)
      .attr('y', y)
      .attr('font-size', 10)
      .style('fill', cssVar('muted'))
      .text(b.label);
    lx += w + 6;
  }
  const s = summarize(opts.effects);
  const text = s.hasMove ? moveCounterText(s) : changeCounterText(s);
  if (!text) return;
  const t = g
    .append('text')
    .attr('class', 'counter')
    .attr('x', width - MX)
    .attr('y', y)
    .attr('text-anchor', 'end')
    .attr('font-size', 11)
    .style('fill', cssVar('fg'))
    .text(text);
  setTitle(t, () => `this step: ${text}`);
  if (opts.durationMs > 0 && s.hasMove) {
    // Count up while the entries travel.
    t.text(moveCounterText(s, 0))
      .transition()
      .duration(opts.durationMs)
      .ease(d3.easeLinear)
      .tween('text', function () {
        const node = this as SVGTextElement;
        return (p: number) => {
          if (st.token === token) node.textContent = moveCounterText(s, p);
        };
      });
  }
}

/** mremap's vma.move records, keyed by the id of the new VMA. */
function vmaMoves(effects: readonly Effect[]): Map<number, VmaRecord> {
  const out = new Map<number, VmaRecord>();
  for (const e of effects) if (e.type === 'vma.move') out.set(e.after.id, e.before);
  return out;
}

/** A short flash over ranges whose entries were set or cleared (faults, fills, zaps). */
function drawEntryPulses(
  L: AsLayout,
  g: G,
  opts: AddressSpaceOptions,
  axis: AddressAxis,
  x: d3.ScaleLinear<number, number>,
): void {
  const items: { x: number; w: number; set: boolean }[] = [];
  for (const e of opts.effects) {
    if (e.type !== 'entries.set' && e.type !== 'entries.clear') continue;
    if (e.cause === 'mremap') continue;
    const x0 = x(axis.toU(e.addr));
    const x1 = x(axis.toU(e.addr + e.pages * PAGE_SIZE));
    if (x1 < 0 || x0 > opts.width) continue;
    items.push({ x: x0, w: Math.max(2, x1 - x0), set: e.type === 'entries.set' });
  }
  g.attr('pointer-events', 'none');
  g.selectAll('rect')
    .data(items.slice(0, 200))
    .join('rect')
    .attr('x', (d) => r2(d.x))
    .attr('y', BLOCK_Y - 2)
    .attr('width', (d) => r2(d.w))
    .attr('height', L.blockH + 4)
    .attr('fill', 'none')
    .attr('stroke-width', 2)
    .style('stroke', cssVar('fg'))
    .style('opacity', 0.9)
    .transition()
    .duration(opts.durationMs)
    .ease(d3.easeCubicOut)
    .style('opacity', 0)
    .remove();
}
