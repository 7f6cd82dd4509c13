/**
 * The page-table view: PGD -> PUD -> PMD -> PTE, one column per level, each table a card with
 * its 512 slots in a 32 x 16 grid and the virtual range it covers. A slot that points to a
 * table not drawn shows how full that table is (a bar in its memory's colour), so a populated
 * GiB reads at a glance from its PMD table without drawing 262,144 cells. Slots are drawn as one
 * <path> per style, so a card is a handful of nodes whatever it holds.
 *
 * On a forward step the records drive the motion: a PUD entry travels as one with its PMD table
 * (and the PTE tables under it), a PMD entry travels with its PTE table, PTEs stream row by row
 * from their old table into a newly allocated one; tables appear and disappear as the core
 * allocates and frees them, and a counter says how many entries moved at each level.
 */
import * as d3 from 'd3';
import { PAGE_SIZE } from '../core/addr';
import type { Effect, TableLevel } from '../core/effects';
import type { Selection as StoreSelection } from '../store/types';
import {
  clear,
  fitText,
  hideTooltip,
  layer,
  motionCanvas,
  prepareSvg,
  r2,
  rectPath,
  rootState,
  setPathData,
  sameSelection,
  setTitle,
  showTooltip,
  textWidth,
  type Box,
  type G,
  clickableBackground,
} from './common';
import { count, hex, range, size, sizeExact, shortHex } from './format';
import {
  BIT_UFFD_WP,
  BIT_WRITE,
  SLOT_HUGE,
  SLOT_HUGE_ZERO,
  SLOT_MARKER_POISON,
  SLOT_MARKER_WP,
  SLOT_NAMES,
  SLOT_NONE,
  SLOT_TABLE,
  SLOT_ZERO,
  TABLE_LEVELS,
  type BackingModel,
  type Highlight,
  type Linked,
  type PageTablesModel,
  type TableLevelName,
  type TableModel,
  type ViewOptions,
} from './models';
import {
  type MotionSummary,
  carriedFrom,
  carriedTo,
  changeCounterText,
  moveCounterText,
  shifts,
  summarize,
  type Shift,
} from './motion';
import { ALERT_COLOR, cssVar, resolveColor, ZERO_COLOR } from './palette';

export type PageTablesOptions = ViewOptions;

/** Slots per grid row: 32 x 16 in columns mode, 64 x 8 (flatter cards) in rows mode. */
const WIDE_COLS = 32;
const NARROW_COLS = 64;
const MX = 10;
const TOP_Y = 40;
/** Card header: two lines in columns mode, one line in rows mode (narrow panes). */
const HEADER_H = 30;
const HEADER_H_ROWS = 17;
const PAD = 5;
const GAP_Y = 12;
const LEVEL_LABEL: Record<TableLevelName, string> = {
  pgd: 'PGD',
  pud: 'PUD',
  pmd: 'PMD',
  pte: 'PTE',
};
const CHILD: Record<TableLevelName, TableLevelName | null> = {
  pgd: 'pud',
  pud: 'pmd',
  pmd: 'pte',
  pte: null,
};

interface Geometry {
  /**
   * `columns`: one column per level, left to right (wide panes). `rows`: one band per level,
   * top to bottom, cards wrapping within a band (narrow panes).
   */
  readonly mode: 'columns' | 'rows';
  /** Cell pitch in px. */
  readonly c: number;
  readonly cols: number;
  readonly rows: number;
  readonly cardW: number;
  readonly cardH: number;
  readonly headerH: number;
  readonly width: number;
  /** Columns mode: x of each level's column. */
  readonly colX: Readonly<Record<TableLevelName, number>>;
}

interface CardPos {
  readonly x: number;
  readonly y: number;
  readonly c: number;
  readonly cols: number;
  readonly headerH: number;
}

interface Layout {
  readonly cards: Map<string, CardPos>;
  /** Where each level's heading goes (rows mode has none for PGD and PUD: one table each). */
  readonly heads: Readonly<Partial<Record<TableLevelName, { x: number; y: number }>>>;
  readonly height: number;
}

interface PtState {
  /** Card positions at the last render, by table id. */
  layout: Map<string, CardPos>;
  token: number;
  opts: PageTablesOptions | null;
  geo: Geometry | null;
}

const states = new WeakMap<Element, PtState>();

function geometry(width: number, height: number, model: PageTablesModel): Geometry {
  const gap = 26;
  const cw = (width - 2 * MX - 3 * gap) / 4;
  const cWide = Math.floor((cw - 2 * PAD) / WIDE_COLS);
  if (cWide >= 4) {
    const c = Math.min(9, cWide);
    const cardW = WIDE_COLS * c + 2 * PAD;
    // Spread the columns over the width when the cells hit their maximum size.
    const pitch = Math.max(cardW + gap, (width - 2 * MX - cardW) / 3);
    return {
      mode: 'columns',
      c,
      cols: WIDE_COLS,
      rows: 512 / WIDE_COLS,
      cardW,
      cardH: HEADER_H + (512 / WIDE_COLS) * c + PAD,
      headerH: HEADER_H,
      width,
      colX: { pgd: MX, pud: MX + pitch, pmd: MX + 2 * pitch, pte: MX + 3 * pitch },
    };
  }
  // Rows: two 32 x 16 cards side by side when they fit with cells of at least 4 px (a
  // source and a destination table next to each other); otherwise one flat 64 x 8 per line.
  let cTwo = Math.min(7, Math.floor(((width - 2 * MX - GAP_Y) / 2 - 2 * PAD) / WIDE_COLS));
  if (cTwo >= 4) {
    // As large as the width allows, but no larger than lets every line fit the height.
    const count = (levels: TableLevelName[]) =>
      model.tables.filter((t) => levels.includes(t.level)).length;
    const lines =
      Math.ceil(count(['pgd', 'pud']) / 2) +
      Math.ceil(count(['pmd']) / 2) +
      Math.ceil(count(['pte']) / 2);
    const perLine = (height - 22 - 2 * 16 - 3 * 4) / Math.max(1, lines) - GAP_Y;
    const cHeight = Math.floor((perLine - HEADER_H_ROWS - PAD) / (512 / WIDE_COLS));
    cTwo = Math.max(4, Math.min(cTwo, cHeight));
  }
  const cols = cTwo >= 4 ? WIDE_COLS : NARROW_COLS;
  const c =
    cTwo >= 4 ? cTwo : Math.max(3, Math.min(7, Math.floor((width - 2 * MX - 2 * PAD) / cols)));
  return {
    mode: 'rows',
    c,
    cols,
    rows: 512 / cols,
    cardW: cols * c + 2 * PAD,
    cardH: HEADER_H_ROWS + (512 / cols) * c + PAD,
    headerH: HEADER_H_ROWS,
    width,
    colX: { pgd: MX, pud: MX, pmd: MX, pte: MX },
  };
}

