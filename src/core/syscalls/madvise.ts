/**
 * madvise(2): mm/madvise.c do_madvise, madvise_walk_vmas, madvise_vma_behavior.
 */
import type { Mm } from '../mm';
import { PAGE_SIZE, U64_MASK } from '../addr';
import { EACCES, EAGAIN, EINVAL, ENOMEM, EPERM } from '../errno';
import { madvisePopulate } from '../gup';
import { madviseCollapseAnon, madviseColdPageout, madviseFree } from '../reclaim';
import { ZAP_DONTNEED, ZAP_KEEP_MARKERS, zapRange } from '../memory';
import { MARKER_GUARD, PTE_PRESENT, mkMarker, pteIsMarker, pteMarkerBits } from '../pageTable';
import {
  MADV_COLD,
  MADV_COLLAPSE,
  MADV_DODUMP,
  MADV_DOFORK,
  MADV_DONTDUMP,
  MADV_DONTFORK,
  MADV_DONTNEED,
  MADV_DONTNEED_LOCKED,
  MADV_FREE,
  MADV_GUARD_INSTALL,
  MADV_GUARD_REMOVE,
  MADV_HUGEPAGE,
  MADV_KEEPONFORK,
  MADV_MERGEABLE,
  MADV_NOHUGEPAGE,
  MADV_NORMAL,
  MADV_PAGEOUT,
  MADV_POPULATE_READ,
  MADV_POPULATE_WRITE,
  MADV_RANDOM,
  MADV_REMOVE,
  MADV_SEQUENTIAL,
  MADV_UNMERGEABLE,
  MADV_WILLNEED,
  MADV_WIPEONFORK,
  FALLOC_FL_KEEP_SIZE,
  FALLOC_FL_PUNCH_HOLE,
} from '../uapi';
import {
  VM_DONTCOPY,
  VM_DONTDUMP,
  VM_DROPPABLE,
  VM_HUGEPAGE,
  VM_HUGETLB,
  VM_IO,
  VM_LOCKED,
  VM_MAYWRITE,
  VM_MERGEABLE,
  VM_MIXEDMAP,
  VM_NOHUGEPAGE,
  VM_PFNMAP,
  VM_RAND_READ,
  VM_SEALED,
  VM_SEQ_READ,
  VM_SHARED,
  VM_SPECIAL,
  VM_WIPEONFORK,
  type Vma,
  findVma,
  findVmaIndex,
  vmaIsAnonymous,
  vmaModifyFlags,
  vmaRecord,
} from '../vma';
import { vfsFallocate } from './memfd';
import { sysErr, sysOk, type SysResult } from './result';
// uffd: REMOVE events
import { UFFD_REMOVE_EVENTS } from '../uffd';

const MADV_HWPOISON = 100;
const MADV_SOFT_OFFLINE = 101;

/** madvise_behavior_valid() for the host's configuration (KSM, THP, memory failure). */
function behaviorValid(b: number): boolean {
  switch (b) {
    case MADV_DOFORK:
    case MADV_DONTFORK:
    case MADV_NORMAL:
    case MADV_SEQUENTIAL:
    case MADV_RANDOM:
    case MADV_REMOVE:
    case MADV_WILLNEED:
    case MADV_DONTNEED:
    case MADV_DONTNEED_LOCKED:
    case MADV_FREE:
    case MADV_COLD:
    case MADV_PAGEOUT:
    case MADV_POPULATE_READ:
    case MADV_POPULATE_WRITE:
    case MADV_MERGEABLE:
    case MADV_UNMERGEABLE:
    case MADV_HUGEPAGE:
    case MADV_NOHUGEPAGE:
    case MADV_COLLAPSE:
    case MADV_DONTDUMP:
    case MADV_DODUMP:
    case MADV_WIPEONFORK:
    case MADV_KEEPONFORK:
    case MADV_GUARD_INSTALL:
    case MADV_GUARD_REMOVE:
    case MADV_SOFT_OFFLINE:
    case MADV_HWPOISON:
      return true;
    default:
      return false;
  }
}

