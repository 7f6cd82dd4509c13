import { describe, expect, it } from 'vitest';
import { FIXED, K, M, effects, load, map, newMm, page, store } from '../testing';
import { sysMmap } from './mmap';
import { sysMunmap } from './munmap';
import { sysMprotect } from './mprotect';
import { sysMadvise } from './madvise';
import { sysMlock, sysMlock2, sysMunlock } from './mlock';
import { sysClose, sysFallocate, sysFtruncate, sysMemfdCreate, sysUserfaultfd } from './memfd';
import {
  FALLOC_FL_KEEP_SIZE,
  FALLOC_FL_PUNCH_HOLE,
  MADV_DONTNEED,
  MADV_FREE,
  MADV_PAGEOUT,
  MADV_POPULATE_WRITE,
  MADV_REMOVE,
  MAP_ANONYMOUS,
  MAP_FIXED,
  MAP_FIXED_NOREPLACE,
  MAP_NORESERVE,
  MAP_POPULATE,
  MAP_PRIVATE,
  MAP_SHARED,
  MAP_SHARED_VALIDATE,
  MLOCK_ONFAULT,
  PROT_READ,
  PROT_WRITE,
} from '../uapi';
import { EBADF, EEXIST, EINVAL, ENODEV, ENOMEM, EOPNOTSUPP } from '../errno';
import { VM_LOCKED, VM_LOCKONFAULT, vmaLookup } from '../vma';

const RW = PROT_READ | PROT_WRITE;
const ANON = MAP_PRIVATE | MAP_ANONYMOUS;
const b = BigInt;
const m64 = (v: number) => BigInt.asUintN(64, BigInt(v));

describe('mmap', () => {
  it('checks in the kernel order', () => {
    const mm = newMm();
    // Offset alignment first, even before EBADF.
    expect(sysMmap(mm, 0n, b(4 * K), b(RW), b(MAP_SHARED), 99n, 1n).errno).toBe(EINVAL);
    expect(sysMmap(mm, 0n, b(4 * K), b(RW), b(MAP_SHARED), 99n, 0n).errno).toBe(EBADF);
    expect(sysMmap(mm, 0n, 0n, b(RW), b(ANON), m64(-1), 0n).errno).toBe(EINVAL);
    expect(sysMmap(mm, 0n, m64(-1), b(RW), b(ANON), m64(-1), 0n).errno).toBe(ENOMEM);
    expect(
      sysMmap(mm, 0n, b(4 * K), b(RW), b(MAP_SHARED_VALIDATE | MAP_ANONYMOUS), m64(-1), 0n).errno,
    ).toBe(EINVAL);
    const fd = sysMemfdCreate(mm, 'x', 0n).ret;
    expect(sysMmap(mm, 0n, b(4 * K), b(RW), b(MAP_SHARED_VALIDATE | 0x200000), fd, 0n).errno).toBe(
      EOPNOTSUPP,
    );
    const u = sysUserfaultfd(mm, 0n).ret;
    expect(sysMmap(mm, 0n, b(4 * K), b(PROT_READ), b(MAP_SHARED), u, 0n).errno).toBe(ENODEV);
  });

  it('places top-down below top, THP-aligning 2 MiB multiples', () => {
    const mm = newMm();
    const top = mm.top;
    expect(map(mm, 0, 16 * K, RW, ANON)).toBe(top - 0x4000);
    expect(map(mm, 0, 4 * M, RW, ANON)).toBe(top - 0x600000);
    expect(map(mm, 0, 8 * K, RW, ANON)).toBe(top - 0x6000);
  });

  it('MAP_FIXED_NOREPLACE fails with EEXIST on overlap; MAP_FIXED replaces', () => {
    const mm = newMm();
    map(mm, FIXED, 16 * K, RW, ANON | MAP_FIXED);
    store(mm, FIXED, 16 * K, 'A');
    expect(
      sysMmap(mm, b(FIXED + 8 * K), b(16 * K), b(RW), b(ANON | MAP_FIXED_NOREPLACE), m64(-1), 0n)
        .errno,
    ).toBe(EEXIST);
    map(mm, FIXED + 8 * K, 4 * K, PROT_READ, ANON | MAP_FIXED);
    expect(load(mm, FIXED, 16 * K).tags).toEqual([65, 65, 0, 65]);
  });

  it('overcommit: private writable memory beyond RAM fails unless MAP_NORESERVE', () => {
    const mm = newMm();
    expect(sysMmap(mm, 0n, b(2 ** 40), b(RW), b(ANON), m64(-1), 0n).errno).toBe(ENOMEM);
    expect(sysMmap(mm, 0n, b(2 ** 40), b(RW), b(ANON | MAP_NORESERVE), m64(-1), 0n).errno).toBe(0);
    expect(sysMmap(mm, 0n, b(2 ** 40), b(PROT_READ), b(ANON), m64(-1), 0n).errno).toBe(0);
  });

  it('MAP_POPULATE write-faults private writable memory', () => {
    const mm = newMm();
    const a = map(mm, 0, 16 * K, RW, ANON | MAP_POPULATE);
    expect(page(mm, a)).toMatchObject({ state: 'present', zero: false, excl: true });
  });
});

