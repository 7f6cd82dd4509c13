/**
 * memfd_create(2), ftruncate(2), fallocate(2) and close(2) on the shmem files they name
 * (mm/memfd.c, fs/open.c do_ftruncate / vfs_fallocate, mm/shmem.c shmem_setattr /
 * shmem_fallocate / shmem_undo_range).
 */
import type { Mm } from '../mm';
import type { Inode, ShmemFile } from '../shmem';
import { PAGE_SIZE } from '../addr';
import { EBADF, EFBIG, EINVAL, ENODEV, EOPNOTSUPP } from '../errno';
import { unmapMappingRange } from '../memory';
import {
  FALLOC_FL_COLLAPSE_RANGE,
  FALLOC_FL_INSERT_RANGE,
  FALLOC_FL_KEEP_SIZE,
  FALLOC_FL_PUNCH_HOLE,
  FALLOC_FL_UNSHARE_RANGE,
  FALLOC_FL_ZERO_RANGE,
  MFD_ALLOW_SEALING,
  MFD_CLOEXEC,
  MFD_EXEC,
  MFD_HUGETLB,
  MFD_NOEXEC_SEAL,
  O_CLOEXEC,
  O_NONBLOCK,
} from '../uapi';
import { sysErr, sysOk, type SysResult } from './result';
// uffd: close(uffd)
import { uffdRelease } from '../uffd';

const MFD_ALL_FLAGS = MFD_CLOEXEC | MFD_ALLOW_SEALING | MFD_HUGETLB | MFD_NOEXEC_SEAL | MFD_EXEC;
const MFD_HUGE_SHIFT = 26;
const MFD_HUGE_MASK = 0x3f;
/** NAME_MAX - strlen("memfd:") */
const MFD_NAME_MAX_LEN = 255 - 6;
const FALLOC_FL_WRITE_ZEROES = 0x80;
const FALLOC_FL_MODE_MASK =
  FALLOC_FL_PUNCH_HOLE |
  FALLOC_FL_COLLAPSE_RANGE |
  FALLOC_FL_ZERO_RANGE |
  FALLOC_FL_INSERT_RANGE |
  FALLOC_FL_UNSHARE_RANGE |
  FALLOC_FL_WRITE_ZEROES;
const S64_MAX = (1n << 63n) - 1n;

function toS64(v: bigint): bigint {
  return v >= 1n << 63n ? v - (1n << 64n) : v;
}

function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

export function sysMemfdCreate(mm: Mm, name: string, flagsIn: bigint): SysResult {
  const flags = Number(flagsIn & 0xffffffffn);
  if ((flags & MFD_HUGETLB) === 0) {
    if ((flags & ~MFD_ALL_FLAGS) !== 0) return sysErr(EINVAL);
  } else if ((flags & ~(MFD_ALL_FLAGS | (MFD_HUGE_MASK << MFD_HUGE_SHIFT))) >>> 0 !== 0) {
    return sysErr(EINVAL);
  }
  if ((flags & MFD_EXEC) !== 0 && (flags & MFD_NOEXEC_SEAL) !== 0) return sysErr(EINVAL);
  // strnlen_user(name, MFD_NAME_MAX_LEN + 1) counts the NUL.
  if (utf8Length(name) + 1 > MFD_NAME_MAX_LEN + 1) return sysErr(EINVAL);
  const fd = mm.lowestFreeFd();
  const inode = mm.newInode('memfd', name, 0);
  const file = mm.newFile(inode, true);
  file.refs++;
  mm.fds.set(fd, { kind: 'memfd', file, cloexec: (flags & MFD_CLOEXEC) !== 0 });
  return sysOk(fd);
}

/**
 * userfaultfd(2) (fs/userfaultfd.c): the fd and its context. Only the flags check and the fd
 * exist so far; the ioctls come with the userfaultfd work.
 */
