import { describe, expect, it } from 'vitest';
import { PageTables, mkPte, pteIsPresent, ptePfn, pteWrite, addrEnd } from './pageTable';
import { RunLog } from './runLog';

const PMD = 2 ** 21;
const PUD = 2 ** 30;
const BASE = 0x100000000000;

describe('PageTables', () => {
  it('allocates PUD, PMD and PTE tables on demand and counts them in VmPTE', () => {
    const pt = new PageTables();
    const log = new RunLog();
    const s = pt.pteSlotAlloc(BASE + 5 * 4096, log);
    expect(s).toBeGreaterThanOrEqual(0);
    expect(pt.bytes()).toBe(3 * 4096);
    expect(log.take().map((e) => e.type === 'table.alloc' && e.level)).toEqual([
      'pud',
      'pmd',
      'pte',
    ]);
    // Same table for a neighbour; a new PTE table 2 MiB further.
    pt.pteSlotAlloc(BASE + 6 * 4096, log);
    expect(pt.bytes()).toBe(3 * 4096);
    pt.pteSlotAlloc(BASE + PMD, log);
    expect(pt.bytes()).toBe(4 * 4096);
  });

  it('encodes entries compactly', () => {
    const e = mkPte(123456, true);
    expect(pteIsPresent(e)).toBe(true);
    expect(ptePfn(e)).toBe(123456);
    expect(pteWrite(e)).toBe(true);
    expect(pteWrite(mkPte(7, false))).toBe(false);
  });

  it('free_pgd_range frees only what lies between floor and ceiling', () => {
    const pt = new PageTables();
    const log = new RunLog();
    pt.pteSlotAlloc(BASE, log);
    pt.pteSlotAlloc(BASE + PMD, log);
    log.take();
    // A neighbour ends inside the first table's 2 MiB: that PTE table stays.
    pt.freePgdRange(BASE, BASE + 2 * PMD, BASE + 4096, 0, log);
    expect(
      log.take().map((e) => (e.type === 'table.free' ? `${e.level}@${e.base - BASE}` : e.type)),
    ).toEqual([`pte@${PMD}`]);
    expect(pt.pteSlot(BASE)).toBeGreaterThanOrEqual(0);
    // Nothing around: everything goes, up to the PUD table.
    pt.freePgdRange(BASE, BASE + 2 * PMD, 0, 0, log);
    expect(log.take().map((e) => (e.type === 'table.free' ? e.level : e.type))).toEqual([
      'pte',
      'pmd',
      'pud',
    ]);
    expect(pt.bytes()).toBe(0);
  });

  it('a ceiling inside the same PUD region keeps the PMD table', () => {
    const pt = new PageTables();
    const log = new RunLog();
    pt.pteSlotAlloc(BASE, log);
    log.take();
    pt.freePgdRange(BASE, BASE + 4096, 0, BASE + PUD - PMD, log);
    expect(log.take().map((e) => (e.type === 'table.free' ? e.level : e.type))).toEqual(['pte']);
    expect(pt.bytes()).toBe(2 * 4096);
  });

  it('tables moved whole are freed under their new addresses (no base is kept per table)', () => {
    const pt = new PageTables();
    const log = new RunLog();
    pt.pteSlotAlloc(BASE + 3 * PMD, log);
    // move_normal_pud(): the PMD table (and its PTE table) now maps BASE + PUD.
    const dst = pt.pudSlotAlloc(BASE + PUD, log);
    pt.attachPmdTable(dst, pt.detachPmdTable(pt.pudSlot(BASE)));
    log.take();
    pt.freePgdRange(BASE + PUD, BASE + 2 * PUD, 0, 0, log);
    expect(
      log.take().map((e) => (e.type === 'table.free' ? `${e.level}@${e.base - BASE}` : e.type)),
    ).toEqual([`pte@${PUD + 3 * PMD}`, `pmd@${PUD}`, 'pud@0']);
  });

  it('addrEnd stops at the next boundary or the end', () => {
    expect(addrEnd(BASE + 4096, BASE + 3 * PMD, PMD)).toBe(BASE + PMD);
    expect(addrEnd(BASE + 4096, BASE + 8192, PMD)).toBe(BASE + 8192);
  });

  it('clones are independent', () => {
    const pt = new PageTables();
    const log = new RunLog();
    const s = pt.pteSlotAlloc(BASE, log);
    pt.pte.data[s] = mkPte(9, true);
    const c = pt.clone();
    c.pte.data[s] = 0;
    expect(pt.pte.data[s]).toBe(mkPte(9, true));
  });
});
