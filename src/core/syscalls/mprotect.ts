/**
 * mprotect(2): mm/mprotect.c do_mprotect_pkey, mprotect_fixup, change_protection.
 */
import type { Mm } from '../mm';
import type { Cause } from '../effects';
import { PAGE_SIZE, PMD_SIZE, PTRS_PER_TABLE, PUD_SIZE, U64_MASK, vaddr } from '../addr';
import { EACCES, EINVAL, ENOMEM, EPERM } from '../errno';
import { FRAME_ANON } from '../frames';
import { populateVmaPageRange } from '../gup';
import { splitHugePmd } from '../huge';
import { PFN_SHIFT, PMD_TABLE, PTE_PRESENT, PTE_UFFD_WP, PTE_WRITE, addrEnd } from '../pageTable';
import { PROT_EXEC, PROT_GROWSDOWN, PROT_GROWSUP, PROT_READ, PROT_WRITE } from '../uapi';
import {
  VM_ACCESS_FLAGS,
  VM_ACCOUNT,
  VM_GROWSDOWN,
  VM_HUGETLB,
  VM_LOCKED,
  VM_NORESERVE,
  VM_SEALED,
  VM_SHARED,
  VM_UFFD_WP,
  VM_WRITE,
  type Vma,
  findVmaIndex,
  vmaIsAnonymous,
  vmaModifyFlags,
  vmaRecord,
} from '../vma';
import { calcVmProtBits, vmEnoughMemory } from './mmap';
import { sysErr, sysOk, type SysResult } from './result';

const PROT_SEM = 0x8;

export function sysMprotect(mm: Mm, start: bigint, len: bigint, protIn: bigint): SysResult {
  const r = doMprotect(mm, start, len, protIn);
  return r < 0 ? sysErr(-r) : sysOk(0);
}

/** do_mprotect_pkey() with pkey -1. */
export function doMprotect(mm: Mm, startB: bigint, lenB: bigint, protIn: bigint): number {
  let prot = Number(protIn & 0xffffffffn);
  const grows = prot & (PROT_GROWSDOWN | PROT_GROWSUP);
  prot &= ~(PROT_GROWSDOWN | PROT_GROWSUP);
  if (grows === (PROT_GROWSDOWN | PROT_GROWSUP)) return -EINVAL;
  // The int prot argument: bits above 31 are not seen.
  if (startB % BigInt(PAGE_SIZE) !== 0n) return -EINVAL;
  if (lenB === 0n) return 0;
  const lenA = (lenB + BigInt(PAGE_SIZE - 1)) & ~BigInt(PAGE_SIZE - 1) & U64_MASK;
  const endB = (startB + lenA) & U64_MASK;
  if (endB <= startB) return -ENOMEM;
  // arch_validate_prot(): only READ, WRITE, EXEC and SEM.
  if ((prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_SEM)) !== 0) return -EINVAL;
  // Everything a script can map lies below TASK_SIZE: larger ranges find no VMA or end in a hole.
  let start = Number(startB > 2n ** 48n ? 2n ** 48n : startB);
  let end = Number(endB > 2n ** 48n ? 2n ** 48n : endB);

  let i = findVmaIndex(mm, start);
  let vma = mm.vmas[i];
  if (vma === undefined || vma.start >= end) return -ENOMEM;
  if ((grows & PROT_GROWSDOWN) !== 0) {
    start = vma.start;
    if ((vma.flags & VM_GROWSDOWN) === 0) return -EINVAL;
  } else {
    if (vma.start > start) return -ENOMEM;
    if ((grows & PROT_GROWSUP) !== 0) {
      end = vma.end;
      return -EINVAL; // no VM_GROWSUP on x86
    }
  }
  let prev: Vma | undefined = mm.vmas[i - 1];
  if (start > vma.start) prev = vma;

  let nstart = start;
  let tmp: number = vma.start;
  let error = 0;
  while (vma !== undefined && vma.start < end) {
    if (vma.start !== tmp) {
      error = -ENOMEM;
      break;
    }
    const newflags = calcVmProtBits(prot) | (vma.flags & ~VM_ACCESS_FLAGS);
    // newflags >> 4 shifts VM_MAY% in place of VM_%.
    if ((newflags & ~(newflags >> 4) & VM_ACCESS_FLAGS) !== 0) {
      error = -EACCES;
      break;
    }
    tmp = Math.min(vma.end, end);
    const r = mprotectFixup(mm, vma, prev, nstart, tmp, newflags);
    if (typeof r === 'number') {
      error = r;
      break;
    }
    prev = r;
    tmp = r.end;
    nstart = tmp;
    i = findVmaIndex(mm, tmp);
    vma = mm.vmas[i];
  }
  mm.log.flush();
  if (error === 0 && tmp < end) error = -ENOMEM;
  return error;
}