export function sysUserfaultfd(mm: Mm, flagsIn: bigint): SysResult {
  const flags = Number(flagsIn & 0xffffffffn) | 0;
  const UFFD_USER_MODE_ONLY = 1;
  if ((flags & ~(O_CLOEXEC | O_NONBLOCK | UFFD_USER_MODE_ONLY)) !== 0) return sysErr(EINVAL);
  const fd = mm.lowestFreeFd();
  mm.fds.set(fd, { kind: 'uffd', ctx: mm.newUffdCtx(), cloexec: (flags & O_CLOEXEC) !== 0 });
  return sysOk(fd);
}

export function sysClose(mm: Mm, fdIn: bigint): SysResult {
  const fd = Number(fdIn & 0xffffffffn);
  const e = mm.fds.get(fd);
  if (e === undefined) return sysErr(EBADF);
  mm.fds.delete(fd);
  if (e.kind === 'memfd') mm.fileUnref(e.file);
  // uffd: closing the last reference releases the context (userfaultfd_release())
  else uffdRelease(mm, e.ctx);
  mm.log.flush();
  return sysOk(0);
}

export function sysFtruncate(mm: Mm, fdIn: bigint, lengthIn: bigint): SysResult {
  const length = toS64(lengthIn);
  if (length < 0n) return sysErr(EINVAL);
  const e = mm.fds.get(Number(fdIn & 0xffffffffn));
  if (e === undefined) return sysErr(EBADF);
  if (e.kind !== 'memfd' || !e.file.writable) return sysErr(EINVAL);
  shmemSetSize(mm, e.file.inode, Number(length));
  mm.log.flush();
  return sysOk(0);
}

/** shmem_setattr(ATTR_SIZE). */
export function shmemSetSize(mm: Mm, inode: Inode, newsize: number): void {
  const oldsize = inode.size;
  inode.size = newsize;
  if (newsize <= oldsize) {
    const holebegin = Math.ceil(newsize / PAGE_SIZE) * PAGE_SIZE;
    if (oldsize > holebegin)
      unmapMappingRange(mm, inode, holebegin / PAGE_SIZE, -1, true, 'truncate');
    shmemUndoRange(mm, inode, newsize, -1, 'truncate');
    if (oldsize > holebegin)
      unmapMappingRange(mm, inode, holebegin / PAGE_SIZE, -1, true, 'truncate');
  }
}

/**
 * shmem_undo_range(lstart, lend): drop the cache pages wholly inside [lstart, lend] (lend -1 = to
 * the end) and zero the partial pages at either edge (a page's tag is its first byte, so only a
 * zeroed range starting at offset 0 of a page changes it).
 */
function shmemUndoRange(
  mm: Mm,
  inode: Inode,
  lstart: number,
  lend: number,
  cause: 'truncate' | 'punch-hole',
): void {
  const start = Math.ceil(lstart / PAGE_SIZE);
  const end = lend === -1 ? Number.MAX_SAFE_INTEGER : Math.floor((lend + 1) / PAGE_SIZE);
  for (const [index, pfn] of inode.cache.entries(start, end)) {
    inode.cache.delete(index);
    mm.log.cacheRemove(inode.id, index);
    mm.frames.uncache(pfn, mm.log);
  }
  void cause;
  if (lend === -1) return;
  // The partial page at the end: zeroed from its start to lend.
  const partialEnd = (lend + 1) % PAGE_SIZE;
  if (partialEnd !== 0) {
    const idx = Math.floor(lend / PAGE_SIZE);
    const pageStart = idx * PAGE_SIZE;
    if (lstart <= pageStart) {
      const p = inode.cache.get(idx);
      if (p >= 0) mm.frames.tag[p] = 0;
    }
  }
}

