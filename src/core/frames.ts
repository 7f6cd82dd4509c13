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
import { pfn as mkPfn, type Pfn } from './addr';

// Local copies of addr.ts constants: module bindings cost a getter call per use under some
// loaders (tsx), and these sit on the fault path.
const PTRS_PER_TABLE = 512;

export const FRAME_FREE = 0;
export const FRAME_ANON = 1;
export const FRAME_CACHE = 2;
export const FRAME_ZERO = 3;
export const FRAME_HUGE_ZERO = 4;

/** flags[] bits */
export const FF_THP = 1; // part of a 512-page folio
export const FF_HEAD = 2; // the folio's head
export const FF_UPTODATE = 4; // PG_uptodate: fallocated shmem pages are not, until first use
/** MADV_FREE'd (folio_mark_lazyfree: !PG_swapbacked), on the folio head. */
export const FF_LAZYFREE = 8;

/** The shared zero page (mm/memory.c: ZERO_PAGE(0)). */
export const ZERO_PFN = mkPfn(0);
/** The huge zero page (mm/huge_memory.c: huge_zero_folio), 512 frames from here. */
export const HUGE_ZERO_PFN = mkPfn(PTRS_PER_TABLE);
const FIRST_FREE = 2 * PTRS_PER_TABLE;

export class Frames {
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
  index: Float64Array;
  /** Next never-used frame. */
  bump: number;
  /** Free single frames (a stack) and free 512-aligned blocks. */
  freeList: Int32Array;
  freeCount: number;
  freeHuge: number[];
  freeSorted = true;
  /** Frames in use, zero pages excluded. */
  used: number;
  /**
   * Growth hint: the bump pointer the running operation may reach (a store to N pages
   * allocates at most N frames); 0 = none. See grow().
   */
  bumpHint = 0;

  constructor(src?: Frames) {
    if (src !== undefined) {
      this.capacity = src.capacity;
      this.kind = src.kind.slice();
      this.flags = src.flags.slice();
      this.tag = src.tag.slice();
      this.mapcount = src.mapcount.slice();
      this.refcount = src.refcount.slice();
      this.owner = src.owner.slice();
      this.index = src.index.slice();
      this.bump = src.bump;
      this.freeList = src.freeList.slice();
      this.freeCount = src.freeCount;
      this.freeHuge = src.freeHuge.slice();
      this.freeSorted = src.freeSorted;
      this.used = src.used;
      return;
    }
    this.capacity = 4096;
    this.kind = new Uint8Array(this.capacity);
    this.flags = new Uint8Array(this.capacity);
    this.tag = new Uint8Array(this.capacity);
    this.mapcount = new Int32Array(this.capacity);
    this.refcount = new Int32Array(this.capacity);
    this.owner = new Int32Array(this.capacity);
    this.index = new Float64Array(this.capacity);
    this.freeList = new Int32Array(1024);
    this.freeCount = 0;
    this.freeHuge = [];
    this.bump = FIRST_FREE;
    this.used = 0;
    this.kind[ZERO_PFN] = FRAME_ZERO;
    for (let i = 0; i < PTRS_PER_TABLE; i++) {
      this.kind[HUGE_ZERO_PFN + i] = FRAME_HUGE_ZERO;
      this.flags[HUGE_ZERO_PFN + i] = FF_THP | (i === 0 ? FF_HEAD : 0);
    }
  }

  clone(): Frames {
    return new Frames(this);
  }

  /**
   * Room for at least `min` frames. The arrays grow by half, not double (a populated GiB costs
   * ~23 bytes per frame rather than up to 46), or at once to the running operation's hint (at
   * most 8 times larger per step: a hint is an upper bound, e.g. a huge shmem mapping past EOF
   * stops at SIGBUS), so that storing to a whole region allocates its arrays a few times
   * instead of a long doubling series (less copying, and less garbage for the GC to find).
   */
  private grow(min: number): void {
    const cap =
      this.bumpHint > min
        ? Math.max(min, Math.min(this.bumpHint, this.capacity * 8))
        : Math.max(min, Math.ceil((this.capacity * 1.5) / 1024) * 1024);
    const g8 = (a: Uint8Array): Uint8Array => {
      const n = new Uint8Array(cap);
      n.set(a);
      return n;
    };
    const g32 = (a: Int32Array): Int32Array => {
      const n = new Int32Array(cap);
      n.set(a);
      return n;
    };
    this.kind = g8(this.kind);
    this.flags = g8(this.flags);
    this.tag = g8(this.tag);
    this.mapcount = g32(this.mapcount);
    this.refcount = g32(this.refcount);
    this.owner = g32(this.owner);
    const ix = new Float64Array(cap);
    ix.set(this.index);
    this.index = ix;
    this.capacity = cap;
  }

  private pushFree(p: number): void {
    if (this.freeCount === this.freeList.length) {
      const n = new Int32Array(this.freeList.length * 2);
      n.set(this.freeList);
      this.freeList = n;
    }
    this.freeList[this.freeCount++] = p;
    this.freeSorted = false;
  }

  private take(): number {
    if (this.freeCount > 0) {
      // Hand out freed frames in ascending order so that runs of allocations stay runs of
      // consecutive pfns (and coalesce into one effect record).
      if (!this.freeSorted) {
        this.freeList.subarray(0, this.freeCount).sort().reverse();
        this.freeSorted = true;
      }
      return this.freeList[--this.freeCount]!;
    }
    if (this.bump >= this.capacity) this.grow(this.bump + 1);
    return this.bump++;
  }

