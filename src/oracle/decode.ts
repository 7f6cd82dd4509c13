/**
 * The oracle's JSON lines -> the raw Facts of src/script/facts.ts. Everything that interprets
 * a kernel word (smaps paths, pagemap bits, kpageflags bits, PTE-marker swap entries) is here,
 * so `oracle/mmsexec.c` only reports what the kernel said.
 */
import type {
  AccessOutcome,
  Fact,
  MapsEntry,
  OutField,
  PageFact,
  RunHeader,
  Stop,
  UffdMessage,
} from '../script/facts';
import type { Program } from '../script/program';

/** /proc/PID/pagemap bits (Documentation/admin-guide/mm/pagemap.rst, fs/proc/task_mmu.c). */
const PM_PFN_MASK = (1n << 55n) - 1n;
const PM_MMAP_EXCLUSIVE = 1n << 56n;
const PM_UFFD_WP = 1n << 57n;
const PM_FILE = 1n << 61n;
const PM_SWAP = 1n << 62n;
const PM_PRESENT = 1n << 63n;
/** /proc/kpageflags bits (include/uapi/linux/kernel-page-flags.h). */
const KPF_THP = 1n << 22n;
const KPF_ZERO_PAGE = 1n << 24n;
/**
 * A swap entry in pagemap is `type | offset << MAX_SWAPFILES_SHIFT` (task_mmu.c
 * pte_to_pagemap_entry). PTE markers use the last swap type, SWP_PTE_MARKER =
 * (1 << MAX_SWAPFILES_SHIFT) - 1 = 31 (include/linux/swap.h), and their offset holds the
 * marker bits (include/linux/swapops.h): PTE_MARKER_UFFD_WP = 1, PTE_MARKER_POISONED = 2,
 * PTE_MARKER_GUARD = 4.
 */
const MAX_SWAPFILES_SHIFT = 5n;
const SWP_PTE_MARKER = 31n;
const PTE_MARKER_UFFD_WP = 1n;
const PTE_MARKER_POISONED = 2n;

/** Messages for the error facts; the simulator's interpreter should use the same words. */
export function unboundMessage(name: string): string {
  return `${name} is not bound (the call that binds it failed)`;
}
export function blockedMessage(thread: string): string {
  return `thread ${thread} is blocked in a userfault: wait for it or resolve the fault first`;
}

/**
 * A call that faults on a userfaultfd-registered range inside the kernel (mlock or
 * MADV_POPULATE_* populating it, UFFDIO_COPY reading a registered source that has no page)
 * puts the script itself to sleep in handle_userfault(); only the script could resolve that
 * fault, so the run ends there with this error (unless the uffd has UFFD_USER_MODE_ONLY or
 * UFFD_FEATURE_SIGBUS: then the kernel's fault fails and the call returns an error).
 */
export function driverBlockedMessage(): string {
  return 'the script itself blocked in a userfault inside this call (it faulted on a registered range that only the script could resolve)';
}

/** The oracle reads at most 2^24 pages (64 GiB) per pagemap(). */
export const PAGEMAP_TOO_LARGE = 'pagemap() covers more than 16M pages (64G)';

function big(v: unknown): bigint {
  if (typeof v !== 'string') throw new Error(`oracle output: expected a hex string, got ${v}`);
  return v.startsWith('-') ? -BigInt(v.slice(1)) : BigInt(v);
}

function num(v: unknown): number {
  if (typeof v !== 'number') throw new Error(`oracle output: expected a number, got ${v}`);
  return v;
}

type Json = Record<string, unknown>;

function obj(v: unknown): Json {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new Error('oracle output: expected an object');
  return v as Json;
}

function arr(v: unknown): unknown[] {
  if (!Array.isArray(v)) throw new Error('oracle output: expected an array');
  return v;
}

