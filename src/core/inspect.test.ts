import { describe, expect, it } from 'vitest';
import { FIXED, K, M, map, newMm, store } from './testing';
import { frameInfo, listVmas, pageCaches, threads, walkTables } from './inspect';
import { sysFtruncate, sysMemfdCreate } from './syscalls/memfd';
import { MAP_ANONYMOUS, MAP_FIXED, MAP_PRIVATE, MAP_SHARED, PROT_READ, PROT_WRITE } from './uapi';

const RW = PROT_READ | PROT_WRITE;

describe('inspect', () => {
  it('walks the page tables of a range', () => {
    const mm = newMm();
    map(mm, FIXED, 4 * M, RW, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED);
    store(mm, FIXED + 2 * M, 8 * K, 'A');
    const t = walkTables(mm, FIXED, FIXED + 4 * M);
    expect(t.map((x) => x.level)).toEqual(['pgd', 'pud', 'pmd', 'pte']);
    const pte = t[3]!;
    expect(pte.base).toBe(FIXED + 2 * M);
    expect(pte.entries).toHaveLength(2);
    expect(pte.entries[0]!.entry).toMatchObject({ kind: 'page', writable: true, zero: false });
    const pfn = (pte.entries[0]!.entry as { pfn: number }).pfn;
    expect(frameInfo(mm, pfn)).toMatchObject({ kind: 'anon', mapcount: 1, refcount: 1, tag: 65 });
  });

  it('lists VMAs, page caches and threads', () => {
    const mm = newMm();
    const fd = Number(sysMemfdCreate(mm, 'c', 0n).ret);
    sysFtruncate(mm, BigInt(fd), 8192n);
    const a = map(mm, 0, 8 * K, RW, MAP_SHARED, fd);
    store(mm, a, 4 * K, 'Z', 't1');
    expect(listVmas(mm)).toMatchObject([{ perms: 'rw-s', backing: { kind: 'memfd', name: 'c' } }]);
    const c = pageCaches(mm);
    expect(c).toHaveLength(1);
    expect(c[0]).toMatchObject({ name: 'c', size: 8192, fds: [fd] });
    expect(c[0]!.pages.map((p) => p[0])).toEqual([0]);
    expect(threads(mm).map((t) => [t.name, t.state])).toEqual([
      ['main', 'idle'],
      ['t1', 'done'],
    ]);
  });
});