/** Where each drawn table goes. */
function layoutCards(model: PageTablesModel, g: Geometry): Layout {
  const cards = new Map<string, CardPos>();
  const heads: Partial<Record<TableLevelName, { x: number; y: number }>> = {};
  let height = 0;
  if (g.mode === 'columns') {
    // A level's column, near the parent slot, without overlap.
    for (const level of TABLE_LEVELS) {
      heads[level] = { x: g.colX[level], y: 30 };
      const list = model.tables.filter((t) => t.level === level).sort((a, b) => a.base - b.base);
      let bottom = TOP_Y - GAP_Y;
      for (const t of list) {
        let want = TOP_Y;
        const parent = t.parent !== null ? cards.get(t.parent) : undefined;
        if (parent) {
          const row = Math.floor(t.index / g.cols);
          want = parent.y + g.headerH + row * g.c + g.c / 2 - g.headerH / 2;
        }
        const y = Math.max(want, bottom + GAP_Y);
        cards.set(t.id, { x: g.colX[level], y, c: g.c, cols: g.cols, headerH: g.headerH });
        bottom = y + g.cardH;
      }
      height = Math.max(height, bottom);
    }
    return { cards, heads, height };
  }
  // Rows: a band for the upper levels (the PGD and the PUD tables, one or two each), then one
  // for PMD and one for PTE tables; cards left to right, wrapping.
  let y = 22;
  const perLine = Math.max(1, Math.floor((g.width - 2 * MX + GAP_Y) / (g.cardW + GAP_Y)));
  const bands: TableLevelName[][] = [['pgd', 'pud'], ['pmd'], ['pte']];
  for (const band of bands) {
    const level = band[band.length - 1]!;
    if (band.length === 1) {
      heads[level] = { x: MX, y: y + 10 };
      y += 16;
    }
    const list = model.tables
      .filter((t) => band.includes(t.level))
      .sort((a, b) => band.indexOf(a.level) - band.indexOf(b.level) || a.base - b.base);
    list.forEach((t, i) => {
      const col = i % perLine;
      const line = Math.floor(i / perLine);
      cards.set(t.id, {
        x: MX + col * (g.cardW + GAP_Y),
        y: y + line * (g.cardH + GAP_Y),
        c: g.c,
        cols: g.cols,
        headerH: g.headerH,
      });
    });
    const lines = Math.ceil(list.length / perLine);
    y += lines * (g.cardH + GAP_Y) + 4;
  }
  height = y;
  return { cards, heads, height };
}

export function renderPageTables(
  root: SVGSVGElement,
  model: PageTablesModel,
  opts: PageTablesOptions,
): void {
  const st = rootState(states, root, () => ({
    layout: new Map<string, CardPos>(),
    token: 0,
    opts: null,
    geo: null,
  }));
  const token = ++st.token;
  st.opts = opts;
  const geo = geometry(opts.width, opts.height, model);
  st.geo = geo;
  const lay = layoutCards(model, geo);
  const layout = lay.cards;
  const height = Math.max(opts.height, lay.height + 20);
  const svg = prepareSvg(root, opts.width, height, 'Page tables');
  const animate = opts.durationMs > 0;
  const prevLayout = st.layout;
  st.layout = layout;

  const bg = layer(svg, 'bg');
  const heads = layer(svg, 'heads');
  const links = layer(svg, 'links');
  const cardsG = layer(svg, 'cards');
  const ghosts = layer(svg, 'ghosts');
  const footer = layer(svg, 'footer');
  layer(svg, 'tooltip');

  clickableBackground(bg, opts.width, height, opts.onSelect);

  const stepSummary = summarize(opts.effects);
  const counterText = stepSummary.hasMove
    ? moveCounterText(stepSummary)
    : changeCounterText(stepSummary);
  drawColumnHeads(heads, model, geo, lay, opts.width, counterText);

  const backingByIndex = (i: number): BackingModel | undefined => model.backings[i - 1];
  const moves = shifts(opts.effects);
  const allocated = new Set<string>();
  for (const e of opts.effects) {
    if (e.type === 'table.alloc') allocated.add(`${e.level}:${e.base}`);
  }
  // Slots that entries are travelling into stay empty until their ghost lands.
  const pending = animate ? pendingSlots(model, moves) : new Map<string, Set<number>>();

  const byId = new Map(model.tables.map((t) => [t.id, t]));
  const cards = cardsG
    .selectAll<SVGGElement, TableModel>('g.card')
    .data(model.tables, (t) => t.id)
    .join(
      (enter) => {
        const g = enter.append('g').attr('class', 'card');
        g.append('rect').attr('class', 'box');
        g.append('g').attr('class', 'head');
        g.append('g').attr('class', 'grid');
        g.append('g').attr('class', 'marks');
        return g;
      },
      (update) => update,
      (exit) => {
        if (!animate) return exit.remove();
        exit.each(function (t) {
          const el = d3.select(this);
          const to = carriedTo(t.level as TableLevel, t.base, moves);
          if (to !== null && byId.has(`${t.level}:${to}`)) {
            // Its successor travels from here; this copy goes at once.
            el.remove();
            return;
          }
          // Freed after its entries left.
          el.transition()
            .delay(opts.durationMs * 0.55)
            .duration(opts.durationMs * 0.45)
            .style('opacity', 0)
            .remove();
        });
        return exit;
      },
    );

  cards.each(function (t) {
    const g = d3.select(this);
    const pos = layout.get(t.id)!;
    drawCard(g, t, geo, backingByIndex, pending.get(t.id) ?? null, opts);
    const target = `translate(${r2(pos.x)},${r2(pos.y)})`;
    const isNew = this.getAttribute('transform') === null;
    if (animate && isNew) {
      const fromBase = carriedFrom(t.level as TableLevel, t.base, moves);
      const old = fromBase !== null ? prevLayout.get(`${t.level}:${fromBase}`) : undefined;
      if (old) {
        g.attr('transform', `translate(${r2(old.x)},${r2(old.y)})`)
          .transition()
          .duration(opts.durationMs)
          .ease(d3.easeCubicInOut)
          .attr('transform', target);
      } else {
        const scale = allocated.has(t.id) ? 0.85 : 1;
        g.attr('transform', `${target} scale(${scale})`)
          .style('opacity', 0)
          .transition()
          .duration(opts.durationMs * 0.35)
          .style('opacity', 1)
          .attr('transform', target);
      }
    } else if (animate && this.getAttribute('transform') !== target) {
      g.interrupt()
        .style('opacity', 1)
        .transition()
        .duration(opts.durationMs)
        .ease(d3.easeCubicInOut)
        .attr('transform', target);
    } else {
      g.interrupt().attr('transform', target).style('opacity', 1);
    }
  });

  // Pointer: a slot is found from the pointer position (cells are paths, not elements).
  cards
    .on('pointermove', function (event: PointerEvent, t) {
      const hit = slotAt(this, event, geo);
      const [mx, my] = d3.pointer(event, root);
      if (hit === null) {
        hideTooltip(svg);
        return;
      }
      showTooltip(svg, mx, my, slotTooltip(t, hit, backingByIndex), opts.width, height);
      const next = slotSelection(t, hit);
      if (!sameSelection(next, st.opts?.hover ?? null)) st.opts?.onHover?.(next);
    })
    .on('pointerleave', () => {
      hideTooltip(svg);
      st.opts?.onHover?.(null);
    })
    .on('click', function (event: MouseEvent, t) {
      event.stopPropagation();
      const hit = slotAt(this, event, geo);
      st.opts?.onSelect?.(
        hit === null ? { kind: 'table', level: t.level, base: t.base } : slotSelection(t, hit),
      );
    });

  drawLinks(links, model, layout, geo, opts);
  drawCounter(footer, stepSummary, opts, token, st);

  clear(ghosts);
  if (animate) {
    drawGhosts(
      root,
      height,
      () => st.token === token,
      ghosts,
      model,
      moves,
      prevLayout,
      layout,
      geo,
      opts,
      backingByIndex,
    );
    drawFillPulses(ghosts, model, layout, geo, opts.effects, opts.durationMs);
    if (pending.size > 0) {
      d3.timeout(() => {
        if (st.token !== token) return;
        cards
          .filter((t) => pending.has(t.id))
          .each(function (t) {
            drawCard(d3.select(this), t, geo, backingByIndex, null, opts);
          });
      }, opts.durationMs);
    }
  }
}