describe('munmap / mprotect', () => {
  it('validates arguments', () => {
    const mm = newMm();
    expect(sysMunmap(mm, 1n, 4096n).errno).toBe(EINVAL);
    expect(sysMunmap(mm, 0n, 0n).errno).toBe(EINVAL);
    expect(sysMunmap(mm, b(FIXED), 4096n).errno).toBe(0);
    expect(sysMprotect(mm, b(FIXED), 0n, 0x1000n).errno).toBe(0);
    expect(sysMprotect(mm, b(FIXED), 4096n, 0x1000n).errno).toBe(EINVAL);
    expect(sysMprotect(mm, b(FIXED), 4096n, 1n).errno).toBe(ENOMEM);
  });

  it('munmap frees frames and page tables', () => {
    const mm = newMm();
    map(mm, FIXED, 4 * M, RW, ANON | MAP_FIXED);
    store(mm, FIXED, 4 * M, 'A');
    expect(mm.pgtablesDelta()).toBe(16 * K);
    effects(mm);
    sysMunmap(mm, b(FIXED), b(4 * M));
    expect(mm.pgtablesDelta()).toBe(0);
    expect(mm.frames.used).toBe(0);
    const e = effects(mm);
    expect(e).toContainEqual(expect.objectContaining({ type: 'entries.clear', pages: 1024 }));
    expect(
      e.filter((x) => x.type === 'table.free').map((x) => x.type === 'table.free' && x.level),
    ).toEqual(['pte', 'pte', 'pmd', 'pud']);
  });
});

describe('madvise', () => {
  it('DONTNEED zaps, keeps partly covered tables and frees fully covered ones', () => {
    const mm = newMm();
    map(mm, FIXED, 4 * M, RW, ANON | MAP_FIXED);
    store(mm, FIXED, 4 * M, 'A');
    sysMadvise(mm, b(FIXED), b(8 * K), b(MADV_DONTNEED));
    expect(page(mm, FIXED).state).toBe('none');
    expect(mm.pgtablesDelta()).toBe(16 * K);
    sysMadvise(mm, b(FIXED + 2 * M), b(2 * M), b(MADV_DONTNEED));
    expect(mm.pgtablesDelta()).toBe(12 * K);
    expect(load(mm, FIXED, 4 * K).tags).toEqual([0]);
  });

  it('unknown advice and unaligned starts are EINVAL; holes give ENOMEM', () => {
    const mm = newMm();
    map(mm, FIXED, 16 * K, RW, ANON | MAP_FIXED);
    expect(sysMadvise(mm, b(FIXED), 4096n, 999n).errno).toBe(EINVAL);
    expect(sysMadvise(mm, b(FIXED + 1), 4096n, b(MADV_DONTNEED)).errno).toBe(EINVAL);
    expect(sysMadvise(mm, b(FIXED), b(32 * K), b(MADV_DONTNEED)).errno).toBe(ENOMEM);
    expect(sysMadvise(mm, b(FIXED), b(16 * K), b(MADV_REMOVE)).errno).toBe(EINVAL);
  });

  it('MADV_FREE pages survive until MADV_PAGEOUT discards the clean ones', () => {
    const mm = newMm();
    map(mm, FIXED, 16 * K, RW, ANON | MAP_FIXED);
    store(mm, FIXED, 16 * K, 'A');
    sysMadvise(mm, b(FIXED), b(16 * K), b(MADV_FREE));
    expect(page(mm, FIXED).state).toBe('present');
    store(mm, FIXED + 4 * K, 4 * K, 'W');
    sysMadvise(mm, b(FIXED), b(16 * K), b(MADV_PAGEOUT));
    expect(load(mm, FIXED, 16 * K).tags).toEqual([0, 87, 0, 0]);
  });

  it('MADV_POPULATE_WRITE on a read-only mapping is EINVAL', () => {
    const mm = newMm();
    map(mm, FIXED, 16 * K, PROT_READ, ANON | MAP_FIXED);
    expect(sysMadvise(mm, b(FIXED), b(16 * K), b(MADV_POPULATE_WRITE)).errno).toBe(EINVAL);
  });
});

