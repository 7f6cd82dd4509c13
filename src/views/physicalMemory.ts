/**
 * The physical-memory view: the frames the simulated machine has handed out, grouped the way a
 * reader thinks about them: the shared zero page, anonymous frames by PFN, and each shmem inode's
 * page cache by page index (its i_size marked), so that after MREMAP_DONTUNMAP on a memfd the
 * cache visibly keeps its pages while nothing maps them, and a later touch maps them back.
 *
 * A frame is solid in its backing's colour while something maps it, hollow when only the page
 * cache holds it; a dot marks mapcount > 1 (shared after fork, CoW pending). When a group has
 * more frames than cells fit, a cell stands for a run of frames and shows the mapped share as a
 * bar, so 262,144 frames stay a few hundred path commands.
 */
import * as d3 from 'd3';
import { PAGE_SIZE } from '../core/addr';
import type { Effect } from '../core/effects';
import {
  clear,
  fitText,
  hideTooltip,
  layer,
  prepareSvg,
  rectPath,
  rootState,
  setPathData,
  sameSelection,
  setTitle,
  showTooltip,
  textWidth,
  type G,
  clickableBackground,
} from './common';
import { count, shortHex, size } from './format';
import type { FrameGroupModel, Highlight, Linked, PhysicalModel, ViewOptions } from './models';
import { changeCounterText, summarize } from './motion';
import { cssVar, ZERO_COLOR } from './palette';

export type PhysicalMemoryOptions = ViewOptions & {
  /** Rows of cells a group may use before its cells aggregate runs of frames. */
  readonly maxRows?: number;
};

const MX = 10;
const GUTTER = 78;
const HEAD_H = 20;
const GROUP_GAP = 10;

interface GroupLayout {
  readonly group: FrameGroupModel;
  readonly y: number;
  readonly c: number;
  readonly cols: number;
  readonly rows: number;
  /** Frames per cell (1 unless aggregated). */
  readonly per: number;
  readonly cells: number;
}

interface PmState {
  token: number;
  opts: PhysicalMemoryOptions | null;
}

/**
 * Redraw the marks of what the selection and the hover link to, and nothing else: a pulse in
 * flight keeps fading.
 */
export function highlightPhysicalMemory(root: SVGSVGElement, h: Highlight): void {
  const st = states.get(root);
  if (!st?.opts) return;
  st.opts = { ...st.opts, ...h };
  const opts = st.opts;
  d3.select(root)
    .select(':scope > g.groups')
    .selectAll<SVGGElement, GroupLayout>('g.group')
    .each(function (l) {
      drawMarks(d3.select(this).select<SVGGElement>('g.marks'), l, opts);
    });
}

const states = new WeakMap<Element, PmState>();

function layoutGroups(model: PhysicalModel, width: number, maxRows: number): GroupLayout[] {
  const out: GroupLayout[] = [];
  let y = 22;
  const avail = Math.max(40, width - 2 * MX - GUTTER);
  for (const g of model.groups) {
    const n = Math.max(1, g.count);
    // Big cells for a few frames, small ones for many.
    const c = n <= 64 ? 14 : n <= 1024 ? 10 : 7;
    const cols = Math.max(8, Math.floor(avail / c));
    let per = 1;
    while (Math.ceil(n / per / cols) > maxRows) per *= 2;
    const cells = Math.ceil(n / per);
    const rows = Math.max(1, Math.ceil(cells / cols));
    out.push({ group: g, y, c, cols, rows, per, cells });
    y += HEAD_H + rows * c + GROUP_GAP;
  }
  return out;
}

