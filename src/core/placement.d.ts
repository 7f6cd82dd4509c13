/**
 * Kernel-chosen addresses: __get_unmapped_area (mm/mmap.c), the x86-64 top-down allocator
 * (arch/x86/kernel/sys_x86_64.c arch_get_unmapped_area_topdown) over vm_unmapped_area
 * (mm/mmap.c unmapped_area_topdown), and THP alignment of anonymous mappings
 * (mm/huge_memory.c thp_get_unmapped_area_vmflags).
 *
 * The search runs below `top` (the oracle fills everything between top and mmap_base with
 * PROT_NONE reservations, so top acts as mmap_base): the runtime VMA at top bounds it.
 */
import type { Mm } from './mm';
import type { ShmemFile } from './shmem';
/**
 * mmap_min_addr: max(/proc/sys/vm/mmap_min_addr = 4096, CONFIG_LSM_MMAP_MIN_ADDR = 65536)
 * (security/min_addr.c update_mmap_min_addr). Observed: a hint of 0x1000 lands at 0x10000.
 */
export declare const MMAP_MIN_ADDR = 65536;
/** mm/mmap.c stack_guard_gap: 256 pages. */
export declare const STACK_GUARD_GAP: number;
/**
 * unmapped_area_topdown(): the highest gap in [lowLimit, highLimit) that fits `length` bytes;
 * returns its end minus length (aligned down by alignMask), or -ENOMEM.
 */
export declare function unmappedAreaTopdown(
  mm: Mm,
  length: number,
  lowLimit: number,
  highLimit: number,
  alignMask?: number,
): number;
/** arch_get_unmapped_area_topdown(). */
export declare function archGetUnmappedAreaTopdown(
  mm: Mm,
  addr: number,
  len: number,
  flags: number,
): number;
/**
 * __get_unmapped_area(): the address for a new mapping of len bytes (page-aligned, non-zero),
 * or -errno. `file` is the mapped file (null for anonymous, including MAP_SHARED|MAP_ANONYMOUS:
 * shmem_get_unmapped_area adds nothing with shmem THP off).
 */
export declare function getUnmappedArea(
  mm: Mm,
  file: ShmemFile | null,
  addr: number,
  len: number,
  flags: number,
): number;
