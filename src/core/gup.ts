/**
 * Faulting pages in on the kernel's behalf (mm/gup.c): MAP_POPULATE, mlock and
 * MADV_POPULATE_(READ|WRITE) all go through get_user_pages, which faults each page that is not
 * present (or, for FOLL_WRITE, not writable) exactly as a CPU access would.
 */
import type { Mm } from './mm';
import type { Vma } from './vma';
import { EFAULT, EINVAL, ENOMEM } from './errno';
import { FAULT_OK, handleMmFault } from './fault';
import { PFN_SHIFT, PMD_TABLE, PTE_PRESENT, PTE_WRITE, pteIdx } from './pageTable';
import {
  VM_ACCESS_FLAGS,
  VM_IO,
  VM_LOCKONFAULT,
  VM_MAYREAD,
  VM_PFNMAP,
  VM_READ,
  VM_SHARED,
  VM_WRITE,
  findVmaIntersection,
  vmaLookup,
} from './vma';

// Local copies of addr.ts constants: module bindings cost a getter call per use under some
// loaders (tsx), and these sit on the fault path.
const PAGE_SIZE = 4096;
const PTRS_PER_TABLE = 512;

/** The faults of get_user_pages (one read-only context, not one object per page). */
const POPULATE_CTX = { thread: 'kernel', cause: 'populate' } as const;

/** Is the page at addr mapped, and writable if write (follow_page_mask)? */
function pageOk(mm: Mm, addr: number, write: boolean): boolean {
  const pt = mm.pt;
  const ms = pt.pmdSlot(addr);
  if (ms < 0) return false;
  const m = pt.pmd.data[ms]!;
  let e = m;
  if ((m & PMD_TABLE) !== 0) e = pt.pte.data[(m >>> PFN_SHIFT) * PTRS_PER_TABLE + pteIdx(addr)]!;
  if ((e & PTE_PRESENT) === 0) return false;
  return !write || (e & PTE_WRITE) !== 0;
}

/**
 * __get_user_pages() over [start, end) of one VMA: fault every page in. Returns the number of
 * pages done, or -EFAULT when the first page cannot be faulted (SIGBUS/SIGSEGV).
 */
function gupVma(mm: Mm, v: Vma, start: number, end: number, write: boolean): number {
  // Growth hints, as for a CPU access (fault.ts runAccessPages): at most a frame per page
  // and a PTE table per 2 MiB.
  const pages = (end - start) / PAGE_SIZE;
  if (write) mm.frames.bumpHint = mm.frames.bump + pages;
  mm.pt.pte.nextHint = mm.pt.pte.next + Math.ceil(pages / PTRS_PER_TABLE) + 1;
  try {
    return gupPages(mm, v, start, end, write);
  } finally {
    mm.frames.bumpHint = 0;
    mm.pt.pte.nextHint = 0;
  }
}

function gupPages(mm: Mm, v: Vma, start: number, end: number, write: boolean): number {
  let done = 0;
  for (let addr = start; addr < end; addr += PAGE_SIZE) {
    let ok = pageOk(mm, addr, write);
    for (let i = 0; !ok && i < 3; i++) {
      const r = handleMmFault(mm, v, addr, write, POPULATE_CTX);
      if (r !== FAULT_OK) return done > 0 ? done : -EFAULT;
      ok = pageOk(mm, addr, write);
    }
    done++;
  }
  return done;
}

/** populate_vma_page_range(): pages done, or -errno. */
export function populateVmaPageRange(mm: Mm, v: Vma, start: number, end: number): number {
  const nr = (end - start) / PAGE_SIZE;
  // The VM_LOCKONFAULT case has never used faultin_page() to break COW.
  if ((v.flags & VM_LOCKONFAULT) !== 0) return nr;
  // ... similarly, we've never faulted in PROT_NONE pages.
  if ((v.flags & VM_ACCESS_FLAGS) === 0) return -EFAULT;
  // Write-fault private writable mappings (to break CoW); read-fault the rest (FOLL_FORCE).
  const write = (v.flags & (VM_WRITE | VM_SHARED)) === VM_WRITE;
  return gupVma(mm, v, start, end, write);
}

/** __mm_populate(): fault in [start, start + len) VMA by VMA. Returns 0 or -errno. */
export function mmPopulate(mm: Mm, start: number, len: number, ignoreErrors: boolean): number {
  const end = start + len;
  let nend: number;
  let v: Vma | undefined;
  for (let nstart = start; nstart < end; nstart = nend) {
    if (v === undefined || nstart >= v.end) v = findVmaIntersection(mm, nstart, end);
    if (v === undefined) break;
    nend = Math.min(end, v.end);
    if ((v.flags & (VM_IO | VM_PFNMAP)) !== 0) continue;
    if (nstart < v.start) nstart = v.start;
    const r = populateVmaPageRange(mm, v, nstart, nend);
    if (r < 0) {
      if (ignoreErrors) continue;
      mm.log.flush();
      return r;
    }
    nend = nstart + r * PAGE_SIZE;
  }
  mm.log.flush();
  return 0;
}

/**
 * faultin_page_range() for MADV_POPULATE_(READ|WRITE) (FOLL_MADV_POPULATE, no FOLL_FORCE):
 * an unmapped page -> -ENOMEM, a VMA that does not allow the access -> -EINVAL, a fault that
 * would signal -> -EFAULT.
 */
export function madvisePopulate(mm: Mm, start: number, end: number, write: boolean): number {
  let addr = start;
  while (addr < end) {
    const v = vmaLookup(mm, addr);
    if (v === undefined) return -ENOMEM;
    // check_vma_flags() without FOLL_FORCE.
    if ((v.flags & (VM_IO | VM_PFNMAP)) !== 0) return -EINVAL;
    if (write ? (v.flags & VM_WRITE) === 0 : (v.flags & VM_READ) === 0) return -EINVAL;
    if (!write && (v.flags & VM_MAYREAD) === 0) return -EINVAL;
    const e = Math.min(end, v.end);
    const r = gupVma(mm, v, addr, e, write);
    if (r < 0) {
      mm.log.flush();
      return r;
    }
    addr += r * PAGE_SIZE;
  }
  mm.log.flush();
  return 0;
}