/** Hook for userfaultfd's REMOVE events (DONTNEED, FREE, REMOVE); filled by the uffd work. */
export interface RemoveEvents {
  remove(mm: Mm, v: Vma, start: number, end: number): void;
}

export function sysMadvise(
  mm: Mm,
  start: bigint,
  len: bigint,
  advice: bigint,
  ev?: RemoveEvents,
): SysResult {
  // uffd: userfaultfd_remove() is always called (REMOVE events)
  const r = doMadvise(mm, start, len, Number(advice & 0xffffffffn) | 0, ev ?? UFFD_REMOVE_EVENTS);
  return r < 0 ? sysErr(-r) : sysOk(0);
}

export function doMadvise(
  mm: Mm,
  startB: bigint,
  lenIn: bigint,
  behavior: number,
  ev?: RemoveEvents,
): number {
  // is_valid_madvise()
  if (!behaviorValid(behavior)) return -EINVAL;
  if (startB % BigInt(PAGE_SIZE) !== 0n) return -EINVAL;
  const lenB = (lenIn + BigInt(PAGE_SIZE - 1)) & ~BigInt(PAGE_SIZE - 1) & U64_MASK;
  if (lenIn !== 0n && lenB === 0n) return -EINVAL;
  if (startB + lenB > U64_MASK) return -EINVAL;
  if (lenB === 0n) return 0;
  if (behavior === MADV_HWPOISON || behavior === MADV_SOFT_OFFLINE) return -EPERM;
  const cap = 2n ** 48n;
  const start = Number(startB > cap ? cap : startB);
  const end = Number(startB + lenB > cap ? cap : startB + lenB);
  let r: number;
  if (behavior === MADV_POPULATE_READ || behavior === MADV_POPULATE_WRITE) {
    r = madvisePopulate(mm, start, end, behavior === MADV_POPULATE_WRITE);
  } else {
    r = walkVmas(mm, start, end, behavior, ev);
  }
  mm.log.flush();
  return r;
}

/** madvise_walk_vmas(): apply to each VMA piece; a hole gives ENOMEM at the end. */
function walkVmas(mm: Mm, start: number, end: number, behavior: number, ev?: RemoveEvents): number {
  let i = findVmaIndex(mm, start);
  let vma: Vma | undefined = mm.vmas[i];
  let prev: Vma | undefined = mm.vmas[i - 1];
  if (vma !== undefined && start > vma.start) prev = vma;
  let unmappedError = 0;
  let rs = start;
  for (;;) {
    if (vma === undefined) return -ENOMEM;
    if (rs < vma.start) {
      unmappedError = -ENOMEM;
      rs = vma.start;
      if (rs >= end) break;
    }
    let re = Math.min(vma.end, end);
    const res = vmaBehavior(mm, prev, vma, rs, re, behavior, ev);
    if (typeof res === 'number') {
      if (res < 0) return res;
      // The mmap lock was dropped (MADV_REMOVE): look the VMA up again.
      prev = undefined;
      vma = findVma(mm, re);
    } else {
      vma = res;
      prev = vma;
      if (re < vma.end) re = vma.end;
      i = findVmaIndex(mm, vma.end);
      vma = mm.vmas[i];
    }
    rs = re;
    if (rs >= end) break;
  }
  return unmappedError;
}

