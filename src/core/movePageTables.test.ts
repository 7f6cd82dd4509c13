// owned by the mremap engineer
/**
 * move_page_tables(): which level moves, as in mm/mremap.c of each profile. The expected
 * page-table counts are the ones the host kernel (6.18) printed for the same steps in
 * tests/conformance/mremap (pgtables()), the older profiles follow the sources.
 */
import { describe, expect, it } from 'vitest';
import { Mm } from './mm';
import { profileFor, type Profile } from './profiles';
import { sysMmap } from './syscalls/mmap';
import { sysMremap } from './syscalls/mremap';
import { accessPage, FAULT_OK } from './fault';
import { sysMadvise } from './syscalls/madvise';
import type { Effect } from './effects';
import {
  MADV_HUGEPAGE,
  MADV_NOHUGEPAGE,
  MAP_ANONYMOUS,
  MAP_FIXED,
  MAP_PRIVATE,
  MREMAP_DONTUNMAP,
  MREMAP_FIXED,
  MREMAP_MAYMOVE,
  PROT_READ,
  PROT_WRITE,
} from './uapi';
import { getExtent, pageTableMoveControl } from './movePageTables';
import { vmaLookup } from './vma';

const K = 1024;
const M = 1024 * K;
const G = 1024 * M;
const R = 0x100000000000;
const MOVE = MREMAP_MAYMOVE | MREMAP_FIXED;
const DONTUNMAP = MOVE | MREMAP_DONTUNMAP;

function newMm(version: string | null = null): Mm {
  const p: Profile | null = profileFor(version);
  if (p === null) throw new Error('profile');
  return new Mm(p);
}

function mmapAnon(mm: Mm, addr: number, len: number): number {
  const r = sysMmap(
    mm,
    BigInt(addr),
    BigInt(len),
    BigInt(PROT_READ | PROT_WRITE),
    BigInt(MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED),
    -1n,
    0n,
  );
  expect(r.errno).toBe(0);
  return Number(r.ret);
}

function madvise(mm: Mm, addr: number, len: number, advice: number): void {
  expect(sysMadvise(mm, BigInt(addr), BigInt(len), BigInt(advice)).errno).toBe(0);
}

function store(mm: Mm, addr: number, len: number, tag = 0x41): void {
  for (let a = addr; a < addr + len; a += 4096) {
    expect(accessPage(mm, 'main', a, true, tag)).toBe(FAULT_OK);
  }
}

function load(mm: Mm, addr: number): number {
  expect(accessPage(mm, 'main', addr, false, 0)).toBe(FAULT_OK);
  return mm.lastTag;
}

function mremap(mm: Mm, addr: number, oldLen: number, newLen: number, flags: number, newAddr = 0) {
  mm.log.flush();
  mm.log.take();
  const r = sysMremap(
    mm,
    BigInt(addr),
    BigInt(oldLen),
    BigInt(newLen),
    BigInt(flags),
    BigInt(newAddr),
  );
  mm.log.flush();
  const effects = mm.log.take();
  return { ret: Number(r.ret), errno: r.errno, effects };
}

function moves(effects: readonly Effect[]): string[] {
  const out: string[] = [];
  for (const e of effects) {
    if (e.type === 'entries.move') out.push(`${e.level}${e.huge ? '(huge)' : ''}x${e.count}`);
  }
  return out;
}

function allocs(effects: readonly Effect[]): string[] {
  return effects
    .filter((e) => e.type === 'table.alloc')
    .map((e) => (e.type === 'table.alloc' ? e.level : ''));
}

describe('get_extent', () => {
  it('stops at the nearest boundary of either address and at old_end', () => {
    const vma = undefined as never;
    expect(getExtent(pageTableMoveControl(vma, vma, R, R + 2 * M, 4 * M), 2 * M)).toBe(2 * M);
    expect(getExtent(pageTableMoveControl(vma, vma, R, R + 2 * M + 4096, 4 * M), 2 * M)).toBe(
      2 * M - 4096,
    );
    expect(getExtent(pageTableMoveControl(vma, vma, R + 4096, R + 2 * M, 4 * M), 2 * M)).toBe(
      2 * M - 4096,
    );
    expect(getExtent(pageTableMoveControl(vma, vma, R, R + 2 * M, 16 * K), 2 * M)).toBe(16 * K);
    expect(getExtent(pageTableMoveControl(vma, vma, R, R + G, 2 * G), G)).toBe(G);
  });
});

