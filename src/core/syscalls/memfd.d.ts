/**
 * memfd_create(2), ftruncate(2), fallocate(2) and close(2) on the shmem files they name
 * (mm/memfd.c, fs/open.c do_ftruncate / vfs_fallocate, mm/shmem.c shmem_setattr /
 * shmem_fallocate / shmem_undo_range).
 */
import type { Mm } from '../mm';
import type { Inode, ShmemFile } from '../shmem';
import { type SysResult } from './result';
export declare function sysMemfdCreate(mm: Mm, name: string, flagsIn: bigint): SysResult;
/**
 * userfaultfd(2) (fs/userfaultfd.c): the fd and its context. Only the flags check and the fd
 * exist so far; the ioctls come with the userfaultfd work.
 */
export declare function sysUserfaultfd(mm: Mm, flagsIn: bigint): SysResult;
export declare function sysClose(mm: Mm, fdIn: bigint): SysResult;
export declare function sysFtruncate(mm: Mm, fdIn: bigint, lengthIn: bigint): SysResult;
/** shmem_setattr(ATTR_SIZE). */
export declare function shmemSetSize(mm: Mm, inode: Inode, newsize: number): void;
export declare function sysFallocate(
  mm: Mm,
  fdIn: bigint,
  modeIn: bigint,
  offIn: bigint,
  lenIn: bigint,
): SysResult;
/** vfs_fallocate() on a shmem file (offset and len as signed 64-bit values). */
export declare function vfsFallocate(
  mm: Mm,
  file: ShmemFile,
  mode: number,
  offset: bigint,
  len: bigint,
): number;
