/**
 * userfaultfd in the core: version differences (from the kernel sources: 5.13 CONTINUE for
 * hugetlbfs only, 5.14 MINOR_SHMEM, 5.19 uffd-wp on shmem, 6.6 POISON, 6.8 MOVE), faults,
 * wake order, effect records, cloning and inspection. Behaviour on 6.18 is checked against the
 * real kernel by tests/conformance/uffd; these tests pin what only the sources can tell.
 */
import { describe, expect, it } from 'vitest';
import { Mm } from './mm';
import { profileFor } from './profiles';
import { FAULT_BLOCK, FAULT_OK, FAULT_SIGBUS } from './fault';
import { runThread, settle, startAccess } from './cpu';
import { sysMmap } from './syscalls/mmap';
import { sysMemfdCreate, sysFtruncate, sysClose } from './syscalls/memfd';
import { sysMadvise } from './syscalls/madvise';
import { sysUffdIoctl, sysUffdRead, sysUserfaultfd } from './syscalls/userfaultfd';
import type { SysResult } from './syscalls/result';
import type { Effect } from './effects';
import {
  MADV_DONTNEED,
  MAP_ANONYMOUS,
  MAP_FIXED,
  MAP_PRIVATE,
  MAP_SHARED,
  PROT_READ,
  PROT_WRITE,
  UFFDIO_API,
  UFFDIO_CONTINUE,
  UFFDIO_COPY,
  UFFDIO_MOVE,
  UFFDIO_POISON,
  UFFDIO_REGISTER,
  UFFDIO_REGISTER_MODE_MINOR,
  UFFDIO_REGISTER_MODE_MISSING,
  UFFDIO_REGISTER_MODE_WP,
  UFFDIO_WAKE,
  UFFDIO_WRITEPROTECT,
  UFFDIO_ZEROPAGE,
  UFFD_FEATURE_THREAD_ID,
  UFFD_USER_MODE_ONLY,
} from './uapi';
import { UFAULT_BLOCK, UFAULT_OK, UFAULT_SIGBUS, inspectUffd, uffdVersion } from './uffd';
import { EINVAL } from './errno';

const A = 0x100000000000;
const S = 0x100000100000;
const K4 = 4096;

function mm(version: string | null = null): Mm {
  const p = profileFor(version);
  if (p === null) throw new Error('profile');
  return new Mm(p);
}

function ok(r: SysResult): SysResult {
  expect(r.errno).toBe(0);
  return r;
}

function anon(m: Mm, addr: number, len: number): void {
  const r = sysMmap(
    m,
    BigInt(addr),
    BigInt(len),
    BigInt(PROT_READ | PROT_WRITE),
    BigInt(MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED),
    -1n,
    0n,
  );
  expect(Number(r.ret)).toBe(addr);
}

/** A memfd of `size` bytes mapped MAP_SHARED at addr, with its first page in the cache. */
function memfdShared(m: Mm, addr: number, size: number): bigint {
  const fd = ok(sysMemfdCreate(m, 'm', 0n)).ret;
  ok(sysFtruncate(m, fd, BigInt(size)));
  const r = sysMmap(
    m,
    BigInt(addr),
    BigInt(size),
    BigInt(PROT_READ | PROT_WRITE),
    BigInt(MAP_SHARED | MAP_FIXED),
    fd,
    0n,
  );
  expect(Number(r.ret)).toBe(addr);
  return fd;
}

function uffd(m: Mm, features = 0): bigint {
  const u = ok(sysUserfaultfd(m, 0n)).ret;
  ok(sysUffdIoctl(m, u, BigInt(UFFDIO_API), [BigInt(features)]));
  return u;
}

function ioctl(m: Mm, u: bigint, req: number, ...f: number[]): SysResult {
  return sysUffdIoctl(
    m,
    u,
    BigInt(req),
    f.map((x) => BigInt(x)),
  );
}

function out(r: SysResult): bigint {
  return r.out[0]?.value ?? 0n;
}

/** Run an access on thread `name`, then settle; returns the access's stop (null = done). */
function access(
  m: Mm,
  name: string,
  kind: 'load' | 'store',
  addr: number,
  len = K4,
): string | null {
  const t = m.thread(name);
  startAccess(m, t, kind, BigInt(addr), BigInt(len), 0x41);
  runThread(m, t);
  settle(m);
  const s = t.access!.stop;
  return s === null ? null : `${s.kind} 0x${s.addr.toString(16)}`;
}

