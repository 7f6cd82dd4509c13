/**
 * The userfaultfd view: each uffd with its features, registered ranges and modes and its message
 * queue (oldest first, as `read(uffd)` pops them), then one lane per CPU thread over the steps
 * of the timeline: idle, finished, blocked in a userfault at an address, or stopped by a signal.
 * Messages slide into the queue when an event is raised and out when read; a thread's lane grows
 * by one step per step. With no uffd it says so, and shows only the lanes.
 */
import * as d3 from 'd3';
import {
  clear,
  fitText,
  hideTooltip,
  layer,
  prepareSvg,
  r2,
  rootState,
  setTitle,
  showTooltip,
  textWidth,
  type G,
  type Svg,
  clickableBackground,
} from './common';
import { count, hex, range, size } from './format';
import {
  LANE_STEPS,
  type Highlight,
  type ThreadLaneCell,
  type ThreadModel,
  type ThreadState,
  type UffdContextModel,
  type UffdModel,
  type ViewOptions,
} from './models';
import { ALERT_COLOR, cssVar, ZERO_COLOR } from './palette';

export type UffdOptions = ViewOptions;

const MX = 10;
const LINE = 16;
const NAME_W = 64;
const STATE_W = 200;
const MSG_H = 18;

interface UfState {
  token: number;
  opts: UffdOptions | null;
}
const states = new WeakMap<Element, UfState>();

const STATE_TEXT: Record<ThreadState, string> = {
  idle: 'idle',
  running: 'running',
  blocked: 'blocked',
  done: 'finished',
  sigbus: 'SIGBUS',
  sigsegv: 'SIGSEGV',
};

interface CtxLayout {
  readonly ctx: UffdContextModel;
  readonly y: number;
  readonly h: number;
}

export function renderUffd(root: SVGSVGElement, model: UffdModel, opts: UffdOptions): void {
  const st = rootState<UfState>(states, root, () => ({ token: 0, opts: null }));
  st.token++;
  st.opts = opts;
  const animate = opts.durationMs > 0;
  const backings = new Map(model.backings.map((b) => [b.key, b]));

  // Vertical layout: contexts, then lanes.
  const ctxLayouts: CtxLayout[] = [];
  let y = 6;
  for (const ctx of model.contexts) {
    const h = LINE * (1 + Math.max(1, ctx.ranges.length)) + MSG_H + 16;
    ctxLayouts.push({ ctx, y, h });
    y += h + 8;
  }
  if (model.contexts.length === 0) y += 26;
  const lanesY = y + 8;
  const height = Math.max(opts.height, lanesY + 22 + model.threads.length * LINE + 22);
  const svg = prepareSvg(root, opts.width, height, 'Userfaultfd');

  const bg = layer(svg, 'bg');
  const ctxG = layer(svg, 'contexts');
  const lanesG = layer(svg, 'lanes');
  layer(svg, 'tooltip');
  clickableBackground(bg, opts.width, height, opts.onSelect);

  // "no userfaultfd" when there is none.
  ctxG
    .selectAll('text.none')
    .data(model.contexts.length === 0 ? [0] : [])
    .join('text')
    .attr('class', 'none')
    .attr('x', MX)
    .attr('y', 22)
    .style('fill', cssVar('muted'))
    .text('no userfaultfd');

  const cards = ctxG
    .selectAll<SVGGElement, CtxLayout>('g.ctx')
    .data(ctxLayouts, (l) => String(l.ctx.fd))
    .join((enter) => {
      const g = enter.append('g').attr('class', 'ctx');
      g.append('rect').attr('class', 'box');
      g.append('g').attr('class', 'info');
      g.append('g').attr('class', 'queue');
      return g;
    })
    .attr('transform', (l) => `translate(${MX},${l.y})`)
    .on('click', (event: MouseEvent, l) => {
      event.stopPropagation();
      opts.onSelect?.({ kind: 'uffd', fd: l.ctx.fd });
    })
    .on('pointerenter', (_e, l) => opts.onHover?.({ kind: 'uffd', fd: l.ctx.fd }))
    .on('pointerleave', () => opts.onHover?.(null));

  cards.each(function (l) {
    const g = d3.select(this);
    g.select('rect.box')
      .attr('width', opts.width - 2 * MX)
      .attr('height', l.h)
      .attr('rx', 3)
      .style('fill', cssVar('panel'));
    cardHighlight(g, l, opts);
    drawInfo(g.select<SVGGElement>('g.info'), l, opts.width - 2 * MX, backings);
    drawQueue(g.select<SVGGElement>('g.queue'), l, opts.width - 2 * MX, animate, opts.durationMs);
  });

  drawLanes(lanesG, model, lanesY, opts, animate, svg, height);
}

