/**
 * Virtual memory areas: the VMA type, its VM_* flags, the sorted VMA array of an `Mm`, and the
 * kernel's split / merge / modify rules (mm/vma.c).
 *
 * VM_* values are this simulator's own bit assignment (all below 2^31 so that bit operations
 * stay exact); names and meanings are the kernel's (include/linux/mm.h).
 */
import type { Mm } from './mm';
import type { ShmemFile } from './shmem';
import type { BackingRecord, VmaRecord } from './effects';
import { PAGE_SIZE, PMD_SIZE, pgoff as mkPgoff, vaddr, type Pgoff, type Vaddr } from './addr';
import { ENOMEM } from './errno';
import { splitHugePmdIfNeeded } from './huge';

export const VM_NONE = 0;
export const VM_READ = 0x1;
export const VM_WRITE = 0x2;
export const VM_EXEC = 0x4;
export const VM_SHARED = 0x8;
export const VM_MAYREAD = 0x10;
export const VM_MAYWRITE = 0x20;
export const VM_MAYEXEC = 0x40;
export const VM_MAYSHARE = 0x80;
export const VM_GROWSDOWN = 0x100;
export const VM_UFFD_MISSING = 0x200;
export const VM_PFNMAP = 0x400;
export const VM_MERGEABLE = 0x800; // kernel bit 31
export const VM_UFFD_WP = 0x1000;
export const VM_LOCKED = 0x2000;
export const VM_IO = 0x4000;
export const VM_SEQ_READ = 0x8000;
export const VM_RAND_READ = 0x10000;
export const VM_DONTCOPY = 0x20000;
export const VM_DONTEXPAND = 0x40000;
export const VM_LOCKONFAULT = 0x80000;
export const VM_ACCOUNT = 0x100000;
export const VM_NORESERVE = 0x200000;
export const VM_HUGETLB = 0x400000;
export const VM_SYNC = 0x800000;
export const VM_UFFD_MINOR = 0x1000000; // kernel bit 41
export const VM_WIPEONFORK = 0x2000000;
export const VM_DONTDUMP = 0x4000000;
export const VM_SEALED = 0x8000000; // kernel bit 42 (mseal); VM_SOFTDIRTY is implicit, see below
export const VM_MIXEDMAP = 0x10000000;
export const VM_HUGEPAGE = 0x20000000;
export const VM_NOHUGEPAGE = 0x40000000;
/** Bit 31 (kernel: VM_DROPPABLE is a high bit): negative as an int32, fine for bit tests. */
export const VM_DROPPABLE = 0x80000000 | 0;

export const VM_ACCESS_FLAGS = VM_READ | VM_WRITE | VM_EXEC;
/** include/linux/mm.h VM_SPECIAL: never merged, never expanded. */
export const VM_SPECIAL = VM_IO | VM_DONTEXPAND | VM_PFNMAP | VM_MIXEDMAP;
export const VM_LOCKED_MASK = VM_LOCKED | VM_LOCKONFAULT;
export const VM_UFFD_FLAGS = VM_UFFD_MISSING | VM_UFFD_WP | VM_UFFD_MINOR;

/**
 * smaps VmFlags mnemonics (fs/proc/task_mmu.c show_smap_vma_flags), in the kernel's bit order.
 * VM_SOFTDIRTY ("sd") is set on every VMA by mmap and never cleared here (no clear_refs), and
 * is ignored by merging, so it is not stored: `vmFlagNames` always lists it.
 */
const FLAG_NAMES: ReadonlyArray<readonly [number, string]> = [
  [VM_READ, 'rd'],
  [VM_WRITE, 'wr'],
  [VM_EXEC, 'ex'],
  [VM_SHARED, 'sh'],
  [VM_MAYREAD, 'mr'],
  [VM_MAYWRITE, 'mw'],
  [VM_MAYEXEC, 'me'],
  [VM_MAYSHARE, 'ms'],
  [VM_GROWSDOWN, 'gd'],
  [VM_UFFD_MISSING, 'um'],
  [VM_PFNMAP, 'pf'],
  [VM_UFFD_WP, 'uw'],
  [VM_LOCKED, 'lo'],
  [VM_IO, 'io'],
  [VM_SEQ_READ, 'sr'],
  [VM_RAND_READ, 'rr'],
  [VM_DONTCOPY, 'dc'],
  [VM_DONTEXPAND, 'de'],
  [VM_LOCKONFAULT, 'lf'],
  [VM_ACCOUNT, 'ac'],
  [VM_NORESERVE, 'nr'],
  [VM_HUGETLB, 'ht'],
  [VM_SYNC, 'sf'],
  [VM_WIPEONFORK, 'wf'],
  [VM_DONTDUMP, 'dd'],
  [-1, 'sd'],
  [VM_MIXEDMAP, 'mm'],
  [VM_HUGEPAGE, 'hg'],
  [VM_NOHUGEPAGE, 'nh'],
  [VM_MERGEABLE, 'mg'],
  [VM_UFFD_MINOR, 'ui'],
  [VM_SEALED, 'sl'],
  [VM_DROPPABLE, 'dp'],
];