/** mprotect_fixup(): returns the VMA now covering [start, end) (or the unchanged one), or -errno. */
export function mprotectFixup(
  mm: Mm,
  vma: Vma,
  prev: Vma | undefined,
  start: number,
  end: number,
  newflags: number,
): Vma | number {
  const oldflags = vma.flags;
  const nrpages = (end - start) / PAGE_SIZE;
  if ((oldflags & VM_SEALED) !== 0) return -EPERM;
  if (newflags === oldflags) return vma;
  if ((newflags & VM_WRITE) !== 0) {
    if ((oldflags & (VM_ACCOUNT | VM_WRITE | VM_HUGETLB | VM_SHARED | VM_NORESERVE)) === 0) {
      if (!vmEnoughMemory(mm, nrpages)) return -ENOMEM;
      newflags |= VM_ACCOUNT;
    }
  } else if ((oldflags & VM_ACCOUNT) !== 0 && vmaIsAnonymous(vma) && vma.anonVma === 0) {
    newflags &= ~VM_ACCOUNT;
  }
  const r = vmaModifyFlags(mm, prev, vma, start, end, newflags);
  if (typeof r === 'number') return r;
  const before = vmaRecord(r);
  r.flags = newflags;
  if (before.flags !== newflags) mm.log.push({ type: 'vma.change', before, after: vmaRecord(r) });
  changeProtection(mm, r, start, end, 'mprotect');
  // Private VM_LOCKED VMA becoming writable: trigger COW to avoid major fault on access.
  if (
    (oldflags & (VM_WRITE | VM_SHARED | VM_LOCKED)) === VM_LOCKED &&
    (newflags & VM_WRITE) !== 0
  ) {
    populateVmaPageRange(mm, r, start, end);
  }
  return r;
}

/**
 * change_protection(): apply the VMA's new protection to its present entries in [start, end).
 * Shared mappings take vm_page_prot (writable iff VM_WRITE: shmem wants no write-notify);
 * private mappings become read-only except exclusive anonymous pages when the VMA is writable
 * (MM_CP_TRY_CHANGE_WRITABLE + can_change_pte_writable). uffd-wp entries stay read-only.
 */
export function changeProtection(mm: Mm, v: Vma, start: number, end: number, cause: Cause): void {
  const pt = mm.pt;
  const frames = mm.frames;
  const writableVma = (v.flags & VM_WRITE) !== 0;
  const shared = (v.flags & VM_SHARED) !== 0;
  const uffdWp = (v.flags & VM_UFFD_WP) !== 0;
  const newWrite = (e: number): boolean => {
    if (!writableVma) return false;
    if ((e & PTE_UFFD_WP) !== 0 && uffdWp) return false;
    if (shared) return true;
    const p = e >>> PFN_SHIFT;
    return frames.kind[p] === FRAME_ANON;
  };
  let addr = start;
  while (addr < end) {
    const ms = pt.pmdSlot(addr);
    if (ms < 0) {
      addr = addrEnd(addr, end, PUD_SIZE);
      continue;
    }
    const next = addrEnd(addr, end, PMD_SIZE);
    let m = pt.pmd.data[ms]!;
    if ((m & PTE_PRESENT) !== 0) {
      if (next - addr === PMD_SIZE) {
        const w = newWrite(m);
        const nm = w ? m | PTE_WRITE : m & ~PTE_WRITE;
        if (nm !== m) {
          pt.pmd.data[ms] = nm;
          mm.log.push({
            type: 'entries.protect',
            addr: vaddr(addr),
            pages: PTRS_PER_TABLE,
            writable: w,
            wp: (nm & PTE_UFFD_WP) !== 0,
            cause,
          });
        }
        addr = next;
        continue;
      }
      splitHugePmd(mm, addr - (addr % PMD_SIZE), cause);
      m = pt.pmd.data[ms]!;
    }
    if ((m & PMD_TABLE) !== 0) {
      const base = (m >>> PFN_SHIFT) * PTRS_PER_TABLE;
      const data = pt.pte.data;
      for (let a = addr; a < next; a += PAGE_SIZE) {
        const slot = base + (Math.floor(a / PAGE_SIZE) & 511);
        const e = data[slot]!;
        if ((e & PTE_PRESENT) === 0) continue;
        const w = newWrite(e);
        const ne = w ? e | PTE_WRITE : e & ~PTE_WRITE;
        if (ne === e) continue;
        data[slot] = ne;
        mm.log.push({
          type: 'entries.protect',
          addr: vaddr(a),
          pages: 1,
          writable: w,
          wp: (ne & PTE_UFFD_WP) !== 0,
          cause,
        });
      }
    }
    addr = next;
  }
}