describe('the fault codes', () => {
  it('agree with fault.ts', () => {
    expect([UFAULT_OK, UFAULT_SIGBUS, UFAULT_BLOCK]).toEqual([FAULT_OK, FAULT_SIGBUS, FAULT_BLOCK]);
  });
});

describe('UFFDIO_API by version (include/uapi/linux/userfaultfd.h UFFD_API_FEATURES)', () => {
  const cases: Array<[string, number]> = [
    ['5.7', 0x1ff], // PAGEFAULT_FLAG_WP .. THREAD_ID
    ['5.13', 0x3ff], // + MINOR_HUGETLBFS
    ['5.14', 0x7ff], // + MINOR_SHMEM
    ['5.18', 0xfff], // + EXACT_ADDRESS
    ['5.19', 0x1fff], // + WP_HUGETLBFS_SHMEM
    ['6.4', 0x3fff], // + WP_UNPOPULATED
    ['6.6', 0x7fff], // + POISON
    ['6.7', 0xffff], // + WP_ASYNC
    ['6.8', 0x1ffff], // + MOVE
    ['6.18', 0x1ffff],
  ];
  for (const [v, features] of cases) {
    it(`${v} reports features 0x${features.toString(16)}`, () => {
      const m = mm(v);
      expect(uffdVersion(m.profile).features).toBe(features);
      const u = ok(sysUserfaultfd(m, 0n)).ret;
      const r = ok(sysUffdIoctl(m, u, BigInt(UFFDIO_API), [0n]));
      expect(r.out).toEqual([
        { name: 'features', value: BigInt(features) },
        { name: 'ioctls', value: (1n << 63n) | 3n },
      ]);
    });
  }

  it('a feature the version lacks is EINVAL and zeroes the struct (MOVE on 6.7)', () => {
    const m = mm('6.7');
    const u = ok(sysUserfaultfd(m, 0n)).ret;
    const r = sysUffdIoctl(m, u, BigInt(UFFDIO_API), [1n << 16n]);
    expect(r.errno).toBe(EINVAL);
    expect(r.out.map((o) => o.value)).toEqual([0n, 0n]);
  });

  it('UFFD_USER_MODE_ONLY exists from 5.11', () => {
    expect(sysUserfaultfd(mm('5.10'), BigInt(UFFD_USER_MODE_ONLY)).errno).toBe(EINVAL);
    expect(sysUserfaultfd(mm('5.11'), BigInt(UFFD_USER_MODE_ONLY)).errno).toBe(0);
  });
});

describe('UFFDIO_REGISTER ioctls by version (UFFD_API_RANGE_IOCTLS)', () => {
  const MISSING = UFFDIO_REGISTER_MODE_MISSING;
  it('5.7: WAKE|COPY|ZEROPAGE, +WRITEPROTECT for WP; no MINOR mode', () => {
    const m = mm('5.7');
    anon(m, A, 4 * K4);
    const u = uffd(m);
    expect(out(ok(ioctl(m, u, UFFDIO_REGISTER, A, K4, MISSING)))).toBe(0x1cn);
    expect(out(ok(ioctl(m, u, UFFDIO_REGISTER, A + K4, K4, UFFDIO_REGISTER_MODE_WP)))).toBe(0x5cn);
    expect(ioctl(m, u, UFFDIO_REGISTER, A, K4, UFFDIO_REGISTER_MODE_MINOR).errno).toBe(EINVAL);
    // No CONTINUE ioctl before 5.13.
    expect(ioctl(m, u, UFFDIO_CONTINUE, A, K4, 0).errno).toBe(EINVAL);
  });

  it('6.6 adds POISON, 6.8 adds MOVE', () => {
    for (const [v, mask] of [
      ['6.5', 0x1cn],
      ['6.6', 0x11cn],
      ['6.8', 0x13cn],
    ] as const) {
      const m = mm(v);
      anon(m, A, K4);
      const u = uffd(m);
      expect(out(ok(ioctl(m, u, UFFDIO_REGISTER, A, K4, MISSING)))).toBe(mask);
    }
  });

  it('uffd-wp on shmem needs 5.19 (PTE markers)', () => {
    for (const [v, errno] of [
      ['5.18', EINVAL],
      ['5.19', 0],
    ] as const) {
      const m = mm(v);
      memfdShared(m, A, 4 * K4);
      const u = uffd(m);
      expect(ioctl(m, u, UFFDIO_REGISTER, A, K4, UFFDIO_REGISTER_MODE_WP).errno).toBe(errno);
    }
  });
});