/** Returns the VMA now covering the range, 1 when the lock was dropped, or -errno. */
function vmaBehavior(
  mm: Mm,
  prev: Vma | undefined,
  vma: Vma,
  start: number,
  end: number,
  behavior: number,
  ev?: RemoveEvents,
): Vma | number {
  // can_modify_vma_madv(): sealed VMAs refuse discarding advice on anonymous memory.
  if ((vma.flags & VM_SEALED) !== 0 && isDiscard(behavior) && vmaIsAnonymous(vma)) return -EPERM;
  let newFlags = vma.flags;
  switch (behavior) {
    case MADV_REMOVE:
      return madviseRemove(mm, vma, start, end, ev);
    case MADV_WILLNEED:
      // No swap, and shmem pages are either cached or holes: nothing visible changes.
      return vma;
    case MADV_COLD:
    case MADV_PAGEOUT:
      // can_madv_lru_vma()
      if ((vma.flags & (VM_LOCKED | VM_PFNMAP | VM_HUGETLB)) !== 0) return -EINVAL;
      madviseColdPageout(mm, vma, start, end, behavior === MADV_PAGEOUT);
      return vma;
    case MADV_FREE:
    case MADV_DONTNEED:
    case MADV_DONTNEED_LOCKED:
      return madviseDontneedFree(mm, vma, start, end, behavior, ev);
    case MADV_COLLAPSE:
      // Shared anonymous memory has no THP orders (shmem_allowable_huge_orders(): the
      // hugepages-*/shmem_enabled knobs are all "never"): EINVAL. Collapsing a memfd's cache
      // into a large folio is not modelled (it succeeds, unchanged).
      if (!vmaIsAnonymous(vma)) return vma.file!.inode.kind === 'shared-anon' ? -EINVAL : vma;
      return madviseCollapseAnon(mm, vma, start, end);
    case MADV_GUARD_INSTALL:
      return guardInstall(mm, vma, start, end);
    case MADV_GUARD_REMOVE:
      return guardRemove(mm, vma, start, end);
    case MADV_NORMAL:
      newFlags &= ~(VM_RAND_READ | VM_SEQ_READ);
      break;
    case MADV_SEQUENTIAL:
      newFlags = (newFlags & ~VM_RAND_READ) | VM_SEQ_READ;
      break;
    case MADV_RANDOM:
      newFlags = (newFlags & ~VM_SEQ_READ) | VM_RAND_READ;
      break;
    case MADV_DONTFORK:
      newFlags |= VM_DONTCOPY;
      break;
    case MADV_DOFORK:
      if ((newFlags & VM_IO) !== 0) return -EINVAL;
      newFlags &= ~VM_DONTCOPY;
      break;
    case MADV_WIPEONFORK:
      if (vma.file !== null || (newFlags & VM_SHARED) !== 0) return -EINVAL;
      newFlags |= VM_WIPEONFORK;
      break;
    case MADV_KEEPONFORK:
      if ((newFlags & VM_DROPPABLE) !== 0) return -EINVAL;
      newFlags &= ~VM_WIPEONFORK;
      break;
    case MADV_DONTDUMP:
      newFlags |= VM_DONTDUMP;
      break;
    case MADV_DODUMP:
      if ((newFlags & VM_SPECIAL) !== 0 || (newFlags & VM_DROPPABLE) !== 0) return -EINVAL;
      newFlags &= ~VM_DONTDUMP;
      break;
    case MADV_MERGEABLE:
      // ksm_madvise(): VM_MERGEABLE on suitable VMAs (not shared, not special).
      if ((newFlags & (VM_MERGEABLE | VM_SHARED | VM_SPECIAL | VM_HUGETLB | VM_MIXEDMAP)) === 0) {
        newFlags |= VM_MERGEABLE;
      }
      break;
    case MADV_UNMERGEABLE:
      newFlags &= ~VM_MERGEABLE;
      break;
    case MADV_HUGEPAGE:
      newFlags = (newFlags & ~VM_NOHUGEPAGE) | VM_HUGEPAGE;
      break;
    case MADV_NOHUGEPAGE:
      newFlags = (newFlags & ~VM_HUGEPAGE) | VM_NOHUGEPAGE;
      break;
    default:
      break;
  }
  // madvise_update_vma()
  if (newFlags === vma.flags) return vma;
  const r = vmaModifyFlags(mm, prev, vma, start, end, newFlags);
  if (typeof r === 'number') return r === -ENOMEM ? -EAGAIN : r;
  const before = vmaRecord(r);
  r.flags = newFlags;
  if (before.flags !== newFlags) mm.log.push({ type: 'vma.change', before, after: vmaRecord(r) });
  return r;
}

