/**
 * mprotect(2): mm/mprotect.c do_mprotect_pkey, mprotect_fixup, change_protection.
 */
import type { Mm } from '../mm';
import type { Cause } from '../effects';
import { type Vma } from '../vma';
import { type SysResult } from './result';
export declare function sysMprotect(mm: Mm, start: bigint, len: bigint, protIn: bigint): SysResult;
/** do_mprotect_pkey() with pkey -1. */
export declare function doMprotect(mm: Mm, startB: bigint, lenB: bigint, protIn: bigint): number;
/** mprotect_fixup(): returns the VMA now covering [start, end) (or the unchanged one), or -errno. */
export declare function mprotectFixup(
  mm: Mm,
  vma: Vma,
  prev: Vma | undefined,
  start: number,
  end: number,
  newflags: number,
): Vma | number;
/**
 * change_protection(): apply the VMA's new protection to its present entries in [start, end).
 * Shared mappings take vm_page_prot (writable iff VM_WRITE: shmem wants no write-notify);
 * private mappings become read-only except exclusive anonymous pages when the VMA is writable
 * (MM_CP_TRY_CHANGE_WRITABLE + can_change_pte_writable). uffd-wp entries stay read-only.
 */
export declare function changeProtection(
  mm: Mm,
  v: Vma,
  start: number,
  end: number,
  cause: Cause,
): void;