export function renderPhysicalMemory(
  root: SVGSVGElement,
  model: PhysicalModel,
  opts: PhysicalMemoryOptions,
): void {
  const st = rootState(states, root, () => ({ token: 0, opts: null }));
  const token = ++st.token;
  st.opts = opts;
  const layouts = layoutGroups(model, opts.width, opts.maxRows ?? 12);
  const last = layouts[layouts.length - 1];
  const needed = last ? last.y + HEAD_H + last.rows * last.c + GROUP_GAP : 40;
  const height = Math.max(opts.height, needed);
  const svg = prepareSvg(root, opts.width, height, 'Physical memory');
  const backings = new Map(model.backings.map((b) => [b.key, b]));

  const bg = layer(svg, 'bg');
  const head = layer(svg, 'head');
  const groupsG = layer(svg, 'groups');
  const pulses = layer(svg, 'pulses');
  layer(svg, 'tooltip');

  clickableBackground(bg, opts.width, height, opts.onSelect);

  clear(head);
  const s = summarize(opts.effects);
  const counter = changeCounterText({
    ...s,
    pagesSet: 0,
    pagesCleared: 0,
    tablesAlloc: 0,
    tablesFree: 0,
  });
  const totalFrames = model.groups.reduce(
    (sum, g) => sum + (g.kind === 'cache' ? countPresent(g) : g.kind === 'zero' ? 0 : g.count),
    0,
  );
  const summary = head
    .append('text')
    .attr('x', MX)
    .attr('y', 12)
    .style('fill', cssVar('muted'))
    .text(`${count(totalFrames)} frames in use (${size(totalFrames * PAGE_SIZE)})`);
  setTitle(
    summary,
    () =>
      `${count(totalFrames)} frames = ${count(totalFrames * PAGE_SIZE)} bytes, zero page not counted`,
  );
  if (counter) {
    const t = head
      .append('text')
      .attr('class', 'counter')
      .attr('x', opts.width - MX)
      .attr('y', 12)
      .attr('text-anchor', 'end')
      .style('fill', cssVar('fg'))
      .text(counter);
    setTitle(t, () => `this step: ${counter}`);
  }

  const groups = groupsG
    .selectAll<SVGGElement, GroupLayout>('g.group')
    .data(layouts, (l) => l.group.id)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'group');
      g.append('g').attr('class', 'ghead');
      g.append('g').attr('class', 'gutter');
      g.append('g').attr('class', 'cells');
      g.append('g').attr('class', 'marks');
      return g;
    })
    .attr('transform', (l) => `translate(${MX},${l.y})`);

  groups.each(function (l) {
    const g = d3.select(this);
    const color =
      l.group.backing === null ? ZERO_COLOR : (backings.get(l.group.backing)?.color ?? ZERO_COLOR);
    drawGroupHead(g.select<SVGGElement>('g.ghead'), l, color, opts.width);
    drawGutter(g.select<SVGGElement>('g.gutter'), l);
    drawCells(g.select<SVGGElement>('g.cells'), l, color);
    drawMarks(g.select<SVGGElement>('g.marks'), l, opts);
  });

  groups
    .on('pointermove', function (event: PointerEvent, l) {
      const idx = cellAt(this, event, l);
      const [mx, my] = d3.pointer(event, root);
      if (idx === null) {
        hideTooltip(svg);
        return;
      }
      showTooltip(svg, mx, my, cellTooltip(l, idx), opts.width, height);
      const pfn = cellPfn(l, idx);
      const next = pfn === null ? null : ({ kind: 'frame', pfn } as const);
      if (!sameSelection(next, st.opts?.hover ?? null)) st.opts?.onHover?.(next);
    })
    .on('pointerleave', () => {
      hideTooltip(svg);
      st.opts?.onHover?.(null);
    })
    .on('click', function (event: MouseEvent, l) {
      event.stopPropagation();
      const idx = cellAt(this, event, l);
      const pfn = idx === null ? null : cellPfn(l, idx);
      st.opts?.onSelect?.(pfn === null ? null : { kind: 'frame', pfn });
    });

  clear(pulses);
  if (opts.durationMs > 0) drawPulses(pulses, layouts, opts.effects, opts.durationMs, st, token);
}

/** Frames present and mapped in a group: one pass per group model (a GiB is 262,144). */
const groupCounts = new WeakMap<FrameGroupModel, { present: number; mapped: number }>();
function counts(g: FrameGroupModel): { present: number; mapped: number } {
  let c = groupCounts.get(g);
  if (!c) {
    let present = 0;
    let mapped = 0;
    const pfn = g.pfn;
    const mapcount = g.mapcount;
    for (let i = 0; i < g.count; i++) {
      if (pfn[i]! < 0) continue;
      present++;
      if (mapcount[i]! > 0) mapped++;
    }
    groupCounts.set(g, (c = { present, mapped }));
  }
  return c;
}

function countPresent(g: FrameGroupModel): number {
  return counts(g).present;
}

function countMapped(g: FrameGroupModel): number {
  return counts(g).mapped;
}

