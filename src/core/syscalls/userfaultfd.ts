/**
 * userfaultfd(2), its ioctls, read(2) of a uffd (fs/userfaultfd.c userfaultfd_ioctl() and the
 * functions it calls; mm/userfaultfd.c mfill_atomic(), move_pages(), mwriteprotect_range();
 * mm/shmem.c shmem_mfill_atomic_pte()). Contexts, faults and events are in ../uffd.ts.
 *
 * Out fields follow the kernel's struct writes: a parameter check that fails returns before
 * anything is written (the field stays 0, as the harness zeroed it); once an operation ran,
 * its result is written (bytes done, or -errno), and a partial success returns EAGAIN.
 */
import type { Mm } from '../mm';
import type { Vma } from '../vma';
import type { Cause } from '../effects';
import * as addrMod from '../addr';
import * as errnoMod from '../errno';
import * as faultMod from '../fault';
import * as framesMod from '../frames';
import * as hugeMod from '../huge';
import * as anonVmaMod from '../anonVma';
import * as pageTableMod from '../pageTable';
import * as vmaMod from '../vma';
import * as uapiMod from '../uapi';
import type { UffdCtx, UffdMsg } from '../uffd';
import * as uffdMod from '../uffd';
import { sysErr, sysOk, type OutValue, type SysResult } from './result';

// Imports copied into module constants once: under some loaders (tsx) every use of an
// imported binding is a getter call, and COPY sits on the benchmark's hot path.
const { PAGE_SIZE, PMD_SIZE, PTRS_PER_TABLE, TASK_SIZE } = addrMod;
const { EAGAIN, EBADF, EBUSY, EEXIST, EFAULT, EINVAL, ENOENT, ENOTTY, EPERM } = errnoMod;
const { FAULT_BLOCK, FAULT_OK, handleMmFault } = faultMod;
const { FF_UPTODATE, FRAME_ANON, HUGE_ZERO_PFN, ZERO_PFN } = framesMod;
const { splitFolio, splitHugePmd } = hugeMod;
const { anonVmaPrepare } = anonVmaMod;
const {
  MARKER_POISONED,
  PFN_SHIFT,
  PMD_TABLE,
  PTE_DIRTY,
  PTE_PRESENT,
  PTE_UFFD_WP,
  PTE_WRITE,
  mkMarker,
  mkPte,
} = pageTableMod;
const {
  VM_ACCESS_FLAGS,
  VM_HUGETLB,
  VM_IO,
  VM_LOCKED,
  VM_MIXEDMAP,
  VM_PFNMAP,
  VM_SHARED,
  VM_UFFD_FLAGS,
  VM_UFFD_MINOR,
  VM_UFFD_MISSING,
  VM_UFFD_WP,
  VM_WRITE,
  findVma,
  findVmaIndex,
  vmaIsAnonymous,
  vmaLookup,
  vmaModify,
} = vmaMod;
const {
  O_CLOEXEC,
  O_NONBLOCK,
  UFFDIO_API,
  UFFDIO_CONTINUE,
  UFFDIO_CONTINUE_MODE_DONTWAKE,
  UFFDIO_CONTINUE_MODE_WP,
  UFFDIO_COPY,
  UFFDIO_COPY_MODE_DONTWAKE,
  UFFDIO_COPY_MODE_WP,
  UFFDIO_MOVE,
  UFFDIO_MOVE_MODE_ALLOW_SRC_HOLES,
  UFFDIO_MOVE_MODE_DONTWAKE,
  UFFDIO_POISON,
  UFFDIO_POISON_MODE_DONTWAKE,
  UFFDIO_REGISTER,
  UFFDIO_REGISTER_MODE_MINOR,
  UFFDIO_REGISTER_MODE_MISSING,
  UFFDIO_REGISTER_MODE_WP,
  UFFDIO_UNREGISTER,
  UFFDIO_WAKE,
  UFFDIO_WRITEPROTECT,
  UFFDIO_WRITEPROTECT_MODE_DONTWAKE,
  UFFDIO_WRITEPROTECT_MODE_WP,
  UFFDIO_ZEROPAGE,
  UFFDIO_ZEROPAGE_MODE_DONTWAKE,
  UFFD_API,
  UFFD_FEATURE_WP_ASYNC,
  UFFD_FEATURE_WP_UNPOPULATED,
  UFFD_USER_MODE_ONLY,
} = uapiMod;
const {
  UffdDriverBlocked,
  clearVma,
  readMsg,
  setCtx,
  uffdVersion,
  uffdWpRange,
  vmaCanUserfault,
  vmaMayWrite,
  wakeUserfault,
} = uffdMod;

const TASK = BigInt(TASK_SIZE);
const R_API = BigInt(UFFDIO_API);
const R_REGISTER = BigInt(UFFDIO_REGISTER);
const R_UNREGISTER = BigInt(UFFDIO_UNREGISTER);
const R_WAKE = BigInt(UFFDIO_WAKE);
const R_COPY = BigInt(UFFDIO_COPY);
const R_ZEROPAGE = BigInt(UFFDIO_ZEROPAGE);
const R_WRITEPROTECT = BigInt(UFFDIO_WRITEPROTECT);
const R_CONTINUE = BigInt(UFFDIO_CONTINUE);
const R_POISON = BigInt(UFFDIO_POISON);
const R_MOVE = BigInt(UFFDIO_MOVE);
const PAGE_MASK = BigInt(PAGE_SIZE - 1);
const U64 = (1n << 64n) - 1n;

// _UFFDIO_* bit numbers (include/uapi/linux/userfaultfd.h).
const B_REGISTER = 0;
const B_UNREGISTER = 1;
const B_WAKE = 2;
const B_COPY = 3;
const B_ZEROPAGE = 4;
const B_MOVE = 5;
const B_WRITEPROTECT = 6;
const B_CONTINUE = 7;
const B_POISON = 8;
const B_API = 63;