export function vmFlagNames(flags: number): string[] {
  const out: string[] = [];
  for (const [bit, name] of FLAG_NAMES) if (bit === -1 || (flags & bit) !== 0) out.push(name);
  return out;
}

export class Vma {
  id: number;
  start: Vaddr;
  end: Vaddr;
  flags: number;
  /** vm_pgoff: file offset of start in pages; for private anon, start >> PAGE_SHIFT at mmap. */
  pgoff: Pgoff;
  /** The mapped file: a memfd or the shmem file of a shared anonymous mapping; null = anon. */
  file: ShmemFile | null;
  /** Identity of the anon_vma (mm/rmap.c), 0 = none yet. */
  anonVma: number;
  /** The userfaultfd context registered on this VMA, 0 = none. */
  uffdCtx: number;
  /** The runtime above `top`: never printed, never merged. */
  readonly runtime: boolean;

  constructor(
    id: number,
    start: number,
    end: number,
    flags: number,
    pgoff: number,
    file: ShmemFile | null,
    anonVma = 0,
    uffdCtx = 0,
    runtime = false,
  ) {
    this.id = id;
    this.start = vaddr(start);
    this.end = vaddr(end);
    this.flags = flags;
    this.pgoff = mkPgoff(pgoff);
    this.file = file;
    this.anonVma = anonVma;
    this.uffdCtx = uffdCtx;
    this.runtime = runtime;
  }

  pages(): number {
    return (this.end - this.start) / 4096;
  }

  /** The file page index that address a maps (4096: PAGE_SIZE, literal on the fault path). */
  linearIndex(a: number): number {
    return this.pgoff + (a - this.start) / 4096;
  }

  copy(file: ShmemFile | null = this.file): Vma {
    return new Vma(
      this.id,
      this.start,
      this.end,
      this.flags,
      this.pgoff,
      file,
      this.anonVma,
      this.uffdCtx,
      this.runtime,
    );
  }
}

/** vma_is_anonymous(): private anonymous memory (no vm_ops; shared anon has shmem's). */
export function vmaIsAnonymous(v: Vma): boolean {
  return v.file === null;
}

export function vmaIsShared(v: Vma): boolean {
  return (v.flags & VM_SHARED) !== 0;
}

export function backingRecord(v: Vma): BackingRecord {
  if (v.file === null) return { kind: 'anon' };
  const inode = v.file.inode;
  if (inode.kind === 'shared-anon') return { kind: 'shared-anon', inode: inode.id };
  return { kind: 'memfd', inode: inode.id, name: inode.name };
}

export function vmaRecord(v: Vma): VmaRecord {
  return {
    id: v.id,
    start: v.start,
    end: v.end,
    flags: v.flags,
    backing: backingRecord(v),
    pgoff: v.pgoff,
  };
}

// ---------------------------------------------------------------------------------------------
// Lookup in the sorted array

/** Index of the first VMA with end > addr (find_vma), or vmas.length. */
export function findVmaIndex(mm: Mm, addr: number): number {
  const a = mm.vmas;
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]!.end <= addr) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** find_vma(): the first VMA ending above addr. */
export function findVma(mm: Mm, addr: number): Vma | undefined {
  return mm.vmas[findVmaIndex(mm, addr)];
}

/** vma_lookup(): the VMA containing addr. */
export function vmaLookup(mm: Mm, addr: number): Vma | undefined {
  const v = findVma(mm, addr);
  return v !== undefined && v.start <= addr ? v : undefined;
}