function drawGroupHead(
  g: d3.Selection<SVGGElement, unknown, null, undefined>,
  l: GroupLayout,
  color: string,
  width: number,
): void {
  clear(g as unknown as G);
  const grp = l.group;
  g.append('rect')
    .attr('x', 0)
    .attr('y', 5)
    .attr('width', 9)
    .attr('height', 9)
    .style('fill', color);
  const present = grp.kind === 'cache' ? countPresent(grp) : grp.count;
  const mapped = countMapped(grp);
  let detail: string;
  if (grp.kind === 'zero') {
    const users = grp.mapcount.reduce((a, b) => a + b, 0);
    detail = `shared by ${count(users)} entr${users === 1 ? 'y' : 'ies'}`;
  } else if (grp.kind === 'cache') {
    detail =
      `page cache: ${count(present)} page${present === 1 ? '' : 's'} cached, ${count(mapped)} mapped` +
      (grp.sizePages !== null ? ` · i_size ${size(grp.sizePages * PAGE_SIZE)}` : '');
  } else {
    detail = `${count(present)} frame${present === 1 ? '' : 's'}, ${count(mapped)} mapped`;
  }
  const agg = l.per > 1 ? ` · 1 cell = ${count(l.per)} frames` : '';
  const t = g.append('text').attr('x', 14).attr('y', 13).style('fill', cssVar('fg'));
  t.append('tspan').attr('font-weight', 700).text(grp.label);
  t.append('tspan')
    .style('fill', cssVar('muted'))
    .text(fitText(`  ${detail}${agg}`, width - 2 * MX - 14 - textWidth(grp.label, 11), 11));
  setTitle(t, () => `${grp.label}: ${detail}${agg}`);
}

function drawGutter(g: d3.Selection<SVGGElement, unknown, null, undefined>, l: GroupLayout): void {
  // The first frame (PFN) or page index of each row, so positions can be read off.
  const rows: { y: number; label: string; title: string }[] = [];
  const step = l.c < 10 ? Math.ceil(12 / l.c) : 1;
  for (let r = 0; r < l.rows; r += step) {
    const first = r * l.cols * l.per;
    if (first >= l.group.count) break;
    const isCache = l.group.kind === 'cache';
    const value = isCache ? first : l.group.pfn[first]!;
    rows.push({
      y: HEAD_H + r * l.c + Math.min(l.c, 12) - 2,
      label: isCache ? `idx ${first}` : `pfn ${shortHex(value)}`,
      title: isCache
        ? `page index ${count(first)} (offset ${count(first * PAGE_SIZE)})`
        : `pfn ${shortHex(value)} = ${count(value)}`,
    });
  }
  const sel = g
    .selectAll<SVGTextElement, (typeof rows)[number]>('text')
    .data(rows)
    .join('text')
    .attr('x', GUTTER - 6)
    .attr('y', (d) => d.y)
    .attr('text-anchor', 'end')
    .attr('font-size', 9)
    .style('fill', cssVar('muted'))
    .text((d) => fitText(d.label, GUTTER - 8, 9));
  setTitle(sel, (d) => d.title);
}

function cellXY(l: GroupLayout, idx: number): [number, number] {
  return [GUTTER + (idx % l.cols) * l.c, HEAD_H + Math.floor(idx / l.cols) * l.c];
}