function drawColumnHeads(
  g: G,
  model: PageTablesModel,
  geo: Geometry,
  lay: Layout,
  width: number,
  counterText: string,
): void {
  const data = TABLE_LEVELS.filter((level) => lay.heads[level] !== undefined).map((level) => {
    const drawn = model.tables.filter((t) => t.level === level && !t.gone).length;
    const gone = model.tables.filter((t) => t.level === level && t.gone).length;
    const total = model.totals[level];
    return { level, drawn, total, gone };
  });
  const sel = g
    .selectAll<SVGTextElement, (typeof data)[number]>('text.colhead')
    .data(data, (d) => d.level)
    .join('text')
    .attr('class', 'colhead')
    .attr('x', (d) => lay.heads[d.level]!.x)
    .attr('y', (d) => lay.heads[d.level]!.y)
    .style('fill', cssVar('muted'));
  sel.each(function (d) {
    const t = d3.select(this);
    t.selectAll('tspan').remove();
    t.append('tspan')
      .attr('font-weight', 700)
      .style('fill', cssVar('fg'))
      .text(LEVEL_LABEL[d.level]);
    const more =
      (d.total > d.drawn ? ` · ${count(d.drawn)} drawn` : '') +
      (d.gone > 0 ? ` · ${d.gone} gone` : '');
    t.append('tspan').text(
      fitText(
        ` ${count(d.total)} table${d.total === 1 ? '' : 's'}${more}`,
        (geo.mode === 'columns' ? geo.cardW : width - 2 * MX) - 30,
        11,
      ),
    );
  });
  setTitle(sel, (d) =>
    d.total > d.drawn
      ? `${count(d.total)} ${LEVEL_LABEL[d.level]} tables exist; ${count(d.drawn)} are drawn, the others are summarized in their parent's slots`
      : `${count(d.total)} ${LEVEL_LABEL[d.level]} table${d.total === 1 ? '' : 's'}`,
  );
  // The focus line shares the first line with the step counter: drop it when they would meet.
  const counterW = textWidth(counterText, 11);
  const focusText = model.focus
    ? `tables covering ${range(model.focus.start, model.focus.end)}`
    : '';
  g.selectAll('text.focus')
    .data(model.focus && textWidth(focusText, 10) + counterW + 3 * MX < width ? [model.focus] : [])
    .join('text')
    .attr('class', 'focus')
    .attr('x', width - MX)
    .attr('y', 12)
    .attr('text-anchor', 'end')
    .attr('font-size', 10)
    .style('fill', cssVar('muted'))
    .text(focusText);
}

/** Style key -> cells, for one card. */
interface CellStyle {
  readonly key: string;
  readonly fill: string;
  readonly opacity: number;
  readonly stroke: string | null;
}

function cellStyle(
  t: TableModel,
  i: number,
  backingByIndex: (i: number) => BackingModel | undefined,
): CellStyle {
  const k = t.kinds[i]!;
  const ro = (t.bits[i]! & BIT_WRITE) === 0;
  const wp = (t.bits[i]! & BIT_UFFD_WP) !== 0;
  switch (k) {
    case SLOT_NONE:
      return { key: 'none', fill: cssVar('empty'), opacity: 1, stroke: null };
    case SLOT_TABLE:
      // A pointer to a table: outlined, so it reads as "more below" even when nearly empty.
      return { key: 'table', fill: cssVar('empty'), opacity: 1, stroke: cssVar('muted') };
    case SLOT_ZERO:
    case SLOT_HUGE_ZERO:
      return { key: 'zero', fill: ZERO_COLOR, opacity: 1, stroke: null };
    case SLOT_MARKER_WP:
      return { key: 'mwp', fill: cssVar('empty'), opacity: 1, stroke: ALERT_COLOR };
    case SLOT_MARKER_POISON:
      return { key: 'mpo', fill: ALERT_COLOR, opacity: 1, stroke: null };
    default: {
      const b = backingByIndex(t.backing[i]!);
      const color = b?.color ?? ZERO_COLOR;
      // Read-only entries (shared after fork, CONTINUE in MAP_PRIVATE) are lighter: a write
      // would copy them.
      return {
        key: `${color}${ro ? 'r' : 'w'}${wp ? 'p' : ''}`,
        fill: color,
        opacity: ro ? 0.5 : 1,
        stroke: wp ? ALERT_COLOR : null,
      };
    }
  }
}

