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
import * as addrMod from './addr';
import * as framesMod from './frames';
import * as ptMod from './pageTable';
import * as vmaMod from './vma';
import * as anonVmaMod from './anonVma';
import type { Access } from './threads';
import * as hugeMod from './huge';
// uffd: handle_userfault() and the userfaultfd checks of the fault path
import { handleUserfault, shmemUserfault, uffdWpAsync } from './uffd';

// Imports copied into module constants once: under some loaders (tsx) every use of an
// imported binding is a getter call, and these sit on the fault path.
const { vaddr } = addrMod;
const { FF_UPTODATE, FRAME_ANON, HUGE_ZERO_PFN, ZERO_PFN } = framesMod;
const { PFN_SHIFT, PTE_DIRTY, PTE_PRESENT, PTE_UFFD_WP, PTE_WRITE, mkPte, pteIdx } = ptMod;
const { VM_HUGEPAGE, VM_MAYSHARE, VM_NOHUGEPAGE, VM_SHARED, VM_WRITE } = vmaMod;
const { thpSuitable, vmaIsAnonymous, vmaLookup, findVmaIndex, vmaSetRange } = vmaMod;
const { VM_GROWSDOWN } = vmaMod;
const { anonVmaPrepare } = anonVmaMod;
const { splitHugePmd } = hugeMod;
// uffd: registration flags tested on the fault path
const { VM_UFFD_MINOR, VM_UFFD_MISSING, VM_UFFD_WP } = vmaMod;

const PAGE_SIZE = 4096;
const PTRS_PER_TABLE = 512;
const PMD_SIZE = 2 ** 21;
const PUD_SIZE = 2 ** 30;
const PGDIR_SIZE = 2 ** 39;
const TASK_SIZE = 2 ** 47 - 4096;
// Entry bits, mirrored from pageTable.ts.
const E_PRESENT = 1;
const E_WRITE = 2;
const E_DIRTY = 8;
const E_TABLE = 16;
const E_SHIFT = 5;

export const FAULT_OK = 0;
export const FAULT_SIGSEGV = 1;
export const FAULT_SIGBUS = 2;
export const FAULT_BLOCK = 3;
/** Internal: the PMD-level handler declined (VM_FAULT_FALLBACK). */
const FAULT_FALLBACK = 4;
/** VM_WRITE and VM_ACCESS_FLAGS (vma.ts), local for the hot path. */
const VM_WRITE_ = 0x2;
const VM_ACCESS_ = 0x7;

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
export function accessPage(
  mm: Mm,
  thread: string,
  addr: number,
  write: boolean,
  tag: number,
  missed = false,
): number {
  let v = mm.vmaCache;
  if (v === null || addr < v.start || addr >= v.end) {
    const f = vmaLookup(mm, addr) ?? expandStack(mm, addr);
    if (f === undefined) return FAULT_SIGSEGV;
    v = f;
    mm.vmaCache = v;
  }
  // arch/x86/mm/fault.c access_error(): writes need VM_WRITE, reads any of VM_ACCESS_FLAGS.
  if (write ? (v.flags & VM_WRITE_) === 0 : (v.flags & VM_ACCESS_) === 0) return FAULT_SIGSEGV;
  for (let attempt = 0; attempt < 4; attempt++) {
    // The caller may already know the first try misses (runAccessPages' fast path).
    if ((attempt > 0 || !missed) && tryAccess(mm, addr, write, tag)) return FAULT_OK;
    const r = handleMmFault(mm, v, addr, write, userFaultCtx(thread));
    if (r !== FAULT_OK) return r;
  }
  throw new Error(`fault at 0x${addr.toString(16)} did not resolve`);
}

/** The last thread's FaultCtx: contexts are read-only, so a run of faults shares one. */
let lastUserCtx: FaultCtx = { thread: 'main', cause: 'fault' };
function userFaultCtx(thread: string): FaultCtx {
  if (lastUserCtx.thread !== thread) lastUserCtx = { thread, cause: 'fault' };
  return lastUserCtx;
}

/** RLIMIT_STACK of the oracle (8 MiB) and mm/mmap.c stack_guard_gap (256 pages). */
const RLIMIT_STACK = 8 * 1024 * 1024;
const STACK_GUARD_GAP = 256 * PAGE_SIZE;

