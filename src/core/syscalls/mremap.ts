// owned by the mremap engineer
/**
 * mremap(2), modelled on mm/mremap.c of Linux 6.18 (struct vma_remap_struct), with the older
 * behaviour of the 5.7 / 5.13 / 6.8 profiles.
 *
 * ## 6.18 (do_mremap())
 *
 * 1. old_len and new_len = PAGE_ALIGN() (u64: a new_len within 4095 of 2^64 wraps to 0).
 * 2. check_mremap_params(), before any lookup: flags outside FIXED|MAYMOVE|DONTUNMAP, addr not
 *    page-aligned, new_len == 0, new_len > TASK_SIZE -> EINVAL. Then only when FIXED or
 *    DONTUNMAP (vrm_implies_new_addr(); otherwise new_addr is ignored): new_addr >
 *    TASK_SIZE - new_len, new_addr unaligned, no MAYMOVE, DONTUNMAP with old_len != new_len,
 *    vrm_overlaps() (end_old > start_new && end_new > start_old, u64) -> EINVAL; map count
 *    + 2 >= max_map_count - 3 -> ENOMEM.
 * 3. vrm_move_only() (FIXED and old_len == new_len) -> remap_move(): for every VMA meeting
 *    [addr, addr + old_len) in order: a hole at the start -> EFAULT; the piece is
 *    [max(vm_start, addr), min(vm_end, end)); its target is the previous target's end plus
 *    the source gap (so holes are kept, and mappings inside destination holes survive);
 *    vma_multi_allowed() (not uffd-armed) must hold unless it is the only VMA (EFAULT, the
 *    earlier pieces stay moved); then check_prep_vma() + mremap_to() per piece. The result
 *    is the first piece's address.
 * 4. Otherwise vma_lookup(addr) and check_prep_vma(): no VMA -> EFAULT; sealed -> EPERM;
 *    remap type; new_addr = addr unless FIXED/DONTUNMAP; nothing more unless the call grows
 *    or implies a new address (vrm_will_map_new()): old_len == 0 on a private VMA -> EINVAL;
 *    DONTUNMAP on VM_DONTEXPAND|VM_PFNMAP -> EINVAL; [addr, addr + old_len) past vm_end
 *    (a shrink checks only new_len) -> EFAULT; for growth: VM_LOCKED -> populate later;
 *    pgoff overflow -> EINVAL; VM_DONTEXPAND|VM_PFNMAP -> EFAULT; mlock limit -> EAGAIN
 *    (root: never); may_expand_vm() -> ENOMEM (RLIMIT_AS unlimited: never).
 * 5. FIXED or DONTUNMAP -> mremap_to(): FIXED unmaps [new_addr, new_addr + new_len) first
 *    (do_munmap) and looks the VMA up again (EFAULT if the unmap took it); a shrink unmaps
 *    the tail and moves new_len; DONTUNMAP checks may_expand_vm(old_len); vrm_set_new_addr():
 *    get_unmapped_area(file, FIXED or DONTUNMAP ? new_addr : 0, new_len, pgoff,
 *    MAP_FIXED if FIXED | MAP_SHARED if VM_MAYSHARE) -- DONTUNMAP alone uses new_addr as a
 *    hint; then move_vma().
 *    Otherwise mremap_at(): same size -> addr; shrink -> do_vmi_munmap() of the tail (across
 *    VMAs and holes, unchecked); grow -> expand_vma(): in place when [addr, addr + old_len)
 *    ends at vm_end and vma_expandable() (nothing in [vm_end, vm_end + delta) and
 *    get_unmapped_area(MAP_FIXED) accepts it): vma_merge_extend(); else no MAYMOVE -> ENOMEM;
 *    else vrm_set_new_addr() without hint (top-down, THP-aligned for anonymous 2 MiB
 *    multiples) and move_vma().
 * 6. move_vma(): prep_move_vma() (map count -> ENOMEM); vrm_calc_charge() (VM_ACCOUNT:
 *    new_len for DONTUNMAP, else delta; overcommit -> ENOMEM); copy_vma_and_data():
 *    copy_vma() (new VMA at new_addr of new_len with pgoff = vm_pgoff + offset; an unfaulted
 *    private anon VMA's pgoff is rebased to new_addr; it may merge with its neighbours, even
 *    with the source) and move_page_tables() (movePageTables.ts); then DONTUNMAP ->
 *    dontunmap_complete() (clear VM_LOCKED|VM_LOCKONFAULT on the source VMA, unlink its
 *    anon_vma when it moved whole), else unmap_source_vma() (do_vmi_munmap of the old range).
 * 7. After the lock is dropped: a successful growth of a VM_LOCKED VMA populates
 *    [new_addr + old_len, + delta) (mm_populate(); skipped for VM_LOCKONFAULT).
 *
 * A mirror (old_len == 0, shared memory only) is a growth that can never happen in place: it
 * goes through move_vma() with nothing to move and nothing to unmap.
 *
 * ## Older profiles (< 6.17), modelled on the 6.16 code and the 5.x syscall
 *
 * - check_mremap_params() ran before PAGE_ALIGN(): DONTUNMAP compares the raw lengths; only
 *   flags, addr alignment, new_len, and with FIXED/DONTUNMAP MAYMOVE and DONTUNMAP lengths
 *   are checked before the lookup (6.16 added new_addr alignment and the map count there;
 *   before, mremap_to() began with them, after the lookup).
 * - 5.16+ (6.8): vma_lookup() first (EFAULT); before (5.7, 5.13) a shrink or same-size call
 *   without FIXED/DONTUNMAP is just do_munmap() of the tail and never looks the VMA up, and
 *   mremap_to() unmaps the destination before looking the source up.
 * - mremap_to(): new_len > TASK_SIZE or new_addr > TASK_SIZE - new_len -> EINVAL, overlap ->
 *   EINVAL, then the FIXED unmap, the shrink, and only then the VMA checks: a failing
 *   FIXED call may already have unmapped its destination.
 * - remap_is_valid() runs for a grow without FIXED; new_len > TASK_SIZE then fails later
 *   (ENOMEM from get_unmapped_area()).
 * - DONTUNMAP: private anonymous only before 5.13 (EINVAL).
 * - No multi-VMA moves: a FIXED range past vm_end -> EFAULT.
 *
 * Seen on the host (tests/conformance/mremap): after DONTUNMAP the source keeps `ac`
 * (VM_ACCOUNT) and, when it moved whole, has no anon_vma (it merges with a neighbour that has
 * another one); a zero old_len overlaps a FIXED destination that contains addr (EINVAL),
 * and one starting exactly at addr unmaps the source before the lookup fails (EFAULT).
 *
 * Effects: the core helpers log VMA and entry changes; copy_vma()'s new VMA is logged as
 * `vma.move` (before = the source range) instead of `vma.add`, except for a mirror.
 */
