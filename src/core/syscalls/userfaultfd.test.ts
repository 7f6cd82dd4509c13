/**
 * The userfaultfd ioctls' contract details (fs/userfaultfd.c, mm/userfaultfd.c): which out
 * field a failure writes, partial progress, the page-table side of MOVE and WRITEPROTECT.
 * The host kernel's answers for the same cases are in tests/conformance/uffd.
 */
import { describe, expect, it } from 'vitest';
import { Mm } from '../mm';
import { runThread, settle, startAccess } from '../cpu';
import { sysMmap } from './mmap';
import { sysMadvise } from './madvise';
import { sysFtruncate, sysMemfdCreate } from './memfd';
import { sysUffdIoctl, sysUffdIoctlArgs, sysUffdRead, sysUserfaultfd } from './userfaultfd';
import type { SysResult } from './result';
import { pageState } from '../observe';
import { EAGAIN, EBADF, EEXIST, EINVAL, ENOENT, ENOTTY } from '../errno';
import {
  MADV_HUGEPAGE,
  MAP_ANONYMOUS,
  MAP_FIXED,
  MAP_PRIVATE,
  MAP_SHARED,
  PROT_READ,
  PROT_WRITE,
  UFFDIO_API,
  UFFDIO_COPY,
  UFFDIO_MOVE,
  UFFDIO_POISON,
  UFFDIO_REGISTER,
  UFFDIO_REGISTER_MODE_MISSING,
  UFFDIO_REGISTER_MODE_WP,
  UFFDIO_UNREGISTER,
  UFFDIO_WRITEPROTECT,
  UFFDIO_WRITEPROTECT_MODE_WP,
  UFFDIO_ZEROPAGE,
} from '../uapi';

const A = 0x100000000000;
const S = 0x100000400000;
const K4 = 4096;
const M2 = 2 * 1024 * 1024;

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

function store(m: Mm, addr: number, len: number, tag = 0x53): void {
  const t = m.thread('main');
  startAccess(m, t, 'store', BigInt(addr), BigInt(len), tag);
  runThread(m, t);
  settle(m);
  expect(t.access!.stop).toBeNull();
}