/**
 * lock_mm_and_find_vma() -> expand_stack_locked() -> expand_downwards() (mm/mmap.c): a fault
 * below a VM_GROWSDOWN VMA grows it down to the faulting page, unless that would come within
 * stack_guard_gap of an accessible VMA below, exceed RLIMIT_STACK or underflow its pgoff.
 */
function expandStack(mm: Mm, addr: number): Vma | undefined {
  const i = findVmaIndex(mm, addr);
  const v = mm.vmas[i];
  if (v === undefined || (v.flags & VM_GROWSDOWN) === 0) return undefined;
  const address = addr - (addr % PAGE_SIZE);
  if (address < 65536) return undefined;
  const prev = mm.vmas[i - 1];
  if (
    prev !== undefined &&
    (prev.flags & VM_GROWSDOWN) === 0 &&
    (prev.flags & VM_ACCESS_) !== 0 &&
    address - prev.end < STACK_GUARD_GAP
  ) {
    return undefined;
  }
  anonVmaPrepare(mm, v);
  const grow = (v.start - address) / PAGE_SIZE;
  if (grow > v.pgoff || v.end - address > RLIMIT_STACK) return undefined;
  vmaSetRange(mm, v, address, v.end, v.pgoff - grow);
  return v;
}

/** The TLB hit: the page is mapped with the needed permission; do the access. */
function tryAccess(mm: Mm, addr: number, write: boolean, tag: number): boolean {
  const pt = mm.pt;
  const g = pt.pgd[Math.floor(addr / PGDIR_SIZE) & 511]!;
  if (g === 0) return false;
  const u = pt.pud.data[(g - 1) * PTRS_PER_TABLE + (Math.floor(addr / PUD_SIZE) & 511)]!;
  if (u === 0) return false;
  const ms = (u - 1) * PTRS_PER_TABLE + (Math.floor(addr / PMD_SIZE) & 511);
  const m = pt.pmd.data[ms]!;
  const pi = Math.floor(addr / PAGE_SIZE) & 511;
  if ((m & E_TABLE) !== 0) {
    const slot = (m >>> E_SHIFT) * PTRS_PER_TABLE + pi;
    const e = pt.pte.data[slot]!;
    if ((e & E_PRESENT) === 0) return false;
    if (write) {
      if ((e & E_WRITE) === 0) return false;
      // The CPU sets the dirty bit on write (MADV_FREE's lazy pages are kept when dirty).
      if ((e & E_DIRTY) === 0) pt.pte.data[slot] = e | E_DIRTY;
      mm.frames.tag[e >>> E_SHIFT] = tag;
    } else {
      mm.lastTag = mm.frames.tag[e >>> E_SHIFT]!;
    }
    return true;
  }
  if ((m & E_PRESENT) === 0) return false;
  if (write) {
    if ((m & E_WRITE) === 0) return false;
    if ((m & E_DIRTY) === 0) pt.pmd.data[ms] = m | E_DIRTY;
    mm.frames.tag[(m >>> E_SHIFT) + pi] = tag;
  } else {
    mm.lastTag = mm.frames.tag[(m >>> E_SHIFT) + pi]!;
  }
  return true;
}

/**
 * Run an access's remaining pages (the CPU side of a load/store): returns FAULT_OK when every
 * page was accessed, else the code of the page that stopped it (its address stays in a.next).
 */
export function runAccessPages(mm: Mm, a: Access, thread: string): number {
  // Growth hints for the frame and PTE-table pools: this access maps at most a frame per
  // page it may write (a load maps the zero page) and a PTE table per 2 MiB of what is mapped,
  // so a pool that must grow grows once to what the access may need (frames.ts, pageTable.ts).
  // Only mapped pages count: a huge range that will fault must not size the pools.
  const frames = mm.frames;
  const ptes = mm.pt.pte;
  if (a.end > a.next + PAGE_SIZE) {
    const write = a.kind === 'store';
    const pages = accessiblePages(mm, a.next, a.end, write ? VM_WRITE_ : VM_ACCESS_);
    if (write) frames.bumpHint = frames.bump + pages;
    ptes.nextHint = ptes.next + Math.ceil(pages / PTRS_PER_TABLE) + 1;
  }
  try {
    return runPages(mm, a, thread);
  } finally {
    frames.bumpHint = 0;
    ptes.nextHint = 0;
  }
}