function drawCells(
  g: d3.Selection<SVGGElement, unknown, null, undefined>,
  l: GroupLayout,
  color: string,
): void {
  const grp = l.group;
  const cs = l.c - 1;
  let solid = '';
  let hollow = '';
  let empty = '';
  let dots = '';
  let beyond = '';
  let bars = '';
  for (let i = 0; i < l.cells; i++) {
    const [x, y] = cellXY(l, i);
    if (l.per === 1) {
      const p = grp.pfn[i]!;
      const past = grp.sizePages !== null && i >= grp.sizePages;
      if (p < 0) {
        if (past) beyond += rectPath(x, y, cs, cs);
        else empty += rectPath(x, y, cs, cs);
        continue;
      }
      const m = grp.mapcount[i]!;
      if (m > 0) solid += rectPath(x, y, cs, cs);
      else hollow += rectPath(x + 0.5, y + 0.5, cs - 1, cs - 1);
      if (m > 1 && grp.kind !== 'zero') {
        const s = Math.max(2, Math.floor(cs / 3));
        dots += rectPath(x + (cs - s) / 2, y + (cs - s) / 2, s, s);
      }
    } else {
      // Aggregated: a tint for the run, a bar for the share of it that is mapped.
      const from = i * l.per;
      const to = Math.min(grp.count, from + l.per);
      let present = 0;
      let mapped = 0;
      for (let k = from; k < to; k++) {
        if (grp.pfn[k]! >= 0) {
          present++;
          if (grp.mapcount[k]! > 0) mapped++;
        }
      }
      if (present === 0) {
        empty += rectPath(x, y, cs, cs);
        continue;
      }
      hollow += rectPath(x + 0.5, y + 0.5, cs - 1, cs - 1);
      const h = (mapped / (to - from)) * cs;
      if (h > 0) bars += rectPath(x, y + cs - h, cs, h);
    }
  }
  const paths = [
    { key: 'empty', d: empty, fill: cssVar('empty'), stroke: null as string | null, fo: 1 },
    { key: 'beyond', d: beyond, fill: 'none', stroke: cssVar('grid'), fo: 1 },
    { key: 'hollow', d: hollow, fill: color, stroke: color, fo: 0.15 },
    { key: 'solid', d: solid, fill: color, stroke: null, fo: 1 },
    { key: 'bars', d: bars, fill: color, stroke: null, fo: 1 },
    { key: 'dots', d: dots, fill: cssVar('fg'), stroke: null, fo: 1 },
  ].filter((p) => p.d !== '');
  g.selectAll<SVGPathElement, (typeof paths)[number]>('path')
    .data(paths, (p) => p.key)
    .join('path')
    .each(setPathData)
    .style('fill', (p) => p.fill)
    .style('fill-opacity', (p) => p.fo)
    .style('stroke', (p) => p.stroke)
    .attr('stroke-width', (p) => (p.stroke ? 1 : null));
}

/** Frame runs merged and sorted, for binary search: [start, end) pairs. */
interface RunSet {
  readonly starts: Float64Array;
  readonly ends: Float64Array;
}

function runSet(runs: readonly (readonly [number, number])[]): RunSet {
  const sorted = runs.filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const starts: number[] = [];
  const ends: number[] = [];
  for (const [f, n] of sorted) {
    const last = ends.length - 1;
    if (last >= 0 && f <= ends[last]!) ends[last] = Math.max(ends[last]!, f + n);
    else {
      starts.push(f);
      ends.push(f + n);
    }
  }
  return { starts: Float64Array.from(starts), ends: Float64Array.from(ends) };
}

function inRuns(rs: RunSet, p: number): boolean {
  let lo = 0;
  let hi = rs.starts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (p < rs.starts[mid]!) hi = mid - 1;
    else if (p >= rs.ends[mid]!) lo = mid + 1;
    else return true;
  }
  return false;
}

function cellMatches(l: GroupLayout, idx: number, rs: RunSet): boolean {
  if (rs.starts.length === 0) return false;
  const from = idx * l.per;
  const to = Math.min(l.group.count, from + l.per);
  for (let k = from; k < to; k++) {
    const p = l.group.pfn[k]!;
    if (p >= 0 && inRuns(rs, p)) return true;
  }
  return false;
}

function drawMarks(
  g: d3.Selection<SVGGElement, unknown, null, undefined>,
  l: GroupLayout,
  opts: Highlight,
): void {
  const marks = (sel: typeof opts.selection, links: Linked | undefined): string => {
    const runs: (readonly [number, number])[] = [...(links?.frames ?? [])];
    if (sel?.kind === 'frame') runs.push([sel.pfn, 1]);
    if (runs.length === 0) return '';
    const rs = runSet(runs);
    let d = '';
    for (let i = 0; i < l.cells; i++) {
      if (!cellMatches(l, i, rs)) continue;
      const [x, y] = cellXY(l, i);
      d += rectPath(x - 1, y - 1, l.c + 1, l.c + 1);
    }
    return d;
  };
  const data = [
    { key: 'hover', d: marks(opts.hover, opts.hoverLinks), sel: false },
    { key: 'sel', d: marks(opts.selection, opts.selectionLinks), sel: true },
  ].filter((m) => m.d !== '');
  g.attr('pointer-events', 'none')
    .selectAll<SVGPathElement, (typeof data)[number]>('path')
    .data(data, (m) => m.key)
    .join('path')
    .attr('d', (m) => m.d)
    .attr('fill', 'none')
    .attr('stroke-width', (m) => (m.sel ? 1.5 : 1))
    .attr('stroke-dasharray', (m) => (m.sel ? null : '2 1'))
    .style('stroke', (m) => (m.sel ? cssVar('selection') : cssVar('hover')));
}