function drawCard(
  g: d3.Selection<SVGGElement, unknown, null, undefined>,
  t: TableModel,
  geo: Geometry,
  backingByIndex: (i: number) => BackingModel | undefined,
  pending: Set<number> | null,
  opts: PageTablesOptions,
): void {
  const { cardW, cardH } = geo;
  g.select('rect.box')
    .attr('width', cardW)
    .attr('height', cardH)
    .attr('rx', 3)
    .style('fill', t.gone ? cssVar('bg') : cssVar('panel'))
    .attr('stroke-dasharray', t.gone ? '4 3' : null);
  cardHighlight(g, t, geo, opts);
  g.select('g.grid').style('opacity', t.gone ? 0.35 : 1);

  // Header: level and base on the first line, span and end on the second; redrawn only when
  // what it says changes.
  const head = g.select<SVGGElement>('g.head');
  const headNode = head.node() as (SVGGElement & { __mmHead?: string }) | null;
  const headSig = [t.id, t.used, t.gone?.kind ?? '', t.gone?.kind === 'moved' ? t.gone.to : '']
    .concat([geo.mode, geo.cardW, geo.headerH, geo.rows, geo.c])
    .join('|');
  if (!headNode || headNode.__mmHead !== headSig) {
    if (headNode) headNode.__mmHead = headSig;
    drawCardHead(head, t, geo);
  }
  drawGrid(g, t, geo, backingByIndex, pending);
}

/** A card's header: the level and base, entries used or what happened to it, the range. */
function drawCardHead(
  head: d3.Selection<SVGGElement, unknown, null, undefined>,
  t: TableModel,
  geo: Geometry,
): void {
  const { cardW } = geo;
  clear(head as unknown as G);
  const title = head.append('text').attr('x', PAD).attr('y', 12).style('fill', cssVar('fg'));
  title.append('tspan').attr('font-weight', 700).text(LEVEL_LABEL[t.level]);
  title.append('tspan').text(` ${hex(t.base)}`);
  const oneLine = geo.mode === 'rows';
  // The status on the right: entries used, or what happened to the table.
  const room = cardW - 2 * PAD - textWidth(`${LEVEL_LABEL[t.level]} ${hex(t.base)}`, 11);
  const status = t.gone
    ? ''
    : room >= textWidth(`${t.used}/512`, 10) + 4
      ? `${t.used}/512`
      : `${t.used}`;
  if (oneLine && room >= textWidth(` ${size(t.span)}`, 10) + textWidth(status, 10) + 6)
    title
      .append('tspan')
      .attr('font-size', 10)
      .style('fill', cssVar('muted'))
      .text(` ${size(t.span)}`);
  setTitle(
    title,
    () =>
      `${LEVEL_LABEL[t.level]} table covering ${range(t.base, t.base + t.span)}` +
      (t.gone?.kind === 'moved' ? `, moved to ${hex(t.gone.to)}` : ''),
  );
  const used = head
    .append('text')
    .attr('x', cardW - PAD)
    .attr('y', 12)
    .attr('text-anchor', 'end')
    .attr('font-size', 10)
    .style('fill', t.gone ? ALERT_COLOR : cssVar('muted'))
    .text(room >= textWidth(status, 10) + 4 ? status : '');
  setTitle(used, () =>
    t.gone
      ? t.gone.kind === 'freed'
        ? 'this step freed the table (table.free)'
        : `a ${t.level === 'pte' ? 'PMD' : 'PUD'} entry carried this table to ${hex(t.gone.to)}`
      : `${count(t.used)} of 512 entries are not none`,
  );
  const subText =
    t.gone?.kind === 'moved'
      ? `moved → ${hex(t.gone.to)}`
      : `${size(t.span)} → ${hex(t.base + t.span)}`;
  // A table that is gone says so across its (empty) grid, whatever room the header has.
  const gridH = geo.rows * geo.c;
  const goneText = t.gone
    ? t.gone.kind === 'freed'
      ? 'freed'
      : fitText(`moved → ${hex(t.gone.to)}`, cardW - 2 * PAD, 10)
    : null;
  head
    .selectAll('text.gone')
    .data(goneText !== null ? [goneText] : [])
    .join('text')
    .attr('class', 'gone')
    .attr('x', cardW / 2)
    .attr('y', geo.headerH + gridH / 2 + 4)
    .attr('text-anchor', 'middle')
    .attr('font-size', 10)
    .style('fill', ALERT_COLOR)
    .text((d) => d);
  if (oneLine) return;
  const sub = head
    .append('text')
    .attr('x', PAD)
    .attr('y', 24)
    .attr('font-size', 10)
    .style('fill', cssVar('muted'))
    .text(fitText(subText, cardW - 2 * PAD, 10));
  setTitle(
    sub,
    () =>
      `covers ${range(t.base, t.base + t.span)}: ${sizeExact(t.span)}, ${size(t.span / 512)} per entry`,
  );
}

/** The 512 cell rectangles of a card as path commands, per cell size and grid shape. */
const cellPathCache = new Map<string, readonly string[]>();
function cellPaths(geo: Geometry): readonly string[] {
  const key = `${geo.c}:${geo.cols}:${geo.headerH}`;
  let cells = cellPathCache.get(key);
  if (!cells) {
    const { c } = geo;
    const cs = c > 3 ? c - 1 : c;
    const list: string[] = [];
    for (let i = 0; i < 512; i++) {
      const x = PAD + (i % geo.cols) * c;
      const y = geo.headerH + Math.floor(i / geo.cols) * c;
      list.push(rectPath(x, y, cs, cs));
    }
    cellPathCache.set(key, (cells = list));
  }
  return cells;
}