import type { Mm } from '../mm';
import type { Vma } from '../vma';
import type { VmaRecord } from '../effects';
import {
  VM_ACCOUNT,
  VM_DONTEXPAND,
  VM_LOCKED,
  VM_LOCKED_MASK,
  VM_MAYSHARE,
  VM_PFNMAP,
  VM_SEALED,
  VM_SHARED,
  VM_UFFD_FLAGS,
  backingRecord,
  copyVma,
  findVma,
  findVmaIntersection,
  vmaIsAnonymous,
  vmaLookup,
  vmaMergeExtend,
  vmaSetFlags,
} from '../vma';
import { PAGE_SIZE, TASK_SIZE_BIG, U64_MASK, pageAlignU64, pgoff as mkPgoff, vaddr } from '../addr';
import { EFAULT, EINVAL, ENOMEM, EPERM } from '../errno';
import { MAP_FIXED, MAP_SHARED, MREMAP_DONTUNMAP, MREMAP_FIXED, MREMAP_MAYMOVE } from '../uapi';
import { sysErr, sysOk, type SysResult } from './result';
import {
  movePageTables,
  mremapFeatures,
  pageTableMoveControl,
  uffdCtxHasEventRemap,
  userfaultfdArmed,
  type MremapFeatures,
} from '../movePageTables';
import { doVmiMunmap } from './munmap';
// uffd: the UNMAP/REMAP events of the call (notify_uffd())
import { UffdMremap } from '../uffd';
import { vmEnoughMemory } from './mmap';
import { getUnmappedArea } from '../placement';
import { mmPopulate } from '../gup';

const PAGE_MASK_BIG = BigInt(PAGE_SIZE - 1);
/** The flag bits mremap does not know (made once: each bigint operation allocates). */
const FLAGS_UNKNOWN = ~BigInt(MREMAP_FIXED | MREMAP_MAYMOVE | MREMAP_DONTUNMAP);
const TASK_SIZE = Number(TASK_SIZE_BIG);

