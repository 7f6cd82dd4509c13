/**
 * mmap(2): arch/x86/kernel/sys_x86_64.c sys_mmap, mm/mmap.c ksys_mmap_pgoff and do_mmap,
 * mm/vma.c mmap_region / __mmap_region. Checks run in the kernel's order.
 */
import type { Mm } from '../mm';
import type { ShmemFile } from '../shmem';
import { PAGE_SIZE, TASK_SIZE, TASK_SIZE_BIG, U64_MASK } from '../addr';
import { EACCES, EBADF, EEXIST, EINVAL, ENODEV, ENOMEM, EOPNOTSUPP, EOVERFLOW } from '../errno';
import { mmPopulate } from '../gup';
import { MMAP_MIN_ADDR, getUnmappedArea } from '../placement';
import {
  MAP_32BIT,
  MAP_ANONYMOUS,
  MAP_DENYWRITE,
  MAP_DROPPABLE,
  MAP_EXECUTABLE,
  MAP_FIXED,
  MAP_FIXED_NOREPLACE,
  MAP_GROWSDOWN,
  MAP_HUGETLB,
  MAP_LOCKED,
  MAP_NONBLOCK,
  MAP_NORESERVE,
  MAP_POPULATE,
  MAP_PRIVATE,
  MAP_SHARED,
  MAP_SHARED_VALIDATE,
  MAP_STACK,
  MAP_TYPE,
  MAP_UNINITIALIZED,
  PROT_EXEC,
  PROT_READ,
  PROT_WRITE,
} from '../uapi';
import {
  VM_ACCOUNT,
  VM_DONTDUMP,
  VM_DROPPABLE,
  VM_EXEC,
  VM_GROWSDOWN,
  VM_LOCKED,
  VM_MAYEXEC,
  VM_MAYREAD,
  VM_MAYSHARE,
  VM_MAYWRITE,
  VM_NOHUGEPAGE,
  VM_NORESERVE,
  VM_READ,
  VM_SHARED,
  VM_WIPEONFORK,
  VM_WRITE,
  Vma,
  findVmaIndex,
  findVmaIntersection,
  linkVma,
  vmaMergeNewRange,
  type Vmg,
} from '../vma';
import {
  clearGatheredPtes,
  completeGathered,
  detachGathered,
  gatherMunmapVmas,
  type MunmapGather,
  type UnmapEvents,
} from './munmap';
import { sysErr, sysOk, type SysResult } from './result';

/** include/linux/mman.h LEGACY_MAP_MASK (MAP_ABOVE4G = 0x80, MAP_HUGE_2MB/1GB encodings). */
const LEGACY_MAP_MASK =
  MAP_SHARED |
  MAP_PRIVATE |
  MAP_FIXED |
  MAP_ANONYMOUS |
  MAP_DENYWRITE |
  MAP_EXECUTABLE |
  MAP_UNINITIALIZED |
  MAP_GROWSDOWN |
  MAP_LOCKED |
  MAP_NORESERVE |
  MAP_POPULATE |
  MAP_NONBLOCK |
  MAP_STACK |
  MAP_HUGETLB |
  MAP_32BIT |
  0x80 |
  (21 << 26) |
  (30 << 26);

/** calc_vm_prot_bits(). */
export function calcVmProtBits(prot: number): number {
  return (
    ((prot & PROT_READ) !== 0 ? VM_READ : 0) |
    ((prot & PROT_WRITE) !== 0 ? VM_WRITE : 0) |
    ((prot & PROT_EXEC) !== 0 ? VM_EXEC : 0)
  );
}

/** calc_vm_flag_bits(): MAP_GROWSDOWN, MAP_LOCKED, MAP_STACK (-> VM_NOHUGEPAGE). */
function calcVmFlagBits(flags: number): number {
  return (
    ((flags & MAP_GROWSDOWN) !== 0 ? VM_GROWSDOWN : 0) |
    ((flags & MAP_LOCKED) !== 0 ? VM_LOCKED : 0) |
    ((flags & MAP_STACK) !== 0 ? VM_NOHUGEPAGE : 0)
  );
}

/** mm/util.c __vm_enough_memory() with OVERCOMMIT_GUESS: more than RAM + swap fails. */
export function vmEnoughMemory(mm: Mm, pages: number): boolean {
  return pages <= mm.profile.totalPages;
}

/** accountable_mapping(): private writable memory without MAP_NORESERVE is charged. */
function accountableMapping(vmFlags: number): boolean {
  return (vmFlags & (VM_NORESERVE | VM_SHARED | VM_WRITE)) === VM_WRITE;
}

/** The memfd behind an fd, or null (EBADF). fget() takes an unsigned int. */
export function fdFile(mm: Mm, fd: bigint): ShmemFile | null | 'other' {
  const n = Number(fd & 0xffffffffn);
  const e = mm.fds.get(n);
  if (e === undefined) return null;
  if (e.kind !== 'memfd') return 'other';
  return e.file;
}

