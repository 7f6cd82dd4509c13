/**
 * What a step moved, from its effect records: the counts shown beside an animation and the
 * address translation the page-table view uses to make a moved table travel instead of
 * vanishing at one place and appearing at another. Nothing here compares states: the records
 * say what moved (design.md, "Views animate effect records").
 */
import type { Effect, MoveLevel, TableLevel } from '../core/effects';
import { PMD_SIZE, PUD_SIZE, PAGE_SIZE } from '../core/addr';
import { count } from './format';

export interface MotionSummary {
  /** Entries moved by move_page_tables, per level (a huge PMD counts at PMD). */
  readonly moved: Readonly<Record<MoveLevel, number>>;
  /** Huge PMD entries (THPs) moved as one. */
  readonly movedHuge: number;
  readonly tablesAlloc: number;
  readonly tablesFree: number;
  readonly tablesByLevel: Readonly<Record<TableLevel, { alloc: number; free: number }>>;
  /** Pages whose entries were set (faults, populate, uffd fills) or cleared. */
  readonly pagesSet: number;
  readonly pagesCleared: number;
  readonly framesAlloc: number;
  readonly framesFree: number;
  readonly cacheInsert: number;
  readonly cacheRemove: number;
  readonly faults: number;
  readonly uffdEvents: number;
  readonly uffdReads: number;
  readonly hasMove: boolean;
}

export function summarize(effects: readonly Effect[]): MotionSummary {
  const moved = { pud: 0, pmd: 0, pte: 0 };
  const tablesByLevel = {
    pud: { alloc: 0, free: 0 },
    pmd: { alloc: 0, free: 0 },
    pte: { alloc: 0, free: 0 },
  };
  let movedHuge = 0;
  let pagesSet = 0;
  let pagesCleared = 0;
  let framesAlloc = 0;
  let framesFree = 0;
  let cacheInsert = 0;
  let cacheRemove = 0;
  let faults = 0;
  let uffdEvents = 0;
  let uffdReads = 0;
  let hasMove = false;
  for (const e of effects) {
    switch (e.type) {
      case 'entries.move':
        hasMove = true;
        moved[e.level] += e.count;
        if (e.huge) movedHuge += e.count;
        break;
      case 'table.alloc':
        tablesByLevel[e.level].alloc++;
        break;
      case 'table.free':
        tablesByLevel[e.level].free++;
        break;
      case 'entries.set':
        pagesSet += e.pages;
        break;
      case 'entries.clear':
        pagesCleared += e.pages;
        break;
      case 'frames.alloc':
        framesAlloc += e.count;
        break;
      case 'frames.free':
        framesFree += e.count;
        break;
      case 'cache.insert':
        cacheInsert += e.count;
        break;
      case 'cache.remove':
        cacheRemove += e.count;
        break;
      case 'fault':
        faults += e.pages;
        break;
      case 'uffd.event':
        uffdEvents++;
        break;
      case 'uffd.read':
        uffdReads++;
        break;
      default:
        break;
    }
  }
  const levels = Object.values(tablesByLevel);
  return {
    moved,
    movedHuge,
    tablesAlloc: levels.reduce((s, l) => s + l.alloc, 0),
    tablesFree: levels.reduce((s, l) => s + l.free, 0),
    tablesByLevel,
    pagesSet,
    pagesCleared,
    framesAlloc,
    framesFree,
    cacheInsert,
    cacheRemove,
    faults,
    uffdEvents,
    uffdReads,
    hasMove,
  };
}

/** `PTE 262,144 · PMD 0 · PUD 0 · tables +512/-512`, scaled by `progress` (0..1) for count-up. */
export function moveCounterText(s: MotionSummary, progress = 1): string {
  const p = (n: number): string => count(Math.round(n * Math.min(1, Math.max(0, progress))));
  const huge = s.movedHuge > 0 ? ` (${p(s.movedHuge)} huge)` : '';
  return (
    `PTE ${p(s.moved.pte)} · PMD ${p(s.moved.pmd)}${huge} · PUD ${p(s.moved.pud)}` +
    ` · tables +${p(s.tablesAlloc)}/−${p(s.tablesFree)}`
  );
}

/** A one-line account of a step that moved no entries (faults, fills, unmaps), or ''. */
export function changeCounterText(s: MotionSummary): string {
  const parts: string[] = [];
  if (s.pagesSet > 0) parts.push(`entries +${count(s.pagesSet)}`);
  if (s.pagesCleared > 0) parts.push(`entries −${count(s.pagesCleared)}`);
  if (s.framesAlloc > 0 || s.framesFree > 0)
    parts.push(`frames +${count(s.framesAlloc)}/−${count(s.framesFree)}`);
  if (s.cacheInsert > 0 || s.cacheRemove > 0)
    parts.push(`cache +${count(s.cacheInsert)}/−${count(s.cacheRemove)}`);
  if (s.tablesAlloc > 0 || s.tablesFree > 0)
    parts.push(`tables +${count(s.tablesAlloc)}/−${count(s.tablesFree)}`);
  return parts.join(' · ');
}

/** Size one entry at `level` maps. */
export function entrySize(level: MoveLevel): number {
  return level === 'pud' ? PUD_SIZE : level === 'pmd' ? PMD_SIZE : PAGE_SIZE;
}

/** A contiguous address translation: [from, from+len) went to [to, to+len). */
export interface Shift {
  readonly level: MoveLevel;
  readonly from: number;
  readonly to: number;
  readonly len: number;
  readonly huge: boolean;
}

/** The moves of a step as address shifts, in record order. */
export function shifts(effects: readonly Effect[]): Shift[] {
  const out: Shift[] = [];
  for (const e of effects) {
    if (e.type !== 'entries.move') continue;
    out.push({
      level: e.level,
      from: e.from,
      to: e.to,
      len: e.count * entrySize(e.level),
      huge: e.huge,
    });
  }
  return out;
}

/**
 * Where the table that covered `base` before the step is now, if a PUD or PMD entry carried
 * it: a PUD move carries a PMD table and its PTE tables, a PMD move carries one PTE table.
 * PTE-level moves carry no table (a new one is allocated), so they return null.
 */
export function carriedTo(level: TableLevel, base: number, moves: readonly Shift[]): number | null {
  for (const m of moves) {
    const carries =
      (m.level === 'pud' && (level === 'pmd' || level === 'pte')) ||
      (m.level === 'pmd' && level === 'pte' && !m.huge);
    if (!carries) continue;
    if (base >= m.from && base < m.from + m.len) return base - m.from + m.to;
  }
  return null;
}

/** The inverse of `carriedTo`: where a table now at `base` was before the step. */
export function carriedFrom(
  level: TableLevel,
  base: number,
  moves: readonly Shift[],
): number | null {
  for (const m of moves) {
    const carries =
      (m.level === 'pud' && (level === 'pmd' || level === 'pte')) ||
      (m.level === 'pmd' && level === 'pte' && !m.huge);
    if (!carries) continue;
    if (base >= m.to && base < m.to + m.len) return base - m.to + m.from;
  }
  return null;
}
