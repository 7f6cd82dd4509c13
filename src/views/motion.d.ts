/**
 * What a step moved, from its effect records: the counts shown beside an animation and the
 * address translation the page-table view uses to make a moved table travel instead of
 * vanishing at one place and appearing at another. Nothing here compares states: the records
 * say what moved (design.md, "Views animate effect records").
 */
import type { Effect, MoveLevel, TableLevel } from '../core/effects';
export interface MotionSummary {
    /** Entries moved by move_page_tables, per level (a huge PMD counts at PMD). */
    readonly moved: Readonly<Record<MoveLevel, number>>;
    /** Huge PMD entries (THPs) moved as one. */
    readonly movedHuge: number;
    readonly tablesAlloc: number;
    readonly tablesFree: number;
    readonly tablesByLevel: Readonly<Record<TableLevel, {
        alloc: number;
        free: number;
    }>>;
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
export declare function summarize(effects: readonly Effect[]): MotionSummary;
/** `PTE 262,144 · PMD 0 · PUD 0 · tables +512/-512`, scaled by `progress` (0..1) for count-up. */
export declare function moveCounterText(s: MotionSummary, progress?: number): string;
/** A one-line account of a step that moved no entries (faults, fills, unmaps), or ''. */
export declare function changeCounterText(s: MotionSummary): string;
/** Size one entry at `level` maps. */
export declare function entrySize(level: MoveLevel): number;
/** A contiguous address translation: [from, from+len) went to [to, to+len). */
export interface Shift {
    readonly level: MoveLevel;
    readonly from: number;
    readonly to: number;
    readonly len: number;
    readonly huge: boolean;
}
/** The moves of a step as address shifts, in record order. */
export declare function shifts(effects: readonly Effect[]): Shift[];
/**
 * Where the table that covered `base` before the step is now, if a PUD or PMD entry carried
 * it: a PUD move carries a PMD table and its PTE tables, a PMD move carries one PTE table.
 * PTE-level moves carry no table (a new one is allocated), so they return null.
 */
export declare function carriedTo(level: TableLevel, base: number, moves: readonly Shift[]): number | null;
/** The inverse of `carriedTo`: where a table now at `base` was before the step. */
export declare function carriedFrom(level: TableLevel, base: number, moves: readonly Shift[]): number | null;
