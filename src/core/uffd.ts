/**
 * userfaultfd: the contexts (struct userfaultfd_ctx), their registrations on VMAs, the messages
 * as the mms monitor sees them, the threads waiting in handle_userfault(), and the hooks the
 * rest of the core calls: faults (mm/memory.c, mm/shmem.c -> handle_userfault()), events
 * (munmap/mmap/mremap/madvise -> userfaultfd_unmap_prep(), mremap_userfaultfd_prep(),
 * userfaultfd_remove()), uffd-wp protection changes (uffd_wp_range()) and close
 * (userfaultfd_release()). The ioctls themselves are in syscalls/userfaultfd.ts.
 *
 * Model of the kernel's wait queues (fs/userfaultfd.c): a fault queues its message on
 * fault_pending_wqh and sleeps; the mms monitor (mms.md section 3) reads every message at once,
 * so in the simulator a message goes straight into the context's read queue, and the waiter
 * stays on `waiters` until an ioctl's wake_userfault() or close() wakes it. Non-cooperative
 * events block the acting thread only until they are read, which the monitor does at once:
 * they are queued and the call goes on (so `mmap_changing` is never seen set by a later call).
 *
 * Deterministic where the kernel races: threads woken by one wake-up run in the order they
 * blocked (`woken`, consumed by cpu.ts settle()).
 */
import type { Mm } from './mm';
import type { Cause } from './effects';
import type { Profile } from './profiles';
import type { Thread } from './threads';
import * as addrMod from './addr';
import * as framesMod from './frames';
import * as pageTableMod from './pageTable';
import * as hugeMod from './huge';
import type { Vma } from './vma';
import * as vmaMod from './vma';
import * as uapiMod from './uapi';

// Imports copied into module constants once: under some loaders (tsx) every use of an
// imported binding is a getter call, and faults and wake-ups sit on hot paths.
const { PAGE_SIZE, PMD_SIZE, PTRS_PER_TABLE, vaddr } = addrMod;
const { FRAME_ANON } = framesMod;
const {
  MARKER_GUARD,
  MARKER_POISONED,
  MARKER_UFFD_WP,
  PFN_SHIFT,
  PMD_TABLE,
  PTE_DIRTY,
  PTE_PRESENT,
  PTE_UFFD_WP,
  PTE_WRITE,
  mkMarker,
} = pageTableMod;
const { splitHugePmd } = hugeMod;
const {
  VM_DROPPABLE,
  VM_MAYWRITE,
  VM_SHARED,
  VM_UFFD_FLAGS,
  VM_UFFD_MINOR,
  VM_UFFD_MISSING,
  VM_UFFD_WP,
  VM_WRITE,
  findVmaIndex,
  vmaIsAnonymous,
  vmaModify,
  vmaRecord,
} = vmaMod;
const {
  UFFD_FEATURE_EVENT_REMAP,
  UFFD_FEATURE_EVENT_REMOVE,
  UFFD_FEATURE_EVENT_UNMAP,
  UFFD_FEATURE_EXACT_ADDRESS,
  UFFD_FEATURE_MINOR_SHMEM,
  UFFD_FEATURE_MOVE,
  UFFD_FEATURE_POISON,
  UFFD_FEATURE_SIGBUS,
  UFFD_FEATURE_THREAD_ID,
  UFFD_FEATURE_WP_ASYNC,
  UFFD_FEATURE_WP_HUGETLBFS_SHMEM,
  UFFD_FEATURE_WP_UNPOPULATED,
  UFFD_PAGEFAULT_FLAG_MINOR,
  UFFD_PAGEFAULT_FLAG_WP,
  UFFD_PAGEFAULT_FLAG_WRITE,
  UFFD_USER_MODE_ONLY,
} = uapiMod;

// The fault path's result codes (fault.ts FAULT_*), repeated here because fault.ts imports this
// module; uffd.test.ts checks that they agree.
export const UFAULT_OK = 0;
export const UFAULT_SIGBUS = 2;
export const UFAULT_BLOCK = 3;

// ---------------------------------------------------------------------------------------------
// Versions

/**
 * What a kernel version's userfaultfd offers (include/uapi/linux/userfaultfd.h
 * UFFD_API_FEATURES and UFFD_API_RANGE_IOCTLS as they grew):
 * 4.11 events (REMAP, REMOVE, UNMAP, FORK) and shmem MISSING; 4.14 SIGBUS, THREAD_ID; 5.7
 * WRITEPROTECT (anonymous memory, PAGEFAULT_FLAG_WP); 5.11 UFFD_USER_MODE_ONLY; 5.13 CONTINUE and
 * MINOR_HUGETLBFS; 5.14 MINOR_SHMEM (minor faults and CONTINUE on shmem); 5.18 EXACT_ADDRESS;
 * 5.19 WP_HUGETLBFS_SHMEM (uffd-wp on shmem, PTE markers); 6.4 WP_UNPOPULATED; 6.6 POISON;
 * 6.7 WP_ASYNC; 6.8 MOVE.
 */
