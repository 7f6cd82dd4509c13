/**
 * shmem inodes (memfd and shared anonymous memory) with their page cache, the open files that
 * name them, and the process's fd table.
 *
 * The page cache is a sparse array of 512-entry chunks (like the kernel's xarray nodes), each an
 * Int32Array holding pfn + 1 (0 = no page): 4 bytes per cached page, no object per page.
 */
import type { RunLog } from './runLog';
import type { Frames } from './frames';
export declare class PageCache {
  chunks: Map<number, Int32Array>;
  count: number;
  constructor(src?: PageCache);
  /** The pfn cached at index, or -1. */
  get(index: number): number;
  set(index: number, pfn: number): void;
  delete(index: number): void;
  /** Cached (index, pfn) pairs with start <= index < end, ascending. */
  entries(start: number, end: number): Array<[number, number]>;
}
export type InodeKind = 'memfd' | 'shared-anon';
/** A shmem inode: its size and page cache (mm/shmem.c). */
export declare class Inode {
  readonly id: number;
  readonly kind: InodeKind;
  /** memfd name without the "memfd:" prefix; "" for shared anonymous memory. */
  readonly name: string;
  /** i_size in bytes. */
  size: number;
  cache: PageCache;
  /** References from open files; the inode is evicted when the last one goes. */
  refs: number;
  seals: number;
  constructor(id: number, kind: InodeKind, name: string, size: number, src?: Inode);
  clone(): Inode;
}
/**
 * An open file (struct file): VMAs made from the same fd share it, which is what lets them
 * merge (mm/vma.c is_mergeable_vma compares vm_file). Shared anonymous mappings get a file of
 * their own each (mm/shmem.c shmem_zero_setup).
 */
export declare class ShmemFile {
  readonly id: number;
  readonly inode: Inode;
  /** The fd (if open) plus every VMA mapping it. */
  refs: number;
  /** Opened for writing (memfd: O_RDWR). */
  readonly writable: boolean;
  constructor(id: number, inode: Inode, writable: boolean, refs?: number);
}
/** Remove page-cache pages [start, end) of an inode (already unmapped), logging it. */
export declare function cacheRemoveRange(
  inode: Inode,
  start: number,
  end: number,
  frames: Frames,
  log: RunLog,
): void;
