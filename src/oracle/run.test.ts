import { describe, expect, test } from 'vitest';
import { compile } from '../script/compile';
import type { Fact, PageFact } from '../script/facts';
import { formatTranscript } from '../script/format';
import type { Program } from '../script/program';
import { driverBlockedMessage } from './decode';
import {
  hostProfile,
  oracleAvailableSync,
  runOracle,
  runOracleSync,
  runOracleTimed,
  type OracleResult,
} from './run';

const avail = oracleAvailableSync();
const kernel = avail.ok ? describe : describe.skip;
if (!avail.ok) console.warn(`oracle tests skipped: ${avail.reason}`);

function program(text: string): Program {
  const r = compile(text, 't.mms');
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.line}:${e.column}: ${e.message}`).join('\n'));
  return r.program;
}

function run(text: string): { top: bigint; facts: Fact[]; p: Program } {
  const p = program(text);
  const r = runOracleSync(p);
  if (!r.ok) throw new Error(r.reason);
  return { top: r.header.top, facts: r.facts, p };
}

function ret(f: Fact | undefined): bigint {
  if (f?.kind !== 'call')
    throw new Error(
      `not a call fact: ${JSON.stringify(f, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString(16) : v))}`,
    );
  return f.ret;
}

const ANON = 'PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS';

function pagesOf(f: Fact | undefined): readonly PageFact[] {
  if (f?.kind !== 'pagemap') throw new Error(`not a pagemap fact: ${f?.kind}`);
  return f.pages;
}

kernel('the kernel oracle', () => {
  test('top and the placement below it are the same on every run, also with ASLR on', async () => {
    // Built by hand, so this test does not depend on the compiler.
    const arg = (k: bigint) => ({ slot: -1, k });
    const mmap = (line: number, len: bigint, bind: number) => ({
      kind: 'call' as const,
      line,
      text: `m${bind} = mmap(...)`,
      call: 'mmap' as const,
      args: [arg(0n), arg(len), arg(3n), arg(0x22n), arg(-1n), arg(0n)],
      str: null,
      bind,
    });
    const p: Program = {
      profile: null,
      slots: [
        { name: 'top', kind: 'top' },
        { name: 'a', kind: 'addr' },
        { name: 'b', kind: 'addr' },
        { name: 'c', kind: 'addr' },
      ],
      threads: ['main'],
      ops: [mmap(1, 0x4000n, 1), mmap(2, 0x400000n, 2), mmap(3, 0x2000n, 3)],
    };
    const check = (runs: OracleResult[]): Set<bigint> => {
      const tops = new Set<bigint>();
      for (const r of runs) {
        if (!r.ok) throw new Error(r.reason);
        expect(r.header.top % (1n << 30n)).toBe(0n);
        tops.add(r.header.top);
        expect(r.facts.map((f) => r.header.top - ret(f))).toEqual([0x4000n, 0x600000n, 0x6000n]);
      }
      return tops;
    };
    // The oracle re-executes itself with ADDR_NO_RANDOMIZE: top itself is fixed.
    const fixed = await Promise.all(Array.from({ length: 4 }, () => runOracle(p)));
    expect(check(fixed).size).toBe(1);
    // With MMSEXEC_ASLR set it keeps ASLR; top may move, the placement below it does not.
    process.env['MMSEXEC_ASLR'] = '1';
    try {
      check(await Promise.all(Array.from({ length: 4 }, () => runOracle(p))));
    } finally {
      delete process.env['MMSEXEC_ASLR'];
    }
  });

  test('pagemap of a fresh anonymous store: present, exclusive, distinct frames', () => {
    const { facts } = run(
      `a = mmap(NULL, 16K, ${ANON})\nstore(a + 4K, 8K, 'A')\npagemap(a, 16K)\nload(a, 16K)\nmaps()`,
    );
    const pages = pagesOf(facts[2]);
    expect(pages.map((p) => p.state)).toEqual(['none', 'present', 'present', 'none']);
    for (const p of pages.slice(1, 3))
      expect(p).toMatchObject({ excl: true, file: false, wp: false, zero: false, thp: false });
    const frames = pages.slice(1, 3).map((p) => (p.state === 'present' ? p.frame : 0n));
    expect(frames[0]).not.toBe(frames[1]);
    expect(facts[3]).toEqual({
      kind: 'access',
      outcome: { access: 'load', tags: [0, 0x41, 0x41, 0], stop: null },
    });
    const maps = facts[4];
    expect(maps?.kind === 'maps' && maps.entries.map((e) => [e.perms, e.backing.kind])).toEqual([
      ['rw-p', 'anon'],
    ]);
  });

  test('a read of an untouched anonymous page maps the zero page', () => {
    const { facts } = run(`a = mmap(NULL, 8K, ${ANON})\nload(a, 8K)\npagemap(a, 8K)`);
    const pages = pagesOf(facts[2]);
    expect(pages).toHaveLength(2);
    for (const p of pages) expect(p).toMatchObject({ state: 'present', zero: true, excl: false });
  });

  test('an access stops at the page that takes SIGSEGV', () => {
    const { facts } = run(
      `a = mmap(NULL, 12K, ${ANON})\nstore(a, 12K, 'B')\nmprotect(a + 8K, 4K, PROT_NONE)\nload(a, 12K)\n@t1 store(a + 4K, 8K, 'C')\nwait(t1)\nload(a, 8K)`,
    );
    const a = ret(facts[0]);
    expect(facts[3]).toEqual({
      kind: 'access',
      outcome: { access: 'load', tags: [0x42, 0x42], stop: { kind: 'SIGSEGV', addr: a + 0x2000n } },
    });
    const stopped = { access: 'store', tags: [], stop: { kind: 'SIGSEGV', addr: a + 0x2000n } };
    expect(facts[4]).toEqual({ kind: 'access', outcome: stopped });
    expect(facts[5]).toEqual({ kind: 'wait', outcome: stopped });
    expect(facts[6]).toEqual({
      kind: 'access',
      outcome: { access: 'load', tags: [0x42, 0x43], stop: null },
    });
  });

  test('errors: a failed call returns -1 and errno; its name is unbound; the run stops', () => {
    const { facts, p } = run(
      `a = mmap(NULL, 0, ${ANON})\nfd = memfd_create("x", 0)\nmunmap(a, 4K)\nmunmap(0, 4K)`,
    );
    expect(facts[0]).toEqual({ kind: 'call', ret: -1n, errno: 22, out: [] });
    expect(facts[1]).toEqual({ kind: 'call', ret: 3n, errno: 0, out: [] });
    expect(facts[2]).toEqual({
      kind: 'error',
      message: 'a is not bound (the call that binds it failed)',
    });
    expect(facts).toHaveLength(3);
    expect(p.ops).toHaveLength(4);
  });

  test('pgtables counts page-table pages since the start', () => {
    const { facts } = run(
      `a = mmap(0x200000000, 4K, ${ANON}|MAP_FIXED_NOREPLACE)\npgtables()\nstore(a, 4K, 'A')\npgtables()`,
    );
    // A fresh 512 GiB region: a PUD, a PMD and a PTE table.
    expect(facts[1]).toEqual({ kind: 'pgtables', delta: 0 });
    expect(facts[3]).toEqual({ kind: 'pgtables', delta: 3 * 4096 });
  });

  test('the example of mms.md section 6, end to end', () => {
    const text = `fd = memfd_create("heap", 0)