type RemapType = 'none' | 'shrink' | 'expand';

/** struct vma_remap_struct: the state threaded through one call. */
interface Vrm {
  addr: number;
  oldLen: number;
  newLen: number;
  readonly flags: number;
  newAddr: number;
  vma: Vma | undefined;
  delta: number;
  remapType: RemapType;
  /** VM_LOCKED growth: populate [new_addr + old_len, + delta) after success. */
  populateExpand: boolean;
  readonly feat: MremapFeatures;
  /** uffd: vrm->uf, uf_unmap_early, uf_unmap (userfaultfd events of the call). */
  readonly uf: UffdMremap;
}

export function sysMremap(
  mm: Mm,
  oldAddr: bigint,
  oldLen: bigint,
  newLen: bigint,
  flags: bigint,
  newAddr: bigint,
): SysResult {
  const feat = mremapFeatures(mm.profile);
  // uffd: before 6.17 REMAP reports the syscall's own page-aligned old_len
  const uf = new UffdMremap();
  if (!feat.multiVma)
    uf.reportLen = Number(
      pageAlignU64(oldLen) > TASK_SIZE_BIG ? TASK_SIZE_BIG : pageAlignU64(oldLen),
    );
  const r = feat.multiVma
    ? doMremap(mm, oldAddr, oldLen, newLen, flags, newAddr, feat, uf)
    : doMremapLegacy(mm, oldAddr, oldLen, newLen, flags, newAddr, feat, uf);
  uf.complete(mm, r >= 0); // uffd: notify_uffd()
  return r < 0 ? sysErr(-r) : sysOk(r);
}

// ---------------------------------------------------------------------------------------------
// Parameter checks on u64 values

function flagsValid(flags: bigint): boolean {
  return (flags & FLAGS_UNKNOWN) === 0n;
}

function impliesNewAddr(flags: number): boolean {
  return (flags & (MREMAP_FIXED | MREMAP_DONTUNMAP)) !== 0;
}

/** vrm_overlaps() in u64 arithmetic (the sums may wrap). */
function overlaps(addr: bigint, oldLen: bigint, newAddr: bigint, newLen: bigint): boolean {
  const endOld = (addr + oldLen) & U64_MASK;
  const endNew = (newAddr + newLen) & U64_MASK;
  return endOld > newAddr && endNew > addr;
}

/** check_mremap_params() (6.17+): lengths already page-aligned. */
function checkMremapParams(
  mm: Mm,
  addr: bigint,
  oldLen: bigint,
  newLen: bigint,
  flags: bigint,
  newAddr: bigint,
): number {
  if (!flagsValid(flags)) return -EINVAL;
  if ((addr & PAGE_MASK_BIG) !== 0n) return -EINVAL;
  if (newLen === 0n) return -EINVAL;
  if (newLen > TASK_SIZE_BIG) return -EINVAL;
  const f = Number(flags);
  if (!impliesNewAddr(f)) return 0;
  if (newAddr > TASK_SIZE_BIG - newLen) return -EINVAL;
  if ((newAddr & PAGE_MASK_BIG) !== 0n) return -EINVAL;
  if ((f & MREMAP_MAYMOVE) === 0) return -EINVAL;
  if ((f & MREMAP_DONTUNMAP) !== 0 && oldLen !== newLen) return -EINVAL;
  if (overlaps(addr, oldLen, newAddr, newLen)) return -EINVAL;
  // Stay 4 maps below the limit: both VMAs may be split in 3 before the move.
  if (mm.mapCount() + 2 >= mm.profile.maxMapCount - 3) return -ENOMEM;
  return 0;
}

// ---------------------------------------------------------------------------------------------
// 6.18

