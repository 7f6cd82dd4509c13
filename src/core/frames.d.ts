/**
 * Physical memory: page frames in typed arrays (never an object per frame).
 *
 * A frame is anonymous (owned by an anon_vma), a page-cache page (owned by a shmem inode at
 * an index), the shared zero page, or part of the huge zero page. Anonymous THPs are folios of
 * 512 frames whose head is 512-aligned.
 *
 * Counting, simplified from the kernel's folio refcount/mapcount (mm/rmap.c):
 * - `mapcount[pfn]`: page-table mappings of this page. A PMD mapping of a THP counts once on
 *   every subpage (the kernel's entire_mapcount, folded in), so splitting the PMD into PTEs
 *   leaves every count unchanged.
 * - `refcount[head]`: mappings of the folio (+1 while in the page cache). The folio is freed when
 *   it reaches 0. For a small page the head is the page.
 * The zero pages are never counted (vm_normal_page() returns NULL for them: no rmap).
 */
import type { RunLog } from './runLog';
import { type Pfn } from './addr';
export declare const FRAME_FREE = 0;
export declare const FRAME_ANON = 1;
export declare const FRAME_CACHE = 2;
export declare const FRAME_ZERO = 3;
export declare const FRAME_HUGE_ZERO = 4;
/** flags[] bits */
export declare const FF_THP = 1;
export declare const FF_HEAD = 2;
export declare const FF_UPTODATE = 4;
/** MADV_FREE'd (folio_mark_lazyfree: !PG_swapbacked), on the folio head. */
export declare const FF_LAZYFREE = 8;
/** The shared zero page (mm/memory.c: ZERO_PAGE(0)). */
export declare const ZERO_PFN: Pfn;
/** The huge zero page (mm/huge_memory.c: huge_zero_folio), 512 frames from here. */
export declare const HUGE_ZERO_PFN: Pfn;
export declare class Frames {
  capacity: number;
  kind: Uint8Array;
  flags: Uint8Array;
  /** The page's content: one byte (mms.md: a store fills the page with its tag). */
  tag: Uint8Array;
  mapcount: Int32Array;
  refcount: Int32Array;
  /** Inode id (cache pages) or anon_vma id (anonymous pages). */
  owner: Int32Array;
  /** Page-cache index (cache pages) or linear page index (anonymous pages). */
  index: Int32Array;
  /** Next never-used frame. */
  bump: number;
  /** Free single frames (a stack) and free 512-aligned blocks. */
  freeList: Int32Array;
  freeCount: number;
  freeHuge: number[];
  freeSorted: boolean;
  /** Frames in use, zero pages excluded. */
  used: number;
  constructor(src?: Frames);
  clone(): Frames;
  private grow;
  private pushFree;
  private take;
  private init;
  /** A new zero-filled anonymous page (alloc_anon_folio). */
  allocAnon(anonVma: number, index: number, log: RunLog): Pfn;
  /** A new zero-filled page-cache page; the cache's reference is taken here. */
  allocCache(inode: number, index: number, log: RunLog): Pfn;
  /** A new anonymous THP: 512 frames, 512-aligned (vma_alloc_anon_folio_pmd). */
  allocHuge(anonVma: number, index: number, log: RunLog): Pfn;
  /** The folio head of a page (itself for a small page). */
  head(p: number): number;
  isZero(p: number): boolean;
  isThp(p: number): boolean;
  /** A PTE now maps page p (folio_add_*_rmap_pte). */
  mapPte(p: number): void;
  /** A PMD now maps the THP whose head is h (folio_add_*_rmap_pmd). */
  mapPmd(h: number): void;
  /** A PTE no longer maps page p; frees the folio when nothing references it. */
  unmapPte(p: number, log: RunLog): void;
  unmapPmd(h: number, log: RunLog): void;
  /**
   * The frames side of split_folio(): 512 small pages from here on, each holding its own
   * mappings; unmapped ones are freed. The lazyfree state goes to every page.
   */
  splitFolioFrames(h: number, log: RunLog): void;
  /** Drop the page cache's reference (filemap_remove_folio). */
  uncache(p: number, log: RunLog): void;
  private put;
}