/** What a card's grid is drawn from: the same signature draws the same paths. */
function gridSignature(
  t: TableModel,
  geo: Geometry,
  backingByIndex: (i: number) => BackingModel | undefined,
  pending: Set<number> | null,
): string {
  // FNV-1a over the slot arrays: cheap next to building and re-parsing 512-cell paths.
  let h = 0x811c9dc5;
  const mix = (v: number): void => {
    h = Math.imul(h ^ v, 0x01000193);
  };
  for (let i = 0; i < 512; i++) {
    mix(t.kinds[i]! | (t.backing[i]! << 4) | (t.bits[i]! << 12) | (t.childBacking[i]! << 16));
    mix(Math.round(t.fill[i]! * 4096));
  }
  const colors: string[] = [];
  for (let b = 1; backingByIndex(b) !== undefined; b++) colors.push(backingByIndex(b)!.color);
  const hidden = pending === null ? '' : [...pending].join(',');
  return `${h >>> 0}|${geo.c}:${geo.cols}:${geo.headerH}|${colors.join(',')}|${hidden}`;
}

/** The 512 slots, one path per style. */
function drawGrid(
  g: d3.Selection<SVGGElement, unknown, null, undefined>,
  t: TableModel,
  geo: Geometry,
  backingByIndex: (i: number) => BackingModel | undefined,
  pending: Set<number> | null,
): void {
  // A table that did not change since the last draw of this card keeps its paths.
  const node = g.node() as (SVGGElement & { __mmGrid?: string }) | null;
  const sig = gridSignature(t, geo, backingByIndex, pending);
  if (node && node.__mmGrid === sig) return;
  if (node) node.__mmGrid = sig;
  const { c } = geo;
  const cells = cellPaths(geo);
  // Grid: one path per style; styles are looked up once per distinct slot value.
  const styles = new Map<string, { style: CellStyle; d: string[] }>();
  const styleOf = new Map<number, CellStyle>();
  const hidden: CellStyle = { key: 'none', fill: cssVar('empty'), opacity: 1, stroke: null };
  const bars = new Map<string, string[]>();
  const inner: string[] = [];
  const cs = c > 3 ? c - 1 : c;
  for (let i = 0; i < 512; i++) {
    const hide = pending !== null && pending.has(i);
    const k = t.kinds[i]!;
    let style: CellStyle;
    if (hide) style = hidden;
    else {
      const code = k | (t.backing[i]! << 4) | (t.bits[i]! << 12);
      let st = styleOf.get(code);
      if (!st) styleOf.set(code, (st = cellStyle(t, i, backingByIndex)));
      style = st;
    }
    let entry = styles.get(style.key);
    if (!entry) {
      entry = { style, d: [] };
      styles.set(style.key, entry);
    }
    entry.d.push(cells[i]!);
    if (hide) continue;
    if (k === SLOT_TABLE) {
      // How full the child table is, as a bar from the bottom, in its memory's colour.
      const x = PAD + (i % geo.cols) * c;
      const y = geo.headerH + Math.floor(i / geo.cols) * c;
      const f = t.fill[i]!;
      const b = backingByIndex(t.childBacking[i]!);
      const color = b?.color ?? ZERO_COLOR;
      const h = f > 0 ? Math.max(1, f * cs) : 0;
      let list = bars.get(color);
      if (!list) bars.set(color, (list = []));
      if (h > 0) list.push(rectPath(x, y + cs - h, cs, h));
    } else if ((k === SLOT_HUGE || k === SLOT_HUGE_ZERO) && cs >= 5) {
      const x = PAD + (i % geo.cols) * c;
      const y = geo.headerH + Math.floor(i / geo.cols) * c;
      const s = Math.max(1, Math.floor(cs / 3));
      inner.push(rectPath(x + (cs - s) / 2, y + (cs - s) / 2, s, s));
    }
  }
  const grid = g.select<SVGGElement>('g.grid');
  const pathData = [
    ...[...styles.values()].map((s) => ({
      key: `s${s.style.key}`,
      d: s.d.join(''),
      fill: s.style.fill,
      opacity: s.style.opacity,
      stroke: s.style.stroke,
    })),
    ...[...bars.entries()].map(([color, d]) => ({
      key: `b${color}`,
      d: d.join(''),
      fill: color,
      opacity: 1,
      stroke: null as string | null,
    })),
    {
      key: 'inner',
      d: inner.join(''),
      fill: cssVar('panel'),
      opacity: 1,
      stroke: null as string | null,
    },
  ].filter((p) => p.d !== '');
  grid
    .selectAll<SVGPathElement, (typeof pathData)[number]>('path')
    .data(pathData, (p) => p.key)
    .join('path')
    .each(setPathData)
    .style('fill', (p) => p.fill)
    .style('fill-opacity', (p) => (p.opacity === 1 ? null : p.opacity))
    .style('stroke', (p) => p.stroke)
    .attr('stroke-width', (p) => (p.stroke ? 1 : null));
}

/** A card's outline and its slot marks for the selection and the hover. */
function cardHighlight(
  g: d3.Selection<SVGGElement, unknown, null, undefined>,
  t: TableModel,
  geo: Geometry,
  opts: Highlight,
): void {
  const selected =
    opts.selection?.kind === 'table' &&
    opts.selection.level === t.level &&
    opts.selection.base === t.base;
  const hovered =
    opts.hover?.kind === 'table' && opts.hover.level === t.level && opts.hover.base === t.base;
  g.select('rect.box')
    .style(
      'stroke',
      selected
        ? cssVar('selection')
        : hovered
          ? cssVar('hover')
          : t.gone
            ? cssVar('faint')
            : cssVar('grid'),
    )
    .attr('stroke-width', selected ? 2 : 1);
  const marks = g.select<SVGGElement>('g.marks').attr('pointer-events', 'none');
  const markData: { key: string; d: string; sel: boolean }[] = [];
  const sd = slotMarks(t, opts.selection, opts.selectionLinks, geo);
  if (sd) markData.push({ key: 'sel', d: sd, sel: true });
  const hd = slotMarks(t, opts.hover, opts.hoverLinks, geo);
  if (hd) markData.push({ key: 'hover', d: hd, sel: false });
  marks
    .selectAll<SVGPathElement, (typeof markData)[number]>('path')
    .data(markData, (m) => m.key)
    .join('path')
    .attr('d', (m) => m.d)
    .attr('fill', 'none')
    .attr('stroke-width', (m) => (m.sel ? 1.5 : 1))
    .attr('stroke-dasharray', (m) => (m.sel ? null : '2 1'))
    .style('stroke', (m) => (m.sel ? cssVar('selection') : cssVar('hover')));
}

/**
 * Redraw what the selection and the hover show (card outlines, slot marks), and nothing else:
 * cards and entries in flight keep moving.
 */