/** UFFD_API_IOCTLS: REGISTER | UNREGISTER | API. */
const API_IOCTLS =
  (1n << BigInt(B_REGISTER)) | (1n << BigInt(B_UNREGISTER)) | (1n << BigInt(B_API));

function bit(n: number): bigint {
  return 1n << BigInt(n);
}

// ---------------------------------------------------------------------------------------------
// userfaultfd(2), read(2), close

/** userfaultfd(flags): a new context on the lowest free fd. */
export function sysUserfaultfd(mm: Mm, flagsIn: bigint): SysResult {
  const ver = uffdVersion(mm.profile);
  const allowed = BigInt(O_CLOEXEC | O_NONBLOCK | (ver.userModeOnly ? UFFD_USER_MODE_ONLY : 0));
  // The syscall takes an int: only the low 32 bits count.
  const flags = flagsIn & 0xffffffffn;
  if ((flags & ~allowed) !== 0n) return sysErr(EINVAL);
  const fd = mm.lowestFreeFd();
  const ctx = mm.uffd.create(fd, Number(flags));
  mm.fds.set(fd, { kind: 'uffd', ctx: ctx.id, cloexec: (Number(flags) & O_CLOEXEC) !== 0 });
  return sysOk(fd);
}

/** The result of read(uffd): a message, or none with errno (EAGAIN when the queue is empty). */
export interface UffdReadResult {
  readonly message: UffdMsg | null;
  readonly errno: number;
}

/** read(fd) of one struct uffd_msg, from the monitor's queue (mms.md section 3). */
export function sysUffdRead(mm: Mm, fdIn: bigint): UffdReadResult {
  const e = fdIn > 0xffffffffn ? undefined : mm.fds.get(Number(fdIn));
  if (e === undefined) return { message: null, errno: EBADF };
  // A memfd reads its bytes: a successful read that is not a message.
  if (e.kind !== 'uffd') return { message: null, errno: 0 };
  const ctx = mm.uffd.get(e.ctx);
  if (ctx === undefined || !ctx.initialized) return { message: null, errno: EINVAL };
  const m = readMsg(mm, ctx);
  return m === null ? { message: null, errno: EAGAIN } : { message: m, errno: 0 };
}

// ---------------------------------------------------------------------------------------------
// ioctl(2)

/**
 * ioctl(fd, request, fields...) with the fields of mms.md section 2 (the struct the harness
 * fills; api is always UFFD_API).
 */
export function sysUffdIoctl(
  mm: Mm,
  fdIn: bigint,
  request: bigint,
  fields: readonly bigint[],
): SysResult {
  return ioctlAt(mm, fdIn, request, fields, 0);
}

/** ioctl(2) with the call's whole argument list [fd, request, fields...] (no copy). */
export function sysUffdIoctlArgs(mm: Mm, args: readonly bigint[]): SysResult {
  return ioctlAt(mm, args[0] ?? 0n, args[1] ?? 0n, args, 2);
}

function ioctlAt(
  mm: Mm,
  fdIn: bigint,
  request: bigint,
  fields: readonly bigint[],
  base: number,
): SysResult {
  const e = fdIn > 0xffffffffn ? undefined : mm.fds.get(Number(fdIn));
  if (e === undefined) return sysErr(EBADF);
  // A shmem file has no ioctl method: vfs_ioctl() -> ENOTTY.
  if (e.kind !== 'uffd') return sysErr(ENOTTY);
  const ctx = mm.uffd.get(e.ctx);
  if (ctx === undefined) return sysErr(EBADF);
  const f0 = fields[base] ?? 0n;
  const f1 = fields[base + 1] ?? 0n;
  const f2 = fields[base + 2] ?? 0n;
  const f3 = fields[base + 3] ?? 0n;
  // The hot path first (the benchmark resolves a heap page by page).
  if (request === R_COPY && ctx.initialized) return uffdCopy(mm, ctx, f0, f1, f2, f3);
  const ver = uffdVersion(mm.profile);
  let r: SysResult;
  if (request !== R_API && !ctx.initialized) {
    r = sysErr(EINVAL);
  } else if (request === R_API) {
    r = uffdApi(mm, ctx, f0);
  } else if (request === R_REGISTER) {
    r = uffdRegister(mm, ctx, f0, f1, f2);
  } else if (request === R_UNREGISTER) {
    r = uffdUnregister(mm, ctx, f0, f1);
  } else if (request === R_WAKE) {
    r = uffdWake(mm, ctx, f0, f1);
  } else if (request === R_ZEROPAGE) {
    r = uffdZeropage(mm, ctx, f0, f1, f2);
  } else if (request === R_WRITEPROTECT && ver.wp) {
    r = uffdWriteprotect(mm, ctx, f0, f1, f2);
  } else if (request === R_CONTINUE && ver.continueIoctl) {
    r = uffdContinue(mm, ctx, f0, f1, f2);
  } else if (request === R_POISON && ver.poison) {
    r = uffdPoison(mm, ctx, f0, f1, f2);
  } else if (request === R_MOVE && ver.move) {
    r = uffdMove(mm, ctx, f0, f1, f2, f3);
  } else {
    // An ioctl this kernel does not know.
    r = sysErr(EINVAL);
  }
  return r;
}

/**
 * validate_unaligned_range() (src of UFFDIO_COPY): 0 or -EINVAL. No mmap_min_addr check on
 * 6.18 (observed: a range at address 0 passes and fails later with ENOENT).
 */
function validateUnalignedRange(start: bigint, len: bigint): number {
  if ((len & PAGE_MASK) !== 0n) return -EINVAL;
  if (len === 0n) return -EINVAL;
  if (start >= TASK) return -EINVAL;
  if (len > TASK - start) return -EINVAL;
  if (((start + len) & U64) <= start) return -EINVAL;
  return 0;
}