export interface UffdVersion {
  /** uffdio_api.features reported by UFFDIO_API (and the set a request must stay within). */
  readonly features: number;
  readonly userModeOnly: boolean;
  readonly wp: boolean;
  readonly continueIoctl: boolean;
  readonly minorShmem: boolean;
  /** uffd-wp on shmem (PTE markers). */
  readonly wpShmem: boolean;
  readonly poison: boolean;
  readonly move: boolean;
}

function atLeast(p: Profile, major: number, minor: number): boolean {
  return p.major > major || (p.major === major && p.minor >= minor);
}

const versions = new WeakMap<Profile, UffdVersion>();

export function uffdVersion(p: Profile): UffdVersion {
  let v = versions.get(p);
  if (v === undefined) {
    v = computeVersion(p);
    versions.set(p, v);
  }
  return v;
}

function computeVersion(p: Profile): UffdVersion {
  let features = 0x1ff; // PAGEFAULT_FLAG_WP .. THREAD_ID (5.7)
  if (atLeast(p, 5, 13)) features |= 1 << 9; // MINOR_HUGETLBFS
  if (atLeast(p, 5, 14) && p.shmemMinor) features |= UFFD_FEATURE_MINOR_SHMEM;
  if (atLeast(p, 5, 18)) features |= UFFD_FEATURE_EXACT_ADDRESS;
  if (atLeast(p, 5, 19)) features |= UFFD_FEATURE_WP_HUGETLBFS_SHMEM;
  if (atLeast(p, 6, 4)) features |= UFFD_FEATURE_WP_UNPOPULATED;
  if (atLeast(p, 6, 6)) features |= UFFD_FEATURE_POISON;
  if (atLeast(p, 6, 7)) features |= UFFD_FEATURE_WP_ASYNC;
  if (atLeast(p, 6, 8) && p.uffdMove) features |= UFFD_FEATURE_MOVE;
  return {
    features,
    userModeOnly: atLeast(p, 5, 11),
    wp: atLeast(p, 5, 7),
    continueIoctl: atLeast(p, 5, 13),
    minorShmem: (features & UFFD_FEATURE_MINOR_SHMEM) !== 0,
    wpShmem: (features & UFFD_FEATURE_WP_HUGETLBFS_SHMEM) !== 0,
    poison: (features & UFFD_FEATURE_POISON) !== 0,
    move: (features & UFFD_FEATURE_MOVE) !== 0,
  };
}

// ---------------------------------------------------------------------------------------------
// Messages

/** struct uffd_msg as read from the fd (the shape of src/script/facts.ts UffdMessage). */
export type UffdMsg =
  | {
      readonly event: 'PAGEFAULT';
      readonly address: bigint;
      readonly flags: number;
      readonly thread: string | null;
    }
  | { readonly event: 'REMAP'; readonly from: bigint; readonly to: bigint; readonly len: bigint }
  | { readonly event: 'REMOVE'; readonly start: bigint; readonly end: bigint }
  | { readonly event: 'UNMAP'; readonly start: bigint; readonly end: bigint };

function h(v: bigint): string {
  // User addresses are below 2^47: a double's toString is cheaper than a bigint's.
  return '0x' + Number(v).toString(16);
}

/** PAGEFAULT flags as the transcript names them, by value (WRITE=1, WP=2, MINOR=4). */
const FLAG_TEXT = [
  '0',
  'WRITE',
  'WP',
  'WRITE|WP',
  'MINOR',
  'WRITE|MINOR',
  'WP|MINOR',
  'WRITE|WP|MINOR',
];