/** mmap(2) with raw u64 arguments. */
export function sysMmap(
  mm: Mm,
  addr: bigint,
  len: bigint,
  prot: bigint,
  flags: bigint,
  fd: bigint,
  off: bigint,
): SysResult {
  // sys_mmap: the offset must be page-aligned before anything else.
  if ((off & BigInt(PAGE_SIZE - 1)) !== 0n) return sysErr(EINVAL);
  const fl = Number(flags & 0xffffffffn) | 0;
  const pr = Number(prot & 0xffffffffn) | 0;
  let file: ShmemFile | null = null;
  let otherFile = false;
  if ((fl & MAP_ANONYMOUS) === 0) {
    const f = fdFile(mm, fd);
    if (f === null) return sysErr(EBADF);
    if (f === 'other') otherFile = true;
    else file = f;
    if ((fl & MAP_HUGETLB) !== 0) return sysErr(EINVAL);
  } else if ((fl & MAP_HUGETLB) !== 0) {
    // hugetlb_file_setup(): no huge pages are reserved on the host (nr_hugepages = 0).
    if ((fl & MAP_NORESERVE) === 0) return sysErr(ENOMEM);
  }
  const r = doMmap(mm, file, otherFile, addr, len, pr, fl, off >> 12n);
  if (r.err !== 0) return sysErr(r.err);
  return sysOk(r.addr);
}

interface MmapResult {
  readonly addr: number;
  readonly err: number;
}

function fail(err: number): MmapResult {
  return { addr: 0, err };
}

/** do_mmap() + mm_populate(). */
export function doMmap(
  mm: Mm,
  file: ShmemFile | null,
  otherFile: boolean,
  addrIn: bigint,
  lenIn: bigint,
  prot: number,
  flags: number,
  pgoffIn: bigint,
  uf?: UnmapEvents,
): MmapResult {
  if (lenIn === 0n) return fail(EINVAL);
  if ((flags & MAP_FIXED_NOREPLACE) !== 0) flags |= MAP_FIXED;
  let addrB = addrIn;
  if ((flags & MAP_FIXED) === 0) {
    // round_hint_to_min()
    addrB &= ~BigInt(PAGE_SIZE - 1) & U64_MASK;
    if (addrB !== 0n && addrB < BigInt(MMAP_MIN_ADDR)) addrB = BigInt(MMAP_MIN_ADDR);
  }
  const lenB = (lenIn + BigInt(PAGE_SIZE - 1)) & ~BigInt(PAGE_SIZE - 1) & U64_MASK;
  if (lenB === 0n) return fail(ENOMEM);
  if (((pgoffIn + (lenB >> 12n)) & U64_MASK) < pgoffIn) return fail(EOVERFLOW);
  if (mm.mapCount() > mm.profile.maxMapCount) return fail(ENOMEM);

  let vmFlags =
    calcVmProtBits(prot) | calcVmFlagBits(flags) | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;

  // __get_unmapped_area()
  if (lenB > TASK_SIZE_BIG) return fail(ENOMEM);
  const len = Number(lenB);
  let addr: number;
  if ((flags & MAP_FIXED) !== 0) {
    if (addrB > TASK_SIZE_BIG - lenB) return fail(ENOMEM);
    if (addrB % BigInt(PAGE_SIZE) !== 0n) return fail(EINVAL);
    addr = Number(addrB);
  } else {
    const hint = addrB > BigInt(Number.MAX_SAFE_INTEGER) ? TASK_SIZE + PAGE_SIZE : Number(addrB);
    const a = getUnmappedArea(mm, file, hint, len, flags);
    if (a < 0) return fail(-a);
    addr = a;
  }

  if (
    (flags & MAP_FIXED_NOREPLACE) !== 0 &&
    findVmaIntersection(mm, addr, addr + len) !== undefined
  ) {
    return fail(EEXIST);
  }

  let pgoff: number;
  if (file !== null || otherFile) {
    // file_mmap_ok(): MAX_LFS_FILESIZE bounds the end offset.
    const maxsize = (1n << 63n) - 1n;
    if (lenB > maxsize || pgoffIn > (maxsize - lenB) >> 12n) return fail(EOVERFLOW);
    let type = flags & MAP_TYPE;
    // Other files (a userfaultfd) are open O_RDWR.
    const writable = file !== null ? file.writable : true;
    if (type === MAP_SHARED) {
      flags &= LEGACY_MAP_MASK;
      type = MAP_SHARED_VALIDATE;
    }
    if (type === MAP_SHARED_VALIDATE) {
      if ((flags & ~LEGACY_MAP_MASK) !== 0) return fail(EOPNOTSUPP);
      if ((prot & PROT_WRITE) !== 0 && !writable) return fail(EACCES);
      vmFlags |= VM_SHARED | VM_MAYSHARE;
      if (!writable) vmFlags &= ~(VM_MAYWRITE | VM_SHARED);
      type = MAP_PRIVATE;
    }
    if (type !== MAP_PRIVATE) return fail(EINVAL);
    if (otherFile || file === null) return fail(ENODEV);
    if ((vmFlags & VM_GROWSDOWN) !== 0) return fail(EINVAL);
    pgoff = Number(pgoffIn);
  } else {
    switch (flags & MAP_TYPE) {
      case MAP_SHARED:
        if ((vmFlags & VM_GROWSDOWN) !== 0) return fail(EINVAL);
        pgoff = 0;
        vmFlags |= VM_SHARED | VM_MAYSHARE;
        break;
      case MAP_DROPPABLE:
        if ((flags & (MAP_LOCKED | MAP_HUGETLB)) !== 0) return fail(EINVAL);
        if ((vmFlags & VM_GROWSDOWN) !== 0) return fail(EINVAL);
        vmFlags |= VM_DROPPABLE | VM_NORESERVE | VM_WIPEONFORK | VM_DONTDUMP;
        pgoff = addr / PAGE_SIZE;
        break;
      case MAP_PRIVATE:
        pgoff = addr / PAGE_SIZE;
        break;
      default:
        return fail(EINVAL);
    }
  }
  // MAP_NORESERVE is honoured with overcommit 0 (heuristic).
  if ((flags & MAP_NORESERVE) !== 0) vmFlags |= VM_NORESERVE;

  const err = mmapRegion(mm, file, addr, len, vmFlags, pgoff, uf);
  if (err < 0) return fail(-err);
  if ((vmFlags & VM_LOCKED) !== 0 || (flags & (MAP_POPULATE | MAP_NONBLOCK)) === MAP_POPULATE) {
    mmPopulate(mm, addr, len, true);
  }
  return { addr, err: 0 };
}