describe('move_page_tables levels', () => {
  it('moves PTEs one by one when the 2 MiB offsets differ (level_pte_move)', () => {
    const mm = newMm();
    const a = mmapAnon(mm, R + 0x1000, 16 * K);
    store(mm, a, 16 * K);
    expect(mm.pgtablesDelta()).toBe(12 * K);
    const r = mremap(mm, a, 16 * K, 16 * K, MOVE, R + 0x203000);
    expect(r.ret).toBe(R + 0x203000);
    expect(moves(r.effects)).toEqual(['ptex4']);
    expect(allocs(r.effects)).toEqual(['pte']);
    expect(mm.pgtablesDelta()).toBe(12 * K);
    const c = mremap(mm, R + 0x203000, 16 * K, 16 * K, DONTUNMAP, R + 0x3ff000);
    expect(moves(c.effects)).toEqual(['ptex1', 'ptex3']);
    expect(mm.pgtablesDelta()).toBe(16 * K);
    expect(load(mm, R + 0x3ff000)).toBe(0x41);
    expect(load(mm, R + 0x402000)).toBe(0x41);
  });

  it('moves a whole PTE table as one PMD entry (level_pmd_move)', () => {
    const mm = newMm();
    const a = mmapAnon(mm, R, 4 * M);
    madvise(mm, a, 4 * M, MADV_NOHUGEPAGE);
    store(mm, a, 4 * M);
    expect(mm.pgtablesDelta()).toBe(16 * K);
    const b = mremap(mm, a, 4 * M, 4 * M, DONTUNMAP, R + 4 * M);
    // Two contiguous PMD chunks of one entry each: one record of 2 (MoveRecords).
    expect(moves(b.effects)).toEqual(['pmdx2']);
    expect(allocs(b.effects)).toEqual([]);
    expect(mm.pgtablesDelta()).toBe(16 * K);
    const c = mremap(mm, R + 4 * M, 4 * M, 4 * M, DONTUNMAP, R + 8 * M + 4096);
    expect(moves(c.effects).every((m) => m.startsWith('pte'))).toBe(true);
    expect(mm.pgtablesDelta()).toBe(28 * K);
  });

  it('moves the first 2 MiB at PMD level and the rest at PTE level (level_pmd_partial_chunks)', () => {
    const mm = newMm();
    const a = mmapAnon(mm, R, 4 * M);
    madvise(mm, a, 4 * M, MADV_NOHUGEPAGE);
    store(mm, a, 4 * M);
    const b = mremap(mm, a, 3 * M, 3 * M, DONTUNMAP, R + 6 * M);
    expect(moves(b.effects)).toEqual(['pmdx1', 'ptex256']);
    expect(mm.pgtablesDelta()).toBe(20 * K);
  });

  it('moves a THP as one huge PMD with its deposited table (level_thp_pmd_move)', () => {
    const mm = newMm();
    const a = mmapAnon(mm, R, 4 * M);
    madvise(mm, a, 4 * M, MADV_HUGEPAGE);
    store(mm, a, 2 * M, 0x54);
    expect(mm.pgtablesDelta()).toBe(12 * K);
    const b = mremap(mm, a, 2 * M, 2 * M, MOVE, R + 4 * M);
    expect(moves(b.effects)).toEqual(['pmd(huge)x1']);
    expect(mm.pgtablesDelta()).toBe(12 * K);
    expect(load(mm, R + 4 * M)).toBe(0x54);
  });

  it('splits a THP moved to a misaligned address (level_thp_split_misaligned)', () => {
    const mm = newMm();
    const a = mmapAnon(mm, R, 4 * M);
    madvise(mm, a, 4 * M, MADV_HUGEPAGE);
    store(mm, a, 2 * M, 0x54);
    const b = mremap(mm, a, 2 * M, 2 * M, MOVE, R + 4 * M + 4096);
    expect(moves(b.effects)).toEqual(['ptex511', 'ptex1']);
    expect(mm.pgtablesDelta()).toBe(16 * K);
    expect(load(mm, R + 5 * M)).toBe(0x54);
  });

  it('moves a whole PMD table at PUD level (level_pud_move)', () => {
    const mm = newMm();
    const a = mmapAnon(mm, R + G, G);
    store(mm, a, 4096, 0x41);
    store(mm, a + 512 * M, 4096, 0x42);
    store(mm, a + G - 4096, 4096, 0x43);
    expect(mm.pgtablesDelta()).toBe(20 * K);
    const b = mremap(mm, a, G, G, DONTUNMAP, R + 2 * G);
    expect(moves(b.effects)).toEqual(['pudx1']);
    expect(allocs(b.effects)).toEqual([]);
    expect(mm.pgtablesDelta()).toBe(20 * K);
    expect(load(mm, a)).toBe(0);
    expect(mm.pgtablesDelta()).toBe(28 * K);
    expect(load(mm, R + 2 * G + 512 * M)).toBe(0x42);
  });

  it('has no PUD moves before 5.11: the 5.7 profile moves 512 PMD entries', () => {
    const mm = newMm('5.7');
    const a = mmapAnon(mm, R + G, G);
    store(mm, a, 4096);
    store(mm, a + G - 4096, 4096);
    const b = mremap(mm, a, G, G, DONTUNMAP, R + 2 * G);
    expect(moves(b.effects)).toEqual(['pmdx1', 'pmdx1']);
    expect(allocs(b.effects)).toEqual(['pmd']);
  });

  it('moves at PMD level when the 1 GiB offsets differ (level_pud_misaligned)', () => {
    const mm = newMm();
    const a = mmapAnon(mm, R + G, G);
    store(mm, a, 4096);
    store(mm, a + G - 4096, 4096);
    expect(mm.pgtablesDelta()).toBe(16 * K);
    const b = mremap(mm, a, G, G, DONTUNMAP, R + 2 * G + 2 * M);
    expect(moves(b.effects)).toEqual(['pmdx1', 'pmdx1']);
    expect(mm.pgtablesDelta()).toBe(24 * K);
  });

  it('skips chunks without source tables (level_pud_unpopulated_skipped)', () => {
    const mm = newMm();
    const a = mmapAnon(mm, R + G, G);
    const b = mremap(mm, a, G, G, DONTUNMAP, R + 2 * G);
    expect(b.effects.filter((e) => e.type === 'entries.move' || e.type === 'table.alloc')).toEqual(
      [],
    );
    expect(mm.pgtablesDelta()).toBe(0);
  });
});