/** One line describing a message, for effect records and inspection. */
export function describeMsg(m: UffdMsg): string {
  switch (m.event) {
    case 'PAGEFAULT': {
      const t = m.thread === null ? '' : ` thread=${m.thread}`;
      return `PAGEFAULT ${h(m.address)} flags=${FLAG_TEXT[m.flags & 7]!}${t}`;
    }
    case 'REMAP':
      return `REMAP from=${h(m.from)} to=${h(m.to)} len=${h(m.len)}`;
    case 'REMOVE':
      return `REMOVE ${h(m.start)} ${h(m.end)}`;
    case 'UNMAP':
      return `UNMAP ${h(m.start)} ${h(m.end)}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Contexts

/** ctx->features bit 31: UFFD_FEATURE_INITIALIZED (set by the first successful UFFDIO_API). */
const FEATURE_INITIALIZED = 2 ** 31;

/** struct userfaultfd_ctx, with its monitor queue. */
export class UffdCtx {
  readonly id: number;
  /** The fd that names it (for the views; the kernel context does not know it). */
  readonly fd: number;
  /** userfaultfd(2) flags: O_CLOEXEC, O_NONBLOCK, UFFD_USER_MODE_ONLY. */
  readonly flags: number;
  /** ctx->features: the requested features plus FEATURE_INITIALIZED; 0 before UFFDIO_API. */
  features: number;
  /** Messages read by the monitor and not yet by the script, oldest first from `head`. */
  queue: UffdMsg[];
  /** describeMsg() of each queued message, made once (for the queue and read records). */
  texts: string[];
  head: number;

  constructor(id: number, fd: number, flags: number, src?: UffdCtx) {
    this.id = id;
    this.fd = fd;
    this.flags = flags;
    this.features = src?.features ?? 0;
    this.queue = src !== undefined ? src.queue.slice(src.head) : [];
    this.texts = src !== undefined ? src.texts.slice(src.head) : [];
    this.head = 0;
  }

  /** userfaultfd_is_initialized(). */
  get initialized(): boolean {
    return this.features !== 0;
  }

  has(feature: number): boolean {
    return (this.features & feature) !== 0;
  }

  markInitialized(features: number): void {
    this.features = (features >>> 0) + FEATURE_INITIALIZED;
  }

  pending(): number {
    return this.queue.length - this.head;
  }

  push(m: UffdMsg, text: string): void {
    this.queue.push(m);
    this.texts.push(text);
  }

  /** The text of the oldest message (call before pop()). */
  peekText(): string {
    return this.texts[this.head] ?? '';
  }

  pop(): UffdMsg | null {
    if (this.head >= this.queue.length) return null;
    const m = this.queue[this.head++]!;
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.texts = this.texts.slice(this.head);
      this.head = 0;
    }
    return m;
  }

  clone(): UffdCtx {
    return new UffdCtx(this.id, this.fd, this.flags, this);
  }
}

/** A thread asleep in handle_userfault() (struct userfaultfd_wait_queue). */
export interface UffdWaiter {
  readonly thread: string;
  readonly ctx: number;
  /** msg.arg.pagefault.address: what userfaultfd_wake_function() compares with the range. */
  readonly address: number;
  readonly flags: number;
}

/** All userfaultfd state of a process. Lives on `Mm.uffd`; cloned with it. */
export class UffdState {
  readonly ctxs: Map<number, UffdCtx>;
  nextId: number;
  /** Sleeping threads, in the order they blocked. */
  waiters: UffdWaiter[];
  /** Threads woken and not yet run by settle(), in the order they were woken. */
  woken: string[];

  constructor(src?: UffdState) {
    this.ctxs = new Map();
    if (src !== undefined) for (const [k, c] of src.ctxs) this.ctxs.set(k, c.clone());
    this.nextId = src?.nextId ?? 1;
    this.waiters = src !== undefined ? src.waiters.slice() : [];
    this.woken = src !== undefined ? src.woken.slice() : [];
  }

  clone(): UffdState {
    return new UffdState(this);
  }

  create(fd: number, flags: number): UffdCtx {
    const c = new UffdCtx(this.nextId++, fd, flags);
    this.ctxs.set(c.id, c);
    return c;
  }

  get(id: number): UffdCtx | undefined {
    return this.ctxs.get(id);
  }
}

/** The context registered on v (its vm_userfaultfd_ctx), if any. */
export function vmaCtx(mm: Mm, v: Vma): UffdCtx | undefined {
  return v.uffdCtx === 0 ? undefined : mm.uffd.get(v.uffdCtx);
}

/** Whether context `ctx` asked for `feature` (0 = no context: false). */
export function ctxHasFeature(mm: Mm, ctx: number, feature: number): boolean {
  const c = ctx === 0 ? undefined : mm.uffd.get(ctx);
  return c !== undefined && c.has(feature);
}

/** userfaultfd_wp_async(vma). */
export function uffdWpAsync(mm: Mm, v: Vma): boolean {
  return ctxHasFeature(mm, v.uffdCtx, UFFD_FEATURE_WP_ASYNC);
}

/** userfaultfd_wp_use_markers(vma): none PTEs of a WP range get uffd-wp markers. */
export function uffdWpUseMarkers(mm: Mm, v: Vma): boolean {
  if ((v.flags & VM_UFFD_WP) === 0) return false;
  if (!vmaIsAnonymous(v)) return true;
  return ctxHasFeature(mm, v.uffdCtx, UFFD_FEATURE_WP_UNPOPULATED);
}

/** vma_can_userfault() (mm/userfaultfd.c / fs/userfaultfd.c) for the profile's kernel. */
export function vmaCanUserfault(mm: Mm, v: Vma, vmFlags: number, wpAsync: boolean): boolean {
  // The runtime above top starts with the oracle's shared anonymous reservation (shmem).
  if (v.runtime) return true;
  const ver = uffdVersion(mm.profile);
  vmFlags &= VM_UFFD_FLAGS;
  if ((v.flags & VM_DROPPABLE) !== 0) return false;
  // Minor faults: hugetlbfs (5.13) and shmem (5.14) only.
  if ((vmFlags & VM_UFFD_MINOR) !== 0 && (vmaIsAnonymous(v) || !ver.minorShmem)) return false;
  // WP_ASYNC with WP alone allows any memory type.
  if (wpAsync && vmFlags === VM_UFFD_WP) return true;
  // Without PTE markers (before 5.19) uffd-wp is anonymous only.
  if ((vmFlags & VM_UFFD_WP) !== 0 && !vmaIsAnonymous(v) && !ver.wpShmem) return false;
  return true; // anonymous and shmem (memfd, shared anonymous) are all the simulator has
}

/** VM_MAYWRITE, checked by UFFDIO_REGISTER (EPERM). */
export function vmaMayWrite(v: Vma): boolean {
  return v.runtime || (v.flags & VM_MAYWRITE) !== 0;
}

// ---------------------------------------------------------------------------------------------
// Faults

/**
 * A fault inside the kernel on behalf of the script itself (get_user_pages for mlock or
 * MADV_POPULATE_*, copy_from_user() of a UFFDIO_COPY source) hit a registered range: the script
 * would sleep in handle_userfault() with nobody left to wake it. The oracle ends the run there
 * with an error (src/oracle/decode.ts driverBlockedMessage); the interpreter does the same.
 */
export class UffdDriverBlocked extends Error {
  constructor(readonly addr: number) {
    super(`the script itself blocked in a userfault at 0x${addr.toString(16)}`);
    this.name = 'UffdDriverBlocked';
  }
}

/** The fault comes from user mode (a CPU access), not from the kernel (FAULT_FLAG_USER). */
function userMode(cause: Cause): boolean {
  return cause === 'fault';
}

/**
 * handle_userfault(vmf, reason) (fs/userfaultfd.c): the fault at addr in v, registered for
 * `reason` (VM_UFFD_MISSING, VM_UFFD_WP or VM_UFFD_MINOR), goes to userland. Returns
 * UFAULT_SIGBUS (UFFD_FEATURE_SIGBUS, or a kernel-mode fault with UFFD_USER_MODE_ONLY) or
 * UFAULT_BLOCK: the message is queued and the thread sleeps until a wake-up.
 */
export function handleUserfault(
  mm: Mm,
  v: Vma,
  addr: number,
  write: boolean,
  reason: number,
  fctx: { readonly thread: string; readonly cause: Cause },
): number {
  const ctx = vmaCtx(mm, v);
  if (ctx === undefined) return UFAULT_SIGBUS;
  if (ctx.has(UFFD_FEATURE_SIGBUS)) return UFAULT_SIGBUS;
  const user = userMode(fctx.cause);
  if (!user && (ctx.flags & UFFD_USER_MODE_ONLY) !== 0) return UFAULT_SIGBUS;
  if (!user) {
    mm.log.flush();
    throw new UffdDriverBlocked(addr);
  }
  // userfault_msg()
  let flags = 0;
  if (write) flags |= UFFD_PAGEFAULT_FLAG_WRITE;
  if ((reason & VM_UFFD_WP) !== 0) flags |= UFFD_PAGEFAULT_FLAG_WP;
  if ((reason & VM_UFFD_MINOR) !== 0) flags |= UFFD_PAGEFAULT_FLAG_MINOR;
  // The CPU accesses the first byte of the page: vmf->real_address is page-aligned too, so
  // UFFD_FEATURE_EXACT_ADDRESS reports the same address (kept for clarity).
  const address = ctx.has(UFFD_FEATURE_EXACT_ADDRESS) ? addr : addr - (addr % PAGE_SIZE);
  const msg: UffdMsg = {
    event: 'PAGEFAULT',
    address: BigInt(address),
    flags,
    thread: ctx.has(UFFD_FEATURE_THREAD_ID) ? fctx.thread : null,
  };
  queueMsg(mm, ctx, msg);
  const st = mm.uffd;
  st.waiters.push({ thread: fctx.thread, ctx: ctx.id, address, flags });
  const t = findThread(mm, fctx.thread);
  if (t !== undefined) {
    t.waitCtx = ctx.id;
    t.waitWrite = write;
  }
  mm.log.fault(fctx.thread, addr, write, 'userfault');
  mm.log.push({ type: 'thread.block', thread: fctx.thread, addr: vaddr(addr) });
  return UFAULT_BLOCK;
}

function findThread(mm: Mm, name: string): Thread | undefined {
  for (const t of mm.threads) if (t.name === name) return t;
  return undefined;
}

/**
 * shmem_get_folio_gfp() under shmem_fault(): a registered shmem VMA hands the fault to userland
 * when the page cache has the page (MINOR) or a hole (MISSING). Returns a UFAULT_* code, or -1
 * when the normal fault goes on (not registered for that case, or beyond EOF: SIGBUS there).
 */
export function shmemUserfault(
  mm: Mm,
  v: Vma,
  addr: number,
  write: boolean,
  fctx: { readonly thread: string; readonly cause: Cause },
): number {
  if ((v.flags & (VM_UFFD_MISSING | VM_UFFD_MINOR)) === 0) return -1;
  const inode = v.file!.inode;
  const index = v.linearIndex(addr);
  if (index * PAGE_SIZE >= inode.size) return -1;
  const cached = inode.cache.get(index) >= 0;
  if (cached) {
    if ((v.flags & VM_UFFD_MINOR) === 0) return -1;
    return handleUserfault(mm, v, addr, write, VM_UFFD_MINOR, fctx);
  }
  if ((v.flags & VM_UFFD_MISSING) === 0) return -1;
  return handleUserfault(mm, v, addr, write, VM_UFFD_MISSING, fctx);
}

// ---------------------------------------------------------------------------------------------
// Messages, waiters, wake-ups

function queueMsg(mm: Mm, ctx: UffdCtx, msg: UffdMsg): void {
  const text = describeMsg(msg);
  ctx.push(msg, text);
  mm.log.push({ type: 'uffd.event', uffd: ctx.fd, message: text });
}

/** read(2) of a message by the script: the monitor's oldest, or null (EAGAIN). */
export function readMsg(mm: Mm, ctx: UffdCtx): UffdMsg | null {
  const text = ctx.peekText();
  const m = ctx.pop();
  if (m !== null) mm.log.push({ type: 'uffd.read', uffd: ctx.fd, message: text });
  return m;
}

/**
 * wake_userfault(ctx, range) (fs/userfaultfd.c): wake the waiters of ctx whose fault address
 * lies in [start, start + len); len 0 wakes them all (userfaultfd_release()).
 */
export function wakeUserfault(mm: Mm, ctxId: number, start: number, len: number): void {
  const st = mm.uffd;
  const ws = st.waiters;
  if (ws.length === 0) return;
  let n = 0;
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]!;
    const hit = w.ctx === ctxId && (len === 0 || (w.address >= start && w.address < start + len));
    if (!hit) {
      ws[n++] = w;
      continue;
    }
    st.woken.push(w.thread);
    const t = findThread(mm, w.thread);
    if (t !== undefined) {
      t.waitCtx = 0;
      // Runnable again: settle() resumes the access at the page it faulted on.
      const a = t.access;
      if (a !== null && a.stop !== null && a.stop.kind === 'blocked') a.stop = null;
    }
    mm.log.push({ type: 'thread.wake', thread: w.thread, addr: vaddr(w.address) });
  }
  ws.length = n;
}

/**
 * The threads woken since the last settle, in wake order (= the order they blocked), for
 * cpu.ts settle(): each runs (`run`) before any other thread, and records its end.
 */
export function runWoken(mm: Mm, run: (mm: Mm, t: Thread) => void): void {
  const st = mm.uffd;
  while (st.woken.length > 0) {
    const name = st.woken.shift()!;
    const t = findThread(mm, name);
    const a = t?.access ?? null;
    if (t === undefined || a === null || a.finished) continue;
    if (a.stop !== null && a.stop.kind === 'blocked') continue;
    run(mm, t);
    if (a.finished) {
      const s = a.stop;
      const result = s === null ? 'ok' : `${s.kind} at 0x${s.addr.toString(16)}`;
      mm.log.push({ type: 'thread.finish', thread: t.name, result });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Non-cooperative events

/**
 * The munmap side (userfaultfd_unmap_prep() + userfaultfd_unmap_complete()): one list per
 * operation, one UNMAP per context for the operation's whole range, sent when complete() runs.
 * It satisfies syscalls/munmap.ts UnmapEvents.
 */
export class UffdUnmapList {
  private readonly items: Array<{ ctx: number; start: number; end: number }> = [];
  /** Items already sent (an immediate list sends at prep time, keeping items for dedup). */
  private sent = 0;

  /** `immediate`: send each event when it is prepared (see uffdUnmapNow()). */
  constructor(private readonly immediate = false) {}

  /** userfaultfd_unmap_prep(vma, start, end, unmaps). */
  prep(mm: Mm, v: Vma, start: number, end: number): number {
    const ctx = vmaCtx(mm, v);
    if (ctx === undefined || !ctx.has(UFFD_FEATURE_EVENT_UNMAP)) return 0;
    for (const it of this.items) {
      if (it.ctx === ctx.id && it.start === start && it.end === end) return 0;
    }
    this.items.push({ ctx: ctx.id, start, end });
    if (this.immediate) this.complete(mm);
    return 0;
  }

  /** userfaultfd_unmap_complete(): the events, in the order they were prepared. */
  complete(mm: Mm): void {
    for (; this.sent < this.items.length; this.sent++) {
      const it = this.items[this.sent]!;
      const ctx = mm.uffd.get(it.ctx);
      if (ctx === undefined) continue;
      queueMsg(mm, ctx, { event: 'UNMAP', start: BigInt(it.start), end: BigInt(it.end) });
    }
  }
}

/**
 * For a munmap that nobody completes explicitly (do_vmi_munmap() called without a list): the
 * kernel completes its list right after the call, before anything else can queue a message,
 * so sending at prep time is the same.
 */
export function uffdUnmapNow(): UffdUnmapList {
  return new UffdUnmapList(true);
}

/**
 * userfaultfd_remove(vma, start, end) (MADV_DONTNEED, MADV_FREE, MADV_REMOVE): REMOVE to a
 * context with UFFD_FEATURE_EVENT_REMOVE. Returns false when an event was sent (the kernel
 * dropped mmap_lock to wait for it to be read).
 */
export function userfaultfdRemove(mm: Mm, v: Vma, start: number, end: number): boolean {
  const ctx = vmaCtx(mm, v);
  if (ctx === undefined || !ctx.has(UFFD_FEATURE_EVENT_REMOVE)) return true;
  queueMsg(mm, ctx, { event: 'REMOVE', start: BigInt(start), end: BigInt(end) });
  return false;
}

/** The madvise side, in the shape of syscalls/madvise.ts RemoveEvents. */
export const UFFD_REMOVE_EVENTS = {
  remove(mm: Mm, v: Vma, start: number, end: number): void {
    userfaultfdRemove(mm, v, start, end);
  },
};

/**
 * mremap_userfaultfd_prep(new_vma, uf): with UFFD_FEATURE_EVENT_REMAP the moved VMA keeps its
 * registration and the context is returned for mremapUserfaultfdComplete(); without it the
 * registration is dropped (userfaultfd_reset_ctx()). Returns the context id, or 0.
 */
export function mremapUserfaultfdPrep(mm: Mm, newVma: Vma): number {
  const ctx = vmaCtx(mm, newVma);
  if (ctx === undefined) return 0;
  if (ctx.has(UFFD_FEATURE_EVENT_REMAP)) return ctx.id;
  resetCtx(mm, newVma);
  return 0;
}

/** mremap_userfaultfd_complete(): REMAP {from, to, len} once the move is done. */
export function mremapUserfaultfdComplete(
  mm: Mm,
  ctxId: number,
  from: number,
  to: number,
  len: number,
): void {
  if (ctxId === 0 || to % PAGE_SIZE !== 0) return;
  const ctx = mm.uffd.get(ctxId);
  if (ctx === undefined) return;
  queueMsg(mm, ctx, { event: 'REMAP', from: BigInt(from), to: BigInt(to), len: BigInt(len) });
}

/**
 * The userfaultfd side of one mremap(2) call (struct vma_remap_struct's uf, uf_unmap_early,
 * uf_unmap; mm/mremap.c notify_uffd()): UNMAP events of the destination's MAP_FIXED unmap,
 * then REMAP, then UNMAP events of the shrink and of the source.
 */
export class UffdMremap {
  /** uf_unmap_early: the FIXED destination unmap. */
  readonly early = new UffdUnmapList();
  /** uf_unmap: the shrink and the source unmap. */
  readonly late = new UffdUnmapList();
  private ctx = 0;
  private from = 0;
  private to = 0;
  private len = 0;
  /** Before 6.17 the syscall reported its own (page-aligned) old_len, even after a shrink. */
  reportLen = -1;

  /**
   * After the move (copy_vma_and_data() -> mremap_userfaultfd_prep()): the new VMA is still
   * registered only if its context asked for UFFD_FEATURE_EVENT_REMAP (mremap.ts resets it
   * otherwise); that context gets REMAP {from, to, len} when the call completes.
   */
  remap(mm: Mm, newVma: Vma, from: number, to: number, len: number): void {
    if (!ctxHasFeature(mm, newVma.uffdCtx, UFFD_FEATURE_EVENT_REMAP)) return;
    this.ctx = newVma.uffdCtx;
    this.from = from;
    this.to = to;
    this.len = len;
  }

  /** notify_uffd(): unmaps are reported whatever the outcome, REMAP only on success. */
  complete(mm: Mm, ok: boolean): void {
    this.early.complete(mm);
    if (ok) {
      const len = this.reportLen >= 0 ? this.reportLen : this.len;
      mremapUserfaultfdComplete(mm, this.ctx, this.from, this.to, len);
    }
    this.late.complete(mm);
    mm.log.flush();
  }
}

/** userfaultfd_reset_ctx(): the VMA is no longer registered (flags and context cleared). */
export function resetCtx(mm: Mm, v: Vma): void {
  setCtx(mm, v, 0, v.flags & ~VM_UFFD_FLAGS);
}

/** userfaultfd_set_ctx() / userfaultfd_set_vm_flags(): new context and VM_UFFD_* flags. */
export function setCtx(mm: Mm, v: Vma, ctx: number, flags: number): void {
  if (v.flags === flags && v.uffdCtx === ctx) return;
  const before = vmaRecord(v);
  v.uffdCtx = ctx;
  v.flags = flags;
  mm.invalidateVmaCache();
  if (before.flags !== flags) mm.log.push({ type: 'vma.change', before, after: vmaRecord(v) });
}

// ---------------------------------------------------------------------------------------------
// uffd-wp protection (mm/mprotect.c change_protection() with MM_CP_UFFD_WP[_RESOLVE])

/** Runs of entries.protect / entries.set / entries.clear records, built without a per-page object. */
class WpLog {
  private kind = 0; // 0 none, 1 protect, 2 marker set, 3 clear
  private addr = 0;
  private pages = 0;
  private writable = false;
  private wp = false;

  constructor(private readonly mm: Mm) {}

  protect(addr: number, pages: number, writable: boolean, wp: boolean): void {
    if (
      this.kind === 1 &&
      addr === this.addr + this.pages * PAGE_SIZE &&
      writable === this.writable &&
      wp === this.wp
    ) {
      this.pages += pages;
      return;
    }
    this.flush();
    this.kind = 1;
    this.addr = addr;
    this.pages = pages;
    this.writable = writable;
    this.wp = wp;
  }

  other(kind: 2 | 3, addr: number): void {
    if (this.kind === kind && addr === this.addr + this.pages * PAGE_SIZE) {
      this.pages++;
      return;
    }
    this.flush();
    this.kind = kind;
    this.addr = addr;
    this.pages = 1;
  }

  flush(): void {
    const log = this.mm.log;
    if (this.kind === 1) {
      log.push({
        type: 'entries.protect',
        addr: vaddr(this.addr),
        pages: this.pages,
        writable: this.writable,
        wp: this.wp,
        cause: 'uffd-wp',
      });
    } else if (this.kind === 2) {
      log.entrySet(this.addr, 0, 'marker-wp', false, 'uffd-wp', this.pages);
    } else if (this.kind === 3) {
      log.entryClear(this.addr, 'uffd-wp', this.pages);
    }
    this.kind = 0;
    log.flush();
  }
}

/**
 * can_change_pte_writable() for a PTE whose uffd-wp bit was just cleared: a private mapping's
 * exclusive anonymous page, or a shared mapping's dirty page, becomes writable again without a
 * write fault (MM_CP_TRY_CHANGE_WRITABLE).
 */
function canChangeWritable(mm: Mm, v: Vma, e: number): boolean {
  if ((v.flags & VM_WRITE) === 0) return false;
  if ((v.flags & VM_SHARED) === 0) {
    const p = e >>> PFN_SHIFT;
    return mm.frames.kind[p] === FRAME_ANON && mm.frames.mapcount[p] === 1;
  }
  return (e & PTE_DIRTY) !== 0;
}

/**
 * uffd_wp_range(vma, start, len, enable_wp) (mm/userfaultfd.c): set or clear uffd-wp on
 * [start, end) of v. Enabling write-protects present entries and, where markers are in use
 * (shmem, or anonymous memory with WP_UNPOPULATED), allocates the page tables and puts a
 * uffd-wp marker in every none PTE (change_pmd_prepare(), change_pte_range()); a huge PMD
 * covered whole is protected as one entry, else split (and always split for shmem).
 * Disabling clears the bit (making exclusive anonymous pages and dirty shared pages writable
 * again) and drops uffd-wp markers. Poison and guard markers are left alone.
 */
export function uffdWpRange(mm: Mm, v: Vma, start: number, end: number, enable: boolean): void {
  const pt = mm.pt;
  const markers = enable && uffdWpUseMarkers(mm, v);
  const anon = vmaIsAnonymous(v);
  const wl = new WpLog(mm);
  let addr = start;
  while (addr < end) {
    const next = Math.min((Math.floor(addr / PMD_SIZE) + 1) * PMD_SIZE, end);
    const ms = markers ? pt.pmdSlotAlloc(addr, mm.log) : pt.pmdSlot(addr);
    if (ms < 0) {
      addr = next;
      continue;
    }
    let m = pt.pmd.data[ms]!;
    if ((m & PTE_PRESENT) !== 0) {
      // change_pmd_range(): a huge PMD (THP or huge zero page).
      if (next - addr !== PMD_SIZE || (enable && !anon)) {
        wl.flush();
        splitHugePmd(mm, addr - (addr % PMD_SIZE), 'uffd-wp');
        m = pt.pmd.data[ms]!;
      } else {
        // change_huge_pmd(): uffd-wp set write-protects; clearing leaves the write bit to the
        // next write fault.
        const nm = enable ? (m | PTE_UFFD_WP) & ~PTE_WRITE : m & ~PTE_UFFD_WP;
        if (nm !== m) {
          pt.pmd.data[ms] = nm;
          wl.protect(addr, PTRS_PER_TABLE, (nm & PTE_WRITE) !== 0, enable);
        }
        addr = next;
        continue;
      }
    }
    if (m === 0) {
      if (!markers) {
        addr = next;
        continue;
      }
      wl.flush();
      pt.pteSlotAlloc(addr, mm.log);
      m = pt.pmd.data[ms]!;
    }
    if ((m & PMD_TABLE) === 0) {
      addr = next;
      continue;
    }
    const base = (m >>> PFN_SHIFT) * PTRS_PER_TABLE;
    const data = pt.pte.data;
    for (let a = addr; a < next; a += PAGE_SIZE) {
      const slot = base + (Math.floor(a / PAGE_SIZE) & 511);
      const e = data[slot]!;
      if ((e & PTE_PRESENT) !== 0) {
        let ne: number;
        if (enable) {
          ne = (e | PTE_UFFD_WP) & ~PTE_WRITE;
        } else {
          ne = e & ~PTE_UFFD_WP;
          if ((ne & PTE_WRITE) === 0 && canChangeWritable(mm, v, ne)) ne |= PTE_WRITE;
        }
        if (ne !== e) {
          data[slot] = ne;
          wl.protect(a, 1, (ne & PTE_WRITE) !== 0, enable);
        }
      } else if (e === 0) {
        if (markers) {
          data[slot] = mkMarker(MARKER_UFFD_WP);
          wl.other(2, a);
        }
      } else {
        const bits = e >>> PFN_SHIFT;
        if ((bits & (MARKER_POISONED | MARKER_GUARD)) !== 0) continue;
        if (!enable && (bits & MARKER_UFFD_WP) !== 0) {
          data[slot] = 0;
          wl.other(3, a);
        }
      }
    }
    addr = next;
  }
  wl.flush();
}

// ---------------------------------------------------------------------------------------------
// Registration changes shared by UNREGISTER and close

/**
 * userfaultfd_clear_vma(): [start, end) of v loses its registration: uffd-wp state is cleared
 * first, then the range is split off or merged with its neighbours. Returns the VMA now
 * covering the range, or -errno.
 */
export function clearVma(
  mm: Mm,
  prev: Vma | undefined,
  v: Vma,
  start: number,
  end: number,
): Vma | number {
  if ((v.flags & VM_UFFD_WP) !== 0) uffdWpRange(mm, v, start, end, false);
  const flags = v.flags & ~VM_UFFD_FLAGS;
  const r = vmaModify(mm, prev, v, start, end, { flags, uffdCtx: 0 });
  if (typeof r === 'number') return r;
  resetCtx(mm, r);
  return r;
}

/**
 * userfaultfd_release() on close of the last reference: every VMA of the context is
 * unregistered (merging where it can), then every waiter of the context is woken; the
 * monitor's queue goes with the fd.
 */
export function uffdRelease(mm: Mm, ctxId: number): void {
  let prev: Vma | undefined;
  for (let i = 0; i < mm.vmas.length; i++) {
    let v = mm.vmas[i]!;
    if (v.uffdCtx !== ctxId) {
      prev = v;
      continue;
    }
    const r = clearVma(mm, prev, v, v.start, v.end);
    if (typeof r !== 'number') v = r;
    prev = v;
    i = findVmaIndex(mm, v.start);
  }
  wakeUserfault(mm, ctxId, 0, 0);
  mm.uffd.ctxs.delete(ctxId);
  mm.log.flush();
}

// ---------------------------------------------------------------------------------------------
// Inspection (read-only, for the explorer's userfaultfd panel)

export interface UffdRangeView {
  readonly start: number;
  readonly end: number;
  /** 'MISSING', 'WP', 'MINOR' */
  readonly modes: readonly string[];
}

export interface UffdCtxView {
  readonly id: number;
  readonly fd: number;
  readonly initialized: boolean;
  /** Requested features (without the initialized bit). */
  readonly features: number;
  readonly flags: number;
  readonly ranges: readonly UffdRangeView[];
  /** Messages queued and not yet read, oldest first. */
  readonly queued: readonly string[];
  /** Threads asleep on this context, in blocking order. */
  readonly waiters: readonly {
    readonly thread: string;
    readonly address: number;
    readonly flags: number;
  }[];
}

export interface UffdView {
  readonly contexts: readonly UffdCtxView[];
  /** Every thread with its state ('idle' | 'running' | 'blocked' | 'done') and wait address. */
  readonly threads: readonly {
    readonly name: string;
    readonly state: string;
    readonly ctx: number;
  }[];
}

export function inspectUffd(mm: Mm): UffdView {
  const contexts: UffdCtxView[] = [];
  for (const c of mm.uffd.ctxs.values()) {
    const ranges: UffdRangeView[] = [];
    for (const v of mm.vmas) {
      if (v.uffdCtx !== c.id) continue;
      const modes: string[] = [];
      if (v.flags & VM_UFFD_MISSING) modes.push('MISSING');
      if (v.flags & VM_UFFD_WP) modes.push('WP');
      if (v.flags & VM_UFFD_MINOR) modes.push('MINOR');
      ranges.push({ start: v.start, end: v.end, modes });
    }
    contexts.push({
      id: c.id,
      fd: c.fd,
      initialized: c.initialized,
      features: c.initialized ? c.features - FEATURE_INITIALIZED : 0,
      flags: c.flags,
      ranges,
      queued: c.texts.slice(c.head),
      waiters: mm.uffd.waiters
        .filter((w) => w.ctx === c.id)
        .map((w) => ({ thread: w.thread, address: w.address, flags: w.flags })),
    });
  }
  const threads = mm.threads.map((t) => ({ name: t.name, state: t.state(), ctx: t.waitCtx }));
  return { contexts, threads };
}