/** Pages of [start, end) in VMAs with any of `flags` (bounds the growth hints). */
function accessiblePages(mm: Mm, start: number, end: number, flags: number): number {
  const vmas = mm.vmas;
  let n = 0;
  for (let i = findVmaIndex(mm, start); i < vmas.length; i++) {
    const v = vmas[i]!;
    if (v.start >= end) break;
    if ((v.flags & flags) === 0) continue;
    n += ((v.end < end ? v.end : end) - (v.start > start ? v.start : start)) / PAGE_SIZE;
  }
  return n;
}

function runPages(mm: Mm, a: Access, thread: string): number {
  const write = a.kind === 'store';
  const tag = a.tag;
  const end = a.end;
  let addr = a.next;
  while (addr < end) {
    if (addr >= TASK_SIZE) {
      a.next = addr;
      return FAULT_SIGSEGV;
    }
    // Fast path: the same VMA as the last access and a mapped page.
    const v = mm.vmaCache;
    if (
      v !== null &&
      addr >= v.start &&
      addr < v.end &&
      (write ? (v.flags & VM_WRITE_) !== 0 : (v.flags & VM_ACCESS_) !== 0)
    ) {
      // The TLB hits of a whole PTE table at once (no walk from the PGD per page).
      const n = runMappedPtes(mm, a, addr, end < v.end ? end : v.end, write, tag);
      if (n > 0) {
        addr += n * PAGE_SIZE;
        continue;
      }
      if (n === 0) {
        // addr's PTE does not allow the access: fault (tryAccess would miss too).
        const r = accessPage(mm, thread, addr, write, tag, true);
        if (r !== FAULT_OK) {
          a.next = addr;
          return r;
        }
        if (!write) a.pushTag(mm.lastTag);
        addr += PAGE_SIZE;
        continue;
      }
    }
    if (
      v === null ||
      addr < v.start ||
      addr >= v.end ||
      (write ? (v.flags & VM_WRITE_) === 0 : (v.flags & VM_ACCESS_) === 0) ||
      !tryAccess(mm, addr, write, tag)
    ) {
      const r = accessPage(
        mm,
        thread,
        addr,
        write,
        tag,
        v !== null && addr >= v.start && addr < v.end,
      );
      if (r !== FAULT_OK) {
        a.next = addr;
        return r;
      }
    }
    if (!write) a.pushTag(mm.lastTag);
    addr += PAGE_SIZE;
  }
  a.next = addr;
  return FAULT_OK;
}

/**
 * tryAccess() over the run of pages [addr, limit) that share addr's PTE table (limit is within
 * the VMA, which permits the access): accesses them in order until one is not mapped with the
 * needed permission. Returns the number of pages accessed, or -1 when addr has no PTE table
 * (nothing mapped, or a huge PMD).
 */
function runMappedPtes(
  mm: Mm,
  a: Access,
  addr: number,
  limit: number,
  write: boolean,
  tag: number,
): number {
  const pt = mm.pt;
  const g = pt.pgd[Math.floor(addr / PGDIR_SIZE) & 511]!;
  if (g === 0) return -1;
  const u = pt.pud.data[(g - 1) * PTRS_PER_TABLE + (Math.floor(addr / PUD_SIZE) & 511)]!;
  if (u === 0) return -1;
  const m = pt.pmd.data[(u - 1) * PTRS_PER_TABLE + (Math.floor(addr / PMD_SIZE) & 511)]!;
  if ((m & E_TABLE) === 0) return -1;
  const pmdEnd = (Math.floor(addr / PMD_SIZE) + 1) * PMD_SIZE;
  const n = ((limit < pmdEnd ? limit : pmdEnd) - addr) / PAGE_SIZE;
  const base = (m >>> E_SHIFT) * PTRS_PER_TABLE + (Math.floor(addr / PAGE_SIZE) & 511);
  const data = pt.pte.data;
  const tags = mm.frames.tag;
  let i = 0;
  if (write) {
    for (; i < n; i++) {
      const e = data[base + i]!;
      if ((e & (E_PRESENT | E_WRITE)) !== (E_PRESENT | E_WRITE)) break;
      // The CPU sets the dirty bit on write (as tryAccess does).
      if ((e & E_DIRTY) === 0) data[base + i] = e | E_DIRTY;
      tags[e >>> E_SHIFT] = tag;
    }
  } else {
    // The first byte of each page read, straight into the access's tag buffer.
    const out = a.reserveTags(n);
    let k = a.ntags;
    let t = 0;
    for (; i < n; i++) {
      const e = data[base + i]!;
      if ((e & E_PRESENT) === 0) break;
      t = tags[e >>> E_SHIFT]!;
      out[k++] = t;
    }
    a.ntags = k;
    if (i > 0) mm.lastTag = t;
  }
  return i;
}