export function sysFallocate(
  mm: Mm,
  fdIn: bigint,
  modeIn: bigint,
  offIn: bigint,
  lenIn: bigint,
): SysResult {
  const e = mm.fds.get(Number(fdIn & 0xffffffffn));
  if (e === undefined) return sysErr(EBADF);
  const mode = Number(modeIn & 0xffffffffn) | 0;
  let r: number;
  if (e.kind !== 'memfd') {
    r = vfsFallocateChecks(mode, toS64(offIn), toS64(lenIn), true);
    if (r === 0) r = -ENODEV;
  } else {
    r = vfsFallocate(mm, e.file, mode, toS64(offIn), toS64(lenIn));
  }
  mm.log.flush();
  return r < 0 ? sysErr(-r) : sysOk(0);
}

function vfsFallocateChecks(mode: number, offset: bigint, len: bigint, writable: boolean): number {
  if (offset < 0n || len <= 0n) return -EINVAL;
  if ((mode & ~(FALLOC_FL_MODE_MASK | FALLOC_FL_KEEP_SIZE)) !== 0) return -EOPNOTSUPP;
  switch (mode & FALLOC_FL_MODE_MASK) {
    case 0:
    case FALLOC_FL_UNSHARE_RANGE:
    case FALLOC_FL_ZERO_RANGE:
      break;
    case FALLOC_FL_PUNCH_HOLE:
      if ((mode & FALLOC_FL_KEEP_SIZE) === 0) return -EOPNOTSUPP;
      break;
    case FALLOC_FL_COLLAPSE_RANGE:
    case FALLOC_FL_INSERT_RANGE:
    case FALLOC_FL_WRITE_ZEROES:
      if ((mode & FALLOC_FL_KEEP_SIZE) !== 0) return -EOPNOTSUPP;
      break;
    default:
      return -EOPNOTSUPP;
  }
  if (!writable) return -EBADF;
  return 0;
}

/** vfs_fallocate() on a shmem file (offset and len as signed 64-bit values). */
export function vfsFallocate(
  mm: Mm,
  file: ShmemFile,
  mode: number,
  offset: bigint,
  len: bigint,
): number {
  const c = vfsFallocateChecks(mode, offset, len, file.writable);
  if (c < 0) return c;
  const sum = offset + len;
  if (sum > S64_MAX) return -EFBIG;
  // shmem_fallocate()
  if ((mode & ~(FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE)) !== 0) return -EOPNOTSUPP;
  const inode = file.inode;
  const off = Number(offset);
  const n = Number(len);
  if ((mode & FALLOC_FL_PUNCH_HOLE) !== 0) {
    const unmapStart = Math.ceil(off / PAGE_SIZE) * PAGE_SIZE;
    const unmapEnd = Math.floor((off + n) / PAGE_SIZE) * PAGE_SIZE - 1;
    if (unmapEnd === -1) {
      // offset + len < PAGE_SIZE: unmap_end is -1, which as a u64 passes the check, and the
      // negative hole length wraps: unmap_mapping_pages() then unmaps to the end of the file.
      unmapMappingRange(mm, inode, unmapStart / PAGE_SIZE, -1, false, 'punch-hole');
    } else if (unmapEnd > unmapStart) {
      unmapMappingRange(
        mm,
        inode,
        unmapStart / PAGE_SIZE,
        (1 + unmapEnd - unmapStart) / PAGE_SIZE,
        false,
        'punch-hole',
      );
    }
    shmemUndoRange(mm, inode, off, off + n - 1, 'punch-hole');
    return 0;
  }
  const start = Math.floor(off / PAGE_SIZE);
  const end = Math.ceil((off + n) / PAGE_SIZE);
  for (let index = start; index < end; index++) {
    if (inode.cache.get(index) >= 0) continue;
    // SGP_FALLOC: allocated but not uptodate until first use.
    const p = mm.frames.allocCache(inode.id, index, mm.log);
    inode.cache.set(index, p);
    mm.log.cacheInsert(inode.id, index, p);
  }
  if ((mode & FALLOC_FL_KEEP_SIZE) === 0 && off + n > inode.size) inode.size = off + n;
  return 0;
}