function isDiscard(b: number): boolean {
  return (
    b === MADV_FREE ||
    b === MADV_DONTNEED ||
    b === MADV_DONTNEED_LOCKED ||
    b === MADV_REMOVE ||
    b === MADV_DONTFORK ||
    b === MADV_WIPEONFORK ||
    b === MADV_GUARD_INSTALL
  );
}

function madviseDontneedFree(
  mm: Mm,
  vma: Vma,
  start: number,
  end: number,
  behavior: number,
  ev?: RemoveEvents,
): Vma | number {
  const forbidden = VM_PFNMAP | (behavior !== MADV_DONTNEED_LOCKED ? VM_LOCKED : 0);
  if ((vma.flags & forbidden) !== 0) return -EINVAL;
  if (start === end) return vma;
  if (behavior === MADV_FREE && !vmaIsAnonymous(vma)) {
    // madvise_free_single_vma(): anonymous memory only (after the REMOVE event).
    ev?.remove(mm, vma, start, end);
    return -EINVAL;
  }
  ev?.remove(mm, vma, start, end);
  if (behavior === MADV_FREE) {
    // Lazily freed pages stay mapped until reclaim (MADV_PAGEOUT) discards the clean ones.
    madviseFree(mm, vma, start, end);
    return vma;
  }
  zapRange(mm, vma, start, end, 'madvise', ZAP_DONTNEED);
  return vma;
}

/** madvise_remove(): punch a hole in the file behind a shared writable mapping. */
function madviseRemove(mm: Mm, vma: Vma, start: number, end: number, ev?: RemoveEvents): number {
  if ((vma.flags & VM_LOCKED) !== 0) return -EINVAL;
  const f = vma.file;
  if (f === null) return -EINVAL;
  if ((vma.flags & (VM_SHARED | VM_MAYWRITE)) !== (VM_SHARED | VM_MAYWRITE)) return -EACCES;
  const offset = start - vma.start + vma.pgoff * PAGE_SIZE;
  ev?.remove(mm, vma, start, end);
  const r = vfsFallocate(
    mm,
    f,
    FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
    BigInt(offset),
    BigInt(end - start),
  );
  return r < 0 ? r : 1;
}

/** madvise_guard_install(): zap the range and fill it with guard markers. */
function guardInstall(mm: Mm, vma: Vma, start: number, end: number): Vma | number {
  if (
    (vma.flags & (VM_SPECIAL | VM_HUGETLB | VM_MIXEDMAP | VM_PFNMAP | VM_LOCKED | VM_DROPPABLE)) !==
    0
  ) {
    return -EINVAL;
  }
  zapRange(mm, vma, start, end, 'madvise', ZAP_KEEP_MARKERS);
  for (let a = start; a < end; a += PAGE_SIZE) {
    const slot = mm.pt.pteSlotAlloc(a, mm.log);
    const e = mm.pt.pte.data[slot]!;
    if ((e & PTE_PRESENT) === 0)
      mm.pt.pte.data[slot] = mkMarker(MARKER_GUARD | (pteIsMarker(e) ? pteMarkerBits(e) : 0));
    mm.log.entrySet(a, 0, 'marker-guard', false, 'madvise');
  }
  return vma;
}

/** madvise_guard_remove(): clear guard markers. */
function guardRemove(mm: Mm, vma: Vma, start: number, end: number): Vma | number {
  if ((vma.flags & (VM_SPECIAL | VM_HUGETLB | VM_MIXEDMAP | VM_PFNMAP)) !== 0) return -EINVAL;
  for (let a = start; a < end; a += PAGE_SIZE) {
    const slot = mm.pt.pteSlot(a);
    if (slot < 0) continue;
    const e = mm.pt.pte.data[slot]!;
    if (!pteIsMarker(e) || (pteMarkerBits(e) & MARKER_GUARD) === 0) continue;
    const rest = pteMarkerBits(e) & ~MARKER_GUARD;
    mm.pt.pte.data[slot] = rest === 0 ? 0 : mkMarker(rest);
    mm.log.entryClear(a, 'madvise');
  }
  return vma;
}