/** One pagemap word and the kpageflags of its PFN (null when not present). */
export function decodePagemapWord(pm: bigint, kpf: bigint | null): PageFact {
  if (pm & PM_PRESENT) {
    const flags = kpf ?? 0n;
    return {
      state: 'present',
      frame: pm & PM_PFN_MASK,
      zero: (flags & KPF_ZERO_PAGE) !== 0n,
      excl: (pm & PM_MMAP_EXCLUSIVE) !== 0n,
      file: (pm & PM_FILE) !== 0n,
      wp: (pm & PM_UFFD_WP) !== 0n,
      thp: (flags & KPF_THP) !== 0n,
    };
  }
  if (pm & PM_SWAP) {
    const entry = pm & PM_PFN_MASK;
    const type = entry & ((1n << MAX_SWAPFILES_SHIFT) - 1n);
    const offset = entry >> MAX_SWAPFILES_SHIFT;
    if (type === SWP_PTE_MARKER) {
      if (offset & PTE_MARKER_POISONED) return { state: 'marker', marker: 'poison' };
      if (offset & PTE_MARKER_UFFD_WP) return { state: 'marker', marker: 'wp' };
    }
    return { state: 'swap' };
  }
  return { state: 'none' };
}

/** The path of an smaps header line -> the backing of a MapsEntry. */
export function decodeBacking(path: string, offset: bigint): MapsEntry['backing'] {
  if (path === '') return { kind: 'anon' };
  // MAP_SHARED|MAP_ANONYMOUS is a shmem file named "dev/zero" (mm/shmem.c shmem_zero_setup);
  // SysV shared memory shows as /SYSV<key>.
  if (path === '/dev/zero (deleted)' || path.startsWith('/SYSV')) return { kind: 'shared-anon' };
  // memfd_create names its shmem file "memfd:NAME" (mm/memfd.c); it is always unlinked.
  const m = /^\/memfd:(.*) \(deleted\)$/s.exec(path);
  if (m) return { kind: 'memfd', name: m[1]!, offset };
  return { kind: 'other', path };
}

/** seq_file_path escapes '\n' in paths as "\012" (fs/proc/task_mmu.c show_map_vma). */
function unescapePath(hexBytes: string): string {
  return Buffer.from(hexBytes, 'hex').toString('utf8').replace(/\\012/g, '\n');
}

export function decodeMapsEntry(raw: unknown): MapsEntry {
  const e = obj(raw);
  const flags = e['flags'];
  return {
    start: big(e['start']),
    end: big(e['end']),
    perms: String(e['perms']),
    backing: decodeBacking(unescapePath(String(e['path'])), big(e['offset'])),
    flags: typeof flags === 'string' && flags !== '' ? flags.split(' ') : [],
  };
}

function threadName(program: Program, idx: number): string | null {
  if (idx === -1) return null; // ptid 0: the uffd has no UFFD_FEATURE_THREAD_ID
  return program.threads[idx] ?? `tid?${idx}`;
}

function decodeMessage(program: Program, raw: unknown): UffdMessage {
  const m = obj(raw);
  switch (m['ev']) {
    case 'PAGEFAULT':
      return {
        event: 'PAGEFAULT',
        address: big(m['addr']),
        flags: num(m['flags']),
        thread: threadName(program, num(m['thread'])),
      };
    case 'REMAP':
      return { event: 'REMAP', from: big(m['from']), to: big(m['to']), len: big(m['len']) };
    case 'REMOVE':
      return { event: 'REMOVE', start: big(m['start']), end: big(m['end']) };
    case 'UNMAP':
      return { event: 'UNMAP', start: big(m['start']), end: big(m['end']) };
    case 'FORK':
      return { event: 'FORK', ufd: big(m['ufd']) };
    default:
      throw new Error(`oracle output: unknown uffd event ${String(m['ev'])}`);
  }
}

function decodeOutcome(raw: unknown): AccessOutcome {
  const o = obj(raw);
  if (o['overflow'] === true) throw new Error('oracle: too many tag runs in one load');
  const tags: number[] = [];
  for (const run of arr(o['tags'])) {
    const [b, n] = arr(run);
    for (let i = 0; i < num(n); i++) tags.push(num(b));
  }
  let stop: Stop | null = null;
  if (o['stop'] !== null) {
    const s = obj(o['stop']);
    const kind = s['kind'];
    if (kind !== 'SIGSEGV' && kind !== 'SIGBUS' && kind !== 'blocked')
      throw new Error(`oracle output: unknown stop ${String(kind)}`);
    stop = { kind, addr: big(s['addr']) };
  }
  return { access: o['acc'] === 'store' ? 'store' : 'load', tags, stop };
}

function decodePages(raw: unknown): PageFact[] {
  const pages: PageFact[] = [];
  for (const run of arr(raw)) {
    const [n, pm, kpf, step] = arr(run);
    const word = big(pm);
    const flags = kpf === null ? null : big(kpf);
    for (let i = 0; i < num(n); i++)
      pages.push(decodePagemapWord(word + BigInt(i * num(step)), flags));
  }
  return pages;
}