/** validate_range(): page-aligned, non-empty, inside the user address space. */
function validateRange(start: bigint, len: bigint): number {
  if ((start & PAGE_MASK) !== 0n) return -EINVAL;
  return validateUnalignedRange(start, len);
}

const PAGE_DONE = new Map<string, SysResult>();

/** The result of an operation that writes its out field: 0 / EAGAIN (partial) / -errno. */
function outResult(name: OutValue['name'], ret: number, len: number): SysResult {
  // The common answer (one whole page done) is shared: results are read-only.
  if (ret === PAGE_SIZE && len === PAGE_SIZE) {
    let r = PAGE_DONE.get(name);
    if (r === undefined) {
      r = sysOk(0, [{ name, value: BigInt(PAGE_SIZE) }]);
      PAGE_DONE.set(name, r);
    }
    return r;
  }
  const out = [{ name, value: BigInt(ret) }];
  if (ret < 0) return sysErr(-ret, out);
  return ret === len ? sysOk(0, out) : sysErr(EAGAIN, out);
}

// ---- UFFDIO_API ----

/** userfaultfd_api(): report the features and ioctls; only the first successful call counts. */
function uffdApi(mm: Mm, ctx: UffdCtx, featuresIn: bigint): SysResult {
  const ver = uffdVersion(mm.profile);
  const zero: OutValue[] = [
    { name: 'features', value: 0n },
    { name: 'ioctls', value: 0n },
  ];
  // The harness always sends api = UFFD_API.
  void UFFD_API;
  let features = featuresIn;
  // WP_ASYNC relies on WP_UNPOPULATED, chosen unconditionally.
  if ((features & BigInt(UFFD_FEATURE_WP_ASYNC)) !== 0n)
    features |= BigInt(UFFD_FEATURE_WP_UNPOPULATED);
  if ((features & ~BigInt(ver.features)) !== 0n) return sysErr(EINVAL, zero);
  // cmpxchg(&ctx->features, 0, ...): a second UFFDIO_API fails after the struct was written,
  // and the error path zeroes it again.
  if (ctx.initialized) return sysErr(EINVAL, zero);
  ctx.markInitialized(Number(features));
  return sysOk(0, [
    { name: 'features', value: BigInt(ver.features) },
    { name: 'ioctls', value: API_IOCTLS },
  ]);
}

// ---- UFFDIO_REGISTER / UNREGISTER / WAKE ----

/** The VMA before the one covering start (vma_prev), or that one if it starts below start. */
function prevFor(mm: Mm, v: Vma, start: number): Vma | undefined {
  if (v.start < start) return v;
  return mm.vmas[findVmaIndex(mm, v.start) - 1];
}

/**
 * The VMAs meeting [start, end), re-read from the tree at each step (it changes as we go).
 * The runtime above `top` is included: on the real kernel it begins with the oracle's shared
 * anonymous PROT_NONE reservation, which (un)registers fine; the simulator leaves it alone.
 */
function nextVmaIn(mm: Mm, pos: number, end: number): Vma | undefined {
  const v = findVma(mm, pos);
  return v !== undefined && v.start < end ? v : undefined;
}

function toNum(v: bigint): number {
  return Number(v);
}

/** userfaultfd_register(). */
function uffdRegister(mm: Mm, ctx: UffdCtx, startB: bigint, lenB: bigint, mode: bigint): SysResult {
  const ver = uffdVersion(mm.profile);
  const modes =
    BigInt(UFFDIO_REGISTER_MODE_MISSING) |
    (ver.wp ? BigInt(UFFDIO_REGISTER_MODE_WP) : 0n) |
    (ver.continueIoctl ? BigInt(UFFDIO_REGISTER_MODE_MINOR) : 0n);
  if (mode === 0n || (mode & ~modes) !== 0n) return sysErr(EINVAL);
  let vmFlags = 0;
  if ((mode & BigInt(UFFDIO_REGISTER_MODE_MISSING)) !== 0n) vmFlags |= VM_UFFD_MISSING;
  if ((mode & BigInt(UFFDIO_REGISTER_MODE_WP)) !== 0n) vmFlags |= VM_UFFD_WP;
  if ((mode & BigInt(UFFDIO_REGISTER_MODE_MINOR)) !== 0n) vmFlags |= VM_UFFD_MINOR;
  const err = validateRange(startB, lenB);
  if (err !== 0) return sysErr(-err);
  let start = toNum(startB);
  const end = start + toNum(lenB);
  const wpAsync = ctx.has(UFFD_FEATURE_WP_ASYNC);

  const first = nextVmaIn(mm, start, end);
  if (first === undefined) return sysErr(EINVAL);
  // Search for incompatible VMAs before changing anything.
  for (let v: Vma | undefined = first; v !== undefined; v = nextVmaIn(mm, v.end, end)) {
    if (!vmaCanUserfault(mm, v, vmFlags, wpAsync)) return sysErr(EINVAL);
    // UFFDIO_COPY fills file holes even without PROT_WRITE: a shared mapping must be able to
    // write its file.
    if (!vmaMayWrite(v)) return sysErr(EPERM);
    if (v.uffdCtx !== 0 && v.uffdCtx !== ctx.id) return sysErr(EBUSY);
  }

  // userfaultfd_register_range()
  let prev = prevFor(mm, first, start);
  for (let v = nextVmaIn(mm, start, end); v !== undefined; v = nextVmaIn(mm, start, end)) {
    // Already registered with this context and (at least) these modes: nothing to do.
    if (!v.runtime && !(v.uffdCtx === ctx.id && (v.flags & vmFlags) === vmFlags)) {
      if (v.start > start) start = v.start;
      const vEnd = Math.min(end, v.end);
      const newFlags = (v.flags & ~VM_UFFD_FLAGS) | vmFlags;
      const r = vmaModify(mm, prev, v, start, vEnd, { flags: newFlags, uffdCtx: ctx.id });
      if (typeof r === 'number') return sysErr(-r);
      setCtx(mm, r, ctx.id, newFlags);
      v = r;
    }
    prev = v;
    start = v.end;
    if (start >= end) break;
  }
  mm.log.flush();

  let ioctls =
    bit(B_WAKE) |
    bit(B_COPY) |
    bit(B_ZEROPAGE) |
    (ver.wp ? bit(B_WRITEPROTECT) : 0n) |
    (ver.continueIoctl ? bit(B_CONTINUE) : 0n) |
    (ver.poison ? bit(B_POISON) : 0n) |
    (ver.move ? bit(B_MOVE) : 0n);
  // WRITEPROTECT only for a WP registration, CONTINUE only for a MINOR one.
  if ((vmFlags & VM_UFFD_WP) === 0) ioctls &= ~bit(B_WRITEPROTECT);
  if ((vmFlags & VM_UFFD_MINOR) === 0) ioctls &= ~bit(B_CONTINUE);
  return sysOk(0, [{ name: 'ioctls', value: ioctls }]);
}