function doMremap(
  mm: Mm,
  addrU: bigint,
  oldLenU: bigint,
  newLenU: bigint,
  flagsU: bigint,
  newAddrU: bigint,
  feat: MremapFeatures,
  uf: UffdMremap, // uffd: the call's userfaultfd events
): number {
  const oldLenA = pageAlignU64(oldLenU);
  const newLenA = pageAlignU64(newLenU);
  const err = checkMremapParams(mm, addrU, oldLenA, newLenA, flagsU, newAddrU);
  if (err !== 0) return err;

  const flags = Number(flagsU);
  // A user address beyond TASK_SIZE has no VMA; keep it exact enough to fail the lookup.
  const addr = u64ToAddr(addrU);
  const vrm: Vrm = {
    addr,
    // old_len may exceed TASK_SIZE (it is not checked): clamp so that sums stay exact; any
    // such range runs past every VMA.
    oldLen: u64ToLen(oldLenA),
    newLen: Number(newLenA),
    flags,
    newAddr: impliesNewAddr(flags) ? Number(newAddrU) : 0,
    vma: undefined,
    delta: 0,
    remapType: 'none',
    populateExpand: false,
    feat,
    uf, // uffd
  };

  let res: number;
  if ((flags & MREMAP_FIXED) !== 0 && oldLenA === newLenA) {
    res = remapMove(mm, vrm);
  } else {
    vrm.vma = vmaLookup(mm, vrm.addr);
    res = checkPrepVma(mm, vrm);
    if (res === 0) res = impliesNewAddr(flags) ? mremapTo(mm, vrm) : mremapAt(mm, vrm);
  }
  if (res >= 0 && vrm.populateExpand) {
    mmPopulate(mm, vrm.newAddr + vrm.oldLen, vrm.delta, true);
  }
  return res;
}

function u64ToAddr(v: bigint): number {
  return v > TASK_SIZE_BIG ? 2 ** 60 : Number(v);
}
function u64ToLen(v: bigint): number {
  return v > TASK_SIZE_BIG ? 2 ** 60 : Number(v);
}

function setDelta(vrm: Vrm): void {
  vrm.delta = Math.abs(vrm.oldLen - vrm.newLen);
  vrm.remapType = vrm.delta === 0 ? 'none' : vrm.oldLen > vrm.newLen ? 'shrink' : 'expand';
}

/** vma_multi_allowed(): uffd-armed VMAs cannot join a multi-VMA move (the notify drops
 * mmap_lock); shmem, like anonymous memory, has no custom get_unmapped_area to fear. */
function vmaMultiAllowed(v: Vma): boolean {
  return !userfaultfdArmed(v);
}

/** remap_move(): a FIXED same-size move, possibly over several VMAs and the holes between. */
function remapMove(mm: Mm, vrm: Vrm): number {
  const start = vrm.addr;
  const end = vrm.addr + vrm.oldLen;
  let targetAddr = vrm.newAddr;
  let res = -EFAULT;
  let lastEnd = 0;
  let seen = false;
  // The iterator continues from the end of the last VMA it returned; the destinations never
  // lie inside [start, end) (no overlap), so a fresh lookup from there finds the next one.
  let pos = start;
  for (;;) {
    const vma = findVma(mm, pos);
    if (vma === undefined || vma.start >= end || vma.runtime) break;
    const addr = Math.max(vma.start, start);
    const len = Math.min(end, vma.end) - addr;
    if (!seen && start < vma.start) return -EFAULT;
    const offset = seen ? vma.start - lastEnd : 0;
    lastEnd = vma.end;
    pos = vma.end;

    vrm.vma = vma;
    vrm.addr = addr;
    vrm.newAddr = targetAddr + offset;
    vrm.oldLen = vrm.newLen = len;

    if (!vmaMultiAllowed(vma)) {
      if (seen) return -EFAULT;
      if (vma.end < end) return -EFAULT;
    }
    let r = checkPrepVma(mm, vrm);
    if (r === 0) r = mremapTo(mm, vrm);
    if (r < 0) return r;
    if (!seen) res = r;
    seen = true;
    targetAddr = r + vrm.newLen;
  }
  return res;
}

/** check_prep_vma() (6.17+). */
function checkPrepVma(mm: Mm, vrm: Vrm): number {
  const vma = vrm.vma;
  if (vma === undefined || vma.runtime) return -EFAULT;
  if ((vma.flags & VM_SEALED) !== 0) return -EPERM;
  setDelta(vrm);
  if (!impliesNewAddr(vrm.flags)) vrm.newAddr = vrm.addr;
  // vrm_will_map_new(): only growth or a move needs the checks below.
  if (vrm.remapType !== 'expand' && !impliesNewAddr(vrm.flags)) return 0;

  let oldLen = vrm.oldLen;
  const newLen = vrm.newLen;
  if (oldLen === 0 && (vma.flags & (VM_SHARED | VM_MAYSHARE)) === 0) return -EINVAL;
  if ((vrm.flags & MREMAP_DONTUNMAP) !== 0 && (vma.flags & (VM_DONTEXPAND | VM_PFNMAP)) !== 0) {
    return -EINVAL;
  }
  // A shrink may unmap across VMA boundaries; only what is kept must be inside the VMA.
  if (vrm.remapType === 'shrink') oldLen = newLen;
  if (oldLen > vma.end - vrm.addr) return -EFAULT;
  if (newLen === oldLen) return 0;
  if ((vma.flags & VM_LOCKED) !== 0) vrm.populateExpand = true;
  return growthChecks(vma);
}