function uffd(m: Mm): bigint {
  const u = sysUserfaultfd(m, 0n).ret;
  expect(sysUffdIoctl(m, u, BigInt(UFFDIO_API), [0n]).errno).toBe(0);
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

function outOf(r: SysResult): bigint | undefined {
  return r.out[0]?.value;
}

describe('out fields', () => {
  it('a parameter check writes nothing; an operation failure writes -errno', () => {
    const m = new Mm();
    anon(m, A, 4 * K4);
    const u = uffd(m);
    // Unaligned destination: validate_range() fails before anything is written.
    const bad = ioctl(m, u, UFFDIO_ZEROPAGE, A + 1, K4, 0);
    expect(bad.errno).toBe(EINVAL);
    expect(outOf(bad)).toBeUndefined();
    // Not registered: mfill_atomic() ran and reports -ENOENT in the field.
    const unreg = ioctl(m, u, UFFDIO_ZEROPAGE, A, K4, 0);
    expect(unreg.errno).toBe(ENOENT);
    expect(outOf(unreg)).toBe(-2n);
  });

  it('partial progress returns EAGAIN with the bytes done', () => {
    const m = new Mm();
    anon(m, A, 4 * K4);
    anon(m, S, 4 * K4);
    store(m, S, 4 * K4);
    store(m, A + 2 * K4, K4);
    const u = uffd(m);
    expect(ioctl(m, u, UFFDIO_REGISTER, A, 4 * K4, UFFDIO_REGISTER_MODE_MISSING).errno).toBe(0);
    const r = ioctl(m, u, UFFDIO_COPY, A, S, 4 * K4, 0);
    expect(r.errno).toBe(EAGAIN);
    expect(outOf(r)).toBe(BigInt(2 * K4));
    // The first page present: the whole call fails.
    const again = ioctl(m, u, UFFDIO_COPY, A, S, K4, 0);
    expect(again.errno).toBe(EEXIST);
    expect(outOf(again)).toBe(-17n);
  });

  it('EBADF for a closed fd, ENOTTY for a memfd; the whole argument list form agrees', () => {
    const m = new Mm();
    const fd = sysMemfdCreate(m, 'x', 0n).ret;
    expect(sysUffdIoctl(m, 42n, BigInt(UFFDIO_API), [0n]).errno).toBe(EBADF);
    expect(sysUffdIoctl(m, fd, BigInt(UFFDIO_API), [0n]).errno).toBe(ENOTTY);
    expect(sysUffdRead(m, 42n).errno).toBe(EBADF);
    const u = sysUserfaultfd(m, 0n).ret;
    expect(sysUffdIoctlArgs(m, [u, BigInt(UFFDIO_API), 0n]).errno).toBe(0);
  });
});

describe('registration', () => {
  it('splits a VMA for a partial range and merges it back on UNREGISTER', () => {
    const m = new Mm();
    anon(m, A, 4 * K4);
    const u = uffd(m);
    expect(ioctl(m, u, UFFDIO_REGISTER, A + K4, K4, UFFDIO_REGISTER_MODE_MISSING).errno).toBe(0);
    expect(
      m.vmas.filter((v) => !v.runtime).map((v) => [v.start - A, v.end - A, v.uffdCtx]),
    ).toEqual([
      [0, K4, 0],
      [K4, 2 * K4, 1],
      [2 * K4, 4 * K4, 0],
    ]);
    expect(ioctl(m, u, UFFDIO_UNREGISTER, A, 4 * K4).errno).toBe(0);
    expect(m.vmas.filter((v) => !v.runtime)).toHaveLength(1);
  });
});

describe('page tables', () => {
  it('POISON leaves a marker that COPY may replace (ZEROPAGE may not)', () => {
    const m = new Mm();
    anon(m, A, K4);
    anon(m, S, K4);
    store(m, S, K4);
    const u = uffd(m);
    expect(ioctl(m, u, UFFDIO_REGISTER, A, K4, UFFDIO_REGISTER_MODE_MISSING).errno).toBe(0);
    expect(outOf(ioctl(m, u, UFFDIO_POISON, A, K4, 0))).toBe(4096n);
    expect(pageState(m, A)).toEqual({ state: 'marker', marker: 'poison' });
    expect(ioctl(m, u, UFFDIO_ZEROPAGE, A, K4, 0).errno).toBe(EEXIST);
    expect(ioctl(m, u, UFFDIO_COPY, A, S, K4, 0).errno).toBe(0);
    expect(pageState(m, A)).toMatchObject({ state: 'present', excl: true });
  });

  it('WRITEPROTECT on shmem allocates the tables and puts markers in none PTEs', () => {
    const m = new Mm();
    const fd = sysMemfdCreate(m, 'm', 0n).ret;
    sysFtruncate(m, fd, BigInt(4 * K4));
    sysMmap(
      m,
      BigInt(A),
      BigInt(4 * K4),
      BigInt(PROT_READ | PROT_WRITE),
      BigInt(MAP_SHARED | MAP_FIXED),
      fd,
      0n,
    );
    const u = uffd(m);
    expect(ioctl(m, u, UFFDIO_REGISTER, A, 4 * K4, UFFDIO_REGISTER_MODE_WP).errno).toBe(0);
    const before = m.pgtablesDelta();
    expect(ioctl(m, u, UFFDIO_WRITEPROTECT, A, 4 * K4, UFFDIO_WRITEPROTECT_MODE_WP).errno).toBe(0);
    expect(m.pgtablesDelta() - before).toBe(3 * K4); // PUD, PMD and PTE tables
    expect(pageState(m, A + 3 * K4)).toEqual({ state: 'marker', marker: 'wp' });
    // WP=0 drops the markers again.
    expect(ioctl(m, u, UFFDIO_WRITEPROTECT, A, 4 * K4, 0).errno).toBe(0);
    expect(pageState(m, A)).toEqual({ state: 'none' });
  });

  it('MOVE of an aligned 2 MiB THP moves one PMD and keeps the folio', () => {
    const m = new Mm();
    anon(m, S, 2 * M2);
    expect(sysMadvise(m, BigInt(S), BigInt(2 * M2), BigInt(MADV_HUGEPAGE)).errno).toBe(0);
    store(m, S, M2);
    anon(m, A, 2 * M2);
    const u = uffd(m);
    expect(ioctl(m, u, UFFDIO_REGISTER, A, 2 * M2, UFFDIO_REGISTER_MODE_MISSING).errno).toBe(0);
    const frame = pageState(m, S);
    m.log.take();
    expect(outOf(ioctl(m, u, UFFDIO_MOVE, A, S, M2, 0))).toBe(BigInt(M2));
    expect(pageState(m, A)).toEqual(frame);
    expect(pageState(m, S)).toEqual({ state: 'none' });
    expect(m.log.take()).toContainEqual(
      expect.objectContaining({
        type: 'entries.set',
        entry: 'huge',
        pages: 512,
        cause: 'uffd-move',
      }),
    );
  });
});