/** userfaultfd_unregister(): MISSING waiters in the range are woken first. */
function uffdUnregister(mm: Mm, ctx: UffdCtx, startB: bigint, lenB: bigint): SysResult {
  const err = validateRange(startB, lenB);
  if (err !== 0) return sysErr(-err);
  let start = toNum(startB);
  const end = start + toNum(lenB);
  const wpAsync = ctx.has(UFFD_FEATURE_WP_ASYNC);
  const first = nextVmaIn(mm, start, end);
  if (first === undefined) return sysErr(EINVAL);
  for (let v: Vma | undefined = first; v !== undefined; v = nextVmaIn(mm, v.end, end)) {
    // Only the context that registered a VMA may unregister it.
    if (v.uffdCtx !== 0 && v.uffdCtx !== ctx.id) return sysErr(EINVAL);
    if (!vmaCanUserfault(mm, v, v.flags, wpAsync)) return sysErr(EINVAL);
  }
  let prev = prevFor(mm, first, start);
  for (let v = nextVmaIn(mm, start, end); v !== undefined; v = nextVmaIn(mm, start, end)) {
    if (v.uffdCtx !== 0 && !v.runtime) {
      if (v.start > start) start = v.start;
      const vEnd = Math.min(end, v.end);
      // Wake pending MISSING userfaults so they do not hang; MINOR and WP ones stay asleep.
      if ((v.flags & VM_UFFD_MISSING) !== 0) wakeUserfault(mm, v.uffdCtx, start, vEnd - start);
      const r = clearVma(mm, prev, v, start, vEnd);
      if (typeof r === 'number') return sysErr(-r);
      v = r;
    }
    prev = v;
    start = v.end;
    if (start >= end) break;
  }
  mm.log.flush();
  return sysOk(0);
}

/** userfaultfd_wake(). */
function uffdWake(mm: Mm, ctx: UffdCtx, startB: bigint, lenB: bigint): SysResult {
  const err = validateRange(startB, lenB);
  if (err !== 0) return sysErr(-err);
  wakeUserfault(mm, ctx.id, toNum(startB), toNum(lenB));
  return sysOk(0);
}

// ---- mfill_atomic(): COPY, ZEROPAGE, CONTINUE, POISON ----

type FillMode = 'copy' | 'zeropage' | 'continue' | 'poison';

const FILL_CAUSE: Record<FillMode, Cause> = {
  copy: 'uffd-copy',
  zeropage: 'uffd-zeropage',
  continue: 'uffd-continue',
  poison: 'uffd-poison',
};