export function highlightPageTables(root: SVGSVGElement, h: Highlight): void {
  const st = states.get(root);
  if (!st?.opts || !st.geo) return;
  st.opts = { ...st.opts, ...h };
  const geo = st.geo;
  const opts = st.opts;
  d3.select(root)
    .select(':scope > g.cards')
    .selectAll<SVGGElement, TableModel>('g.card')
    .each(function (t) {
      cardHighlight(d3.select(this), t, geo, opts);
    });
}

/** Outline the slots of `t` that the selection (or what it links to) covers. */
function slotMarks(
  t: TableModel,
  sel: StoreSelection | null,
  links: Linked | undefined,
  geo: Geometry,
): string | null {
  const per = t.span / 512;
  const marked = new Set<number>();
  const markRange = (a: number, b: number): void => {
    if (b <= t.base || a >= t.base + t.span) return;
    const i0 = Math.max(0, Math.floor((a - t.base) / per));
    const i1 = Math.min(511, Math.floor((b - 1 - t.base) / per));
    for (let i = i0; i <= i1; i++) marked.add(i);
  };
  if (sel?.kind === 'page') markRange(sel.addr, sel.addr + PAGE_SIZE);
  if (sel?.kind === 'table' && sel.level !== t.level) markRange(sel.base, sel.base + 1);
  for (const [a, b] of links?.ranges ?? []) markRange(a, b);
  const frames = links?.frames ?? [];
  if (sel?.kind === 'frame' || frames.length > 0) {
    const runs: readonly (readonly [number, number])[] =
      sel?.kind === 'frame' ? [[sel.pfn, 1], ...frames] : frames;
    for (let i = 0; i < 512; i++) {
      const p = t.pfn[i]!;
      if (p < 0) continue;
      const k = t.kinds[i]!;
      const span = k === SLOT_HUGE ? 512 : 1;
      if (runs.some(([f, n]) => p < f + n && f < p + span)) marked.add(i);
    }
  }
  if (marked.size === 0) return null;
  const { c } = geo;
  const cs = c > 3 ? c - 1 : c;
  let d = '';
  for (const i of marked) {
    const x = PAD + (i % geo.cols) * c;
    const y = geo.headerH + Math.floor(i / geo.cols) * c;
    d += rectPath(x - 0.5, y - 0.5, cs + 1, cs + 1);
  }
  return d;
}

function slotAt(el: SVGGElement, event: MouseEvent, geo: Geometry): number | null {
  const [px, py] = d3.pointer(event, el);
  const col = Math.floor((px - PAD) / geo.c);
  const row = Math.floor((py - geo.headerH) / geo.c);
  if (col < 0 || col >= geo.cols || row < 0 || row >= geo.rows) return null;
  return row * geo.cols + col;
}

function slotSelection(t: TableModel, i: number): StoreSelection | null {
  const per = t.span / 512;
  const addr = t.base + i * per;
  const k = t.kinds[i]!;
  const child = CHILD[t.level];
  if (k === SLOT_TABLE && child) return { kind: 'table', level: child, base: addr };
  if (t.level === 'pte' || k !== SLOT_NONE) return { kind: 'page', addr };
  return null;
}

function slotTooltip(
  t: TableModel,
  i: number,
  backingByIndex: (i: number) => BackingModel | undefined,
): string[] {
  const per = t.span / 512;
  const addr = t.base + i * per;
  const k = t.kinds[i]!;
  const lines = [`${LEVEL_LABEL[t.level]}[${i}]  ${hex(addr)}  (${size(per)})`];
  if (k === SLOT_TABLE) {
    const child = CHILD[t.level];
    lines.push(
      `→ ${child ? LEVEL_LABEL[child] : ''} table ${hex(addr)}: ${count(Math.round(t.fill[i]! * 512))}/512 used`,
    );
    const b = backingByIndex(t.childBacking[i]!);
    if (b) lines.push(`mostly ${b.label}`);
    return lines;
  }
  lines.push(`entry: ${SLOT_NAMES[k] ?? k}`);
  const p = t.pfn[i]!;
  if (p >= 0) {
    const bits = t.bits[i]!;
    const b = backingByIndex(t.backing[i]!);
    lines.push(
      `pfn ${shortHex(p)}${bits & BIT_WRITE ? ' writable' : ' read-only'}${bits & BIT_UFFD_WP ? ' uffd-wp' : ''}`,
    );
    if (b) lines.push(b.label);
  }
  return lines;
}

/** Parent slot -> child card connectors. */
function drawLinks(
  g: G,
  model: PageTablesModel,
  layout: Map<string, CardPos>,
  geo: Geometry,
  opts: PageTablesOptions,
): void {
  const data: { key: string; d: string; gone: boolean }[] = [];
  for (const t of model.tables) {
    if (t.parent === null) continue;
    const p = layout.get(t.parent);
    const me = layout.get(t.id);
    if (!p || !me) continue;
    const cx = p.x + PAD + (t.index % geo.cols) * geo.c + geo.c / 2;
    const cy = p.y + geo.headerH + Math.floor(t.index / geo.cols) * geo.c + geo.c / 2;
    let d: string;
    if (geo.mode === 'columns' || (me.y === p.y && me.x > p.x)) {
      // Beside the parent: out of its right edge into the child's header.
      const ex = me.x;
      const ey = me.y + geo.headerH / 2;
      const rx = p.x + geo.cardW;
      const mid = (rx + ex) / 2;
      d = `M${r2(cx)},${r2(cy)}H${r2(rx)}C${r2(mid)},${r2(cy)} ${r2(mid)},${r2(ey)} ${r2(ex)},${r2(ey)}`;
    } else {
      // Down from the slot to the child's top edge.
      const ex = me.x + 24;
      const ey = me.y;
      const by = p.y + geo.cardH;
      const mid = (by + ey) / 2;
      d = `M${r2(cx)},${r2(cy)}V${r2(by)}C${r2(cx)},${r2(mid)} ${r2(ex)},${r2(mid)} ${r2(ex)},${r2(ey)}`;
    }
    data.push({ key: t.id, gone: t.gone !== null, d });
  }
  g.attr('pointer-events', 'none');
  const sel = g
    .selectAll<SVGPathElement, (typeof data)[number]>('path')
    .data(data, (d) => d.key)
    .join('path')
    .attr('fill', 'none')
    .attr('stroke-width', 1)
    .attr('stroke-dasharray', (d) => (d.gone ? '3 3' : null))
    .style('stroke', cssVar('faint'));
  if (opts.durationMs > 0) {
    sel
      .style('opacity', 0)
      .transition()
      .delay(opts.durationMs * 0.8)
      .duration(opts.durationMs * 0.2)
      .style('opacity', 1);
  } else sel.interrupt().style('opacity', 1);
  sel.attr('d', (d) => d.d);
}