/** The tail of remap_is_valid() / check_prep_vma() for a growing mapping. */
function growthChecks(vma: Vma): number {
  // pgoff + new pages overflowing pgoff_t cannot happen below TASK_SIZE on 64-bit.
  if ((vma.flags & (VM_DONTEXPAND | VM_PFNMAP)) !== 0) return -EFAULT;
  // mlock_future_ok() -> EAGAIN: the simulated process is root (CAP_IPC_LOCK), never.
  // may_expand_vm() -> ENOMEM: RLIMIT_AS and RLIMIT_DATA are unlimited, never.
  return 0;
}

/** shrink_vma(): unmap [addr + new_len, addr + old_len), then (unless final) look up again. */
function shrinkVma(mm: Mm, vrm: Vrm, reload: boolean): number {
  const err = doVmiMunmap(mm, vrm.addr + vrm.newLen, vrm.delta, vrm.uf.late);
  vrm.vma = undefined;
  if (err !== 0) return err;
  if (reload) {
    vrm.vma = vmaLookup(mm, vrm.addr);
    if (vrm.vma === undefined) return -EFAULT;
  }
  return 0;
}

/** mremap_to() (6.17+): the checks on addresses were done by check_mremap_params(). */
function mremapTo(mm: Mm, vrm: Vrm): number {
  if ((vrm.flags & MREMAP_FIXED) !== 0) {
    const err = doVmiMunmap(mm, vrm.newAddr, vrm.newLen, vrm.uf.early);
    vrm.vma = undefined;
    if (err !== 0) return err;
    // Remapping part of a VMA elsewhere in the same VMA may have invalidated it.
    vrm.vma = vmaLookup(mm, vrm.addr);
    if (vrm.vma === undefined) return -EFAULT;
  }
  if (vrm.remapType === 'shrink') {
    const err = shrinkVma(mm, vrm, true);
    if (err !== 0) return err;
    vrm.oldLen = vrm.newLen;
  }
  // MREMAP_DONTUNMAP expands by old_len (may_expand_vm(): unlimited here).
  const err = setNewAddr(mm, vrm);
  if (err !== 0) return err;
  return moveVma(mm, vrm);
}

/** mremap_at(): no new address implied. */
function mremapAt(mm: Mm, vrm: Vrm): number {
  switch (vrm.remapType) {
    case 'none':
      return vrm.addr;
    case 'shrink': {
      const err = shrinkVma(mm, vrm, false);
      return err !== 0 ? err : vrm.addr;
    }
    case 'expand':
      return expandVma(mm, vrm);
  }
}

/** vma_expandable(): nothing mapped in [vm_end, vm_end + delta), and the whole is placeable. */
function vmaExpandable(mm: Mm, vma: Vma, delta: number): boolean {
  const end = vma.end + delta;
  if (findVmaIntersection(mm, vma.end, end) !== undefined) return false;
  const r = getUnmappedArea(mm, null, vma.start, end - vma.start, MAP_FIXED);
  return r >= 0 && r % PAGE_SIZE === 0;
}

/** expand_vma(): in place if the range ends at vm_end and there is room, else move. */
function expandVma(mm: Mm, vrm: Vrm): number {
  const vma = vrm.vma!;
  if (vma.end - vrm.addr === vrm.oldLen && vmaExpandable(mm, vma, vrm.delta)) {
    const err = vrmCharge(mm, vrm);
    if (err !== 0) return err;
    const merged = vmaMergeExtend(mm, vma, vrm.delta);
    if (merged === null) return -ENOMEM;
    vrm.vma = merged;
    return vrm.addr;
  }
  if ((vrm.flags & MREMAP_MAYMOVE) === 0) return -ENOMEM;
  const err = setNewAddr(mm, vrm);
  if (err !== 0) return err;
  return moveVma(mm, vrm);
}