ftruncate(fd, 16K)
heap = mmap(NULL, 16K, PROT_READ|PROT_WRITE, MAP_SHARED, fd, 0)
store(heap, 16K, 'A')
to = mremap(heap, 16K, 16K, MREMAP_MAYMOVE|MREMAP_DONTUNMAP)
pagemap(heap, 16K, to, 16K)
load(heap, 4K)
`;
    const { top, facts, p } = run(text);
    expect(formatTranscript(p, { top }, facts)).toBe(`1: fd = memfd_create("heap", 0) -> fd
2: ftruncate(fd, 16K) -> 0
3: heap = mmap(NULL, 16K, PROT_READ|PROT_WRITE, MAP_SHARED, fd, 0) -> top-0x4000
4: store(heap, 16K, 'A') -> ok
5: to = mremap(heap, 16K, 16K, MREMAP_MAYMOVE|MREMAP_DONTUNMAP) -> heap-0x4000
6: pagemap(heap, 16K, to, 16K)
  heap top none
  to heap present frames=#1..#4 excl file
7: load(heap, 4K) -> A
`);
  });

  test('userfaultfd: a thread blocks, the monitor queues its fault, COPY wakes it', () => {
    const text = `u = userfaultfd(O_CLOEXEC)
ioctl(u, UFFDIO_API, UFFD_FEATURE_THREAD_ID|UFFD_FEATURE_EVENT_REMOVE)
a = mmap(NULL, 16K, ${ANON})
src = mmap(NULL, 4K, ${ANON})
store(src, 4K, 'S')
ioctl(u, UFFDIO_REGISTER, a, 16K, UFFDIO_REGISTER_MODE_MISSING)
@t1 load(a, 8K)
read(u)
read(u)
ioctl(u, UFFDIO_COPY, a, src, 4K, 0)
wait(t1)
ioctl(u, UFFDIO_ZEROPAGE, a + 4K, 4K, 0)
wait(t1)
madvise(a, 4K, MADV_DONTNEED)
read(u)
ioctl(u, UFFDIO_COPY, a + 4K, src, 4K, 0)
@t2 store(a + 8K, 4K, 'B')
close(u)
wait(t2)
`;
    const { top, facts, p } = run(text);
    const out = formatTranscript(p, { top }, facts).split('\n');
    expect(out.slice(1)).toEqual([
      '2: ioctl(u, UFFDIO_API, UFFD_FEATURE_THREAD_ID|UFFD_FEATURE_EVENT_REMOVE) -> 0 features=PAGEFAULT_FLAG_WP|EVENT_FORK|EVENT_REMAP|EVENT_REMOVE|MISSING_HUGETLBFS|MISSING_SHMEM|EVENT_UNMAP|SIGBUS|THREAD_ID|MINOR_HUGETLBFS|MINOR_SHMEM|EXACT_ADDRESS|WP_HUGETLBFS_SHMEM|WP_UNPOPULATED|POISON|WP_ASYNC|MOVE ioctls=REGISTER|UNREGISTER|API',
      `3: a = mmap(NULL, 16K, ${ANON}) -> top-0x4000`,
      `4: src = mmap(NULL, 4K, ${ANON}) -> a-0x1000`,
      "5: store(src, 4K, 'S') -> ok",
      '6: ioctl(u, UFFDIO_REGISTER, a, 16K, UFFDIO_REGISTER_MODE_MISSING) -> 0 ioctls=WAKE|COPY|ZEROPAGE|MOVE|POISON',
      '7: @t1 load(a, 8K) -> blocked at a',
      '8: read(u) -> PAGEFAULT a flags=0 thread=t1',
      '9: read(u) -> -1 EAGAIN',
      '10: ioctl(u, UFFDIO_COPY, a, src, 4K, 0) -> 0 copy=4K',
      '11: wait(t1) -> S blocked at a+0x1000',
      '12: ioctl(u, UFFDIO_ZEROPAGE, a + 4K, 4K, 0) -> 0 zeropage=4K',
      '13: wait(t1) -> S .',
      '14: madvise(a, 4K, MADV_DONTNEED) -> 0',
      '15: read(u) -> PAGEFAULT a+0x1000 flags=0 thread=t1',
      '16: ioctl(u, UFFDIO_COPY, a + 4K, src, 4K, 0) -> -1 EEXIST copy=-17',
      "17: @t2 store(a + 8K, 4K, 'B') -> blocked at a+0x2000",
      '18: close(u) -> 0',
      '19: wait(t2) -> ok',
      '',
    ]);
  });

  test('PTE markers from the kernel: uffd-wp and poison', () => {
    const { facts } = run(`u = userfaultfd(0)
