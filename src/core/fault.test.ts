import { describe, expect, it } from 'vitest';
import { FIXED, K, M, effects, load, map, newMm, page, store } from './testing';
import { sysMemfdCreate, sysFtruncate } from './syscalls/memfd';
import { sysMadvise } from './syscalls/madvise';
import { sysMprotect } from './syscalls/mprotect';
import {
  MADV_HUGEPAGE,
  MAP_ANONYMOUS,
  MAP_FIXED,
  MAP_PRIVATE,
  MAP_SHARED,
  PROT_NONE,
  PROT_READ,
  PROT_WRITE,
} from './uapi';
import { ZERO_PFN } from './frames';

const RW = PROT_READ | PROT_WRITE;
const ANON = MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED;
const b = BigInt;

function memfd(mm: ReturnType<typeof newMm>, size: number): number {
  const fd = Number(sysMemfdCreate(mm, 'm', 0n).ret);
  sysFtruncate(mm, b(fd), b(size));
  return fd;
}

describe('anonymous faults', () => {
  it('a read maps the zero page, a write replaces it with a new exclusive page (CoW)', () => {
    const mm = newMm();
    map(mm, FIXED, 16 * K, RW, ANON);
    effects(mm);
    expect(load(mm, FIXED, 8 * K).tags).toEqual([0, 0]);
    const p0 = page(mm, FIXED);
    expect(p0).toMatchObject({ state: 'present', zero: true, excl: false, file: false });
    expect(effects(mm)).toContainEqual(
      expect.objectContaining({ type: 'entries.set', entry: 'zero', pages: 2, pfn: ZERO_PFN }),
    );
    store(mm, FIXED, 4 * K, 'A');
    const p1 = page(mm, FIXED);
    expect(p1).toMatchObject({ state: 'present', zero: false, excl: true });
    expect(effects(mm)).toContainEqual(expect.objectContaining({ type: 'fault', outcome: 'cow' }));
    expect(load(mm, FIXED, 8 * K).tags).toEqual([65, 0]);
  });

  it('a write to a read-only mapped exclusive page reuses it (same frame)', () => {
    const mm = newMm();
    map(mm, FIXED, 16 * K, RW, ANON);
    store(mm, FIXED, 4 * K, 'A');
    const before = page(mm, FIXED);
    sysMprotect(mm, b(FIXED), b(16 * K), b(PROT_READ));
    sysMprotect(mm, b(FIXED), b(16 * K), b(RW));
    store(mm, FIXED, 4 * K, 'B');
    expect(page(mm, FIXED)).toEqual({ ...before });
  });

  it('populating a range coalesces into a handful of effect records', () => {
    const mm = newMm();
    map(mm, FIXED, 64 * M, RW, ANON);
    effects(mm);
    store(mm, FIXED, 64 * M, 'A');
    const e = effects(mm);
    // Page runs are broken only by the 32 PTE tables allocated on the way.
    expect(
      e
        .filter((x) => x.type === 'fault')
        .reduce((s, x) => s + (x.type === 'fault' ? x.pages : 0), 0),
    ).toBe(16384);
    expect(e.length).toBeLessThan(32 * 4 + 8);
  });

  it('PROT_NONE and unmapped accesses take SIGSEGV at the page', () => {
    const mm = newMm();
    map(mm, FIXED, 16 * K, PROT_NONE, ANON);
    expect(load(mm, FIXED + 100, 4 * K).stop).toEqual({ kind: 'SIGSEGV', addr: FIXED });
    map(mm, FIXED + 16 * K, 8 * K, PROT_READ, ANON);
    const r = load(mm, FIXED + 16 * K, 12 * K);
    expect(r.tags).toEqual([0, 0]);
    expect(r.stop).toEqual({ kind: 'SIGSEGV', addr: FIXED + 24 * K });
    expect(store(mm, FIXED + 16 * K, 1, 'x').stop).toEqual({
      kind: 'SIGSEGV',
      addr: FIXED + 16 * K,
    });
  });
});

describe('THP (madvise mode)', () => {
  it('a read maps the huge zero page, a write allocates a THP', () => {
    const mm = newMm();
    map(mm, FIXED, 4 * M, RW, ANON);
    sysMadvise(mm, b(FIXED), b(4 * M), b(MADV_HUGEPAGE));
    const base = mm.pgtablesDelta();
    load(mm, FIXED, 4 * K);
    expect(page(mm, FIXED + 8 * K)).toMatchObject({ zero: true, thp: true, file: true });
    // PUD + PMD tables + the deposited PTE table.
    expect(mm.pgtablesDelta() - base).toBe(12 * K);
    store(mm, FIXED, 4 * K, 'A');
    expect(page(mm, FIXED + 8 * K)).toMatchObject({ zero: false, thp: true, excl: true });
    expect(mm.pgtablesDelta() - base).toBe(12 * K);
  });
});

describe('shmem faults', () => {
  it('shared pages are page-cache pages (file), private writes copy them', () => {
    const mm = newMm();
    const fd = memfd(mm, 16 * K);
    const s = map(mm, 0, 16 * K, RW, MAP_SHARED, fd);
    const p = map(mm, 0, 16 * K, RW, MAP_PRIVATE, fd);
    store(mm, s, 4 * K, 'S');
    expect(page(mm, s)).toMatchObject({ state: 'present', file: true, excl: true });
    expect(load(mm, p, 4 * K).tags).toEqual([83]);
    // Both map the same cache page now: not exclusive any more.
    expect(page(mm, s)).toMatchObject({ excl: false });
    store(mm, p, 4 * K, 'P');
    expect(page(mm, p)).toMatchObject({ file: false, excl: true });
    expect(load(mm, s, 4 * K).tags).toEqual([83]);
  });

  it('a read fault maps the cached pages around it (fault-around)', () => {
    const mm = newMm();
    const fd = memfd(mm, 64 * K);
    const s = map(mm, 0, 64 * K, RW, MAP_SHARED, fd);
    store(mm, s, 64 * K, 'S');
    const p = map(mm, 0, 64 * K, PROT_READ, MAP_PRIVATE, fd);
    load(mm, p + 20 * K, 4 * K);
    for (let i = 0; i < 16; i++) expect(page(mm, p + i * 4 * K).state).toBe('present');
  });

  it('access beyond EOF takes SIGBUS', () => {
    const mm = newMm();
    const fd = memfd(mm, 6 * K);
    const s = map(mm, 0, 16 * K, RW, MAP_SHARED, fd);
    const r = load(mm, s, 16 * K);
    expect(r.tags).toEqual([0, 0]);
    expect(r.stop).toEqual({ kind: 'SIGBUS', addr: s + 8 * K });
  });
});

describe('stack growth', () => {
  it('a fault below a MAP_GROWSDOWN VMA grows it down to the page (expand_downwards)', () => {
    const mm = newMm();
    const s = map(mm, FIXED + M, 16 * K, RW, ANON | 0x0100 /* MAP_GROWSDOWN */);
    effects(mm);
    expect(store(mm, s - 8 * K, 4 * K, 'S').stop).toBeNull();
    expect(mm.vmas.find((v) => !v.runtime)!.start).toBe(s - 8 * K);
    expect(effects(mm)).toContainEqual(expect.objectContaining({ type: 'vma.change' }));
    // Within stack_guard_gap of an accessible VMA below: SIGSEGV.
    map(mm, FIXED, 16 * K, RW, ANON);
    expect(load(mm, FIXED + 16 * K + 4 * K, 4 * K).stop).toMatchObject({ kind: 'SIGSEGV' });
  });
});