/** Slots in drawn tables that a move fills (they stay empty until their ghost arrives). */
function pendingSlots(model: PageTablesModel, moves: readonly Shift[]): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  const level: Record<Shift['level'], TableLevelName> = { pud: 'pud', pmd: 'pmd', pte: 'pte' };
  for (const m of moves) {
    for (const t of model.tables) {
      if (t.level !== level[m.level]) continue;
      const lo = Math.max(m.to, t.base);
      const hi = Math.min(m.to + m.len, t.base + t.span);
      if (hi <= lo) continue;
      const per = t.span / 512;
      let set = out.get(t.id);
      if (!set) out.set(t.id, (set = new Set()));
      for (let i = Math.floor((lo - t.base) / per); i < Math.ceil((hi - t.base) / per); i++)
        set.add(i);
    }
  }
  return out;
}

/** Where slot `i` of table `id` is (top-left of the cell), given a layout. */
function slotPos(layout: Map<string, CardPos>, id: string, i: number): [number, number] | null {
  const p = layout.get(id);
  if (!p) return null;
  return [p.x + PAD + (i % p.cols) * p.c, p.y + p.headerH + Math.floor(i / p.cols) * p.c];
}

/** A run of entries in flight: `len` slots of one grid row, from (x0, y0) to (x1, y1). */
interface Ghost {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  len: number;
  d: string;
  fill: string;
  order: number;
  level: Shift['level'];
}

/** The box the ghosts travel in (all their positions, from start to end). */
function ghostBox(ghosts: readonly Ghost[], geo: Geometry, height: number): Box {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const g of ghosts) {
    const w = g.len * geo.c + 1;
    x0 = Math.min(x0, g.x0, g.x1);
    y0 = Math.min(y0, g.y0, g.y1);
    x1 = Math.max(x1, g.x0 + w, g.x1 + w);
    y1 = Math.max(y1, g.y0 + geo.c + 1, g.y1 + geo.c + 1);
  }
  const x = Math.max(0, x0 - 2);
  const y = Math.max(0, y0 - 2);
  return { x, y, width: Math.min(geo.width, x1 + 2) - x, height: Math.min(height, y1 + 2) - y };
}

/**
 * Entries in flight on the motion canvas: one redraw per frame (no SVG node moves), each run
 * a pre-drawn strip of cells. A run waits at its old slots until its turn, travels, and stays
 * on its new slots until the step's animation ends and the cards draw them.
 */
function flyOnCanvas(
  ctx: CanvasRenderingContext2D,
  ghosts: readonly Ghost[],
  geo: Geometry,
  stagger: number,
  ghostDur: number,
  dur: number,
  theme: PageTablesOptions['theme'],
  live: () => boolean,
): void {
  const tf = ctx.getTransform();
  const dpr = tf.a || 1;
  const c = geo.c;
  const cs = c > 3 ? c - 1 : c;
  const stroke = resolveColor(cssVar('fg'), theme);
  const sprites = new Map<string, HTMLCanvasElement>();
  const sprite = (g: Ghost): HTMLCanvasElement => {
    const key = `${g.fill}|${g.len}`;
    let sp = sprites.get(key);
    if (!sp) {
      sp = document.createElement('canvas');
      sp.width = Math.ceil((g.len * c + 1) * dpr);
      sp.height = Math.ceil((cs + 1) * dpr);
      const s = sp.getContext('2d')!;
      s.setTransform(dpr, 0, 0, dpr, 0, 0);
      s.fillStyle = resolveColor(g.fill, theme);
      s.strokeStyle = stroke;
      s.lineWidth = 0.5;
      for (let k = 0; k < g.len; k++) {
        s.fillRect(k * c + 0.25, 0.25, cs, cs);
        s.strokeRect(k * c + 0.25, 0.25, cs, cs);
      }
      sprites.set(key, sp);
    }
    return sp;
  };
  const clear = (): void => {
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    ctx.setTransform(tf);
  };
  const timer = d3.timer((elapsed) => {
    clear();
    if (!live() || elapsed >= dur) {
      timer.stop();
      return;
    }
    for (const g of ghosts) {
      const p = d3.easeCubicInOut(
        Math.min(1, Math.max(0, (elapsed - g.order * stagger) / ghostDur)),
      );
      const sp = sprite(g);
      ctx.drawImage(
        sp,
        g.x0 + (g.x1 - g.x0) * p - 0.25,
        g.y0 + (g.y1 - g.y0) * p - 0.25,
        sp.width / dpr,
        sp.height / dpr,
      );
    }
  });
}

/**
 * Entries in flight: each move record becomes ghosts that leave the old slot positions and land
 * in the new ones. A run of slots sharing a grid row (in both tables) travels as one shape; PTE
 * runs are staggered so that a PTE-level move reads as entries going one by one, whereas a PMD
 * or PUD move is a single shape carrying its whole table.
 */
