/**
 * Faulting pages in on the kernel's behalf (mm/gup.c): MAP_POPULATE, mlock and
 * MADV_POPULATE_(READ|WRITE) all go through get_user_pages, which faults each page that is not
 * present (or, for FOLL_WRITE, not writable) exactly as a CPU access would.
 */
import type { Mm } from './mm';
import type { Vma } from './vma';
/** populate_vma_page_range(): pages done, or -errno. */
export declare function populateVmaPageRange(mm: Mm, v: Vma, start: number, end: number): number;
/** __mm_populate(): fault in [start, start + len) VMA by VMA. Returns 0 or -errno. */
export declare function mmPopulate(
  mm: Mm,
  start: number,
  len: number,
  ignoreErrors: boolean,
): number;
/**
 * faultin_page_range() for MADV_POPULATE_(READ|WRITE) (FOLL_MADV_POPULATE, no FOLL_FORCE):
 * an unmapped page -> -ENOMEM, a VMA that does not allow the access -> -EINVAL, a fault that
 * would signal -> -EFAULT.
 */
export declare function madvisePopulate(mm: Mm, start: number, end: number, write: boolean): number;