/** thp_vma_allowable_order() for PMD order, THP mode `madvise` (anonymous memory only). */
export function thpAllowed(v: Vma): boolean {
  return vmaIsAnonymous(v) && (v.flags & VM_HUGEPAGE) !== 0 && (v.flags & VM_NOHUGEPAGE) === 0;
}

/**
 * handle_mm_fault() for a VMA that permits the access. Performs the fault; the caller retries
 * the access.
 */
export function handleMmFault(mm: Mm, v: Vma, addr: number, write: boolean, ctx: FaultCtx): number {
  const pt = mm.pt;
  const ms = pt.pmdSlotAlloc(addr, mm.log);
  const m = pt.pmd.data[ms]!;
  const haddr = addr - (addr % PMD_SIZE);
  if (m === 0 && thpAllowed(v) && thpSuitable(v, haddr)) {
    const r = doHugePmdAnonymousPage(mm, v, ms, haddr, addr, write, ctx);
    if (r !== FAULT_FALLBACK) return r;
  } else if ((m & PTE_PRESENT) !== 0) {
    // A huge PMD: only a write to a read-only one needs work (wp_huge_pmd).
    if (!write || (m & PTE_WRITE) !== 0) return FAULT_OK;
    const r = doHugePmdWpPage(mm, v, ms, haddr, addr, ctx);
    if (r !== FAULT_FALLBACK) return r;
  }
  return handlePteFault(mm, v, addr, write, ctx, ms);
}

// ---------------------------------------------------------------------------------------------
// PMD level (mm/huge_memory.c)

function doHugePmdAnonymousPage(
  mm: Mm,
  v: Vma,
  ms: number,
  haddr: number,
  addr: number,
  write: boolean,
  ctx: FaultCtx,
): number {
  // vmf_anon_prepare() comes first: even the huge zero page gives the VMA an anon_vma.
  anonVmaPrepare(mm, v);
  // uffd: do_huge_pmd_anonymous_page() hands a MISSING fault to userland, mapping nothing
  if ((v.flags & VM_UFFD_MISSING) !== 0)
    return handleUserfault(mm, v, addr, write, VM_UFFD_MISSING, ctx);
  const pt = mm.pt;
  if (!write && mm.profile.thpUseZeroPage) {
    pt.deposited++;
    pt.pmd.data[ms] = mkPte(HUGE_ZERO_PFN, false);
    mm.log.entrySet(haddr, HUGE_ZERO_PFN, 'huge-zero', false, ctx.cause, PTRS_PER_TABLE);
    mm.log.fault(ctx.thread, addr, false, 'huge-zero');
    return FAULT_OK;
  }
  const h = mm.frames.allocHuge(v.anonVma, v.linearIndex(haddr), mm.log);
  mapHugeAnon(mm, v, ms, haddr, h, ctx.cause);
  mm.log.fault(ctx.thread, addr, write, 'thp');
  return FAULT_OK;
}

function mapHugeAnon(mm: Mm, v: Vma, ms: number, haddr: number, h: number, cause: Cause): void {
  const pt = mm.pt;
  const w = (v.flags & VM_WRITE) !== 0;
  for (let i = 0; i < PTRS_PER_TABLE; i++) mm.frames.flags[h + i]! |= FF_UPTODATE;
  mm.frames.mapPmd(h);
  pt.deposited++;
  pt.pmd.data[ms] = mkPte(h, w) | (w ? PTE_DIRTY : 0);
  mm.log.entrySet(haddr, h, 'huge', w, cause, PTRS_PER_TABLE);
}

