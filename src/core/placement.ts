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
import { PAGE_SIZE, PMD_SIZE, TASK_SIZE } from './addr';
import { EINVAL, ENOMEM } from './errno';
import { MAP_32BIT, MAP_FIXED, MAP_SHARED } from './uapi';
import { VM_GROWSDOWN, findVma, findVmaIndex, type Vma } from './vma';

/**
 * mmap_min_addr: max(/proc/sys/vm/mmap_min_addr = 4096, CONFIG_LSM_MMAP_MIN_ADDR = 65536)
 * (security/min_addr.c update_mmap_min_addr). Observed: a hint of 0x1000 lands at 0x10000.
 */
export const MMAP_MIN_ADDR = 65536;
/** mm/mmap.c stack_guard_gap: 256 pages. */
export const STACK_GUARD_GAP = 256 * PAGE_SIZE;
/** arch/x86: DEFAULT_MAP_WINDOW = TASK_SIZE_MAX on 4-level paging. */
const DEFAULT_MAP_WINDOW = TASK_SIZE;

function vmStartGap(v: Vma): number {
  if ((v.flags & VM_GROWSDOWN) !== 0) {
    const g = v.start - STACK_GUARD_GAP;
    return g > v.start ? 0 : g;
  }
  return v.start;
}

/**
 * unmapped_area_topdown(): the highest gap in [lowLimit, highLimit) that fits `length` bytes;
 * returns its end minus length (aligned down by alignMask), or -ENOMEM.
 */
export function unmappedAreaTopdown(
  mm: Mm,
  length: number,
  lowLimit: number,
  highLimit: number,
  alignMask = 0,
): number {
  const len = length + alignMask;
  if (lowLimit < MMAP_MIN_ADDR) lowLimit = MMAP_MIN_ADDR;
  for (;;) {
    // vma_iter_area_highest(): the highest gap [gs, ge) within [lowLimit, highLimit).
    let i = findVmaIndex(mm, highLimit - 1);
    // VMA i is the first ending above highLimit - 1: it may start below highLimit.
    let ge = highLimit;
    const vi = mm.vmas[i];
    if (vi !== undefined && vi.start < highLimit) ge = vi.start;
    let found = -1;
    for (;;) {
      const prev = mm.vmas[i - 1];
      const gs = Math.max(prev === undefined ? 0 : prev.end, lowLimit);
      if (ge >= gs && ge - gs >= len) {
        found = ge;
        break;
      }
      if (prev === undefined || prev.end <= lowLimit) break;
      ge = prev.start;
      i--;
      if (ge < lowLimit) break;
    }
    if (found < 0) return -ENOMEM;
    const gapEnd = found;
    let gap = gapEnd - length;
    gap -= gap & alignMask;
    // Stack guard gaps: the next VMA may be a VM_GROWSDOWN one whose guard reaches the gap.
    const next = mm.vmas[findVmaIndex(mm, gapEnd)];
    if (next !== undefined && (next.flags & VM_GROWSDOWN) !== 0 && vmStartGap(next) < gapEnd) {
      highLimit = vmStartGap(next);
      if (highLimit < lowLimit) return -ENOMEM;
      continue;
    }
    return gap;
  }
}

/** mmap_address_hint_valid() (arch/x86/kernel/sys_x86_64.c). */
function hintValid(addr: number, len: number): boolean {
  if (TASK_SIZE - len < addr) return false;
  return addr > DEFAULT_MAP_WINDOW === addr + len > DEFAULT_MAP_WINDOW;
}

/** arch_get_unmapped_area_topdown(). */
export function archGetUnmappedAreaTopdown(
  mm: Mm,
  addr: number,
  len: number,
  flags: number,
): number {
  if (len > TASK_SIZE) return -ENOMEM;
  if ((flags & MAP_FIXED) !== 0) return addr;
  if ((flags & MAP_32BIT) !== 0) return archGetUnmappedAreaBottomup(mm, addr, len, flags);
  if (addr !== 0) {
    addr -= addr % PAGE_SIZE;
    if (hintValid(addr, len)) {
      const v = findVma(mm, addr);
      if (v === undefined || addr + len <= vmStartGap(v)) return addr;
    }
  }
  const r = unmappedAreaTopdown(mm, len, PAGE_SIZE, mm.top);
  if (r >= 0) return r;
  return archGetUnmappedAreaBottomup(mm, addr, len, flags);
}