  private init(p: number, kind: number, owner: number, index: number): void {
    this.kind[p] = kind;
    this.flags[p] = 0;
    this.tag[p] = 0;
    this.mapcount[p] = 0;
    this.refcount[p] = 0;
    this.owner[p] = owner;
    this.index[p] = index;
  }

  /** A new zero-filled anonymous page (alloc_anon_folio). */
  allocAnon(anonVma: number, index: number, log: RunLog): Pfn {
    const p = this.take();
    this.init(p, FRAME_ANON, anonVma, index);
    this.used++;
    log.frameAlloc(p, 'anon');
    return p as Pfn;
  }

  /** A new zero-filled page-cache page; the cache's reference is taken here. */
  allocCache(inode: number, index: number, log: RunLog): Pfn {
    const p = this.take();
    this.init(p, FRAME_CACHE, inode, index);
    this.refcount[p] = 1;
    this.used++;
    log.frameAlloc(p, 'cache');
    return p as Pfn;
  }

  /** A new anonymous THP: 512 frames, 512-aligned (vma_alloc_anon_folio_pmd). */
  allocHuge(anonVma: number, index: number, log: RunLog): Pfn {
    let h: number;
    const reuse = this.freeHuge.pop();
    if (reuse !== undefined) {
      h = reuse;
    } else {
      const aligned = Math.ceil(this.bump / PTRS_PER_TABLE) * PTRS_PER_TABLE;
      if (aligned + PTRS_PER_TABLE > this.capacity) this.grow(aligned + PTRS_PER_TABLE);
      for (let p = this.bump; p < aligned; p++) this.pushFree(p);
      this.bump = aligned + PTRS_PER_TABLE;
      h = aligned;
    }
    for (let i = 0; i < PTRS_PER_TABLE; i++) {
      this.init(h + i, FRAME_ANON, anonVma, index + i);
      this.flags[h + i] = FF_THP | (i === 0 ? FF_HEAD : 0);
    }
    this.used += PTRS_PER_TABLE;
    log.frameAlloc(h, 'anon', PTRS_PER_TABLE);
    return mkPfn(h);
  }

  /** The folio head of a page (itself for a small page). */
  head(p: number): number {
    return (this.flags[p]! & FF_THP) !== 0 ? p - (p % PTRS_PER_TABLE) : p;
  }

  isZero(p: number): boolean {
    const k = this.kind[p]!;
    return k === FRAME_ZERO || k === FRAME_HUGE_ZERO;
  }

  isThp(p: number): boolean {
    return (this.flags[p]! & FF_THP) !== 0;
  }

  /** A PTE now maps page p (folio_add_*_rmap_pte). */
  mapPte(p: number): void {
    if (this.kind[p]! >= FRAME_ZERO) return;
    this.mapcount[p]!++;
    this.refcount[this.head(p)]!++;
  }

  /** A PMD now maps the THP whose head is h (folio_add_*_rmap_pmd). */
  mapPmd(h: number): void {
    if (this.kind[h]! >= FRAME_ZERO) return;
    for (let i = 0; i < PTRS_PER_TABLE; i++) this.mapcount[h + i]!++;
    this.refcount[h]! += PTRS_PER_TABLE;
  }

  /** A PTE no longer maps page p; frees the folio when nothing references it. */
  unmapPte(p: number, log: RunLog): void {
    if (this.kind[p]! >= FRAME_ZERO) return;
    this.mapcount[p]!--;
    this.put(this.head(p), 1, log);
  }

  unmapPmd(h: number, log: RunLog): void {
    if (this.kind[h]! >= FRAME_ZERO) return;
    for (let i = 0; i < PTRS_PER_TABLE; i++) this.mapcount[h + i]!--;
    this.put(h, PTRS_PER_TABLE, log);
  }

  /**
   * The frames side of split_folio(): 512 small pages from here on, each holding its own
   * mappings; unmapped ones are freed. The lazyfree state goes to every page.
   */
  splitFolioFrames(h: number, log: RunLog): void {
    const lazy = this.flags[h]! & FF_LAZYFREE;
    let freed = 0;
    for (let i = 0; i < PTRS_PER_TABLE; i++) {
      const p = h + i;
      this.flags[p] = (this.flags[p]! & FF_UPTODATE) | lazy;
      this.refcount[p] = this.mapcount[p]!;
    }
    for (let i = 0; i < PTRS_PER_TABLE; i++) {
      const p = h + i;
      if (this.refcount[p] !== 0) continue;
      this.kind[p] = FRAME_FREE;
      this.pushFree(p);
      freed++;
      log.frameFree(p);
    }
    this.used -= freed;
  }

  /** Drop the page cache's reference (filemap_remove_folio). */
  uncache(p: number, log: RunLog): void {
    this.put(p, 1, log);
  }

  private put(h: number, n: number, log: RunLog): void {
    const r = (this.refcount[h]! -= n);
    if (r > 0) return;
    if ((this.flags[h]! & FF_THP) !== 0) {
      for (let i = 0; i < PTRS_PER_TABLE; i++) {
        this.kind[h + i] = FRAME_FREE;
        this.flags[h + i] = 0;
      }
      this.freeHuge.push(h);
      this.freeHuge.sort((a, b) => b - a);
      this.used -= PTRS_PER_TABLE;
      log.frameFree(h, PTRS_PER_TABLE);
      return;
    }
    this.kind[h] = FRAME_FREE;
    this.pushFree(h);
    this.used--;
    log.frameFree(h);
  }
}