describe('minor faults on shmem (5.14: "userfaultfd: add minor fault handling for shmem")', () => {
  function setup(v: string): { m: Mm; u: bigint } {
    const m = mm(v);
    memfdShared(m, A, 4 * K4);
    // Put the first page into the page cache, then drop the PTE.
    expect(access(m, 'main', 'store', A)).toBeNull();
    const u = uffd(m);
    return { m, u };
  }

  it('5.13: MINOR registration and CONTINUE on shmem are EINVAL (hugetlbfs only)', () => {
    const { m, u } = setup('5.13');
    expect(ioctl(m, u, UFFDIO_REGISTER, A, 4 * K4, UFFDIO_REGISTER_MODE_MINOR).errno).toBe(EINVAL);
    ok(ioctl(m, u, UFFDIO_REGISTER, A, 4 * K4, UFFDIO_REGISTER_MODE_MISSING));
    const r = ioctl(m, u, UFFDIO_CONTINUE, A + K4, K4, 0);
    expect(r.errno).toBe(EINVAL);
    expect(out(r)).toBe(-22n);
  });

  it('5.14: a cached page faults MINOR and CONTINUE maps it', () => {
    const { m, u } = setup('5.14');
    const r = ok(ioctl(m, u, UFFDIO_REGISTER, A, 4 * K4, UFFDIO_REGISTER_MODE_MINOR));
    expect(out(r)).toBe(0x9cn); // WAKE|COPY|ZEROPAGE|CONTINUE (no POISON, no MOVE yet)
    // The page stays in the cache; only its PTE goes.
    ok(sysMadvise(m, BigInt(A), BigInt(K4), BigInt(MADV_DONTNEED)));
    expect(access(m, 't', 'load', A)).toBe(`blocked 0x${A.toString(16)}`);
    expect(sysUffdRead(m, u).message).toEqual({
      event: 'PAGEFAULT',
      address: BigInt(A),
      flags: 4,
      thread: null,
    });
    expect(out(ok(ioctl(m, u, UFFDIO_CONTINUE, A, K4, 0)))).toBe(4096n);
    settle(m);
    expect(m.thread('t').access!.finished).toBe(true);
    expect(m.thread('t').access!.tagList()).toEqual([0x41]);
  });
});

describe('UFFDIO_MOVE (6.8: "userfaultfd: UFFDIO_MOVE uABI")', () => {
  function setup(v: string): { m: Mm; u: bigint } {
    const m = mm(v);
    anon(m, A, 4 * K4);
    anon(m, S, 4 * K4);
    expect(access(m, 'main', 'store', S)).toBeNull();
    const u = uffd(m);
    ok(ioctl(m, u, UFFDIO_REGISTER, A, 4 * K4, UFFDIO_REGISTER_MODE_MISSING));
    return { m, u };
  }

  it('is an unknown ioctl before 6.8', () => {
    const { m, u } = setup('6.7');
    const r = ioctl(m, u, UFFDIO_MOVE, A, S, K4, 0);
    expect(r.errno).toBe(EINVAL);
    expect(r.out).toEqual([]);
  });

  it('moves the page and keeps its frame on 6.8', () => {
    const { m, u } = setup('6.8');
    const before = m.pt.pte.data[m.pt.pteSlot(S)]!;
    expect(out(ok(ioctl(m, u, UFFDIO_MOVE, A, S, K4, 0)))).toBe(4096n);
    expect(m.pt.pte.data[m.pt.pteSlot(S)]).toBe(0);
    expect(m.pt.pte.data[m.pt.pteSlot(A)]! >>> 5).toBe(before >>> 5);
  });
});

describe('POISON (6.6)', () => {
  it('is unknown before 6.6', () => {
    const m = mm('6.5');
    anon(m, A, K4);
    const u = uffd(m);
    ok(ioctl(m, u, UFFDIO_REGISTER, A, K4, UFFDIO_REGISTER_MODE_MISSING));
    expect(ioctl(m, u, UFFDIO_POISON, A, K4, 0).errno).toBe(EINVAL);
  });
});

