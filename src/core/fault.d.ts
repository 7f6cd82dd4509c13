/**
 * The page-fault path (mm/memory.c handle_mm_fault and what it calls; mm/huge_memory.c for
 * PMD-level faults; mm/shmem.c shmem_fault for the page cache) and the CPU access that drives it.
 *
 * `accessPage` is the hot path of every load and store: a VMA cache, a page-table walk on
 * typed arrays and a tag read or write; no allocation unless the page faults.
 */
import type { Mm } from './mm';
import type { Vma } from './vma';
import type { Cause } from './effects';
import type { Access } from './threads';
export declare const FAULT_OK = 0;
export declare const FAULT_SIGSEGV = 1;
export declare const FAULT_SIGBUS = 2;
export declare const FAULT_BLOCK = 3;
export type FaultResult =
  typeof FAULT_OK | typeof FAULT_SIGSEGV | typeof FAULT_SIGBUS | typeof FAULT_BLOCK;
/** Where a fault comes from: a CPU access, or get_user_pages (populate, mlock). */
export interface FaultCtx {
  readonly thread: string;
  readonly cause: Cause;
}
/**
 * One CPU access to the page at `addr` (page-aligned, < TASK_SIZE): a store fills the page
 * with `tag`, a load reads its first byte into `mm.lastTag`. Returns a FAULT_* code.
 */
export declare function accessPage(
  mm: Mm,
  thread: string,
  addr: number,
  write: boolean,
  tag: number,
): number;
/**
 * Run an access's remaining pages (the CPU side of a load/store): returns FAULT_OK when every
 * page was accessed, else the code of the page that stopped it (its address stays in a.next).
 */
export declare function runAccessPages(mm: Mm, a: Access, thread: string): number;
/** thp_vma_allowable_order() for PMD order, THP mode `madvise` (anonymous memory only). */
export declare function thpAllowed(v: Vma): boolean;
/**
 * handle_mm_fault() for a VMA that permits the access. Performs the fault; the caller retries
 * the access.
 */
export declare function handleMmFault(
  mm: Mm,
  v: Vma,
  addr: number,
  write: boolean,
  ctx: FaultCtx,
): number;