ioctl(u, UFFDIO_API, UFFD_FEATURE_WP_UNPOPULATED)
a = mmap(NULL, 16K, ${ANON})
ioctl(u, UFFDIO_REGISTER, a, 16K, UFFDIO_REGISTER_MODE_MISSING|UFFDIO_REGISTER_MODE_WP)
ioctl(u, UFFDIO_POISON, a + 8K, 4K, 0)
ioctl(u, UFFDIO_WRITEPROTECT, a, 8K, UFFDIO_WRITEPROTECT_MODE_WP)
pagemap(a, 16K)
load(a + 8K, 4K)`);
    expect(pagesOf(facts[6])).toEqual([
      { state: 'marker', marker: 'wp' },
      { state: 'marker', marker: 'wp' },
      { state: 'marker', marker: 'poison' },
      { state: 'none' },
    ]);
    const a = ret(facts[2]);
    expect(facts[7]).toEqual({
      kind: 'access',
      outcome: { access: 'load', tags: [], stop: { kind: 'SIGBUS', addr: a + 0x2000n } },
    });
  });

  test('a call that faults on a registered range blocks the script: an error fact ends the run', () => {
    const { facts, p } = run(`u = userfaultfd(O_CLOEXEC)
ioctl(u, UFFDIO_API, 0)
a = mmap(NULL, 16K, ${ANON})
ioctl(u, UFFDIO_REGISTER, a, 16K, UFFDIO_REGISTER_MODE_MISSING)
madvise(a, 4K, MADV_POPULATE_READ)
munmap(a, 16K)`);
    expect(facts).toHaveLength(5);
    expect(facts[4]).toEqual({ kind: 'error', message: driverBlockedMessage() });
    expect(p.ops).toHaveLength(6);
  });

  test('timings are opt-in: one "ns" per fact with { timing: true }, none by default', async () => {
    const p = program(
      `a = mmap(NULL, 8K, ${ANON})\nstore(a, 8K, 'A')\n@t1 load(a, 4K)\nwait(t1)\npagemap(a, 8K)\nmaps()\npgtables()`,
    );
    const timed = await runOracleTimed(p);
    if (!timed.ok) throw new Error(timed.reason);
    expect(timed.ns).toHaveLength(p.ops.length);
    for (const n of timed.ns) expect(Number.isInteger(n) && n >= 0).toBe(true);
    const plain = await runOracle(p);
    if (!plain.ok) throw new Error(plain.reason);
    expect(plain.ns).toEqual(p.ops.map(() => null));
    // the facts are the same either way (the timing is extra)
    expect(plain.facts.map((f) => f.kind)).toEqual(timed.facts.map((f) => f.kind));
  });

  test('a script for another kernel is refused as a skip', async () => {
    const p = program('kernel 5.7\nmunmap(0, 4K)');
    const r = await runOracle(p);
    expect(hostProfile()).not.toBe('5.7');
    expect(r).toMatchObject({ ok: false, skip: true });
  });
});