/** do_huge_pmd_wp_page(): write to a read-only huge PMD. */
function doHugePmdWpPage(
  mm: Mm,
  v: Vma,
  ms: number,
  haddr: number,
  addr: number,
  ctx: FaultCtx,
): number {
  const pt = mm.pt;
  const m = pt.pmd.data[ms]!;
  const head = m >>> PFN_SHIFT;
  // uffd: wp_huge_pmd() hands a write to a uffd-wp huge PMD to userland (WP_ASYNC: split it)
  if ((m & PTE_UFFD_WP) !== 0 && (v.flags & VM_UFFD_WP) !== 0) {
    if (!uffdWpAsync(mm, v)) return handleUserfault(mm, v, addr, true, VM_UFFD_WP, ctx);
    splitHugePmd(mm, haddr, ctx.cause);
    return FAULT_FALLBACK;
  }
  if (head === HUGE_ZERO_PFN) {
    // do_huge_zero_wp_pmd(): a new THP replaces the huge zero page.
    if (!thpSuitable(v, haddr)) {
      splitHugePmd(mm, haddr, ctx.cause);
      return FAULT_FALLBACK;
    }
    const h = mm.frames.allocHuge(v.anonVma, v.linearIndex(haddr), mm.log);
    pt.deposited--;
    pt.pmd.data[ms] = 0;
    mapHugeAnon(mm, v, ms, haddr, h, ctx.cause);
    mm.log.fault(ctx.thread, addr, true, 'thp');
    return FAULT_OK;
  }
  // An anonymous THP is exclusively ours (no fork): reuse it in place.
  if (mm.frames.kind[head] === FRAME_ANON) {
    pt.pmd.data[ms] = m | PTE_WRITE | PTE_DIRTY;
    mm.log.push({
      type: 'entries.protect',
      addr: vaddr(haddr),
      pages: PTRS_PER_TABLE,
      writable: true,
      wp: (m & PTE_UFFD_WP) !== 0,
      cause: ctx.cause,
    });
    mm.log.fault(ctx.thread, addr, true, 'reuse');
    return FAULT_OK;
  }
  splitHugePmd(mm, haddr, ctx.cause);
  return FAULT_FALLBACK;
}

// ---------------------------------------------------------------------------------------------
// PTE level (mm/memory.c handle_pte_fault)

function handlePteFault(
  mm: Mm,
  v: Vma,
  addr: number,
  write: boolean,
  ctx: FaultCtx,
  ms: number,
): number {
  const pt = mm.pt;
  const m = pt.pmd.data[ms]!;
  if (m === 0) return doPteMissing(mm, v, addr, write, ctx);
  const slot = (m >>> PFN_SHIFT) * PTRS_PER_TABLE + pteIdx(addr);
  const e = pt.pte.data[slot]!;
  if (e === 0) return doPteMissing(mm, v, addr, write, ctx);
  if ((e & PTE_PRESENT) === 0) {
    // A PTE marker (do_swap_page -> handle_pte_marker): poison and guard markers signal,
    // a uffd-wp marker faults as if the entry were none.
    return handlePteMarker(mm, v, addr, write, ctx, slot, e);
  }
  if (write && (e & PTE_WRITE) === 0) return doWpPage(mm, v, addr, ctx, slot, e);
  return FAULT_OK;
}

function handlePteMarker(
  mm: Mm,
  v: Vma,
  addr: number,
  write: boolean,
  ctx: FaultCtx,
  slot: number,
  e: number,
): number {
  const bits = e >>> PFN_SHIFT;
  if ((bits & 2) !== 0) return FAULT_SIGBUS; // PTE_MARKER_POISONED: VM_FAULT_HWPOISON
  if ((bits & 4) !== 0) return FAULT_SIGSEGV; // PTE_MARKER_GUARD
  // uffd: pte_marker_handle_uffd_wp(): a leftover marker outside a WP range is just cleared
  if ((v.flags & VM_UFFD_WP) === 0) {
    mm.pt.pte.data[slot] = 0;
    mm.log.entryClear(addr, ctx.cause);
    return FAULT_OK;
  }
  // PTE_MARKER_UFFD_WP: do_pte_missing() with the marker in place (the new entry keeps wp).
  mm.pt.pte.data[slot] = 0;
  const r = doPteMissing(mm, v, addr, write, ctx);
  const now = mm.pt.pte.data[slot]!;
  if (now === 0) mm.pt.pte.data[slot] = e;
  else if ((now & PTE_PRESENT) !== 0) mm.pt.pte.data[slot] = (now | PTE_UFFD_WP) & ~PTE_WRITE;
  return r;
}

