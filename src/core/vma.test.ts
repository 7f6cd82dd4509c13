import { describe, expect, it } from 'vitest';
import { FIXED, K, effects, layout, map, newMm, store } from './testing';
import { sysMprotect } from './syscalls/mprotect';
import { sysMunmap } from './syscalls/munmap';
import { sysMadvise } from './syscalls/madvise';
import {
  MADV_HUGEPAGE,
  MADV_NOHUGEPAGE,
  MAP_ANONYMOUS,
  MAP_FIXED,
  MAP_PRIVATE,
  PROT_READ,
  PROT_WRITE,
} from './uapi';
import { VM_ACCOUNT, VM_HUGEPAGE, vmaLookup } from './vma';

const RW = PROT_READ | PROT_WRITE;
const ANON = MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED;
const b = BigInt;

describe('VMA merging (mm/vma.c)', () => {
  it('adjacent compatible anonymous mappings merge into one VMA', () => {
    const mm = newMm();
    map(mm, FIXED, 64 * K, RW, ANON);
    map(mm, FIXED + 64 * K, 64 * K, RW, ANON);
    expect(layout(mm, FIXED)).toEqual([[0, 128 * K]]);
    const e = effects(mm);
    expect(e.map((x) => x.type)).toEqual(['vma.add', 'vma.change']);
  });

  it('mprotect splits, and restoring the protection merges back', () => {
    const mm = newMm();
    map(mm, FIXED, 64 * K, RW, ANON);
    effects(mm);
    expect(sysMprotect(mm, b(FIXED + 16 * K), b(16 * K), b(PROT_READ)).errno).toBe(0);
    expect(layout(mm, FIXED)).toEqual([
      [0, 16 * K],
      [16 * K, 32 * K],
      [32 * K, 64 * K],
    ]);
    expect(effects(mm).filter((e) => e.type === 'vma.split')).toHaveLength(2);
    sysMprotect(mm, b(FIXED + 16 * K), b(16 * K), b(RW));
    expect(layout(mm, FIXED)).toEqual([[0, 64 * K]]);
    expect(effects(mm).some((e) => e.type === 'vma.merge' && e.before.length === 3)).toBe(true);
  });

  it('two faulted VMAs with different anon_vmas do not merge; an unfaulted one does', () => {
    const mm = newMm();
    map(mm, FIXED, 16 * K, PROT_READ, ANON);
    map(mm, FIXED + 16 * K, 16 * K, RW, ANON);
    // Fault both while they differ: each gets its own anon_vma (the neighbour's flags differ).
    sysMprotect(mm, b(FIXED), b(16 * K), b(RW));
    expect(layout(mm, FIXED)).toEqual([[0, 32 * K]]);
    const mm2 = newMm();
    map(mm2, FIXED, 16 * K, RW, ANON);
    map(mm2, FIXED + 32 * K, 16 * K, RW, ANON);
    store(mm2, FIXED, 4 * K, 'a');
    store(mm2, FIXED + 32 * K, 4 * K, 'b');
    const a1 = vmaLookup(mm2, FIXED)!.anonVma;
    const a2 = vmaLookup(mm2, FIXED + 32 * K)!.anonVma;
    expect(a1).not.toBe(0);
    expect(a1).not.toBe(a2);
    // The hole between them filled with a new mapping: it merges with one side only.
    map(mm2, FIXED + 16 * K, 16 * K, RW, ANON);
    expect(layout(mm2, FIXED)).toEqual([
      [0, 32 * K],
      [32 * K, 48 * K],
    ]);
  });

  it('partial munmap splits the VMA and keeps the id on the lowest part', () => {
    const mm = newMm();
    map(mm, FIXED, 64 * K, RW, ANON);
    const id = vmaLookup(mm, FIXED)!.id;
    effects(mm);
    sysMunmap(mm, b(FIXED + 16 * K), b(16 * K));
    expect(layout(mm, FIXED)).toEqual([
      [0, 16 * K],
      [32 * K, 64 * K],
    ]);
    expect(vmaLookup(mm, FIXED)!.id).toBe(id);
    const types = effects(mm).map((e) => e.type);
    expect(types).toContain('vma.split');
    expect(types).toContain('vma.remove');
  });

  it('madvise flag changes split and merge back (VM_HUGEPAGE)', () => {
    const mm = newMm();
    map(mm, FIXED, 64 * K, RW, ANON);
    sysMadvise(mm, b(FIXED + 16 * K), b(16 * K), b(MADV_HUGEPAGE));
    expect(layout(mm, FIXED)).toHaveLength(3);
    expect(vmaLookup(mm, FIXED + 16 * K)!.flags & VM_HUGEPAGE).not.toBe(0);
    sysMadvise(mm, b(FIXED), b(64 * K), b(MADV_NOHUGEPAGE));
    expect(layout(mm, FIXED)).toEqual([[0, 64 * K]]);
  });

  it('mprotect of an unfaulted anonymous VMA to read-only drops VM_ACCOUNT, a faulted one keeps it', () => {
    const mm = newMm();
    map(mm, FIXED, 16 * K, RW, ANON);
    sysMprotect(mm, b(FIXED), b(16 * K), b(PROT_READ));
    expect(vmaLookup(mm, FIXED)!.flags & VM_ACCOUNT).toBe(0);
    const mm2 = newMm();
    map(mm2, FIXED, 16 * K, RW, ANON);
    store(mm2, FIXED, 4 * K, 'x');
    sysMprotect(mm2, b(FIXED), b(16 * K), b(PROT_READ));
    expect(vmaLookup(mm2, FIXED)!.flags & VM_ACCOUNT).not.toBe(0);
  });
});