const OUT_NAMES = new Set(['features', 'ioctls', 'copy', 'zeropage', 'mapped', 'move', 'updated']);

/** One JSON line of an op -> its Fact. */
export function decodeFact(program: Program, raw: unknown): Fact {
  const j = obj(raw);
  switch (j['k']) {
    case 'call': {
      if (j['read'] === true) {
        const msg = j['msg'];
        return {
          kind: 'read',
          message: msg === null ? null : decodeMessage(program, msg),
          errno: num(j['errno']),
        };
      }
      const out: OutField[] = arr(j['out']).map((f) => {
        const [name, value] = arr(f);
        if (typeof name !== 'string' || !OUT_NAMES.has(name))
          throw new Error(`oracle output: unknown out field ${String(name)}`);
        return { name: name as OutField['name'], value: big(value) };
      });
      return { kind: 'call', ret: big(j['ret']), errno: num(j['errno']), out };
    }
    case 'access':
      return { kind: 'access', outcome: decodeOutcome(j['outcome']) };
    case 'wait':
      return { kind: 'wait', outcome: j['outcome'] === null ? null : decodeOutcome(j['outcome']) };
    case 'maps':
      return { kind: 'maps', entries: arr(j['entries']).map(decodeMapsEntry) };
    case 'pagemap':
      return { kind: 'pagemap', pages: decodePages(j['pages']) };
    case 'pgtables':
      return { kind: 'pgtables', delta: num(j['delta']) };
    case 'error': {
      switch (j['error']) {
        case 'unbound': {
          const slot = num(j['slot']);
          return {
            kind: 'error',
            message: unboundMessage(program.slots[slot]?.name ?? `#${slot}`),
          };
        }
        case 'blocked': {
          const t = num(j['thread']);
          return { kind: 'error', message: blockedMessage(program.threads[t] ?? `#${t}`) };
        }
        case 'toolarge':
          return { kind: 'error', message: PAGEMAP_TOO_LARGE };
        case 'driverblocked':
          return { kind: 'error', message: driverBlockedMessage() };
        default:
          return {
            kind: 'error',
            message: `the oracle refuses ${String(j['what'])}: it would damage the host`,
          };
      }
    }
    default:
      throw new Error(`oracle output: unknown fact kind ${String(j['k'])}`);
  }
}

export type DecodeResult =
  | {
      readonly ok: true;
      readonly header: RunHeader;
      readonly facts: Fact[];
      /** Per fact, the `"ns"` the oracle reported (MMSEXEC_TIMING=1), else null. */
      readonly ns: (number | null)[];
    }
  | { readonly ok: false; readonly fatal: string; readonly reason: string };

/**
 * The whole stdout of a run: a header line `{"top":..}`, one line per op (fewer when an error
 * fact stopped the run), then `{"end":true}`. `{"fatal":..}` anywhere ends the run.
 */
export function decodeOracleOutput(program: Program, stdout: string): DecodeResult {
  const lines = stdout.split('\n').filter((l) => l !== '');
  let header: RunHeader | null = null;
  const facts: Fact[] = [];
  const ns: (number | null)[] = [];
  let ended = false;
  for (const line of lines) {
    const j = obj(JSON.parse(line));
    if ('fatal' in j) {
      const fatal = String(j['fatal']);
      const reason = `oracle: ${fatal} (errno ${String(j['errno'] ?? 0)})`;
      return { ok: false, fatal, reason };
    }
    if (header === null) {
      header = { top: big(j['top']) };
      continue;
    }
    if (j['end'] === true) {
      ended = true;
      break;
    }
    facts.push(decodeFact(program, j));
    ns.push(typeof j['ns'] === 'number' ? j['ns'] : null);
  }
  if (header === null) return { ok: false, fatal: 'noheader', reason: 'oracle: no output' };
  if (!ended) return { ok: false, fatal: 'truncated', reason: 'oracle: output ends early' };
  const last = facts[facts.length - 1];
  if (facts.length !== program.ops.length && last?.kind !== 'error')
    return {
      ok: false,
      fatal: 'count',
      reason: `oracle: ${facts.length} facts for ${program.ops.length} ops`,
    };
  return { ok: true, header, facts, ns };
}