/**
 * mmap_region() / __mmap_region(): unmap what is in the way, charge, merge or insert the VMA.
 * Returns 0 or -errno.
 */
export function mmapRegion(
  mm: Mm,
  file: ShmemFile | null,
  addr: number,
  len: number,
  vmFlags: number,
  pgoff: number,
  uf?: UnmapEvents,
): number {
  const end = addr + len;
  const pglen = len / PAGE_SIZE;
  // __mmap_setup(): gather the VMAs in the way (MAP_FIXED), find prev/next.
  let gather: MunmapGather | null = null;
  let prev: Vma | undefined;
  let next: Vma | undefined;
  const first = mm.vmas[findVmaIndex(mm, addr)];
  if (first !== undefined && first.start < end) {
    const g = gatherMunmapVmas(mm, first, addr, end, uf);
    if (typeof g === 'number') return g;
    gather = g;
    const i = findVmaIndex(mm, addr);
    prev = mm.vmas[i - 1];
    next = mm.vmas[i + g.vmas.length];
  } else {
    const i = findVmaIndex(mm, addr);
    prev = mm.vmas[i - 1];
    next = mm.vmas[i];
  }
  // Private writable mapping: check memory availability.
  if (accountableMapping(vmFlags)) {
    let charged = pglen;
    if (gather !== null) {
      for (const v of gather.vmas) if ((v.flags & VM_ACCOUNT) !== 0) charged -= v.pages();
    }
    if (charged > 0 && !vmEnoughMemory(mm, charged)) return -ENOMEM;
    vmFlags |= VM_ACCOUNT;
  }
  // vms_clean_up_area(): clear the old PTEs while the VMAs are still in the tree.
  if (gather !== null) {
    clearGatheredPtes(mm, gather);
    detachGathered(mm, gather);
  }
  // shmem_zero_setup(): a shared anonymous mapping is a new shmem file of its size; without
  // MAP_NORESERVE, shmem_acct_size() charges it up front.
  if (file === null && (vmFlags & VM_SHARED) !== 0) {
    if ((vmFlags & VM_NORESERVE) === 0 && !vmEnoughMemory(mm, pglen)) {
      if (gather !== null) completeGathered(mm, gather);
      return -ENOMEM;
    }
  }

  let vma: Vma | null = null;
  if (prev !== undefined || next !== undefined) {
    const vmg: Vmg = {
      prev,
      next,
      vma: undefined,
      start: addr,
      end,
      pgoff,
      flags: vmFlags,
      file,
      anonVma: 0,
      uffdCtx: 0,
      copiedFrom: undefined,
    };
    vma = vmaMergeNewRange(mm, vmg);
  }
  if (vma === null) {
    let f = file;
    if (f === null && (vmFlags & VM_SHARED) !== 0) {
      const inode = mm.newInode('shared-anon', '', len);
      f = mm.newFile(inode, true);
    }
    vma = new Vma(mm.newVmaId(), addr, end, vmFlags, pgoff, f);
    linkVma(mm, vma);
  }
  if (gather !== null) completeGathered(mm, gather);
  return 0;
}