/** vrm_set_new_addr(): FIXED, a DONTUNMAP hint, or the kernel's choice. */
function setNewAddr(mm: Mm, vrm: Vrm): number {
  const vma = vrm.vma!;
  const pgoff = vma.pgoff + (vrm.addr - vma.start) / PAGE_SIZE;
  const hint = impliesNewAddr(vrm.flags) ? vrm.newAddr : 0;
  let mapFlags = 0;
  if ((vrm.flags & MREMAP_FIXED) !== 0) mapFlags |= MAP_FIXED;
  if ((vma.flags & VM_MAYSHARE) !== 0) mapFlags |= MAP_SHARED;
  // pgoff only matters for cache colouring, which x86-64 does not have.
  void pgoff;
  const r = getUnmappedArea(mm, vma.file, hint, vrm.newLen, mapFlags);
  if (r < 0) return r;
  vrm.newAddr = r;
  return 0;
}

/** vrm_calc_charge(): VM_ACCOUNT commits new_len (DONTUNMAP) or the growth. */
function vrmCharge(mm: Mm, vrm: Vrm): number {
  const vma = vrm.vma!;
  if ((vma.flags & VM_ACCOUNT) === 0) return 0;
  const bytes = (vrm.flags & MREMAP_DONTUNMAP) !== 0 ? vrm.newLen : vrm.delta;
  return vmEnoughMemory(mm, bytes / PAGE_SIZE) ? 0 : -ENOMEM;
}

/** The source range as a record (for `vma.move`). */
function rangeRecord(vma: Vma, start: number, end: number): VmaRecord {
  return {
    id: vma.id,
    start: vaddr(start),
    end: vaddr(end),
    flags: vma.flags,
    backing: backingRecord(vma),
    pgoff: mkPgoff(vma.pgoff + (start - vma.start) / PAGE_SIZE),
  };
}

/** move_vma(): copy the VMA to new_addr, move its page tables, then unmap or keep the old. */
function moveVma(mm: Mm, vrm: Vrm): number {
  // prep_move_vma(): a move may split the source in 3 and add one VMA.
  if (mm.mapCount() >= mm.profile.maxMapCount - 3) return -ENOMEM;
  const err = vrmCharge(mm, vrm);
  if (err !== 0) return err;

  // copy_vma_and_data()
  const src = vrm.vma!;
  const before = rangeRecord(src, vrm.addr, vrm.addr + vrm.oldLen);
  const newPgoff = src.pgoff + (vrm.addr - src.start) / PAGE_SIZE;
  const logLen = mm.log.list.length;
  const copied = copyVma(mm, src, vrm.newAddr, vrm.newLen, newPgoff);
  if (copied === null) return -ENOMEM;
  const newVma = copied.vma;
  // Source vma may have been merged into new_vma (an unfaulted anon VMA moved next to itself).
  const vma = copied.sourceMerged ? newVma : src;
  vrm.vma = vma;
  if (vrm.oldLen > 0) noteMove(mm, logLen, newVma, before);

  movePageTables(mm, pageTableMoveControl(vma, newVma, vrm.addr, vrm.newAddr, vrm.oldLen));
  mremapUserfaultfdPrep(mm, newVma);
  vrm.uf.remap(mm, newVma, vrm.addr, vrm.newAddr, vrm.oldLen); // uffd: REMAP at completion

  if ((vrm.flags & MREMAP_DONTUNMAP) !== 0) {
    dontunmapComplete(mm, vrm, newVma);
  } else if (vrm.oldLen > 0) {
    // unmap_source_vma(); its VM_ACCOUNT juggling leaves the remnants' flags as they were.
    doVmiMunmap(mm, vrm.addr, vrm.oldLen, vrm.uf.late);
    vrm.vma = undefined;
  }
  return vrm.newAddr;
}

/**
 * mremap_userfaultfd_prep(): with EVENT_REMAP the registration follows the moved VMA (the
 * REMAP event is the uffd work's); without it the new VMA is unregistered
 * (userfaultfd_reset_ctx()).
 */
function mremapUserfaultfdPrep(mm: Mm, newVma: Vma): void {
  if (newVma.uffdCtx === 0) return;
  if (uffdCtxHasEventRemap(mm, newVma.uffdCtx)) return;
  vmaSetFlags(mm, newVma, newVma.flags & ~VM_UFFD_FLAGS);
  newVma.uffdCtx = 0;
}

