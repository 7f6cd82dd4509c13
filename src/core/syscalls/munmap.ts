/**
 * munmap(2) and the unmapping core shared with mmap(MAP_FIXED) and mremap (mm/vma.c
 * do_vmi_munmap, do_vmi_align_munmap, vms_gather_munmap_vmas, vms_complete_munmap_vmas).
 */
import type { Mm } from '../mm';
import { PAGE_SIZE, TASK_SIZE_BIG, pageAlignU64 } from '../addr';
import { EINVAL, ENOMEM, EPERM } from '../errno';
import { freePgtables, unmapVmas } from '../memory';
import {
  VM_SEALED,
  type Vma,
  findVmaIndex,
  releaseVma,
  splitVmaNoCheck,
  treeRemove,
  vmaIndex,
  vmaRecord,
} from '../vma';
import { sysFromKernel, type SysResult } from './result';
// uffd: userfaultfd_unmap_prep()
import { uffdUnmapNow } from '../uffd';

/** Hooks for userfaultfd's UNMAP events (filled by the uffd work; unused otherwise). */
export interface UnmapEvents {
  /** userfaultfd_unmap_prep(): called for each VMA about to be unmapped over [start, end). */
  prep(mm: Mm, v: Vma, start: number, end: number): number;
}

/** A gathered munmap (struct vma_munmap_struct): the VMAs to remove and the table bounds. */
export interface MunmapGather {
  readonly start: number;
  readonly end: number;
  readonly vmas: Vma[];
  /** The previous VMA's end (0 = none) and the next VMA's start (0 = none). */
  readonly unmapStart: number;
  readonly unmapEnd: number;
}

/**
 * vms_gather_munmap_vmas(): split the first and last VMA at start/end and collect the VMAs of
 * [start, end) (starting with `vma`, the first one overlapping). Leaves them in the tree.
 */
export function gatherMunmapVmas(
  mm: Mm,
  vma: Vma,
  start: number,
  end: number,
  uf?: UnmapEvents,
): MunmapGather | number {
  if (start > vma.start) {
    if (end < vma.end && mm.mapCount() >= mm.profile.maxMapCount) return -ENOMEM;
    if ((vma.flags & VM_SEALED) !== 0) return -EPERM;
    // __split_vma(new_below = 1): vma keeps the part from start.
    splitVmaNoCheck(mm, vma, start, true);
  }
  let i = vmaIndex(mm, vma);
  const prev = mm.vmas[i - 1];
  const unmapStart = prev !== undefined ? prev.end : 0;
  const vmas: Vma[] = [];
  // uffd: a caller without its own list (munmap, mmap MAP_FIXED) sends its UNMAP events at once
  const ev = uf ?? uffdUnmapNow();
  for (; i < mm.vmas.length; i++) {
    const v = mm.vmas[i]!;
    if (v.start >= end) break;
    if ((v.flags & VM_SEALED) !== 0) return -EPERM;
    if (v.end > end) splitVmaNoCheck(mm, v, end, false);
    vmas.push(v);
    {
      const r = ev.prep(mm, v, start, end);
      if (r < 0) return r;
    }
  }
  const next = mm.vmas[i];
  const unmapEnd = next !== undefined ? next.start : 0;
  return { start, end, vmas, unmapStart, unmapEnd };
}

/** Detach the gathered VMAs from the tree (vma_iter_clear_gfp). */
export function detachGathered(mm: Mm, g: MunmapGather): void {
  for (const v of g.vmas) {
    treeRemove(mm, v);
    mm.log.push({ type: 'vma.remove', vma: vmaRecord(v) });
  }
}

/** vms_clear_ptes(): zap the range and free its page tables. */
export function clearGatheredPtes(mm: Mm, g: MunmapGather): void {
  if (g.vmas.length === 0) return;
  unmapVmas(mm, g.vmas, g.start, g.end, 'munmap');
  freePgtables(mm, g.vmas, g.unmapStart, g.unmapEnd);
  mm.log.flush();
}

/** vms_complete_munmap_vmas(): release the VMAs (their files). */
export function completeGathered(mm: Mm, g: MunmapGather): void {
  for (const v of g.vmas) releaseVma(mm, v);
  mm.log.flush();
}

/** do_vmi_align_munmap(): unmap the page-aligned [start, end) whose first VMA is vma. */
export function doVmiAlignMunmap(
  mm: Mm,
  vma: Vma,
  start: number,
  end: number,
  uf?: UnmapEvents,
): number {
  const g = gatherMunmapVmas(mm, vma, start, end, uf);
  if (typeof g === 'number') return g;
  detachGathered(mm, g);
  clearGatheredPtes(mm, g);
  completeGathered(mm, g);
  return 0;
}

/**
 * do_vmi_munmap(): validate and unmap [start, start + PAGE_ALIGN(len)). Returns 0 or -errno.
 * Arguments are already numbers; use sysMunmap for raw u64 arguments.
 */
export function doVmiMunmap(mm: Mm, start: number, len: number, uf?: UnmapEvents): number {
  if (
    start % PAGE_SIZE !== 0 ||
    start > Number(TASK_SIZE_BIG) ||
    len > Number(TASK_SIZE_BIG) - start
  ) {
    return -EINVAL;
  }
  const end = start + Math.ceil(len / PAGE_SIZE) * PAGE_SIZE;
  if (end === start) return -EINVAL;
  const i = findVmaIndex(mm, start);
  const vma = mm.vmas[i];
  if (vma === undefined || vma.start >= end) return 0;
  return doVmiAlignMunmap(mm, vma, start, end, uf);
}

/** munmap(2). */
export function sysMunmap(mm: Mm, addr: bigint, len: bigint, uf?: UnmapEvents): SysResult {
  if (addr % BigInt(PAGE_SIZE) !== 0n || addr > TASK_SIZE_BIG || len > TASK_SIZE_BIG - addr) {
    return sysFromKernel(-EINVAL);
  }
  const end = addr + pageAlignU64(len);
  if (end === addr) return sysFromKernel(-EINVAL);
  return sysFromKernel(doVmiMunmap(mm, Number(addr), Number(len), uf));
}