/**
 * arch_get_unmapped_area() (bottom-up): the fallback of a failed top-down search, from
 * mmap_legacy_base (TASK_UNMAPPED_BASE = PAGE_ALIGN(TASK_SIZE / 3) without ASLR) to TASK_SIZE;
 * MAP_32BIT searches [1 GiB, 2 GiB) (find_start_end).
 */
function archGetUnmappedAreaBottomup(mm: Mm, addr: number, len: number, flags = 0): number {
  let begin = Math.ceil(TASK_SIZE / 3 / PAGE_SIZE) * PAGE_SIZE;
  let end = TASK_SIZE;
  if ((flags & MAP_32BIT) !== 0) {
    begin = 0x40000000;
    end = 0x80000000;
  }
  if (len > end) return -ENOMEM;
  if (addr !== 0) {
    addr -= addr % PAGE_SIZE;
    const v = findVma(mm, addr);
    if (
      end - len >= addr &&
      addr >= MMAP_MIN_ADDR &&
      (v === undefined || addr + len <= vmStartGap(v))
    ) {
      return addr;
    }
  }
  return unmappedAreaBottomup(mm, len, begin, end);
}

/** unmapped_area(): the lowest gap in [lowLimit, highLimit) that fits length bytes. */
function unmappedAreaBottomup(mm: Mm, length: number, lowLimit: number, highLimit: number): number {
  if (lowLimit < MMAP_MIN_ADDR) lowLimit = MMAP_MIN_ADDR;
  let gs = lowLimit;
  for (let i = findVmaIndex(mm, lowLimit); i <= mm.vmas.length; i++) {
    const v = mm.vmas[i];
    const ge = v === undefined ? highLimit : Math.min(vmStartGap(v), highLimit);
    if (ge - gs >= length) return gs;
    if (v === undefined || v.end >= highLimit) break;
    gs = Math.max(gs, v.end);
  }
  return -ENOMEM;
}

/**
 * __thp_get_unmapped_area() for anonymous memory (off = 0): search with 2 MiB of padding, then
 * align up inside the padded area; top-down with an already aligned result uses its top.
 */
function thpGetUnmappedArea(mm: Mm, addr: number, len: number, flags: number): number {
  const size = PMD_SIZE;
  if (len < size) return archGetUnmappedAreaTopdown(mm, addr, len, flags);
  const lenPad = len + size;
  let ret = archGetUnmappedAreaTopdown(mm, addr, lenPad, flags);
  if (ret < 0) return archGetUnmappedAreaTopdown(mm, addr, len, flags);
  if (ret === addr) return addr;
  const offSub = (size - (ret % size)) % size;
  if (offSub === 0) return ret + size; // MMF_TOPDOWN
  ret += offSub;
  return ret;
}

/**
 * __get_unmapped_area(): the address for a new mapping of len bytes (page-aligned, non-zero),
 * or -errno. `file` is the mapped file (null for anonymous, including MAP_SHARED|MAP_ANONYMOUS:
 * shmem_get_unmapped_area adds nothing with shmem THP off).
 */
export function getUnmappedArea(
  mm: Mm,
  file: ShmemFile | null,
  addr: number,
  len: number,
  flags: number,
): number {
  if (len > TASK_SIZE) return -ENOMEM;
  let r: number;
  if (file === null && (flags & MAP_SHARED) === 0 && addr === 0 && len % PMD_SIZE === 0) {
    r = thpGetUnmappedArea(mm, addr, len, flags);
  } else {
    r = archGetUnmappedAreaTopdown(mm, addr, len, flags);
  }
  if (r < 0) return r;
  if (r > TASK_SIZE - len) return -ENOMEM;
  if (r % PAGE_SIZE !== 0) return -EINVAL;
  return r;
}