/** Log copy_vma()'s new VMA as a move of the source range rather than a fresh VMA. */
function noteMove(mm: Mm, logLen: number, newVma: Vma, before: VmaRecord): void {
  const list = mm.log.list;
  const last = list[list.length - 1];
  if (
    list.length > logLen &&
    last !== undefined &&
    last.type === 'vma.add' &&
    last.vma.id === newVma.id
  ) {
    list[list.length - 1] = { type: 'vma.move', before, after: last.vma };
  } else {
    mm.log.push({ type: 'vma.move', before, after: rangeRecord(newVma, newVma.start, newVma.end) });
  }
}

/** dontunmap_complete(): the kept source is no longer locked; a wholly moved one loses its
 * anon_vma (unlink_anon_vmas()), so its next fault starts afresh. */
function dontunmapComplete(mm: Mm, vrm: Vrm, newVma: Vma): void {
  const vma = vrm.vma!;
  const wholeVma = vrm.addr === vma.start && vrm.addr + vrm.oldLen === vma.end;
  // 6.18 keeps VM_ACCOUNT (seen on the host: the source still shows `ac`).
  vmaSetFlags(mm, vma, vma.flags & ~VM_LOCKED_MASK);
  if (vrm.feat.dontunmapUnlinksAnonVma && newVma !== vma && wholeVma) vma.anonVma = 0;
}

// ---------------------------------------------------------------------------------------------
// Before 6.17

function doMremapLegacy(
  mm: Mm,
  addrU: bigint,
  oldLenU: bigint,
  newLenU: bigint,
  flagsU: bigint,
  newAddrU: bigint,
  feat: MremapFeatures,
  uf: UffdMremap, // uffd: the call's userfaultfd events
): number {
  // check_mremap_params() (6.16) / the head of the 5.x syscall: on the raw lengths.
  if (!flagsValid(flagsU)) return -EINVAL;
  if (!feat.dontunmap && (flagsU & BigInt(MREMAP_DONTUNMAP)) !== 0n) return -EINVAL;
  if ((addrU & PAGE_MASK_BIG) !== 0n) return -EINVAL;
  if (pageAlignU64(newLenU) === 0n) return -EINVAL;
  const flags = Number(flagsU);
  if (impliesNewAddr(flags)) {
    if (feat.newAddrChecksEarly && (newAddrU & PAGE_MASK_BIG) !== 0n) return -EINVAL;
    if ((flags & MREMAP_MAYMOVE) === 0) return -EINVAL;
    if ((flags & MREMAP_DONTUNMAP) !== 0 && oldLenU !== newLenU) return -EINVAL;
    if (feat.newAddrChecksEarly && mm.mapCount() + 2 >= mm.profile.maxMapCount - 3) {
      return -ENOMEM;
    }
  }
  const oldLenA = pageAlignU64(oldLenU);
  const newLenA = pageAlignU64(newLenU);
  const vrm: Vrm = {
    addr: u64ToAddr(addrU),
    oldLen: u64ToLen(oldLenA),
    newLen: u64ToLen(newLenA),
    flags,
    newAddr: impliesNewAddr(flags) ? u64ToAddr(newAddrU) : 0,
    vma: undefined,
    delta: 0,
    remapType: 'none',
    populateExpand: false,
    feat,
    uf, // uffd
  };
  setDelta(vrm);

  let res: number;
  if (feat.earlyLookup) {
    vrm.vma = vmaLookup(mm, vrm.addr);
    if (vrm.vma === undefined || vrm.vma.runtime) return -EFAULT;
    if ((vrm.vma.flags & VM_SEALED) !== 0) return -EPERM;
    res = impliesNewAddr(flags)
      ? legacyMremapTo(mm, vrm, newLenA, newAddrU)
      : legacyMremapAt(mm, vrm);
  } else if (impliesNewAddr(flags)) {
    res = legacyMremapTo(mm, vrm, newLenA, newAddrU);
  } else if (vrm.remapType !== 'expand') {
    // 5.x: "Always allow a shrinking remap": just unmap the tail, no lookup at all.
    if (vrm.remapType === 'none') return vrm.addr;
    const err = doVmiMunmap(mm, vrm.addr + vrm.newLen, vrm.delta, vrm.uf.late);
    return err !== 0 ? err : vrm.addr;
  } else {
    vrm.vma = vmaLookup(mm, vrm.addr);
    res = legacyExpand(mm, vrm);
  }
  if (res >= 0 && vrm.populateExpand && vrm.newLen > vrm.oldLen) {
    mmPopulate(mm, vrm.newAddr + vrm.oldLen, vrm.newLen - vrm.oldLen, true);
  }
  return res;
}