describe('align-down (6.7+)', () => {
  function setup(version: string | null) {
    const mm = newMm(version);
    const a = mmapAnon(mm, R + M, 2 * M);
    madvise(mm, a, 2 * M, MADV_NOHUGEPAGE);
    store(mm, a, 2 * M);
    return { mm, a };
  }

  it('rounds both addresses down so the first chunk moves a whole table (align_down_basic)', () => {
    const { mm, a } = setup(null);
    expect(mm.pgtablesDelta()).toBe(16 * K);
    const b = mremap(mm, a, 2 * M, 2 * M, DONTUNMAP, R + 5 * M);
    expect(moves(b.effects)).toEqual(['pmdx1', 'ptex256']);
    expect(mm.pgtablesDelta()).toBe(20 * K);
    const vb = vmaLookup(mm, R + 5 * M)!;
    expect([vb.start, vb.end]).toEqual([R + 5 * M, R + 7 * M]);
  });

  it('does not realign before 6.7 (6.6 profile)', () => {
    const { mm, a } = setup('6.6');
    const b = mremap(mm, a, 2 * M, 2 * M, DONTUNMAP, R + 5 * M);
    expect(moves(b.effects)).toEqual(['ptex256', 'ptex256']);
    expect(mm.pgtablesDelta()).toBe(24 * K);
  });

  it('needs nothing mapped below the source in its block (align_down_blocked_source)', () => {
    const mm = newMm();
    mmapAnon(mm, R, 4096);
    const a = mmapAnon(mm, R + M, 2 * M);
    madvise(mm, a, 2 * M, MADV_NOHUGEPAGE);
    store(mm, a, 2 * M);
    mremap(mm, a, 2 * M, 2 * M, DONTUNMAP, R + 5 * M);
    expect(mm.pgtablesDelta()).toBe(24 * K);
  });

  it('needs nothing mapped below the destination (align_down_blocked_destination)', () => {
    const mm = newMm();
    mmapAnon(mm, R + 4 * M, 4096);
    const a = mmapAnon(mm, R + M, 2 * M);
    madvise(mm, a, 2 * M, MADV_NOHUGEPAGE);
    store(mm, a, 2 * M);
    mremap(mm, a, 2 * M, 2 * M, DONTUNMAP, R + 5 * M);
    expect(mm.pgtablesDelta()).toBe(24 * K);
  });

  it('needs the range to reach the boundary (align_down_exact_boundary)', () => {
    const mm = newMm();
    const a = mmapAnon(mm, R + M, M);
    store(mm, a, M);
    expect(mm.pgtablesDelta()).toBe(12 * K);
    mremap(mm, a, M, M, DONTUNMAP, R + 5 * M);
    expect(mm.pgtablesDelta()).toBe(12 * K);
    const c = mmapAnon(mm, R + 9 * M, M - 4096);
    store(mm, c, M - 4096);
    expect(mm.pgtablesDelta()).toBe(16 * K);
    mremap(mm, c, M - 4096, M - 4096, DONTUNMAP, R + 13 * M);
    expect(mm.pgtablesDelta()).toBe(20 * K);
  });

  it('can turn the first chunk into a PUD move (align_down_enables_pud)', () => {
    const mm = newMm();
    const a = mmapAnon(mm, R + G + M, G);
    store(mm, a, 4096);
    store(mm, a + 512 * M, 4096);
    store(mm, a + G - 4096, 4096);
    expect(mm.pgtablesDelta()).toBe(24 * K);
    const b = mremap(mm, a, G, G, DONTUNMAP, R + 4 * G + M);
    expect(moves(b.effects)[0]).toBe('pudx1');
    expect(mm.pgtablesDelta()).toBe(32 * K);
    load(mm, a);
    expect(mm.pgtablesDelta()).toBe(40 * K);
  });
});
