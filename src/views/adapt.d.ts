import type { Effect } from '../core/effects';
import type { Simulation } from '../script/interpret';
import type { Program } from '../script/program';
import type { Selection, StepRecord } from '../store/types';
import { type AddressSpaceModel, type BackingModel, type InspectorModel, type Linked, type PageTablesModel, type PhysicalModel, type UffdModel } from './models';
/** The timeline around the simulation: what happened to get here. */
export interface Timeline {
    readonly steps: readonly StepRecord[];
    readonly cursor: number;
    readonly program: Program | null;
}
/**
 * One backing per kind of memory: private anon, then each live shmem inode. A memfd's colour
 * comes from its inode number, so it keeps its colour for the whole run.
 */
export declare function backingsOf(sim: Simulation): BackingModel[];
export declare function vmFlagKernelNames(flags: number): string[];
export declare function adaptAddressSpace(sim: Simulation | null, tl: Timeline): AddressSpaceModel;
/** The address ranges the page-table view should show tables for. */
export declare function focusRanges(sim: Simulation, selection: Selection | null, effects: readonly Effect[]): [number, number][];
export declare function adaptPageTables(sim: Simulation | null, opts: {
    readonly selection: Selection | null;
    readonly effects: readonly Effect[];
}): PageTablesModel;
export declare function adaptPhysical(sim: Simulation | null): PhysicalModel;
export declare function adaptUffd(sim: Simulation | null, tl: Timeline): UffdModel;
/** What a selection stands for on every pane: address ranges and frames. */
export declare function adaptLinks(sim: Simulation | null, sel: Selection | null): Linked;
export declare function adaptInspector(sim: Simulation | null, sel: Selection | null, tl: Timeline): InspectorModel | null;
