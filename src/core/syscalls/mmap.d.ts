/**
 * mmap(2): arch/x86/kernel/sys_x86_64.c sys_mmap, mm/mmap.c ksys_mmap_pgoff and do_mmap,
 * mm/vma.c mmap_region / __mmap_region. Checks run in the kernel's order.
 */
import type { Mm } from '../mm';
import type { ShmemFile } from '../shmem';
import { type UnmapEvents } from './munmap';
import { type SysResult } from './result';
/** calc_vm_prot_bits(). */
export declare function calcVmProtBits(prot: number): number;
/** mm/util.c __vm_enough_memory() with OVERCOMMIT_GUESS: more than RAM + swap fails. */
export declare function vmEnoughMemory(mm: Mm, pages: number): boolean;
/** The memfd behind an fd, or null (EBADF). fget() takes an unsigned int. */
export declare function fdFile(mm: Mm, fd: bigint): ShmemFile | null | 'other';
/** mmap(2) with raw u64 arguments. */
export declare function sysMmap(
  mm: Mm,
  addr: bigint,
  len: bigint,
  prot: bigint,
  flags: bigint,
  fd: bigint,
  off: bigint,
): SysResult;
interface MmapResult {
  readonly addr: number;
  readonly err: number;
}
/** do_mmap() + mm_populate(). */
export declare function doMmap(
  mm: Mm,
  file: ShmemFile | null,
  otherFile: boolean,
  addrIn: bigint,
  lenIn: bigint,
  prot: number,
  flags: number,
  pgoffIn: bigint,
  uf?: UnmapEvents,
): MmapResult;
/**
 * mmap_region() / __mmap_region(): unmap what is in the way, charge, merge or insert the VMA.
 * Returns 0 or -errno.
 */
export declare function mmapRegion(
  mm: Mm,
  file: ShmemFile | null,
  addr: number,
  len: number,
  vmFlags: number,
  pgoff: number,
  uf?: UnmapEvents,
): number;
export {};