/** A uffd card's outline: selected, hovered or neither. */
function cardHighlight(
  g: d3.Selection<SVGGElement, unknown, null, undefined>,
  l: CtxLayout,
  opts: Highlight,
): void {
  const selected = opts.selection?.kind === 'uffd' && opts.selection.fd === l.ctx.fd;
  const hovered = opts.hover?.kind === 'uffd' && opts.hover.fd === l.ctx.fd;
  g.select('rect.box')
    .style('stroke', selected ? cssVar('selection') : hovered ? cssVar('hover') : cssVar('grid'))
    .attr('stroke-width', selected ? 2 : 1);
}

/**
 * Redraw what the selection and the hover show (card outlines, the selected thread's row), and
 * nothing else: messages in flight keep moving.
 */
export function highlightUffd(root: SVGSVGElement, h: Highlight): void {
  const st = states.get(root);
  if (!st?.opts) return;
  st.opts = { ...st.opts, ...h };
  const opts = st.opts;
  const svg = d3.select(root);
  svg
    .select(':scope > g.contexts')
    .selectAll<SVGGElement, CtxLayout>('g.ctx')
    .each(function (l) {
      cardHighlight(d3.select(this), l, opts);
    });
  highlightLanes(svg.select<SVGGElement>(':scope > g.lanes') as unknown as G, opts);
}

function drawInfo(
  g: d3.Selection<SVGGElement, unknown, null, undefined>,
  l: CtxLayout,
  width: number,
  backings: Map<string, { color: string; label: string }>,
): void {
  clear(g as unknown as G);
  const { ctx } = l;
  const title = g.append('text').attr('x', 8).attr('y', 14).style('fill', cssVar('fg'));
  title.append('tspan').attr('font-weight', 700).text(`uffd fd ${ctx.fd}`);
  const feats = ctx.ready
    ? ctx.features.length > 0
      ? `  features ${ctx.features.join('|')}`
      : '  features 0'
    : '  UFFDIO_API not done yet';
  title
    .append('tspan')
    .style('fill', cssVar('muted'))
    .text(fitText(feats, width - 16 - textWidth(`uffd fd ${ctx.fd}`, 11), 11));
  setTitle(title, () =>
    ctx.ready
      ? `UFFD_FEATURE_${ctx.features.join(' | UFFD_FEATURE_') || '0'}`
      : 'UFFDIO_API not done',
  );
  if (ctx.ranges.length === 0) {
    g.append('text')
      .attr('x', 8)
      .attr('y', 14 + LINE)
      .attr('font-size', 10)
      .style('fill', cssVar('muted'))
      .text('no registered range');
  }
  ctx.ranges.forEach((r, i) => {
    const yy = 14 + LINE * (i + 1);
    const color = backings.get(r.backing)?.color ?? ZERO_COLOR;
    g.append('rect')
      .attr('x', 8)
      .attr('y', yy - 9)
      .attr('width', 9)
      .attr('height', 9)
      .style('fill', color);
    const t = g
      .append('text')
      .attr('x', 22)
      .attr('y', yy)
      .attr('font-size', 10)
      .style('fill', cssVar('fg'))
      .text(`${range(r.start, r.end)} ${size(r.end - r.start).padStart(5)}  ${r.modes.join('|')}`);
    setTitle(
      t,
      () =>
        `registered ${range(r.start, r.end)} (${count(r.end - r.start)} bytes): UFFDIO_REGISTER_MODE_${r.modes.join(' | UFFDIO_REGISTER_MODE_')}`,
    );
  });
}

