/**
 * Helpers for the core's unit tests: run calls and accesses on an `Mm` with plain numbers and
 * collect effects. Not used by the simulator itself.
 */
import { Mm } from './mm';
import type { Effect } from './effects';
import type { Profile } from './profiles';
import { runThread, startAccess } from './cpu';
import { pageState, type PageState } from './observe';
import { sysMmap } from './syscalls/mmap';
import type { SysResult } from './syscalls/result';

export const K = 1024;
export const M = 1024 * 1024;
export const G = 1024 * 1024 * 1024;
/** A fixed address far below top where page tables are the script's own. */
export const FIXED = 0x100000000000;

export function newMm(profile?: Profile): Mm {
  return profile === undefined ? new Mm() : new Mm(profile);
}

export function b(n: number | bigint): bigint {
  return typeof n === 'bigint' ? n : BigInt(n);
}

/** mmap with numbers; returns the address, or throws with the errno. */
export function map(
  mm: Mm,
  addr: number,
  len: number,
  prot: number,
  flags: number,
  fd = -1,
  off = 0,
): number {
  const r = sysMmap(mm, b(addr), b(len), b(prot), b(flags), BigInt.asUintN(64, b(fd)), b(off));
  if (r.errno !== 0) throw new Error(`mmap failed: errno ${r.errno}`);
  return Number(r.ret);
}

export function errnoOf(r: SysResult): number {
  return r.errno;
}

export interface AccessResult {
  readonly tags: number[];
  readonly stop: { kind: string; addr: number } | null;
}

function access(
  mm: Mm,
  kind: 'load' | 'store',
  addr: number,
  len: number,
  tag: number,
  thread = 'main',
): AccessResult {
  const t = mm.thread(thread);
  const a = startAccess(mm, t, kind, b(addr), b(len), tag);
  runThread(mm, t);
  return {
    tags: a.tagList(),
    stop: a.stop === null ? null : { kind: a.stop.kind, addr: Number(a.stop.addr) },
  };
}

export function load(mm: Mm, addr: number, len: number, thread = 'main'): AccessResult {
  return access(mm, 'load', addr, len, 0, thread);
}

export function store(
  mm: Mm,
  addr: number,
  len: number,
  tag: string,
  thread = 'main',
): AccessResult {
  return access(mm, 'store', addr, len, tag.charCodeAt(0), thread);
}

/** Effects recorded since the last call. */
export function effects(mm: Mm): Effect[] {
  return mm.log.take();
}

export function page(mm: Mm, addr: number): PageState {
  return pageState(mm, addr);
}

/** The VMAs below top as [start, end, flags] triples, relative to base. */
export function layout(mm: Mm, base = 0): Array<[number, number]> {
  return mm.vmas.filter((v) => !v.runtime).map((v) => [v.start - base, v.end - base]);
}
