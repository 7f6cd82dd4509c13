/**
 * Hand-written view models for the golden tests and the development harness: fixed, small and
 * readable, so a golden SVG changes only when a renderer does. They mirror real situations
 * (a memfd after MREMAP_DONTUNMAP, a GiB moved at each level) without needing the simulator.
 */
import type { Effect } from '../core/effects';
import { pfn as toPfn } from '../core/addr';
import { SLOT_ANON, SLOT_CACHE, SLOT_HUGE, SLOT_MARKER_WP, SLOT_NONE, SLOT_TABLE, SLOT_ZERO, type AddressSpaceModel, type BackingModel, type InspectorModel, type PageTablesModel, type PhysicalModel, type SlotCode, type TableLevelName, type TableModel, type UffdModel, type VmaModel } from './models';
export declare const TOP = 139912854634496;
export declare const BACKINGS: readonly BackingModel[];
export declare function vmaModel(p: Partial<VmaModel> & {
    id: number;
    start: number;
    end: number;
}): VmaModel;
/** `memfd heap` 16K, stored to, then mremap(heap, 16K, 16K, MAYMOVE|DONTUNMAP). */
export declare function dontunmapAddressSpace(): AddressSpaceModel;
export declare function dontunmapEffects(): Effect[];
/** A populated GiB moved by mremap (PTE-level: the worst case for a renderer). */
export declare function gigAddressSpace(): AddressSpaceModel;
export declare function gigMoveEffects(level: 'pte' | 'pmd' | 'pud'): Effect[];
export declare function emptyTable(level: TableLevelName, base: number, parent: string | null, index: number): TableModel;
/** Fill slots [from, from+n) with `kind`, frames pfn0, pfn0+1, ... */
export declare function fillSlots(t: TableModel, from: number, n: number, kind: SlotCode, backingIndex: number, pfn0: number): TableModel;
/** PGD -> one PUD -> one PMD -> a few PTE tables: the memfd example plus a THP. */
export declare function smallPageTables(): PageTablesModel;
/** A populated GiB: one PMD table full of PTE tables, only a few of them drawn. */
export declare function gigPageTables(base?: number, drawn?: number): PageTablesModel;
/**
 * The page tables after mremap moved the populated GiB at `from` to `from + 1G` at `level`,
 * with the tables the step freed or carried away drawn where they were.
 */
export declare function gigPageTablesAfter(level: 'pte' | 'pmd' | 'pud', drawn?: number): PageTablesModel;
export declare function smallPhysical(): PhysicalModel;
export declare function bigPhysical(n?: number): PhysicalModel;
export declare function uffdModel(): UffdModel;
export declare function emptyUffdModel(): UffdModel;
export declare function vmaInspector(): InspectorModel;
export declare const FIXTURE_PFN: typeof toPfn;
export { SLOT_ANON, SLOT_CACHE, SLOT_HUGE, SLOT_MARKER_WP, SLOT_NONE, SLOT_TABLE, SLOT_ZERO };