/** remap_is_valid() (6.16) / vma_to_resize() (5.x). */
function remapIsValid(mm: Mm, vrm: Vrm): number {
  const vma = vrm.vma;
  if (vma === undefined || vma.runtime) return -EFAULT;
  if (vrm.oldLen === 0 && (vma.flags & (VM_SHARED | VM_MAYSHARE)) === 0) return -EINVAL;
  if ((vrm.flags & MREMAP_DONTUNMAP) !== 0) {
    if (vrm.feat.dontunmapAnyVma) {
      if ((vma.flags & (VM_DONTEXPAND | VM_PFNMAP)) !== 0) return -EINVAL;
    } else if (!vmaIsAnonymous(vma) || (vma.flags & VM_SHARED) !== 0) {
      return -EINVAL;
    }
  }
  if (vrm.oldLen > vma.end - vrm.addr) return -EFAULT;
  if (vrm.newLen === vrm.oldLen) return 0;
  if ((vma.flags & VM_LOCKED) !== 0) vrm.populateExpand = true;
  return growthChecks(vma);
}

/** mremap_to() before 6.17: address checks, then the unmaps, then the VMA checks. */
function legacyMremapTo(mm: Mm, vrm: Vrm, newLenA: bigint, newAddrU: bigint): number {
  // Before 6.16 these began mremap_to(), after the lookup (5.16+).
  if (!vrm.feat.newAddrChecksEarly && (newAddrU & PAGE_MASK_BIG) !== 0n) return -EINVAL;
  if (newLenA > TASK_SIZE_BIG || newAddrU > TASK_SIZE_BIG - newLenA) return -EINVAL;
  if (overlaps(BigInt(vrm.addr), BigInt(vrm.oldLen), newAddrU, newLenA)) return -EINVAL;
  if (!vrm.feat.newAddrChecksEarly && mm.mapCount() + 2 >= mm.profile.maxMapCount - 3) {
    return -ENOMEM;
  }
  if ((vrm.flags & MREMAP_FIXED) !== 0) {
    const err = doVmiMunmap(mm, vrm.newAddr, vrm.newLen, vrm.uf.early);
    if (err !== 0) return err;
    vrm.vma = vmaLookup(mm, vrm.addr);
    if (vrm.feat.earlyLookup && vrm.vma === undefined) return -EFAULT;
  }
  if (vrm.oldLen >= vrm.newLen) {
    if (vrm.oldLen > vrm.newLen) {
      const err = doVmiMunmap(mm, vrm.addr + vrm.newLen, vrm.delta, vrm.uf.late);
      if (err !== 0) return err;
    }
    vrm.oldLen = vrm.newLen;
    setDelta(vrm);
  }
  vrm.vma = vmaLookup(mm, vrm.addr);
  const err = remapIsValid(mm, vrm);
  if (err !== 0) return err;
  const err2 = setNewAddr(mm, vrm);
  if (err2 !== 0) return err2;
  return moveVma(mm, vrm);
}

function legacyMremapAt(mm: Mm, vrm: Vrm): number {
  if (vrm.remapType === 'none') return vrm.addr;
  if (vrm.remapType === 'shrink') {
    const err = doVmiMunmap(mm, vrm.addr + vrm.newLen, vrm.delta, vrm.uf.late);
    return err !== 0 ? err : vrm.addr;
  }
  return legacyExpand(mm, vrm);
}

function legacyExpand(mm: Mm, vrm: Vrm): number {
  const err = remapIsValid(mm, vrm);
  if (err !== 0) return err;
  vrm.newAddr = vrm.addr;
  // new_len > TASK_SIZE is only caught by get_unmapped_area() here.
  if (vrm.newLen > TASK_SIZE) {
    return (vrm.flags & MREMAP_MAYMOVE) === 0 ? -ENOMEM : -ENOMEM;
  }
  return expandVma(mm, vrm);
}
