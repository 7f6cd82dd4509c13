/**
 * shmem inodes (memfd and shared anonymous memory) with their page cache, the open files that
 * name them, and the process's fd table.
 *
 * The page cache is a sparse array of 512-entry chunks (like the kernel's xarray nodes), each an
 * Int32Array holding pfn + 1 (0 = no page): 4 bytes per cached page, no object per page.
 */
import type { RunLog } from './runLog';
import type { Frames } from './frames';

const CHUNK = 512;

export class PageCache {
  chunks: Map<number, Int32Array>;
  count: number;

  constructor(src?: PageCache) {
    this.chunks = new Map();
    this.count = 0;
    if (src !== undefined) {
      for (const [k, v] of src.chunks) this.chunks.set(k, v.slice());
      this.count = src.count;
    }
  }

  /** The pfn cached at index, or -1. */
  get(index: number): number {
    const c = this.chunks.get(Math.floor(index / CHUNK));
    if (c === undefined) return -1;
    return c[index % CHUNK]! - 1;
  }

  set(index: number, pfn: number): void {
    const k = Math.floor(index / CHUNK);
    let c = this.chunks.get(k);
    if (c === undefined) {
      c = new Int32Array(CHUNK);
      this.chunks.set(k, c);
    }
    if (c[index % CHUNK] === 0) this.count++;
    c[index % CHUNK] = pfn + 1;
  }

  delete(index: number): void {
    const k = Math.floor(index / CHUNK);
    const c = this.chunks.get(k);
    if (c === undefined || c[index % CHUNK] === 0) return;
    c[index % CHUNK] = 0;
    this.count--;
  }

  /** Cached (index, pfn) pairs with start <= index < end, ascending. */
  entries(start: number, end: number): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    const keys = [...this.chunks.keys()].sort((a, b) => a - b);
    for (const k of keys) {
      const base = k * CHUNK;
      if (base + CHUNK <= start || base >= end) continue;
      const c = this.chunks.get(k)!;
      const lo = Math.max(start, base);
      const hi = Math.min(end, base + CHUNK);
      for (let i = lo; i < hi; i++) {
        const v = c[i - base]!;
        if (v !== 0) out.push([i, v - 1]);
      }
    }
    return out;
  }
}

export type InodeKind = 'memfd' | 'shared-anon';

/** A shmem inode: its size and page cache (mm/shmem.c). */
export class Inode {
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

  constructor(id: number, kind: InodeKind, name: string, size: number, src?: Inode) {
    this.id = id;
    this.kind = kind;
    this.name = name;
    this.size = size;
    this.cache = new PageCache(src?.cache);
    this.refs = src?.refs ?? 0;
    this.seals = src?.seals ?? 0;
  }

  clone(): Inode {
    return new Inode(this.id, this.kind, this.name, this.size, this);
  }
}

/**
 * An open file (struct file): VMAs made from the same fd share it, which is what lets them
 * merge (mm/vma.c is_mergeable_vma compares vm_file). Shared anonymous mappings get a file of
 * their own each (mm/shmem.c shmem_zero_setup).
 */
export class ShmemFile {
  readonly id: number;
  readonly inode: Inode;
  /** The fd (if open) plus every VMA mapping it. */
  refs: number;
  /** Opened for writing (memfd: O_RDWR). */
  readonly writable: boolean;

  constructor(id: number, inode: Inode, writable: boolean, refs = 0) {
    this.id = id;
    this.inode = inode;
    this.writable = writable;
    this.refs = refs;
  }
}

/** Remove page-cache pages [start, end) of an inode (already unmapped), logging it. */
export function cacheRemoveRange(
  inode: Inode,
  start: number,
  end: number,
  frames: Frames,
  log: RunLog,
): void {
  for (const [index, pfn] of inode.cache.entries(start, end)) {
    inode.cache.delete(index);
    log.cacheRemove(inode.id, index);
    frames.uncache(pfn, log);
  }
}