/** find_vma_intersection(): the first VMA overlapping [start, end). */
export function findVmaIntersection(mm: Mm, start: number, end: number): Vma | undefined {
  const v = findVma(mm, start);
  return v !== undefined && v.start < end ? v : undefined;
}

export function vmaIndex(mm: Mm, v: Vma): number {
  const i = findVmaIndex(mm, v.start);
  if (mm.vmas[i] !== v) throw new Error(`VMA ${v.id} is not in the tree`);
  return i;
}

export function vmaPrev(mm: Mm, v: Vma): Vma | undefined {
  return mm.vmas[vmaIndex(mm, v) - 1];
}

export function vmaNext(mm: Mm, v: Vma): Vma | undefined {
  return mm.vmas[vmaIndex(mm, v) + 1];
}

/** The VMAs overlapping [start, end), in order. */
export function vmasIn(mm: Mm, start: number, end: number): Vma[] {
  const out: Vma[] = [];
  for (let i = findVmaIndex(mm, start); i < mm.vmas.length; i++) {
    const v = mm.vmas[i]!;
    if (v.start >= end) break;
    out.push(v);
  }
  return out;
}

/** Insert into the array (maple tree store), no effect record. */
export function treeInsert(mm: Mm, v: Vma): void {
  const i = findVmaIndex(mm, v.start);
  mm.vmas.splice(i, 0, v);
  mm.invalidateVmaCache();
}

/** Remove from the array (maple tree clear), no effect record. */
export function treeRemove(mm: Mm, v: Vma): void {
  mm.vmas.splice(vmaIndex(mm, v), 1);
  mm.invalidateVmaCache();
}

/** vma_link(): a new VMA enters the tree. */
export function linkVma(mm: Mm, v: Vma): void {
  treeInsert(mm, v);
  if (v.file !== null) v.file.refs++;
  mm.log.push({ type: 'vma.add', vma: vmaRecord(v) });
}

/** vma_set_range() on a VMA in the tree, logged as a change. */
export function vmaSetRange(mm: Mm, v: Vma, start: number, end: number, pgoff: number): void {
  const before = vmaRecord(v);
  setRange(mm, v, start, end, pgoff);
  mm.log.push({ type: 'vma.change', before, after: vmaRecord(v) });
}

function setRange(mm: Mm, v: Vma, start: number, end: number, pgoff: number): void {
  v.start = vaddr(start);
  v.end = vaddr(end);
  v.pgoff = mkPgoff(pgoff);
  mm.invalidateVmaCache();
}

/** Change flags of a whole VMA in place (vm_flags_reset), logged. */
export function vmaSetFlags(mm: Mm, v: Vma, flags: number): void {
  if (v.flags === flags) return;
  const before = vmaRecord(v);
  v.flags = flags;
  mm.log.push({ type: 'vma.change', before, after: vmaRecord(v) });
}

/** A VMA leaves the address space for good (remove_vma): drop its file reference. */
export function releaseVma(mm: Mm, v: Vma): void {
  if (v.file !== null) mm.fileUnref(v.file);
}

// ---------------------------------------------------------------------------------------------
// Splitting

/** split_vma(): with the map_count limit (sysctl_max_map_count). */
export function splitVma(mm: Mm, v: Vma, addr: number, newBelow: boolean): number {
  if (mm.mapCount() >= mm.profile.maxMapCount) return -ENOMEM;
  return splitVmaNoCheck(mm, v, addr, newBelow);
}

/**
 * __split_vma(): split v at addr. The kernel allocates the new VMA for the lower part when
 * newBelow, else for the upper part, and `v` keeps the other: so does this function (callers
 * keep using `v` as the kernel does). Ids follow effects.ts: the lowest part keeps v's id.
 */
