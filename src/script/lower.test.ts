import { describe, expect, test } from 'vitest';
import { UFFDIO_API, UFFDIO_REGISTER } from '../core/uapi';
import { compile } from './compile';
import type { Arg, Op, Program } from './program';

const U64_MAX = 2n ** 64n - 1n;

function program(text: string): Program {
  const r = compile(text, 't.mms');
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.line}:${e.column}: ${e.message}`).join('\n'));
  return r.program;
}

function errors(text: string): string[] {
  const r = compile(text, 't.mms');
  return r.ok ? [] : r.errors.map((e) => `${e.line}:${e.column}: ${e.message}`);
}

function callArgs(text: string): readonly Arg[] {
  const op = program(text).ops.at(-1)!;
  if (op.kind !== 'call') throw new Error(`not a call: ${op.kind}`);
  return op.args;
}

/** The value of a constant argument. */
function k(text: string): bigint {
  const [a] = callArgs(`munmap(${text})`);
  expect(a!.slot).toBe(-1);
  return a!.k;
}

const HEAP = 'heap = mmap(NULL, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS)\n';

describe('lowering: values', () => {
  test('u64 arithmetic wraps modulo 2^64', () => {
    expect(k('-1')).toBe(U64_MAX);
    expect(k('0xffffffffffff0000')).toBe(0xffffffffffff0000n);
    expect(k('0 - 4K')).toBe(2n ** 64n - 4096n);
    expect(k('0x8000000000000000 * 2')).toBe(0n);
    expect(k('U64 * 0'.replace('U64', '0xffffffffffffffff') + ' + 0xffffffffffffffff + 2')).toBe(
      1n,
    );
    expect(k('--5')).toBe(5n);
  });

  test('precedence: * over + - over |', () => {
    expect(k('1 | 2 + 3 * 4')).toBe(15n);
    expect(k('(1 | 2) * 3')).toBe(9n);
    expect(k('8 - 2 - 1')).toBe(5n);
    expect(k('PROT_READ|PROT_WRITE')).toBe(3n);
    expect(k('MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED')).toBe(0x32n);
    expect(k('NULL')).toBe(0n);
  });

  test('a name lowers to slot + k, wherever the constant part is', () => {
    const p = program(
      `${HEAP}munmap(heap + 4K, 4K)\nmunmap(2*4K + heap - 1, 0)\nmunmap(heap - 1, (heap))`,
    );
    const args = p.ops.slice(1).map((op) => (op.kind === 'call' ? op.args : []));
    expect(args[0]).toEqual([
      { slot: 1, k: 4096n },
      { slot: -1, k: 4096n },
    ]);
    expect(args[1]![0]).toEqual({ slot: 1, k: 8191n });
    expect(args[2]).toEqual([
      { slot: 1, k: U64_MAX },
      { slot: 1, k: 0n },
    ]);
  });

  test('top is slot 0 and always bound', () => {
    expect(callArgs('munmap(top - 2M, 2M)')[0]).toEqual({ slot: 0, k: 2n ** 64n - 2n ** 21n });
  });

  test('omitted trailing arguments are 0', () => {
    expect(callArgs('mmap(NULL, 4K)')).toEqual([
      { slot: -1, k: 0n },
      { slot: -1, k: 4096n },
      { slot: -1, k: 0n },
      { slot: -1, k: 0n },
      { slot: -1, k: 0n },
      { slot: -1, k: 0n },
    ]);
    expect(callArgs('close()')).toEqual([{ slot: -1, k: 0n }]);
  });
});

describe('lowering: names', () => {
  test.each([
    ['munmap(heap * 2, 4K)', '2:8: heap cannot be multiplied'],
    ['munmap(2 * (heap + 1), 4K)', '2:13: heap cannot be multiplied'],
    ['munmap(heap | 1, 4K)', '2:8: heap cannot be or-ed'],
    ['munmap(heap + heap, 4K)', '2:15: an argument may use only one name (heap and heap)'],
    ['munmap(-heap, 4K)', '2:9: heap cannot be negated'],
    ['munmap(4K - heap, 4K)', '2:13: heap cannot be subtracted'],
    ['munmap(top - (heap - 4K), 4K)', '2:15: heap cannot be subtracted'],
  ])('%s is rejected at the name', (stmt, message) => {
    const [e] = errors(HEAP + stmt);
    expect(e).toContain(message);
  });

  test('unknown constants and names', () => {
    expect(errors('mmap(NULL, 4K, PROT_READ, MAP_ANONYMUS)')).toEqual([
      '1:27: unknown constant MAP_ANONYMUS (did you mean MAP_ANONYMOUS?)',
    ]);
    expect(errors('munmap(Heap, 4K)')).toEqual(['1:8: unknown constant Heap']);
    expect(errors('munmap(heap, 4K)')).toEqual([
      '1:8: unknown name heap: no earlier statement binds it',
    ]);
    expect(errors('munmap(heap, 4K)\nheap = mmap(0, 4K)')).toEqual([
      '1:8: heap is used before the statement that binds it (line 2)',
    ]);
    expect(errors('heap = mmap(heap, 4K)')).toEqual([
      '1:13: heap is used in the statement that binds it: it is not bound yet',
    ]);
    expect(errors('@t1 load(0, 1)\nmunmap(t1, 4K)')).toEqual(['2:8: t1 is a thread, not a value']);
  });

  test('only mmap, mremap, memfd_create and userfaultfd bind', () => {
    const p = program(
      'a = mmap(0, 4K)\nb = mremap(a, 4K, 8K, MREMAP_MAYMOVE)\nfd = memfd_create("m")\nu = userfaultfd(0)',
    );
    expect(p.slots).toEqual([
      { name: 'top', kind: 'top' },
      { name: 'a', kind: 'addr' },
      { name: 'b', kind: 'addr' },
      { name: 'fd', kind: 'fd' },
      { name: 'u', kind: 'fd' },
    ]);
    expect(p.ops.map((op) => (op.kind === 'call' ? op.bind : null))).toEqual([1, 2, 3, 4]);
    expect(errors('x = munmap(0, 4K)')[0]).toMatch(/^1:1: the result of munmap cannot be bound/);
    expect(errors('x = load(0, 4K)')[0]).toMatch(/^1:1: the result of load cannot be bound/);
    expect(errors('top = mmap(0, 4K)')).toEqual(['1:1: top is always bound and cannot be rebound']);
    expect(errors('X = mmap(0, 4K)')[0]).toMatch(/^1:1: cannot bind X/);
  });

  test('rebinding reuses the slot; the later binding wins, the earlier value is read first', () => {
    const p = program('a = mmap(0, 4K)\na = mmap(a + 4K, 4K)\nmunmap(a, 4K)');
    expect(p.slots).toHaveLength(2);
    const ops = p.ops as Extract<Op, { kind: 'call' }>[];
    expect(ops.map((o) => o.bind)).toEqual([1, 1, -1]);
    expect(ops[1]!.args[0]).toEqual({ slot: 1, k: 4096n });
    expect(errors('a = mmap(0, 4K)\na = userfaultfd(0)')).toEqual([
      '2:1: a holds an address; it cannot be rebound to an fd',
    ]);
  });
});

describe('lowering: statements', () => {
  test('line numbers and trimmed text without comments', () => {
    const p = program('# header\n\n   heap = mmap(0, 4K)   # the heap\n\tmaps()\t\n');
    expect(p.ops.map((o) => [o.line, o.text])).toEqual([
      [3, 'heap = mmap(0, 4K)'],
      [4, 'maps()'],
    ]);
  });

  test('memfd_create: the name is str, args = [flags]', () => {
    const op = program('fd = memfd_create("heap", MFD_CLOEXEC)').ops[0]!;
    expect(op).toMatchObject({ kind: 'call', call: 'memfd_create', str: 'heap' });
    expect(op.kind === 'call' && op.args).toEqual([{ slot: -1, k: 1n }]);
    expect(errors('memfd_create(0)')[0]).toMatch(/^1:14: memfd_create needs a name string/);
    expect(errors('mmap("x")')[0]).toMatch(/^1:6: mmap's addr must be a number, not a string/);
  });

  test('ioctl: uffd, request, then the request fields padded with 0', () => {
    const p = program(
      'u = userfaultfd(0)\nioctl(u, UFFDIO_REGISTER, top - 4K, 4K)\nioctl(u, UFFDIO_API)',
    );
    const [, reg, api] = p.ops as Extract<Op, { kind: 'call' }>[];
    expect(reg!.args).toEqual([
      { slot: 1, k: 0n },
      { slot: -1, k: BigInt(UFFDIO_REGISTER) },
      { slot: 0, k: 2n ** 64n - 4096n },
      { slot: -1, k: 4096n },
      { slot: -1, k: 0n },
    ]);
    expect(api!.args).toEqual([
      { slot: 1, k: 0n },
      { slot: -1, k: BigInt(UFFDIO_API) },
      { slot: -1, k: 0n },
    ]);
  });

  test('ioctl errors', () => {
    expect(errors('ioctl(3, 7)')[0]).toMatch(
      /^1:10: the ioctl request must be one of UFFDIO_API, /,
    );
    expect(errors('ioctl(3)')[0]).toMatch(/^1:1: ioctl needs a uffd and a request/);
    expect(errors('ioctl(3, UFFDIO_WAKE, 0, 4K, 0)')).toEqual([
      '1:30: UFFDIO_WAKE takes 2 arguments after the request (start, len), got 3',
    ]);
    expect(errors('ioctl(3, UFFDIO_COPY, 0, 0, 0, 0, 0)')[0]).toMatch(
      /^1:35: UFFDIO_COPY takes 4 arguments/,
    );
  });

  test('arity', () => {
    expect(errors('munmap(0, 4K, 1)')).toEqual([
      '1:15: munmap takes at most 2 arguments (addr, length), got 3',
    ]);
    expect(errors('maps(1)')).toEqual(['1:6: maps takes no arguments, got 1']);
    expect(errors('pagemap()')[0]).toMatch(/^1:1: pagemap takes \(addr, len\) pairs/);
    expect(errors('pagemap(top, 4K, top)')[0]).toMatch(/^1:18: pagemap takes \(addr, len\) pairs/);
    expect(errors('frob(1)')).toEqual(['1:1: unknown call frob']);
    expect(errors('mmpa(1)')).toEqual(['1:1: unknown call mmpa (did you mean mmap?)']);
  });

  test('accesses, threads and wait', () => {
    const p = program(
      "store(top - 4K, 4K, 'A')\n@t1 load(top - 4K, 1)\n@t2 load(top, 0)\n@main load(top, 0)\nwait(t1)\nwait(main)",
    );
    expect(p.threads).toEqual(['main', 't1', 't2']);
    expect(p.ops.map((o) => (o.kind === 'access' || o.kind === 'wait' ? o.thread : -1))).toEqual([
      0, 1, 2, 0, 1, 0,
    ]);
    expect(p.ops[0]).toMatchObject({ kind: 'access', access: 'store', tag: 0x41 });
    expect(p.ops[1]).toMatchObject({ kind: 'access', access: 'load', tag: 0 });
    expect(errors('wait(t1)\n@t1 load(0, 1)')[0]).toBe(
      '1:6: thread t1 has not run an access before this wait (its first access is on line 2)',
    );
    expect(errors('wait(t9)')[0]).toMatch(/^1:6: unknown thread t9/);
    expect(errors('store(top, 4K)')[0]).toMatch(/^1:1: store needs a tag/);
    expect(errors("load(top, 4K, 'A')")[0]).toMatch(/^1:15: load takes at most 2 arguments/);
    expect(errors('@t1 munmap(0, 1)')[0]).toBe(
      '1:5: munmap cannot run on a thread: only store and load take @thread',
    );
  });

  test('kernel X.Y: first statement only, 5.7 to 6.18', () => {
    expect(program('# c\n\nkernel 6.18\nmaps()').profile).toBe('6.18');
    expect(program('kernel 5.7').profile).toBe('5.7');
    expect(program('kernel 5.19').profile).toBe('5.19');
    expect(program('kernel 6.0').profile).toBe('6.0');
    expect(program('maps()').profile).toBeNull();
    for (const v of ['5.6', '5.20', '6.19', '4.19', '7.0']) {
      expect(errors(`kernel ${v}`)).toEqual([
        `1:8: unsupported kernel version ${v}: profiles cover 5.7 to 6.18`,
      ]);
    }
    expect(errors('maps()\nkernel 6.18')).toEqual([
      '2:1: kernel X.Y must be the first statement of the script',
    ]);
  });

  test('all errors are reported, in source order', () => {
    expect(errors('munmap(a, 1)\nmunmap(b * 2, 1)\nmmap(FOO)')).toEqual([
      '1:8: unknown name a: no earlier statement binds it',
      '2:8: unknown name b: no earlier statement binds it',
      '3:6: unknown constant FOO',
    ]);
  });
});