function drawQueue(
  g: d3.Selection<SVGGElement, unknown, null, undefined>,
  l: CtxLayout,
  width: number,
  animate: boolean,
  dur: number,
): void {
  const qy = l.h - MSG_H - 6;
  g.attr('transform', `translate(8,${qy})`);
  const label = `queue (${l.ctx.queue.length})`;
  g.selectAll('text.qlabel')
    .data([label])
    .join('text')
    .attr('class', 'qlabel')
    .attr('y', 12)
    .attr('font-size', 10)
    .style('fill', cssVar('muted'))
    .text((d) => d);
  const x0 = 80;
  const fs = 10;
  let x = x0;
  const placed: { key: string; text: string; x: number; w: number }[] = [];
  let hidden = 0;
  for (const m of l.ctx.queue) {
    const w = textWidth(m.text, fs) + 12;
    if (x + w > width - 16) {
      hidden++;
      continue;
    }
    placed.push({ key: m.key, text: m.text, x, w });
    x += w + 6;
  }
  const msgs = g
    .selectAll<SVGGElement, (typeof placed)[number]>('g.msg')
    .data(placed, (d) => d.key)
    .join(
      (enter) => {
        const e = enter.append('g').attr('class', 'msg');
        e.append('rect');
        e.append('text');
        if (animate) {
          // A new message arrives from the right.
          e.attr('transform', (d) => `translate(${r2(d.x + 40)},0)`).style('opacity', 0);
        }
        return e;
      },
      (update) => update,
      (exit) => {
        if (!animate) return exit.remove();
        // Read: leaves to the left.
        exit
          .transition()
          .duration(dur * 0.6)
          .attr('transform', function () {
            const t = (this as SVGGElement).getAttribute('transform') ?? '';
            const m = /translate\(([-\d.]+)/.exec(t);
            return `translate(${r2(Number(m?.[1] ?? 0) - 60)},0)`;
          })
          .style('opacity', 0)
          .remove();
        return exit;
      },
    );
  msgs
    .select('rect')
    .attr('width', (d) => r2(d.w))
    .attr('height', MSG_H - 2)
    .attr('rx', 2)
    .style('fill', cssVar('bg'))
    .style('stroke', cssVar('fg'))
    .attr('stroke-width', 1);
  msgs
    .select('text')
    .attr('x', 6)
    .attr('y', 12)
    .attr('font-size', fs)
    .style('fill', cssVar('fg'))
    .text((d) => d.text);
  setTitle(msgs, (d) => d.text);
  if (animate) {
    msgs
      .transition()
      .duration(dur * 0.6)
      .attr('transform', (d) => `translate(${r2(d.x)},0)`)
      .style('opacity', 1);
  } else {
    msgs
      .interrupt()
      .attr('transform', (d) => `translate(${r2(d.x)},0)`)
      .style('opacity', 1);
  }
  g.selectAll('text.more')
    .data(hidden > 0 ? [hidden] : [])
    .join('text')
    .attr('class', 'more')
    .attr('x', width - 16)
    .attr('y', 12)
    .attr('text-anchor', 'end')
    .attr('font-size', 10)
    .style('fill', cssVar('muted'))
    .text((n) => `+${n}`);
  g.selectAll('text.empty')
    .data(l.ctx.queue.length === 0 ? [0] : [])
    .join('text')
    .attr('class', 'empty')
    .attr('x', x0)
    .attr('y', 12)
    .attr('font-size', 10)
    .style('fill', cssVar('faint'))
    .text('empty');
}

function laneColor(s: ThreadState): string {
  switch (s) {
    case 'blocked':
    case 'sigbus':
    case 'sigsegv':
      return ALERT_COLOR;
    case 'done':
    case 'running':
      return cssVar('muted');
    default:
      return cssVar('grid');
  }
}

/** A lane cell is at least this wide: the lane shows the last steps that fit. */
const MIN_CELL = 6;

function drawLanes(
  g: G,
  model: UffdModel,
  y0: number,
  opts: UffdOptions,
  animate: boolean,
  svg: Svg,
  height: number,
): void {
  clear(g);
  if (model.threads.length === 0) return;
  const width = opts.width;
  const laneX = MX + NAME_W;
  const laneW = Math.max(40, width - laneX - STATE_W - MX);
  // The window: the last steps that fit at MIN_CELL px (and that the model has cells for).
  const last = Math.max(1, model.steps);
  const shown = Math.max(1, Math.min(last, LANE_STEPS, Math.floor(laneW / MIN_CELL)));
  const first = last - shown + 1;
  const cw = laneW / shown;
  const head = g
    .append('text')
    .attr('x', MX)
    .attr('y', y0 + 10)
    .style('fill', cssVar('muted'));
  head.append('tspan').attr('font-weight', 700).style('fill', cssVar('fg')).text('threads');
  head.append('tspan').text(`  by step, ${count(first)}..${count(last)}`);

  model.threads.forEach((t, i) => {
    const yy = y0 + 22 + i * LINE;
    const row = g
      .append('g')
      .attr('class', 'thread')
      .attr('data-thread', t.name)
      .attr('transform', `translate(0,${yy})`)
      .on('click', (event: MouseEvent) => {
        event.stopPropagation();
        opts.onSelect?.({ kind: 'thread', name: t.name });
      })
      .on('pointerenter', () => opts.onHover?.({ kind: 'thread', name: t.name }))
      .on('pointermove', (event: PointerEvent) => {
        const [mx, my] = d3.pointer(event, svg.node());
        const step = first + Math.floor((mx - laneX) / cw);
        const cell = mx >= laneX && mx < laneX + laneW ? t.lane.find((c) => c.step === step) : null;
        if (cell) showTooltip(svg, mx, my, cellTooltip(t.name, cell), width, height);
        else hideTooltip(svg);
      })
      .on('pointerleave', () => {
        hideTooltip(svg);
        opts.onHover?.(null);
      });
    row
      .append('rect')
      .attr('class', 'row-bg')
      .attr('x', MX - 4)
      .attr('y', -1)
      .attr('width', width - 2 * MX + 8)
      .attr('height', LINE - 2)
      .style('fill', 'transparent');
    row
      .append('text')
      .attr('class', 'name')
      .attr('x', MX)
      .attr('y', 11)
      .style('fill', cssVar('fg'))
      .text(fitText(t.name, NAME_W - 6, 11));
    // Baseline of the lane.
    row
      .append('line')
      .attr('x1', laneX)
      .attr('x2', laneX + laneW)
      .attr('y1', 7)
      .attr('y2', 7)
      .style('stroke', cssVar('grid'));
    drawLane(row, t, laneX, cw, first, last, animate, opts.durationMs);
    const at = t.where ?? (t.addr !== null ? hex(t.addr) : null);
    const stateText =
      t.state === 'blocked' && at !== null
        ? `blocked at ${at}`
        : (t.state === 'sigbus' || t.state === 'sigsegv') && at !== null
          ? `${STATE_TEXT[t.state]} at ${at}`
          : t.result !== null
            ? `${STATE_TEXT[t.state]}: ${t.result}`
            : STATE_TEXT[t.state];
    const st = row
      .append('text')
      .attr('x', laneX + laneW + 10)
      .attr('y', 11)
      .attr('font-size', 10)
      .style(
        'fill',
        t.state === 'blocked' || t.state.startsWith('sig') ? ALERT_COLOR : cssVar('muted'),
      )
      .text(fitText(stateText, STATE_W - 12, 10));
    setTitle(st, () => (t.result !== null ? `${stateText}\nlast access: ${t.result}` : stateText));
  });
  highlightLanes(g, opts);

  // Step ticks under the lanes.
  const axisY = y0 + 22 + model.threads.length * LINE + 10;
  // A label every 1, 2, 5, 10, 20, 50... steps, on multiples, so that labels stay on their
  // step while the window slides.
  const need = (textWidth(count(last), 9) + 10) / cw;
  let every = 1;
  for (let k = 1; every < need; k++) every = [1, 2, 5][k % 3]! * 10 ** Math.floor(k / 3);
  const ticks: number[] = [];
  for (let s = Math.ceil(first / every) * every; s <= last; s += every) ticks.push(s);
  g.selectAll('text.tick')
    .data(ticks)
    .join('text')
    .attr('class', 'tick')
    .attr('x', (s) => r2(laneX + (s - first + 0.5) * cw))
    .attr('y', axisY)
    .attr('text-anchor', 'middle')
    .attr('font-size', 9)
    .style('fill', cssVar('faint'))
    .text((s) => count(s));
}

function cellTooltip(name: string, c: ThreadLaneCell): string[] {
  const lines = [`step ${count(c.step)}: ${name} ${STATE_TEXT[c.state]}`];
  if (c.ran) lines.push(`ran an access${c.addr !== null ? ` (${hex(c.addr)})` : ''}`);
  else if (c.addr !== null && c.state !== 'done') lines.push(`at ${hex(c.addr)}`);
  return lines;
}

function drawLane(
  row: d3.Selection<SVGGElement, unknown, null, undefined>,
  t: ThreadModel,
  laneX: number,
  cw: number,
  first: number,
  last: number,
  animate: boolean,
  dur: number,
): void {
  // Merge equal consecutive cells of the window into segments.
  const segs: { from: number; to: number; state: ThreadState }[] = [];
  for (const c of t.lane) {
    if (c.step < first || c.step > last) continue;
    const prev = segs[segs.length - 1];
    if (prev && prev.state === c.state && prev.to === c.step - 1) prev.to = c.step;
    else segs.push({ from: c.step, to: c.step, state: c.state });
  }
  for (const s of segs) {
    if (s.state === 'idle') continue;
    const x = laneX + (s.from - first) * cw;
    const w = (s.to - s.from + 1) * cw;
    const thick = s.state === 'blocked' || s.state.startsWith('sig') ? 8 : 3;
    const r = row
      .append('rect')
      .attr('x', r2(x))
      .attr('y', 7 - thick / 2)
      .attr('width', r2(Math.max(1, w)))
      .attr('height', thick)
      .style('fill', laneColor(s.state))
      .style('fill-opacity', s.state === 'blocked' ? 0.45 : 1);
    setTitle(r, () => `steps ${count(s.from)}..${count(s.to)}: ${STATE_TEXT[s.state]}`);
    if (animate && s.to === last) {
      // The newest step grows in from the left edge of its cell.
      r.attr('width', r2(Math.max(1, w - cw)))
        .transition()
        .duration(dur * 0.6)
        .attr('width', r2(Math.max(1, w)));
    }
  }
  // A tick where the thread ran an access: one path per colour (the tooltip tells the step).
  const size = Math.min(3, Math.max(1.5, cw / 2 - 0.5));
  let plain = '';
  let alert = '';
  for (const c of t.lane) {
    if (!c.ran || c.step < first || c.step > last) continue;
    const cx = r2(laneX + (c.step - first + 0.5) * cw);
    const d = `M${cx},1l${size},6l${-size},6l${-size},-6z`;
    if (c.state === 'sigbus' || c.state === 'sigsegv') alert += d;
    else plain += d;
  }
  for (const [d, fill] of [
    [plain, cssVar('fg')],
    [alert, ALERT_COLOR],
  ] as const) {
    if (d !== '') row.append('path').attr('class', 'ran').attr('d', d).style('fill', fill);
  }
}

/** The selected thread's row: a tinted band and its name in bold. */
function highlightLanes(g: G, opts: Pick<UffdOptions, 'selection'>): void {
  g.selectAll<SVGGElement, unknown>('g.thread').each(function () {
    const name = this.getAttribute('data-thread');
    const selected = opts.selection?.kind === 'thread' && opts.selection.name === name;
    const row = d3.select(this);
    row.select('rect.row-bg').style('fill', selected ? cssVar('empty') : 'transparent');
    row.select('text.name').attr('font-weight', selected ? 700 : 400);
  });
}