function drawGhosts(
  root: SVGSVGElement,
  height: number,
  live: () => boolean,
  g: G,
  model: PageTablesModel,
  moves: readonly Shift[],
  prevLayout: Map<string, CardPos>,
  layout: Map<string, CardPos>,
  geo: Geometry,
  opts: PageTablesOptions,
  backingByIndex: (i: number) => BackingModel | undefined,
): void {
  const byId = new Map(model.tables.map((t) => [t.id, t]));
  const out: Ghost[] = [];
  const MAX = 600;
  let order = 0;
  for (const m of moves) {
    const level: TableLevelName = m.level;
    const per = { pud: 2 ** 30, pmd: 2 ** 21, pte: PAGE_SIZE }[m.level];
    const n = m.len / per;
    let seg: {
      src: { id: string; i: number };
      dst: { id: string; i: number };
      len: number;
    } | null = null;
    const flush = (): void => {
      if (!seg || out.length >= MAX) return;
      const a = slotPos(prevLayout, seg.src.id, seg.src.i);
      const b = slotPos(layout, seg.dst.id, seg.dst.i);
      if (!a || !b) {
        seg = null;
        return;
      }
      const t = byId.get(seg.dst.id);
      const style = t ? cellStyle(t, seg.dst.i, backingByIndex) : null;
      const tableColor =
        t && t.kinds[seg.dst.i] === SLOT_TABLE
          ? (backingByIndex(t.childBacking[seg.dst.i]!)?.color ?? ZERO_COLOR)
          : null;
      const cs = geo.c > 3 ? geo.c - 1 : geo.c;
      let d = '';
      for (let k = 0; k < seg.len; k++) d += rectPath(k * geo.c, 0, cs, cs);
      out.push({
        x0: a[0],
        y0: a[1],
        x1: b[0],
        y1: b[1],
        len: seg.len,
        d,
        fill: tableColor ?? (style && style.key !== 'none' ? style.fill : cssVar('muted')),
        order: order++,
        level: m.level,
      });
      seg = null;
    };
    // Only entries whose tables are drawn on both sides can fly: the record is walked a table
    // at a time, and stretches whose source or destination table is not drawn are skipped
    // whole (a GiB moved PTE by PTE is 262,144 entries, 4 tables drawn).
    const spanOf = { pud: 2 ** 39, pmd: 2 ** 30, pte: 2 ** 21 }[m.level];
    for (let k = 0; k < n && out.length < MAX;) {
      const sa = m.from + k * per;
      const da = m.to + k * per;
      const sBase = sa - (sa % spanOf);
      const dBase = da - (da % spanOf);
      // Entries until the source or the destination crosses into another table.
      const run = Math.min((sBase + spanOf - sa) / per, (dBase + spanOf - da) / per, n - k);
      const srcId = `${level}:${sBase}`;
      const dstId = `${level}:${dBase}`;
      if (!prevLayout.has(srcId) || !layout.has(dstId)) {
        flush();
        k += run;
        continue;
      }
      const si0 = (sa - sBase) / per;
      const di0 = (da - dBase) / per;
      for (let j = 0; j < run && out.length < MAX; j++) {
        const si = si0 + j;
        const di = di0 + j;
        if (
          seg &&
          seg.src.id === srcId &&
          seg.dst.id === dstId &&
          Math.floor(si / geo.cols) === Math.floor(seg.src.i / geo.cols) &&
          Math.floor(di / geo.cols) === Math.floor(seg.dst.i / geo.cols) &&
          si === seg.src.i + seg.len &&
          di === seg.dst.i + seg.len
        ) {
          seg.len++;
        } else {
          flush();
          seg = { src: { id: srcId, i: si }, dst: { id: dstId, i: di }, len: 1 };
        }
      }
      k += run;
    }
    flush();
  }
  const dur = opts.durationMs;
  // PTEs go one by one (staggered); a PMD or PUD entry goes as one, so those barely stagger.
  const spread = out.some((o) => o.level === 'pte')
    ? 0.5
    : out.some((o) => o.level === 'pmd')
      ? 0.1
      : 0;
  const stagger = out.length > 1 ? (dur * spread) / (out.length - 1) : 0;
  const ghostDur = Math.max(1, dur - stagger * (out.length - 1));
  g.attr('pointer-events', 'none');
  const ctx = out.length > 0 ? motionCanvas(root, ghostBox(out, geo, height)) : null;
  if (ctx) {
    g.selectAll('path').remove();
    flyOnCanvas(ctx, out, geo, stagger, ghostDur, dur, opts.theme, live);
    return;
  }
  g.selectAll('path')
    .data(out)
    .join('path')
    .attr('d', (d) => d.d)
    .style('fill', (d) => d.fill)
    .style('stroke', cssVar('fg'))
    .attr('stroke-width', 0.5)
    .attr('transform', (d) => `translate(${r2(d.x0)},${r2(d.y0)})`)
    .transition()
    .delay((d) => d.order * stagger)
    .duration(ghostDur)
    .ease(d3.easeCubicInOut)
    .attr('transform', (d) => `translate(${r2(d.x1)},${r2(d.y1)})`)
    .transition()
    .duration(0)
    .remove();
}

/** Cells that a fault, CoW or uffd fill just set: a short outline flash. */
function drawFillPulses(
  g: G,
  model: PageTablesModel,
  layout: Map<string, CardPos>,
  geo: Geometry,
  effects: readonly Effect[],
  dur: number,
): void {
  let d = '';
  let cells = 0;
  for (const e of effects) {
    if ((e.type !== 'entries.set' && e.type !== 'entries.clear') || e.cause === 'mremap') continue;
    for (const t of model.tables) {
      if (t.level !== 'pte' && t.level !== 'pmd') continue;
      const per = t.span / 512;
      const lo = Math.max(e.addr, t.base);
      const hi = Math.min(e.addr + e.pages * PAGE_SIZE, t.base + t.span);
      if (hi <= lo) continue;
      const p = layout.get(t.id)!;
      for (
        let i = Math.floor((lo - t.base) / per);
        i < Math.ceil((hi - t.base) / per) && cells < 2048;
        i++
      ) {
        d += rectPath(
          p.x + PAD + (i % geo.cols) * geo.c - 1,
          p.y + geo.headerH + Math.floor(i / geo.cols) * geo.c - 1,
          geo.c + 1,
          geo.c + 1,
        );
        cells++;
      }
    }
  }
  if (!d) return;
  g.append('path')
    .attr('d', d)
    .attr('fill', 'none')
    .attr('stroke-width', 1.5)
    .style('stroke', cssVar('fg'))
    .transition()
    .duration(dur)
    .ease(d3.easeCubicIn)
    .style('opacity', 0)
    .remove();
}

/** What the step did, top left; counts up while the entries travel. */
function drawCounter(
  g: G,
  s: MotionSummary,
  opts: PageTablesOptions,
  token: number,
  st: PtState,
): void {
  clear(g);
  const text = s.hasMove ? moveCounterText(s) : changeCounterText(s);
  if (!text) return;
  const t = g
    .append('text')
    .attr('class', 'counter')
    .attr('x', MX)
    .attr('y', 12)
    .style('fill', cssVar('fg'))
    .text(text);
  const levels = (['pud', 'pmd', 'pte'] as const)
    .map((l) => `${LEVEL_LABEL[l]} tables +${s.tablesByLevel[l].alloc}/−${s.tablesByLevel[l].free}`)
    .join(', ');
  setTitle(t, () => `this step: ${text}\n${levels}`);
  if (opts.durationMs > 0 && s.hasMove) {
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