/** The PTE slot for addr after making sure the PTE table exists (pte_alloc). */
function pteSlotFor(mm: Mm, addr: number): number {
  const pt = mm.pt;
  const ms = pt.pmdSlot(addr);
  const m = ms >= 0 ? pt.pmd.data[ms]! : 0;
  if ((m & E_TABLE) !== 0)
    return (m >>> E_SHIFT) * PTRS_PER_TABLE + (Math.floor(addr / PAGE_SIZE) & 511);
  return pt.pteSlotAlloc(addr, mm.log);
}

function doPteMissing(mm: Mm, v: Vma, addr: number, write: boolean, ctx: FaultCtx): number {
  if (vmaIsAnonymous(v)) return doAnonymousPage(mm, v, addr, write, ctx);
  return doFault(mm, v, addr, write, ctx);
}

/** do_anonymous_page(). */
function doAnonymousPage(mm: Mm, v: Vma, addr: number, write: boolean, ctx: FaultCtx): number {
  if ((v.flags & VM_SHARED) !== 0) return FAULT_SIGBUS;
  const slot = pteSlotFor(mm, addr);
  if (!write) {
    // uffd: deliver the missing fault to userland (do_anonymous_page, after pte_alloc)
    if ((v.flags & VM_UFFD_MISSING) !== 0)
      return handleUserfault(mm, v, addr, false, VM_UFFD_MISSING, ctx);
    // Use the zero-page for reads.
    mm.pt.pte.data[slot] = mkPte(ZERO_PFN, false);
    mm.log.entrySet(addr, ZERO_PFN, 'zero', false, ctx.cause);
    mm.log.fault(ctx.thread, addr, false, 'zero');
    return FAULT_OK;
  }
  anonVmaPrepare(mm, v);
  // uffd: a write's missing fault goes to userland after vmf_anon_prepare()
  if ((v.flags & VM_UFFD_MISSING) !== 0)
    return handleUserfault(mm, v, addr, true, VM_UFFD_MISSING, ctx);
  const p = mm.frames.allocAnon(v.anonVma, v.linearIndex(addr), mm.log);
  mm.frames.flags[p]! |= FF_UPTODATE;
  mm.frames.mapPte(p);
  const w = (v.flags & VM_WRITE) !== 0;
  mm.pt.pte.data[slot] = mkPte(p, w) | (w ? PTE_DIRTY : 0);
  mm.log.entrySet(addr, p, 'anon', w, ctx.cause);
  mm.log.fault(ctx.thread, addr, true, 'anon');
  return FAULT_OK;
}

/** do_fault(): file-backed (shmem) VMAs. */
function doFault(mm: Mm, v: Vma, addr: number, write: boolean, ctx: FaultCtx): number {
  if (!write) return doReadFault(mm, v, addr, ctx);
  if ((v.flags & VM_SHARED) === 0) return doCowFault(mm, v, addr, ctx);
  return doSharedFault(mm, v, addr, ctx);
}

/**
 * shmem_get_folio_gfp(SGP_CACHE) as shmem_fault() calls it: the page-cache page at the file
 * index of addr, allocated (zeroed) if missing. -1 = SIGBUS (beyond EOF).
 */
function shmemFaultPage(mm: Mm, v: Vma, addr: number): number {
  const inode = v.file!.inode;
  const index = v.linearIndex(addr);
  if (index * PAGE_SIZE >= inode.size) return -1;
  let p = inode.cache.get(index);
  if (p < 0) {
    p = mm.frames.allocCache(inode.id, index, mm.log);
    inode.cache.set(index, p);
    mm.log.cacheInsert(inode.id, index, p);
  }
  // A fallocated page is initialized (zeroed) on first use.
  mm.frames.flags[p]! |= FF_UPTODATE;
  return p;
}