function cellAt(el: SVGGElement, event: MouseEvent, l: GroupLayout): number | null {
  const [px, py] = d3.pointer(event, el);
  const col = Math.floor((px - GUTTER) / l.c);
  const row = Math.floor((py - HEAD_H) / l.c);
  if (col < 0 || col >= l.cols || row < 0 || row >= l.rows) return null;
  const idx = row * l.cols + col;
  return idx < l.cells ? idx : null;
}

function cellPfn(l: GroupLayout, idx: number): number | null {
  const from = idx * l.per;
  const to = Math.min(l.group.count, from + l.per);
  for (let k = from; k < to; k++) if (l.group.pfn[k]! >= 0) return l.group.pfn[k]!;
  return null;
}

function cellTooltip(l: GroupLayout, idx: number): string[] {
  const grp = l.group;
  if (l.per > 1) {
    const from = idx * l.per;
    const to = Math.min(grp.count, from + l.per);
    let present = 0;
    let mapped = 0;
    for (let k = from; k < to; k++) {
      if (grp.pfn[k]! >= 0) present++;
      if (grp.mapcount[k]! > 0) mapped++;
    }
    const first = grp.pfn[from]!;
    return [
      grp.kind === 'cache'
        ? `page index ${count(from)}..${count(to - 1)}`
        : `frames ${count(from)}..${count(to - 1)} of ${count(grp.count)}, from pfn ${shortHex(first)}`,
      `${count(present)} present, ${count(mapped)} mapped`,
    ];
  }
  const p = grp.pfn[idx]!;
  const lines: string[] = [];
  if (grp.kind === 'cache')
    lines.push(`${grp.label} page index ${count(idx)} (offset ${shortHex(idx * PAGE_SIZE)})`);
  if (p < 0) {
    lines.push(
      grp.sizePages !== null && idx >= grp.sizePages ? 'beyond i_size' : 'not in the page cache',
    );
    return lines;
  }
  lines.push(
    `pfn ${shortHex(p)} (${count(p)})  ${grp.kind === 'zero' ? 'the zero page' : grp.label}`,
  );
  lines.push(`mapcount ${grp.mapcount[idx]}  refcount ${grp.refcount[idx]}`);
  if (grp.kind === 'cache' && grp.mapcount[idx] === 0) lines.push('cached, mapped by nothing');
  return lines;
}

/** Frames the step allocated, freed or put in the cache: a short outline flash where they are. */
function drawPulses(
  g: G,
  layouts: readonly GroupLayout[],
  effects: readonly Effect[],
  dur: number,
  st: PmState,
  token: number,
): void {
  const runs: [number, number][] = [];
  const cacheRuns: { inode: number; index: number; count: number }[] = [];
  for (const e of effects) {
    if (e.type === 'frames.alloc') runs.push([e.pfn, e.count]);
    if (e.type === 'cache.insert' || e.type === 'cache.remove')
      cacheRuns.push({ inode: e.inode, index: e.index, count: e.count });
    if (
      e.type === 'entries.set' &&
      e.entry !== 'zero' &&
      e.entry !== 'huge-zero' &&
      !e.entry.startsWith('marker')
    )
      runs.push([e.pfn, e.pages]);
  }
  if (runs.length === 0 && cacheRuns.length === 0) return;
  const rs = runSet(runs);
  let d = '';
  let n = 0;
  for (const l of layouts) {
    for (let i = 0; i < l.cells && n < 4096; i++) {
      let hit = cellMatches(l, i, rs);
      if (!hit && l.group.kind === 'cache') {
        const from = i * l.per;
        const to = from + l.per;
        hit = cacheRuns.some(
          (c) => l.group.id === `cache:${c.inode}` && c.index < to && from < c.index + c.count,
        );
      }
      if (!hit) continue;
      const [x, y] = cellXY(l, i);
      d += rectPath(MX + x - 1.5, l.y + y - 1.5, l.c + 2, l.c + 2);
      n++;
    }
  }
  if (!d) return;
  g.attr('pointer-events', 'none')
    .append('path')
    .attr('d', d)
    .attr('fill', 'none')
    .attr('stroke-width', 1.5)
    .style('stroke', cssVar('fg'))
    .transition()
    .duration(dur)
    .ease(d3.easeCubicIn)
    .style('opacity', 0)
    .remove()
    .on('interrupt', function () {
      if (st.token !== token) d3.select(this).remove();
    });
}