export function splitVmaNoCheck(mm: Mm, v: Vma, addr: number, newBelow: boolean): number {
  const before = vmaRecord(v);
  // vma_adjust_trans_huge(vma, vma->vm_start, addr, NULL): a THP across addr is split first.
  splitHugePmdIfNeeded(mm, v, v.start);
  splitHugePmdIfNeeded(mm, v, addr);
  const n = v.copy();
  if (v.file !== null) v.file.refs++;
  if (newBelow) {
    n.end = vaddr(addr);
    v.pgoff = mkPgoff(v.pgoff + (addr - v.start) / PAGE_SIZE);
    v.start = vaddr(addr);
    // Ids: the new lower part keeps the original id.
    n.id = v.id;
    v.id = mm.newVmaId();
  } else {
    n.start = vaddr(addr);
    n.pgoff = mkPgoff(n.pgoff + (addr - v.start) / PAGE_SIZE);
    v.end = vaddr(addr);
    n.id = mm.newVmaId();
  }
  treeInsert(mm, n);
  const lo = newBelow ? n : v;
  const hi = newBelow ? v : n;
  mm.log.push({ type: 'vma.split', before, after: [vmaRecord(lo), vmaRecord(hi)] });
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Merging (struct vma_merge_struct and friends)

export interface Vmg {
  prev: Vma | undefined;
  next: Vma | undefined;
  /** The existing VMA being modified (existing-range merge) or the merge target. */
  vma: Vma | undefined;
  start: number;
  end: number;
  pgoff: number;
  flags: number;
  file: ShmemFile | null;
  anonVma: number;
  uffdCtx: number;
  /** copy_vma(): the VMA being copied, whose anon_vma the target inherits. */
  copiedFrom: Vma | undefined;
}

/** VMG_VMA_STATE(): a merge state describing [start, end) of an existing VMA. */
export function vmgForVma(prev: Vma | undefined, v: Vma, start: number, end: number): Vmg {
  return {
    prev,
    next: undefined,
    vma: v,
    start,
    end,
    pgoff: v.pgoff + (start - v.start) / PAGE_SIZE,
    flags: v.flags,
    file: v.file,
    anonVma: v.anonVma,
    uffdCtx: v.uffdCtx,
    copiedFrom: undefined,
  };
}

function isMergeableVma(vmg: Vmg, other: Vma): boolean {
  return (
    !other.runtime &&
    other.flags === vmg.flags &&
    other.file === vmg.file &&
    other.uffdCtx === vmg.uffdCtx
  );
}

/** is_mergeable_anon_vma(): without fork, every anon_vma chain is singular. */
function isMergeableAnonVma(a: number, b: number): boolean {
  return a === 0 || b === 0 || a === b;
}

function canVmaMergeBefore(vmg: Vmg): boolean {
  const next = vmg.next!;
  const pglen = (vmg.end - vmg.start) / PAGE_SIZE;
  return (
    isMergeableVma(vmg, next) &&
    isMergeableAnonVma(vmg.anonVma, next.anonVma) &&
    next.pgoff === vmg.pgoff + pglen
  );
}

function canVmaMergeAfter(vmg: Vmg): boolean {
  const prev = vmg.prev!;
  return (
    isMergeableVma(vmg, prev) &&
    isMergeableAnonVma(vmg.anonVma, prev.anonVma) &&
    prev.pgoff + prev.pages() === vmg.pgoff
  );
}

function canVmaMergeLeft(vmg: Vmg): boolean {
  return vmg.prev !== undefined && vmg.prev.end === vmg.start && canVmaMergeAfter(vmg);
}

function canVmaMergeRight(vmg: Vmg, canMergeLeft: boolean): boolean {
  if (vmg.next === undefined || vmg.end !== vmg.next.start || !canVmaMergeBefore(vmg)) {
    return false;
  }
  if (!canMergeLeft) return true;
  // prev and next must be compatible with each other too (are_anon_vmas_compatible).
  return isMergeableAnonVma(vmg.prev!.anonVma, vmg.next.anonVma);
}

/** dup_anon_vma(): the expanding VMA inherits the anon_vma of the one it absorbs. */
function dupAnonVma(dst: Vma, src: Vma): void {
  if (src.anonVma !== 0 && dst.anonVma === 0) dst.anonVma = src.anonVma;
}

function removeMerged(mm: Mm, v: Vma): void {
  treeRemove(mm, v);
  releaseVma(mm, v);
}

/**
 * vma_merge_existing_range(): [vmg.start, vmg.end) of vmg.vma gets new attributes (in vmg);
 * merge it into prev and/or next when they are compatible. Returns the merged VMA or null.
 */
export function vmaMergeExistingRange(mm: Mm, vmg: Vmg): Vma | null {
  const vma = vmg.vma!;
  const prev = vmg.prev;
  const start = vmg.start;
  const end = vmg.end;
  const leftSide = start === vma.start;
  const rightSide = end === vma.end;

  if ((vmg.flags & VM_SPECIAL) !== 0 || (!leftSide && !rightSide)) return null;

  const mergeLeft = leftSide ? canVmaMergeLeft(vmg) : false;
  let next: Vma | undefined;
  let mergeRight = false;
  if (rightSide) {
    next = vmg.next = vmaNext(mm, vma);
    mergeRight = canVmaMergeRight(vmg, mergeLeft);
  }
  if (!mergeLeft && !mergeRight) return null;

  const mergeBoth = mergeLeft && mergeRight;
  const deleteVma = leftSide && rightSide;

  // vma_adjust_trans_huge() on the VMA whose boundaries move.
  splitHugePmdIfNeeded(mm, vma, start);
  splitHugePmdIfNeeded(mm, vma, end);

  const rec = vmaRecord;
  if (mergeBoth) {
    const p = prev!;
    const n = next!;
    const before = [rec(p), rec(vma), rec(n)];
    dupAnonVma(p, n.anonVma !== 0 ? n : vma);
    removeMerged(mm, vma);
    removeMerged(mm, n);
    setRange(mm, p, p.start, n.end, p.pgoff);
    mm.log.push({ type: 'vma.merge', before, after: rec(p) });
    return p;
  }
  if (mergeLeft) {
    const p = prev!;
    dupAnonVma(p, vma);
    if (deleteVma) {
      const before = [rec(p), rec(vma)];
      removeMerged(mm, vma);
      setRange(mm, p, p.start, end, p.pgoff);
      mm.log.push({ type: 'vma.merge', before, after: rec(p) });
    } else {
      // prev grows over [start, end); vma shrinks to [end, vma.end).
      const pBefore = rec(p);
      const vBefore = rec(vma);
      setRange(mm, vma, end, vma.end, vma.pgoff + (end - vma.start) / PAGE_SIZE);
      setRange(mm, p, p.start, end, p.pgoff);
      mm.log.push({ type: 'vma.change', before: vBefore, after: rec(vma) });
      mm.log.push({ type: 'vma.change', before: pBefore, after: rec(p) });
    }
    return p;
  }
  const n = next!;
  dupAnonVma(n, vma);
  const pglen = (end - start) / PAGE_SIZE;
  if (deleteVma) {
    const before = [rec(vma), rec(n)];
    removeMerged(mm, vma);
    setRange(mm, n, start, n.end, n.pgoff - pglen);
    mm.log.push({ type: 'vma.merge', before, after: rec(n) });
  } else {
    // vma shrinks to [vma.start, start); next grows down over [start, end).
    const vBefore = rec(vma);
    const nBefore = rec(n);
    const shift = (vma.end - start) / PAGE_SIZE;
    setRange(mm, vma, vma.start, start, vma.pgoff);
    setRange(mm, n, start, n.end, n.pgoff - shift);
    mm.log.push({ type: 'vma.change', before: vBefore, after: rec(vma) });
    mm.log.push({ type: 'vma.change', before: nBefore, after: rec(n) });
  }
  return n;
}

/**
 * vma_merge_new_range(): a new range [vmg.start, vmg.end) is about to be mapped (the caller
 * made sure it is empty and set vmg.prev/next); expand a compatible neighbour over it instead.
 */
export function vmaMergeNewRange(mm: Mm, vmg: Vmg): Vma | null {
  const prev = vmg.prev;
  const next = vmg.next;
  const start = vmg.start;
  const end = vmg.end;
  const pglen = (end - start) / PAGE_SIZE;

  if ((vmg.flags & VM_SPECIAL) !== 0 || (prev === undefined && next === undefined)) return null;

  const canMergeLeft = canVmaMergeLeft(vmg);
  const canMergeRight = canVmaMergeRight(vmg, canMergeLeft);
  let target: Vma | undefined;
  let tStart = start;
  let tEnd = end;
  let tPgoff = vmg.pgoff;
  if (canMergeRight) {
    tEnd = next!.end;
    target = next;
    tPgoff = next!.pgoff - pglen;
  }
  if (canMergeLeft) {
    tStart = prev!.start;
    target = prev;
    tPgoff = prev!.pgoff;
  }
  if (target === undefined) return null;
  vmaExpand(mm, target, tStart, tEnd, tPgoff, next, vmg.copiedFrom);
  return target;
}

/**
 * vma_expand(): grow target to [start, end), absorbing next when end reaches next's end.
 */
export function vmaExpand(
  mm: Mm,
  target: Vma,
  start: number,
  end: number,
  pgoff: number,
  next: Vma | undefined,
  copiedFrom: Vma | undefined,
): void {
  const removeNext = next !== undefined && next !== target && end === next.end;
  const before = [vmaRecord(target)];
  if (removeNext) {
    before.push(vmaRecord(next));
    dupAnonVma(target, next);
  }
  if (copiedFrom !== undefined) dupAnonVma(target, copiedFrom);
  if (removeNext) removeMerged(mm, next);
  splitHugePmdIfNeeded(mm, target, start);
  splitHugePmdIfNeeded(mm, target, end);
  setRange(mm, target, start, end, pgoff);
  if (removeNext) mm.log.push({ type: 'vma.merge', before, after: vmaRecord(target) });
  else mm.log.push({ type: 'vma.change', before: before[0]!, after: vmaRecord(target) });
}

export interface VmaChange {
  readonly flags?: number;
  readonly uffdCtx?: number;
}

/**
 * vma_modify(): give [start, end) of v new attributes; merge with neighbours if possible,
 * else split off the parts outside the range. Returns the VMA now covering exactly
 * [start, end), or -errno.
 */
export function vmaModify(
  mm: Mm,
  prev: Vma | undefined,
  v: Vma,
  start: number,
  end: number,
  change: VmaChange,
): Vma | number {
  const vmg = vmgForVma(prev, v, start, end);
  if (change.flags !== undefined) vmg.flags = change.flags;
  if (change.uffdCtx !== undefined) vmg.uffdCtx = change.uffdCtx;
  const merged = vmaMergeExistingRange(mm, vmg);
  if (merged !== null) return merged;
  if (v.start < start) {
    const err = splitVma(mm, v, start, true);
    if (err !== 0) return err;
  }
  if (v.end > end) {
    const err = splitVma(mm, v, end, false);
    if (err !== 0) return err;
  }
  return v;
}

/** vma_modify_flags(); the caller then sets the flags on the returned VMA (vm_flags_reset). */
export function vmaModifyFlags(
  mm: Mm,
  prev: Vma | undefined,
  v: Vma,
  start: number,
  end: number,
  flags: number,
): Vma | number {
  return vmaModify(mm, prev, v, start, end, { flags });
}

/** vma_merge_extend(): mremap growing v in place by delta bytes. */
export function vmaMergeExtend(mm: Mm, v: Vma, delta: number): Vma | null {
  const vmg = vmgForVma(v, v, v.end, v.end + delta);
  vmg.next = vmaNext(mm, v);
  vmg.vma = undefined;
  return vmaMergeNewRange(mm, vmg);
}

/**
 * copy_vma(): the destination VMA of an mremap move, merged into a neighbour when possible.
 * An unfaulted anonymous VMA gets its pgoff rebased to the new address first.
 */
export function copyVma(
  mm: Mm,
  v: Vma,
  addr: number,
  len: number,
  pgoff: number,
): { vma: Vma; needRmapLocks: boolean; sourceMerged: boolean } | null {
  if (vmaIsAnonymous(v) && v.anonVma === 0) pgoff = addr / PAGE_SIZE;
  const i = findVmaIndex(mm, addr);
  const at = mm.vmas[i];
  if (at !== undefined && at.start < addr + len) return null;
  const vmg = vmgForVma(mm.vmas[i - 1], v, addr, addr + len);
  vmg.vma = undefined;
  vmg.pgoff = pgoff;
  vmg.next = at;
  vmg.copiedFrom = v;
  const vStart = v.start;
  const merged = vmaMergeNewRange(mm, vmg);
  if (merged !== null) {
    const sourceMerged = vStart >= merged.start && vStart < merged.end;
    return { vma: merged, needRmapLocks: merged.pgoff <= v.pgoff, sourceMerged };
  }
  const n = v.copy();
  n.id = mm.newVmaId();
  n.start = vaddr(addr);
  n.end = vaddr(addr + len);
  n.pgoff = mkPgoff(pgoff);
  linkVma(mm, n);
  return { vma: n, needRmapLocks: false, sourceMerged: false };
}

/** PMD-aligned range fully inside v (thp_vma_suitable_order for PMD order, anonymous). */
export function thpSuitable(v: Vma, haddr: number): boolean {
  return haddr >= v.start && haddr + PMD_SIZE <= v.end;
}