/** The write bit a shared mapping's vm_page_prot gives a page-cache PTE (no writenotify). */
function sharedWritable(v: Vma): boolean {
  return (v.flags & (VM_SHARED | VM_WRITE)) === (VM_SHARED | VM_WRITE);
}

function doReadFault(mm: Mm, v: Vma, addr: number, ctx: FaultCtx): number {
  faultAround(mm, v, addr, ctx);
  const s0 = mm.pt.pteSlot(addr);
  if (s0 >= 0 && mm.pt.pte.data[s0] !== 0) return FAULT_OK;
  // uffd: shmem_get_folio_gfp() hands MINOR (cached) and MISSING (hole) faults to userland
  const u = shmemUserfault(mm, v, addr, false, ctx);
  if (u >= 0) return u;
  const p = shmemFaultPage(mm, v, addr);
  if (p < 0) return FAULT_SIGBUS;
  // finish_fault() installs the PTE table only now: a SIGBUS leaves none behind.
  const slot = pteSlotFor(mm, addr);
  const w = sharedWritable(v);
  mm.frames.mapPte(p);
  mm.pt.pte.data[slot] = mkPte(p, w);
  mm.log.entrySet(addr, p, 'cache', w, ctx.cause);
  mm.log.fault(ctx.thread, addr, false, 'cache');
  return FAULT_OK;
}

/**
 * do_fault_around() + filemap_map_pages(): map the uptodate page-cache pages around addr
 * (fault_around_bytes, aligned, clamped to the VMA, the PTE table and EOF) whose PTEs are none.
 */
function faultAround(mm: Mm, v: Vma, addr: number, ctx: FaultCtx): void {
  const nr = mm.profile.faultAroundPages;
  if (nr <= 1) return;
  // uffd: uffd_disable_fault_around(): no fault-around in WP or MINOR ranges
  if ((v.flags & (VM_UFFD_WP | VM_UFFD_MINOR)) !== 0) return;
  const inode = v.file!.inode;
  const pteOff = pteIdx(addr);
  const vmaOff = (addr - v.start) / PAGE_SIZE;
  const from = Math.max(pteOff - (pteOff % nr), pteOff - Math.min(pteOff, vmaOff));
  const to = Math.min(from + nr, PTRS_PER_TABLE, pteOff + v.pages() - vmaOff) - 1;
  const fileEnd = Math.ceil(inode.size / PAGE_SIZE) - 1;
  const frames = mm.frames;
  // filemap_map_pmd(): the (preallocated) PTE table is installed once an uptodate page is found.
  let found = false;
  for (let i = from; i <= to && !found; i++) {
    const index = v.linearIndex(addr + (i - pteOff) * PAGE_SIZE);
    if (index > fileEnd) break;
    const p = inode.cache.get(index);
    found = p >= 0 && (frames.flags[p]! & FF_UPTODATE) !== 0;
  }
  if (!found) return;
  const slot0 = pteSlotFor(mm, addr) - pteOff;
  const w = sharedWritable(v);
  for (let i = from; i <= to; i++) {
    const a = addr + (i - pteOff) * PAGE_SIZE;
    const index = v.linearIndex(a);
    if (index > fileEnd) break;
    const p = inode.cache.get(index);
    if (p < 0 || (frames.flags[p]! & FF_UPTODATE) === 0) continue;
    if (mm.pt.pte.data[slot0 + i] !== 0) continue;
    frames.mapPte(p);
    mm.pt.pte.data[slot0 + i] = mkPte(p, w);
    mm.log.entrySet(a, p, 'cache', w, ctx.cause);
  }
}