/** userfaultfd_copy(). */
function uffdCopy(
  mm: Mm,
  ctx: UffdCtx,
  dst: bigint,
  src: bigint,
  len: bigint,
  mode: bigint,
): SysResult {
  let err: number;
  if (dst <= SAFE && src <= SAFE && len <= SAFE) {
    // The usual case, in plain numbers (each bigint operation allocates): exact below 2^53.
    err = copyRangesValid(Number(dst), Number(src), Number(len)) ? 0 : -EINVAL;
  } else {
    err = validateUnalignedRange(src, len);
    if (err === 0) err = validateRange(dst, len);
  }
  if (err !== 0) return sysErr(-err);
  // A mode beyond 32 bits has unknown bits set; as an int32, so has one of 2^31..2^32-1.
  const m = mode <= 0xffffffffn ? Number(mode) : -1;
  if ((m & ~(UFFDIO_COPY_MODE_DONTWAKE | UFFDIO_COPY_MODE_WP)) !== 0) return sysErr(EINVAL);
  const wp = (m & UFFDIO_COPY_MODE_WP) !== 0;
  const n = Number(len);
  const ret = mfillAtomic(mm, Number(dst), Number(src), n, 'copy', wp);
  if (ret > 0 && (m & UFFDIO_COPY_MODE_DONTWAKE) === 0) {
    wakeUserfault(mm, ctx.id, Number(dst), ret);
  }
  return outResult('copy', ret, n);
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * validate_unaligned_range(src, len) and validate_range(dst, len) for values below 2^53: the
 * sums cannot wrap, so the u64 overflow test of validateUnalignedRange() never fails here.
 */
function copyRangesValid(dst: number, src: number, len: number): boolean {
  return (
    len % PAGE_SIZE === 0 &&
    len !== 0 &&
    src < TASK_SIZE &&
    len <= TASK_SIZE - src &&
    dst % PAGE_SIZE === 0 &&
    dst < TASK_SIZE &&
    len <= TASK_SIZE - dst
  );
}

/** userfaultfd_zeropage(). */
function uffdZeropage(mm: Mm, ctx: UffdCtx, start: bigint, len: bigint, mode: bigint): SysResult {
  const err = validateRange(start, len);
  if (err !== 0) return sysErr(-err);
  if ((mode & ~BigInt(UFFDIO_ZEROPAGE_MODE_DONTWAKE)) !== 0n) return sysErr(EINVAL);
  return fillAndWake(mm, ctx, start, len, 'zeropage', false, mode, 'zeropage');
}

/** userfaultfd_continue(). */
function uffdContinue(mm: Mm, ctx: UffdCtx, start: bigint, len: bigint, mode: bigint): SysResult {
  const err = validateRange(start, len);
  if (err !== 0) return sysErr(-err);
  if ((mode & ~BigInt(UFFDIO_CONTINUE_MODE_DONTWAKE | UFFDIO_CONTINUE_MODE_WP)) !== 0n)
    return sysErr(EINVAL);
  const wp = (mode & BigInt(UFFDIO_CONTINUE_MODE_WP)) !== 0n;
  return fillAndWake(mm, ctx, start, len, 'continue', wp, mode, 'mapped');
}

/** userfaultfd_poison(). */
function uffdPoison(mm: Mm, ctx: UffdCtx, start: bigint, len: bigint, mode: bigint): SysResult {
  const err = validateRange(start, len);
  if (err !== 0) return sysErr(-err);
  if ((mode & ~BigInt(UFFDIO_POISON_MODE_DONTWAKE)) !== 0n) return sysErr(EINVAL);
  return fillAndWake(mm, ctx, start, len, 'poison', false, mode, 'updated');
}

/**
 * The common tail of ZEROPAGE, CONTINUE and POISON once their arguments are checked:
 * mfill_atomic() over [start, start+len), then wake the waiters in the part that was filled
 * unless the mode has DONTWAKE (bit 0 in all three: UFFDIO_*_MODE_DONTWAKE), and write the
 * bytes done (or -errno) into the ioctl's out field.
 */
function fillAndWake(
  mm: Mm,
  ctx: UffdCtx,
  start: bigint,
  len: bigint,
  kind: 'zeropage' | 'continue' | 'poison',
  wp: boolean,
  mode: bigint,
  out: 'zeropage' | 'mapped' | 'updated',
): SysResult {
  const n = toNum(len);
  const ret = mfillAtomic(mm, toNum(start), 0, n, kind, wp);
  if (ret > 0 && (mode & BigInt(UFFDIO_ZEROPAGE_MODE_DONTWAKE)) === 0n)
    wakeUserfault(mm, ctx.id, toNum(start), ret);
  return outResult(out, ret, n);
}

/**
 * uffd_mfill_lock(): the VMA containing dst (a private one gets its anon_vma here, as
 * find_vma_and_prepare_anon() does), which must hold the whole range and be registered.
 */
function mfillLock(mm: Mm, dst: number, len: number): Vma | number {
  const v = vmaLookup(mm, dst);
  if (v === undefined || v.runtime) return -ENOENT;
  if ((v.flags & VM_SHARED) === 0) anonVmaPrepare(mm, v);
  if (dst + len > v.end) return -ENOENT;
  // Registered (with any context): enforces the VM_MAYWRITE check done at registration.
  if (v.uffdCtx === 0) return -ENOENT;
  return v;
}

/** mfill_file_over_size(): a file page at or beyond EOF. */
function overSize(v: Vma, addr: number): boolean {
  if (v.file === null) return false;
  return v.linearIndex(addr) >= Math.ceil(v.file.inode.size / PAGE_SIZE);
}

/** A PTE that mfill_atomic_install_pte() may overwrite: none, or any PTE marker. */
function noneOrMarker(e: number): boolean {
  return e === 0 || (e & (PTE_PRESENT | PMD_TABLE)) === 0;
}

/**
 * mfill_atomic(): fill [dst, dst + len) page by page. Returns the bytes done, or -errno when
 * the first page failed.
 */
function mfillAtomic(
  mm: Mm,
  dst: number,
  src: number,
  len: number,
  mode: FillMode,
  wp: boolean,
): number {
  const v0 = mfillLock(mm, dst, len);
  if (typeof v0 === 'number') return v0;
  const v = v0;
  // A wrprotect fill needs a WP registration.
  if (wp && (v.flags & VM_UFFD_WP) === 0) return -EINVAL;
  const shmem = v.file !== null;
  if (mode === 'continue' && (!shmem || !uffdVersion(mm.profile).minorShmem)) return -EINVAL;
  const pt = mm.pt;
  const cause = FILL_CAUSE[mode];
  let copied = 0;
  let err = 0;
  for (let off = 0; off < len; off += PAGE_SIZE) {
    const addr = dst + off;
    // mm_alloc_pmd() + __pte_alloc(): the tables exist even if the page then fails.
    const ms = pt.pmdSlotAlloc(addr, mm.log);
    if (pt.pmd.data[ms] === 0) pt.pteSlotAlloc(addr, mm.log);
    const m = pt.pmd.data[ms]!;
    // A huge PMD (THP, huge zero page) is never overridden.
    if ((m & PMD_TABLE) === 0) {
      err = -EEXIST;
      break;
    }
    const slot = (m >>> PFN_SHIFT) * PTRS_PER_TABLE + (Math.floor(addr / PAGE_SIZE) & 511);
    switch (mode) {
      case 'copy':
        err =
          shmem && (v.flags & VM_SHARED) !== 0
            ? fillShmem(mm, v, slot, addr, src + off, wp, cause)
            : fillCopyAnon(mm, v, slot, addr, src + off, wp, cause);
        break;
      case 'zeropage':
        err =
          shmem && (v.flags & VM_SHARED) !== 0
            ? fillShmem(mm, v, slot, addr, -1, false, cause)
            : fillZero(mm, v, slot, addr, cause);
        break;
      case 'continue':
        err = fillContinue(mm, v, slot, addr, wp, cause);
        break;
      case 'poison':
        err = fillPoison(mm, v, slot, addr, cause);
        break;
    }
    if (err !== 0) break;
    copied += PAGE_SIZE;
  }
  return copied > 0 ? copied : err;
}

/**
 * copy_from_user() of the page at src for UFFDIO_COPY: first with page faults disabled (the
 * source must be mapped); otherwise, outside the lock, with faults, as the kernel (not the
 * user: no FAULT_FLAG_USER) reads it. Returns the first byte (the tag), or -EFAULT.
 */
function readSource(mm: Mm, src: number): number {
  const pageA = src - (src % PAGE_SIZE);
  const pages = src % PAGE_SIZE === 0 ? 1 : 2;
  let tag = -1;
  for (let i = 0; i < pages; i++) {
    const a = pageA + i * PAGE_SIZE;
    const v = vmaLookup(mm, a);
    // Unmapped, or not readable (access_error()): copy_from_user() fails.
    if (v === undefined || v.runtime || (v.flags & VM_ACCESS_FLAGS) === 0) return -EFAULT;
    let t = pageTag(mm, a);
    for (let tries = 0; t < 0 && tries < 4; tries++) {
      const r = handleMmFault(mm, v, a, false, KERNEL_READ);
      if (r === FAULT_BLOCK) throw new UffdDriverBlocked(a);
      if (r !== FAULT_OK) return -EFAULT;
      t = pageTag(mm, a);
    }
    if (t < 0) return -EFAULT;
    if (i === 0) tag = t;
  }
  return tag;
}

/** copy_from_user() faults: the kernel reads, not the user (no FAULT_FLAG_USER). */
const KERNEL_READ = { thread: 'kernel', cause: 'uffd-copy' } as const;

/** The tag of the present page at a, or -1. */
function pageTag(mm: Mm, a: number): number {
  const pt = mm.pt;
  const ms = pt.pmdSlot(a);
  if (ms < 0) return -1;
  const m = pt.pmd.data[ms]!;
  let pfn: number;
  if ((m & PMD_TABLE) !== 0) {
    const e = pt.pte.data[(m >>> PFN_SHIFT) * PTRS_PER_TABLE + (Math.floor(a / PAGE_SIZE) & 511)]!;
    if ((e & PTE_PRESENT) === 0) return -1;
    pfn = e >>> PFN_SHIFT;
  } else if ((m & PTE_PRESENT) !== 0) {
    pfn = (m >>> PFN_SHIFT) + (Math.floor(a / PAGE_SIZE) & 511);
  } else {
    return -1;
  }
  return mm.frames.tag[pfn]!;
}

/** The new PTE of mfill_atomic_install_pte(): dirty, writable per VMA, uffd-wp on request. */
function installPte(
  mm: Mm,
  v: Vma,
  slot: number,
  addr: number,
  pfn: number,
  inCache: boolean,
  wp: boolean,
  cause: Cause,
): void {
  let writable = (v.flags & VM_WRITE) !== 0;
  // A page-cache page in a private mapping is mapped read-only: the first write CoWs.
  if (inCache && (v.flags & VM_SHARED) === 0) writable = false;
  // x86 pte_mkuffd_wp() write-protects too.
  if (wp) writable = false;
  mm.pt.pte.data[slot] = mkPte(pfn, writable, wp) | PTE_DIRTY;
  mm.frames.mapPte(pfn);
  mm.log.entrySet(addr, pfn, inCache ? 'cache' : 'anon', writable, cause);
}

/** mfill_atomic_pte_copy(): a new exclusive anonymous page (anon, and MAP_PRIVATE shmem). */
function fillCopyAnon(
  mm: Mm,
  v: Vma,
  slot: number,
  addr: number,
  src: number,
  wp: boolean,
  cause: Cause,
): number {
  const tag = readSource(mm, src);
  if (tag < 0) return tag;
  if (overSize(v, addr)) return -EFAULT;
  if (!noneOrMarker(mm.pt.pte.data[slot]!)) return -EEXIST;
  const p = mm.frames.allocAnon(v.anonVma, v.linearIndex(addr), mm.log);
  mm.frames.tag[p] = tag;
  mm.frames.flags[p]! |= FF_UPTODATE;
  installPte(mm, v, slot, addr, p, false, wp, cause);
  return 0;
}

/** mfill_atomic_pte_zeropage(): the shared zero page, on a none PTE only (not a marker). */
function fillZero(mm: Mm, v: Vma, slot: number, addr: number, cause: Cause): number {
  if (overSize(v, addr)) return -EFAULT;
  if (mm.pt.pte.data[slot] !== 0) return -EEXIST;
  mm.pt.pte.data[slot] = mkPte(ZERO_PFN, false);
  mm.log.entrySet(addr, ZERO_PFN, 'zero', false, cause);
  return 0;
}

/**
 * shmem_mfill_atomic_pte() (MAP_SHARED shmem): COPY (src >= 0) or ZEROPAGE (src -1) puts a new
 * page into the page cache at the file index, then maps it.
 */
function fillShmem(
  mm: Mm,
  v: Vma,
  slot: number,
  addr: number,
  src: number,
  wp: boolean,
  cause: Cause,
): number {
  let tag = 0;
  if (src >= 0) {
    tag = readSource(mm, src);
    if (tag < 0) return tag;
  }
  if (overSize(v, addr)) return -EFAULT;
  const inode = v.file!.inode;
  const index = v.linearIndex(addr);
  // shmem_add_to_page_cache(): the index must be free, even if no PTE maps it.
  if (inode.cache.get(index) >= 0) return -EEXIST;
  if (!noneOrMarker(mm.pt.pte.data[slot]!)) return -EEXIST;
  const p = mm.frames.allocCache(inode.id, index, mm.log);
  mm.frames.tag[p] = tag;
  mm.frames.flags[p]! |= FF_UPTODATE;
  inode.cache.set(index, p);
  mm.log.cacheInsert(inode.id, index, p);
  installPte(mm, v, slot, addr, p, true, wp, cause);
  return 0;
}

/** mfill_atomic_pte_continue(): map the page-cache page that is already there. */
function fillContinue(
  mm: Mm,
  v: Vma,
  slot: number,
  addr: number,
  wp: boolean,
  cause: Cause,
): number {
  const inode = v.file!.inode;
  const index = v.linearIndex(addr);
  // shmem_get_folio(SGP_NOALLOC): beyond EOF -EINVAL, a hole -ENOENT (reported as -EFAULT).
  if (index * PAGE_SIZE >= inode.size) return -EINVAL;
  const p = inode.cache.get(index);
  if (p < 0) return -EFAULT;
  if (!noneOrMarker(mm.pt.pte.data[slot]!)) return -EEXIST;
  // A fallocated page is zeroed and marked uptodate on first use.
  if ((mm.frames.flags[p]! & FF_UPTODATE) === 0) {
    mm.frames.tag[p] = 0;
    mm.frames.flags[p]! |= FF_UPTODATE;
  }
  installPte(mm, v, slot, addr, p, true, wp, cause);
  return 0;
}

/** mfill_atomic_pte_poison(): a poison marker on a none PTE. */
function fillPoison(mm: Mm, v: Vma, slot: number, addr: number, cause: Cause): number {
  if (overSize(v, addr)) return -EFAULT;
  if (mm.pt.pte.data[slot] !== 0) return -EEXIST;
  mm.pt.pte.data[slot] = mkMarker(MARKER_POISONED);
  mm.log.entrySet(addr, 0, 'marker-poison', false, cause);
  return 0;
}

// ---- UFFDIO_WRITEPROTECT ----

/** userfaultfd_writeprotect() + mwriteprotect_range(). */
function uffdWriteprotect(
  mm: Mm,
  ctx: UffdCtx,
  startB: bigint,
  lenB: bigint,
  mode: bigint,
): SysResult {
  const err = validateRange(startB, lenB);
  if (err !== 0) return sysErr(-err);
  if ((mode & ~BigInt(UFFDIO_WRITEPROTECT_MODE_DONTWAKE | UFFDIO_WRITEPROTECT_MODE_WP)) !== 0n) {
    return sysErr(EINVAL);
  }
  const modeWp = (mode & BigInt(UFFDIO_WRITEPROTECT_MODE_WP)) !== 0n;
  const dontwake = (mode & BigInt(UFFDIO_WRITEPROTECT_MODE_DONTWAKE)) !== 0n;
  if (modeWp && dontwake) return sysErr(EINVAL);
  const start = toNum(startB);
  const end = start + toNum(lenB);
  let r = -ENOENT;
  for (let v = nextVmaIn(mm, start, end); v !== undefined; v = nextVmaIn(mm, v.end, end)) {
    if ((v.flags & VM_UFFD_WP) === 0) {
      r = -ENOENT;
      break;
    }
    uffdWpRange(mm, v, Math.max(v.start, start), Math.min(v.end, end), modeWp);
    r = 0;
  }
  mm.log.flush();
  if (r < 0) return sysErr(-r);
  if (!modeWp && !dontwake) wakeUserfault(mm, ctx.id, start, end - start);
  return sysOk(0);
}

// ---- UFFDIO_MOVE ----

/** userfaultfd_move(). */
function uffdMove(
  mm: Mm,
  ctx: UffdCtx,
  dstB: bigint,
  srcB: bigint,
  lenB: bigint,
  mode: bigint,
): SysResult {
  let err = validateRange(dstB, lenB);
  if (err === 0) err = validateRange(srcB, lenB);
  if (err !== 0) return sysErr(-err);
  if ((mode & ~BigInt(UFFDIO_MOVE_MODE_ALLOW_SRC_HOLES | UFFDIO_MOVE_MODE_DONTWAKE)) !== 0n) {
    return sysErr(EINVAL);
  }
  const n = toNum(lenB);
  const holes = (mode & BigInt(UFFDIO_MOVE_MODE_ALLOW_SRC_HOLES)) !== 0n;
  const ret = movePages(mm, ctx, toNum(dstB), toNum(srcB), n, holes);
  if (ret > 0 && (mode & BigInt(UFFDIO_MOVE_MODE_DONTWAKE)) === 0n)
    wakeUserfault(mm, ctx.id, toNum(dstB), ret);
  return outResult('move', ret, n);
}

/** validate_move_areas(). */
function validateMoveAreas(ctx: UffdCtx, src: Vma, dst: Vma): number {
  // Same access flags (and so the same vm_page_prot: neither is shared) and mlock state.
  if ((src.flags & VM_ACCESS_FLAGS) !== (dst.flags & VM_ACCESS_FLAGS)) return -EINVAL;
  if ((src.flags & VM_LOCKED) !== (dst.flags & VM_LOCKED)) return -EINVAL;
  // Only between writable VMAs.
  if ((src.flags & VM_WRITE) === 0) return -EINVAL;
  const incompatible = VM_PFNMAP | VM_IO | VM_HUGETLB | VM_MIXEDMAP;
  if ((src.flags & incompatible) !== 0 || (dst.flags & incompatible) !== 0) return -EINVAL;
  // The destination must be registered with this context.
  if (dst.uffdCtx !== ctx.id) return -EINVAL;
  if (!vmaIsAnonymous(src) || !vmaIsAnonymous(dst)) return -EINVAL;
  return 0;
}

/** A page that PageAnonExclusive() would accept: anonymous and mapped once (no fork here). */
function anonExclusive(mm: Mm, p: number): boolean {
  return mm.frames.kind[p] === FRAME_ANON && mm.frames.mapcount[p] === 1;
}

/**
 * move_pages() (mm/userfaultfd.c): move the pages of [src, src + len) to dst, keeping their
 * PFNs; a PMD-mapped THP (or huge zero page) moves as one PMD when both sides are 2 MiB-aligned
 * with 2 MiB left and the destination PMD is none, else it is split first.
 */
function movePages(
  mm: Mm,
  ctx: UffdCtx,
  dst: number,
  src: number,
  len: number,
  holes: boolean,
): number {
  // uffd_move_lock(): the VMAs containing dst and src.
  const dv = vmaLookup(mm, dst);
  if (dv === undefined || dv.runtime) return -ENOENT;
  if ((dv.flags & VM_SHARED) === 0) anonVmaPrepare(mm, dv);
  const sv = src >= dv.start && src < dv.end ? dv : vmaLookup(mm, src);
  if (sv === undefined || sv.runtime) return -ENOENT;
  if ((sv.flags & VM_SHARED) !== 0 || src + len > sv.end) return -EINVAL;
  if ((dv.flags & VM_SHARED) !== 0 || dst + len > dv.end) return -EINVAL;
  const verr = validateMoveAreas(ctx, sv, dv);
  if (verr !== 0) return verr;

  const pt = mm.pt;
  const fr = mm.frames;
  const srcEnd = src + len;
  let s = src;
  let d = dst;
  let moved = 0;
  let err = 0;
  while (s < srcEnd) {
    // mm_find_pmd(): no PMD table at the source is a hole.
    let sms = pt.pmdSlot(s);
    if (sms < 0) {
      if (!holes) {
        err = -ENOENT;
        break;
      }
      sms = pt.pmdSlotAlloc(s, mm.log);
    }
    const dms = pt.pmdSlotAlloc(d, mm.log);
    const dm = pt.pmd.data[dms]!;
    if ((dm & PTE_PRESENT) !== 0) {
      err = -EEXIST;
      break;
    }
    const sm = pt.pmd.data[sms]!;
    let step = PAGE_SIZE;
    if ((sm & PTE_PRESENT) !== 0) {
      const head = sm >>> PFN_SHIFT;
      if (s % PMD_SIZE !== 0 || d % PMD_SIZE !== 0 || srcEnd - s < PMD_SIZE || dm !== 0) {
        if (head !== HUGE_ZERO_PFN && !anonExclusive(mm, head)) {
          err = -EBUSY;
          break;
        }
        splitHugePmd(mm, s - (s % PMD_SIZE), 'uffd-move');
        continue;
      }
      // move_pages_huge_pmd(): the entry and its deposited table move.
      pt.pmd.data[sms] = 0;
      let word = sm & ~PTE_UFFD_WP;
      if (head !== HUGE_ZERO_PFN) {
        word = word | PTE_WRITE | PTE_DIRTY;
        for (let i = 0; i < PTRS_PER_TABLE; i++) {
          fr.owner[head + i] = dv.anonVma;
          fr.index[head + i] = dv.linearIndex(d) + i;
        }
      }
      pt.pmd.data[dms] = word;
      mm.log.entryClear(s, 'uffd-move', PTRS_PER_TABLE);
      mm.log.entrySet(
        d,
        head,
        head === HUGE_ZERO_PFN ? 'huge-zero' : 'huge',
        (word & PTE_WRITE) !== 0,
        'uffd-move',
        PTRS_PER_TABLE,
      );
      step = PMD_SIZE;
    } else {
      if (sm === 0) {
        if (!holes) {
          err = -ENOENT;
          break;
        }
        pt.pteSlotAlloc(s, mm.log);
      }
      const dslot = pt.pteSlotAlloc(d, mm.log);
      const sslot = pt.pteSlot(s);
      err = movePte(mm, dv, d, s, dslot, sslot, holes);
      if (err !== 0) break;
    }
    s += step;
    d += step;
    moved += step;
  }
  mm.log.flush();
  return moved > 0 ? moved : err;
}

/** move_pages_pte() for one page. */
function movePte(
  mm: Mm,
  dv: Vma,
  d: number,
  s: number,
  dslot: number,
  sslot: number,
  holes: boolean,
): number {
  const pt = mm.pt;
  const fr = mm.frames;
  const de = pt.pte.data[dslot]!;
  if (de !== 0) return -EEXIST;
  let se = pt.pte.data[sslot]!;
  if (se === 0) return holes ? 0 : -ENOENT;
  // A PTE marker (uffd-wp, poison, guard) is not a page to move.
  if ((se & PTE_PRESENT) === 0) return -EFAULT;
  let p = se >>> PFN_SHIFT;
  if (p === ZERO_PFN) {
    // move_zeropage_pte()
    pt.pte.data[sslot] = 0;
    pt.pte.data[dslot] = mkPte(ZERO_PFN, false);
    mm.log.entryClear(s, 'uffd-move');
    mm.log.entrySet(d, ZERO_PFN, 'zero', false, 'uffd-move');
    return 0;
  }
  if (!anonExclusive(mm, p)) return -EBUSY;
  if (fr.isThp(p)) {
    // A PTE-mapped THP is split into small pages first (split_folio(), then retry).
    splitFolio(mm, fr.head(p), 'uffd-move');
    se = pt.pte.data[sslot]!;
    if ((se & PTE_PRESENT) === 0) return se === 0 ? (holes ? 0 : -ENOENT) : -EFAULT;
    p = se >>> PFN_SHIFT;
    if (p === ZERO_PFN) return movePte(mm, dv, d, s, dslot, sslot, holes);
  }
  // move_present_pte(): the folio follows the destination (folio_move_anon_rmap()); the new
  // PTE is built afresh from the destination's protection: writable and dirty, no uffd-wp.
  fr.owner[p] = dv.anonVma;
  fr.index[p] = dv.linearIndex(d);
  pt.pte.data[sslot] = 0;
  pt.pte.data[dslot] = mkPte(p, true) | PTE_DIRTY;
  mm.log.entryClear(s, 'uffd-move');
  mm.log.entrySet(d, p, 'anon', true, 'uffd-move');
  return 0;
}

/** For tests: the modes a VMA is registered with. */
export function registeredModes(v: Vma): number {
  return v.flags & (VM_UFFD_MISSING | VM_UFFD_WP | VM_UFFD_MINOR);
}