describe('faults, wake-ups and effects', () => {
  it('wakes threads in the order they blocked (the kernel races; the simulator does not)', () => {
    const m = mm();
    anon(m, A, 4 * K4);
    const u = uffd(m, UFFD_FEATURE_THREAD_ID);
    ok(ioctl(m, u, UFFDIO_REGISTER, A, 4 * K4, UFFDIO_REGISTER_MODE_MISSING));
    // "z" is created first but blocks second.
    m.thread('z');
    expect(access(m, 'a', 'load', A)).not.toBeNull();
    expect(access(m, 'z', 'load', A)).not.toBeNull();
    expect(sysUffdRead(m, u).message).toMatchObject({ thread: 'a' });
    expect(sysUffdRead(m, u).message).toMatchObject({ thread: 'z' });
    // WAKE without resolving: both refault, in blocking order.
    ok(ioctl(m, u, UFFDIO_WAKE, A, K4));
    settle(m);
    expect(sysUffdRead(m, u).message).toMatchObject({ thread: 'a' });
    expect(sysUffdRead(m, u).message).toMatchObject({ thread: 'z' });
    expect(sysUffdRead(m, u).errno).toBe(11);
  });

  it('records the message, the block, the fill, the wake and the finish', () => {
    const m = mm();
    anon(m, A, K4);
    anon(m, S, K4);
    expect(access(m, 'main', 'store', S)).toBeNull();
    const u = uffd(m);
    ok(ioctl(m, u, UFFDIO_REGISTER, A, K4, UFFDIO_REGISTER_MODE_MISSING));
    m.log.take();
    access(m, 't', 'load', A);
    const blocked = m.log.take();
    expect(blocked.map((e) => e.type)).toEqual(
      expect.arrayContaining(['uffd.event', 'thread.block', 'fault']),
    );
    ok(ioctl(m, u, UFFDIO_COPY, A, S, K4, 0));
    settle(m);
    const done: Effect[] = m.log.take();
    expect(done).toContainEqual(
      expect.objectContaining({ type: 'entries.set', cause: 'uffd-copy', entry: 'anon' }),
    );
    expect(done).toContainEqual({ type: 'thread.wake', thread: 't', addr: A });
    expect(done).toContainEqual({ type: 'thread.finish', thread: 't', result: 'ok' });
  });

  it('a clone keeps its own queue, waiters and registrations', () => {
    const m = mm();
    anon(m, A, K4);
    const u = uffd(m);
    ok(ioctl(m, u, UFFDIO_REGISTER, A, K4, UFFDIO_REGISTER_MODE_MISSING));
    access(m, 't', 'load', A);
    const c = m.clone();
    expect(sysUffdRead(m, u).message).not.toBeNull();
    expect(sysUffdRead(m, u).message).toBeNull();
    // The clone still has its message and its sleeping thread.
    expect(sysUffdRead(c, u).message).toMatchObject({ event: 'PAGEFAULT' });
    ok(ioctl(c, u, UFFDIO_ZEROPAGE, A, K4, 0));
    settle(c);
    expect(c.thread('t').access!.finished).toBe(true);
    expect(m.thread('t').state()).toBe('blocked');
  });

  it('close wakes every waiter, whose fault then retries unregistered', () => {
    const m = mm();
    anon(m, A, 2 * K4);
    const u = uffd(m);
    ok(
      ioctl(
        m,
        u,
        UFFDIO_REGISTER,
        A,
        2 * K4,
        UFFDIO_REGISTER_MODE_MISSING | UFFDIO_REGISTER_MODE_WP,
      ),
    );
    access(m, 't', 'store', A);
    ok(sysClose(m, u));
    settle(m);
    expect(m.thread('t').access!.finished).toBe(true);
    expect(m.vmas.filter((v) => v.uffdCtx !== 0)).toEqual([]);
    expect(inspectUffd(m).contexts).toEqual([]);
  });

  it('inspection lists contexts, ranges, queued messages and waiters', () => {
    const m = mm();
    anon(m, A, 4 * K4);
    const u = uffd(m);
    ok(
      ioctl(
        m,
        u,
        UFFDIO_REGISTER,
        A + K4,
        K4,
        UFFDIO_REGISTER_MODE_MISSING | UFFDIO_REGISTER_MODE_WP,
      ),
    );
    ok(ioctl(m, u, UFFDIO_WRITEPROTECT, A + K4, K4, 1));
    access(m, 't', 'load', A + K4);
    const v = inspectUffd(m);
    expect(v.contexts).toHaveLength(1);
    const c = v.contexts[0]!;
    expect(c.fd).toBe(Number(u));
    expect(c.ranges).toEqual([{ start: A + K4, end: A + 2 * K4, modes: ['MISSING', 'WP'] }]);
    expect(c.queued).toEqual([`PAGEFAULT 0x${(A + K4).toString(16)} flags=0`]);
    expect(c.waiters).toEqual([{ thread: 't', address: A + K4, flags: 0 }]);
    expect(v.threads.find((t) => t.name === 't')).toEqual({ name: 't', state: 'blocked', ctx: 1 });
  });
});