/** do_cow_fault(): write to a missing page of a private file mapping. */
function doCowFault(mm: Mm, v: Vma, addr: number, ctx: FaultCtx): number {
  anonVmaPrepare(mm, v);
  // uffd: __do_fault() -> shmem_fault() may hand the fault to userland
  const u = shmemUserfault(mm, v, addr, true, ctx);
  if (u >= 0) return u;
  const src = shmemFaultPage(mm, v, addr);
  if (src < 0) return FAULT_SIGBUS;
  const slot = pteSlotFor(mm, addr);
  const p = mm.frames.allocAnon(v.anonVma, v.linearIndex(addr), mm.log);
  mm.frames.tag[p] = mm.frames.tag[src]!;
  mm.frames.flags[p]! |= FF_UPTODATE;
  mm.frames.mapPte(p);
  const w = (v.flags & VM_WRITE) !== 0;
  mm.pt.pte.data[slot] = mkPte(p, w) | PTE_DIRTY;
  mm.log.entrySet(addr, p, 'anon', w, ctx.cause);
  mm.log.fault(ctx.thread, addr, true, 'cow');
  return FAULT_OK;
}

/** do_shared_fault(): write to a missing page of a shared file mapping. */
function doSharedFault(mm: Mm, v: Vma, addr: number, ctx: FaultCtx): number {
  // uffd: __do_fault() -> shmem_fault() may hand the fault to userland
  const u = shmemUserfault(mm, v, addr, true, ctx);
  if (u >= 0) return u;
  const p = shmemFaultPage(mm, v, addr);
  if (p < 0) return FAULT_SIGBUS;
  const slot = pteSlotFor(mm, addr);
  mm.frames.mapPte(p);
  mm.pt.pte.data[slot] = mkPte(p, true) | PTE_DIRTY;
  mm.log.entrySet(addr, p, 'cache', true, ctx.cause);
  mm.log.fault(ctx.thread, addr, true, 'cache');
  return FAULT_OK;
}

/** do_wp_page(): write to a present read-only PTE. */
function doWpPage(mm: Mm, v: Vma, addr: number, ctx: FaultCtx, slot: number, e: number): number {
  // uffd: a write to a uffd-wp PTE goes to userland; WP_ASYNC just clears the bit
  if ((e & PTE_UFFD_WP) !== 0 && (v.flags & VM_UFFD_WP) !== 0) {
    if (!uffdWpAsync(mm, v)) return handleUserfault(mm, v, addr, true, VM_UFFD_WP, ctx);
    e &= ~PTE_UFFD_WP;
    mm.pt.pte.data[slot] = e;
  }
  const frames = mm.frames;
  const old = e >>> PFN_SHIFT;
  if ((v.flags & (VM_SHARED | VM_MAYSHARE)) !== 0) {
    // wp_page_shared(): shared pages are written in place.
    mm.pt.pte.data[slot] = e | PTE_WRITE | PTE_DIRTY;
    mm.log.push({
      type: 'entries.protect',
      addr: vaddr(addr),
      pages: 1,
      writable: true,
      wp: (e & PTE_UFFD_WP) !== 0,
      cause: ctx.cause,
    });
    mm.log.fault(ctx.thread, addr, true, 'reuse');
    return FAULT_OK;
  }
  // An anonymous page is exclusive without fork (PageAnonExclusive): reuse it.
  if (frames.kind[old] === FRAME_ANON) {
    // uffd: wp_page_reuse() keeps a uffd-wp bit left from an old WP registration (a WP
    // range never gets here with the bit set: do_wp_page() hands it to userland first)
    mm.pt.pte.data[slot] = e | PTE_WRITE | PTE_DIRTY;
    mm.log.push({
      type: 'entries.protect',
      addr: vaddr(addr),
      pages: 1,
      writable: true,
      wp: (e & PTE_UFFD_WP) !== 0,
      cause: ctx.cause,
    });
    mm.log.fault(ctx.thread, addr, true, 'reuse');
    return FAULT_OK;
  }
  // wp_page_copy(): the zero page or a page-cache page in a private mapping.
  anonVmaPrepare(mm, v);
  const p = frames.allocAnon(v.anonVma, v.linearIndex(addr), mm.log);
  frames.tag[p] = old === ZERO_PFN ? 0 : frames.tag[old]!;
  frames.flags[p]! |= FF_UPTODATE;
  frames.mapPte(p);
  frames.unmapPte(old, mm.log);
  const w = (v.flags & VM_WRITE) !== 0;
  mm.pt.pte.data[slot] = mkPte(p, w) | PTE_DIRTY;
  mm.log.entrySet(addr, p, 'anon', w, ctx.cause);
  mm.log.fault(ctx.thread, addr, true, 'cow');
  return FAULT_OK;
}