describe('mlock', () => {
  it('populates and sets VM_LOCKED; ONFAULT does not populate; munlock clears', () => {
    const mm = newMm();
    map(mm, FIXED, 32 * K, RW, ANON | MAP_FIXED);
    expect(sysMlock(mm, b(FIXED), b(8 * K)).errno).toBe(0);
    expect(page(mm, FIXED + 4 * K).state).toBe('present');
    expect(vmaLookup(mm, FIXED)!.flags & VM_LOCKED).not.toBe(0);
    expect(sysMlock2(mm, b(FIXED + 16 * K), b(8 * K), b(MLOCK_ONFAULT)).errno).toBe(0);
    expect(page(mm, FIXED + 16 * K).state).toBe('none');
    expect(vmaLookup(mm, FIXED + 16 * K)!.flags & VM_LOCKONFAULT).not.toBe(0);
    expect(sysMlock2(mm, b(FIXED), b(4 * K), 2n).errno).toBe(EINVAL);
    expect(sysMunlock(mm, b(FIXED), b(32 * K)).errno).toBe(0);
    expect(mm.vmas.filter((v) => !v.runtime)).toHaveLength(1);
    expect(sysMlock(mm, b(FIXED + 64 * K), b(4 * K)).errno).toBe(ENOMEM);
  });
});

describe('memfd', () => {
  it('allocates the lowest free fd from 3 and validates flags and names', () => {
    const mm = newMm();
    expect(sysMemfdCreate(mm, 'a', 0n).ret).toBe(3n);
    expect(sysMemfdCreate(mm, 'b', 0n).ret).toBe(4n);
    expect(sysClose(mm, 3n).errno).toBe(0);
    expect(sysClose(mm, 3n).errno).toBe(EBADF);
    expect(sysMemfdCreate(mm, 'c', 0n).ret).toBe(3n);
    expect(sysMemfdCreate(mm, 'x', 0x100n).errno).toBe(EINVAL);
    expect(sysMemfdCreate(mm, 'y'.repeat(249), 0n).errno).toBe(0);
    expect(sysMemfdCreate(mm, 'y'.repeat(250), 0n).errno).toBe(EINVAL);
  });

  it('ftruncate shrinking unmaps and drops pages; punching a hole keeps private copies', () => {
    const mm = newMm();
    const fd = sysMemfdCreate(mm, 'm', 0n).ret;
    sysFtruncate(mm, fd, b(16 * K));
    const s = map(mm, 0, 16 * K, RW, MAP_SHARED, Number(fd));
    const p = map(mm, 0, 16 * K, RW, MAP_PRIVATE, Number(fd));
    store(mm, s, 16 * K, 'S');
    store(mm, p, 4 * K, 'P');
    store(mm, p + 12 * K, 4 * K, 'Q');
    effects(mm);
    expect(
      sysFallocate(mm, fd, b(FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE), 0n, b(8 * K)).errno,
    ).toBe(0);
    expect(page(mm, s).state).toBe('none');
    expect(page(mm, p)).toMatchObject({ state: 'present', file: false });
    expect(effects(mm)).toContainEqual(expect.objectContaining({ type: 'cache.remove', count: 2 }));
    expect(load(mm, s, 16 * K).tags).toEqual([0, 0, 83, 83]);
    sysFtruncate(mm, fd, b(4 * K));
    // Truncation unmaps private copies beyond the new size too (even_cows).
    expect(page(mm, p).state).toBe('present');
    expect(page(mm, p + 12 * K).state).toBe('none');
    expect(load(mm, s, 8 * K).stop).toEqual({ kind: 'SIGBUS', addr: s + 4 * K });
    expect(sysFallocate(mm, fd, b(FALLOC_FL_PUNCH_HOLE), 0n, 4096n).errno).toBe(EOPNOTSUPP);
    expect(sysFtruncate(mm, m64(-1) & 0xffffffffn, 1n).errno).toBe(EBADF);
    expect(sysFtruncate(mm, fd, m64(-1)).errno).toBe(EINVAL);
  });
});

describe('MADV_COLLAPSE', () => {
  it('collapses a populated 2 MiB chunk of an anonymous VMA into a THP with the same contents', () => {
    const mm = newMm();
    map(mm, FIXED, 4 * M, RW, ANON | MAP_FIXED);
    store(mm, FIXED, 4 * K, 'A');
    store(mm, FIXED + 8 * K, 4 * K, 'B');
    const before = mm.pgtablesDelta();
    expect(sysMadvise(mm, b(FIXED), b(2 * M), 25n /* MADV_COLLAPSE */).errno).toBe(0);
    expect(page(mm, FIXED)).toMatchObject({ thp: true, excl: true });
    expect(load(mm, FIXED, 16 * K).tags).toEqual([65, 0, 66, 0]);
    // The PTE table becomes the deposited one.
    expect(mm.pgtablesDelta()).toBe(before);
    // A chunk without a PTE table cannot be collapsed.
    expect(sysMadvise(mm, b(FIXED + 2 * M), b(2 * M), 25n).errno).toBe(EINVAL);
  });
});
