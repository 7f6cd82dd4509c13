/**
 * mlock(2), mlock2(2), munlock(2): mm/mlock.c do_mlock, apply_vma_lock_flags, mlock_fixup.
 * We are root: CAP_IPC_LOCK lifts RLIMIT_MEMLOCK.
 */
import type { Mm } from '../mm';
import { PAGE_SIZE, U64_MASK } from '../addr';
import { EAGAIN, EFAULT, EINVAL, ENOMEM } from '../errno';
import { mmPopulate } from '../gup';
import { MLOCK_ONFAULT } from '../uapi';
import {
  VM_DROPPABLE,
  VM_HUGETLB,
  VM_LOCKED,
  VM_LOCKED_MASK,
  VM_LOCKONFAULT,
  VM_SPECIAL,
  type Vma,
  findVmaIndex,
  vmaLookup,
  vmaModifyFlags,
  vmaRecord,
} from '../vma';
import { sysErr, sysOk, type SysResult } from './result';

const PAGE = BigInt(PAGE_SIZE);
const CAP = 2n ** 48n;

function alignRange(startB: bigint, lenB: bigint): [bigint, bigint] {
  const off = startB % PAGE;
  const len = (lenB + off + PAGE - 1n) & ~(PAGE - 1n) & U64_MASK;
  return [startB - off, len];
}

export function sysMlock(mm: Mm, start: bigint, len: bigint): SysResult {
  return result(doMlock(mm, start, len, VM_LOCKED));
}

export function sysMlock2(mm: Mm, start: bigint, len: bigint, flags: bigint): SysResult {
  const f = Number(flags & 0xffffffffn) | 0;
  if ((f & ~MLOCK_ONFAULT) !== 0) return sysErr(EINVAL);
  return result(
    doMlock(mm, start, len, VM_LOCKED | ((f & MLOCK_ONFAULT) !== 0 ? VM_LOCKONFAULT : 0)),
  );
}

export function sysMunlock(mm: Mm, startB: bigint, lenB: bigint): SysResult {
  const [start, len] = alignRange(startB, lenB);
  const r = applyVmaLockFlags(mm, start, len, 0);
  mm.log.flush();
  return result(r);
}

function result(r: number): SysResult {
  return r < 0 ? sysErr(-r) : sysOk(0);
}

function doMlock(mm: Mm, startB: bigint, lenB: bigint, flags: number): number {
  const [start, len] = alignRange(startB, lenB);
  const r = applyVmaLockFlags(mm, start, len, flags);
  if (r < 0) {
    mm.log.flush();
    return r;
  }
  if (len === 0n) return 0;
  const e = start + len > CAP ? CAP : start + len;
  const s = start > CAP ? CAP : start;
  const p = mmPopulate(mm, Number(s), Number(e - s), false);
  // __mlock_posix_error_return()
  if (p === -EFAULT) return -ENOMEM;
  if (p === -ENOMEM) return -EAGAIN;
  return p;
}

/** apply_vma_lock_flags() */
function applyVmaLockFlags(mm: Mm, startB: bigint, lenB: bigint, flags: number): number {
  const endB = startB + lenB;
  if (endB > U64_MASK) return -EINVAL;
  if (endB === startB) return 0;
  if (startB >= CAP) return -ENOMEM;
  const start = Number(startB);
  const end = Number(endB > CAP ? CAP : endB);
  let vma: Vma | undefined = vmaLookup(mm, start);
  if (vma === undefined) return -ENOMEM;
  let i = findVmaIndex(mm, start);
  let prev: Vma | undefined = mm.vmas[i - 1];
  if (start > vma.start) prev = vma;
  let nstart = start;
  let tmp: number = vma.start;
  while (vma !== undefined && vma.start < end) {
    if (vma.start !== tmp) return -ENOMEM;
    const newflags = (vma.flags & ~VM_LOCKED_MASK) | flags;
    tmp = Math.min(vma.end, end);
    const r = mlockFixup(mm, vma, prev, nstart, tmp, newflags);
    if (typeof r === 'number') return r;
    prev = r;
    tmp = r.end;
    nstart = tmp;
    i = findVmaIndex(mm, tmp);
    vma = mm.vmas[i];
  }
  if (tmp < end) return -ENOMEM;
  return 0;
}

/** mlock_fixup() */
function mlockFixup(
  mm: Mm,
  vma: Vma,
  prev: Vma | undefined,
  start: number,
  end: number,
  newflags: number,
): Vma | number {
  const oldflags = vma.flags;
  if (
    newflags === oldflags ||
    (oldflags & (VM_SPECIAL | VM_DROPPABLE | VM_HUGETLB)) !== 0 ||
    vma.runtime
  ) {
    return vma;
  }
  const r = vmaModifyFlags(mm, prev, vma, start, end, newflags);
  if (typeof r === 'number') return r;
  const before = vmaRecord(r);
  r.flags = newflags;
  if (before.flags !== newflags) mm.log.push({ type: 'vma.change', before, after: vmaRecord(r) });
  return r;
}
