import { describe, expect, test } from 'vitest';
import type { Program } from '../script/program';
import {
  decodeBacking,
  decodeFact,
  decodeMapsEntry,
  decodeOracleOutput,
  driverBlockedMessage,
  decodePagemapWord,
  unboundMessage,
} from './decode';
import { serializeProgram } from './wire';

const PRESENT = 1n << 63n;
const SWAP = 1n << 62n;
const FILE = 1n << 61n;
const WP = 1n << 57n;
const EXCL = 1n << 56n;

const program: Program = {
  profile: null,
  slots: [
    { name: 'top', kind: 'top' },
    { name: 'heap', kind: 'addr' },
  ],
  threads: ['main', 't1'],
  ops: [
    {
      kind: 'call',
      line: 1,
      text: 'heap = mmap(NULL, 4K, 3, 0x22)',
      call: 'mmap',
      args: [
        { slot: -1, k: 0n },
        { slot: -1, k: 4096n },
        { slot: -1, k: 3n },
        { slot: -1, k: 0x22n },
        { slot: -1, k: -1n },
        { slot: -1, k: 0n },
      ],
      str: null,
      bind: 1,
    },
    {
      kind: 'access',
      line: 2,
      text: "@t1 store(heap, 4K, 'A')",
      access: 'store',
      thread: 1,
      addr: { slot: 1, k: 0n },
      len: { slot: -1, k: 4096n },
      tag: 0x41,
    },
    {
      kind: 'pagemap',
      line: 3,
      text: 'pagemap(heap, 4K)',
      ranges: [{ addr: { slot: 1, k: 0n }, len: { slot: -1, k: 4096n } }],
    },
  ],
};

describe('pagemap words', () => {
  test('present page: PFN, excl, file, wp; kpageflags THP and zero page', () => {
    expect(decodePagemapWord(PRESENT | EXCL | 0x1234n, 0n)).toEqual({
      state: 'present',
      frame: 0x1234n,
      zero: false,
      excl: true,
      file: false,
      wp: false,
      thp: false,
    });
    const p = decodePagemapWord(PRESENT | FILE | WP | 0x55n, (1n << 22n) | (1n << 5n));
    expect(p).toMatchObject({ file: true, wp: true, thp: true, excl: false, zero: false });
    expect(decodePagemapWord(PRESENT | 0x99n, 1n << 24n)).toMatchObject({ zero: true });
    // soft-dirty (55) and exclusive bits are not part of the PFN
    expect(decodePagemapWord(PRESENT | (1n << 55n) | 7n, 0n)).toMatchObject({ frame: 7n });
  });

  test('PTE markers: swap type 31, offset bits UFFD_WP=1, POISONED=2', () => {
    expect(decodePagemapWord(SWAP | WP | 31n | (1n << 5n), null)).toEqual({
      state: 'marker',
      marker: 'wp',
    });
    expect(decodePagemapWord(SWAP | 31n | (2n << 5n), null)).toEqual({
      state: 'marker',
      marker: 'poison',
    });
    expect(decodePagemapWord(SWAP | 0n | (0x40n << 5n), null)).toEqual({ state: 'swap' });
    expect(decodePagemapWord(0n, null)).toEqual({ state: 'none' });
    expect(decodePagemapWord(1n << 55n, null)).toEqual({ state: 'none' });
  });
});

describe('smaps entries', () => {
  const hex = (s: string) => Buffer.from(s, 'utf8').toString('hex');
  test('backings', () => {
    expect(decodeBacking('', 0n)).toEqual({ kind: 'anon' });
    expect(decodeBacking('/dev/zero (deleted)', 0n)).toEqual({ kind: 'shared-anon' });
    expect(decodeBacking('/SYSV00000000 (deleted)', 0n)).toEqual({ kind: 'shared-anon' });
    expect(decodeBacking('/memfd:heap (deleted)', 0x4000n)).toEqual({
      kind: 'memfd',
      name: 'heap',
      offset: 0x4000n,
    });
    expect(decodeBacking('/memfd:a (deleted) b (deleted)', 0n)).toEqual({
      kind: 'memfd',
      name: 'a (deleted) b',
      offset: 0n,
    });
    expect(decodeBacking('/usr/lib/libc.so.6', 0n)).toEqual({
      kind: 'other',
      path: '/usr/lib/libc.so.6',
    });
  });

  test('an entry', () => {
    expect(
      decodeMapsEntry({
        start: '0x7f0000000000',
        end: '0x7f0000004000',
        perms: 'rw-s',
        offset: '0x2000',
        path: hex('/memfd:h\\012 x (deleted)'),
        flags: 'rd wr sh mr mw me ms',
      }),
    ).toEqual({
      start: 0x7f0000000000n,
      end: 0x7f0000004000n,
      perms: 'rw-s',
      backing: { kind: 'memfd', name: 'h\n x', offset: 0x2000n },
      flags: ['rd', 'wr', 'sh', 'mr', 'mw', 'me', 'ms'],
    });
  });
});

describe('facts and runs', () => {
  test('calls, reads, accesses, errors', () => {
    expect(decodeFact(program, { k: 'call', ret: '-0x1', errno: 22, out: [] })).toEqual({
      kind: 'call',
      ret: -1n,
      errno: 22,
      out: [],
    });
    expect(
      decodeFact(program, {
        k: 'call',
        ret: '0x0',
        errno: 0,
        out: [
          ['features', '0x1ffff'],
          ['ioctls', '0xc000000000000003'],
        ],
      }),
    ).toEqual({
      kind: 'call',
      ret: 0n,
      errno: 0,
      out: [
        { name: 'features', value: 0x1ffffn },
        { name: 'ioctls', value: 0xc000000000000003n },
      ],
    });
    expect(
      decodeFact(program, {
        k: 'call',
        read: true,
        ret: '0x20',
        errno: 0,
        msg: { ev: 'PAGEFAULT', addr: '0x7f0000001000', flags: 1, thread: 1 },
      }),
    ).toEqual({
      kind: 'read',
      errno: 0,
      message: { event: 'PAGEFAULT', address: 0x7f0000001000n, flags: 1, thread: 't1' },
    });
    expect(
      decodeFact(program, {
        k: 'access',
        outcome: {
          acc: 'load',
          tags: [
            [65, 2],
            [0, 1],
          ],
          stop: { kind: 'SIGBUS', addr: '0x3000' },
        },
      }),
    ).toEqual({
      kind: 'access',
      outcome: { access: 'load', tags: [65, 65, 0], stop: { kind: 'SIGBUS', addr: 0x3000n } },
    });
    expect(decodeFact(program, { k: 'error', error: 'unbound', slot: 1 })).toEqual({
      kind: 'error',
      message: unboundMessage('heap'),
    });
    expect(unboundMessage('heap')).toBe('heap is not bound (the call that binds it failed)');
  });

  test('pagemap runs expand with their PFN step', () => {
    const f = decodeFact(program, {
      k: 'pagemap',
      pages: [
        [3, '0x8100000000000010', '0x800', 1],
        [2, '0x0', null, 0],
      ],
    });
    expect(
      f.kind === 'pagemap' && f.pages.map((p) => (p.state === 'present' ? p.frame : p.state)),
    ).toEqual([0x10n, 0x11n, 0x12n, 'none', 'none']);
  });

  test('a whole run: header, facts, end; truncated and fatal outputs', () => {
    const lines = [
      '{"top":"0x7f0000000000","pte0":4096}',
      '{"k":"call","ret":"0x7effffffc000","errno":0,"out":[]}',
      '{"k":"access","outcome":{"acc":"store","tags":[],"stop":null}}',
      '{"k":"pagemap","pages":[[1,"0x8100000000000010","0x800",0]]}',
      '{"end":true}',
    ];
    const r = decodeOracleOutput(program, lines.join('\n') + '\n');
    expect(r.ok && r.header.top).toBe(0x7f0000000000n);
    expect(r.ok && r.facts.length).toBe(3);
    const cut = decodeOracleOutput(program, lines.slice(0, 3).join('\n'));
    expect(cut.ok).toBe(false);
    const fatal = decodeOracleOutput(program, '{"fatal":"nopfn"}\n');
    expect(!fatal.ok && fatal.fatal).toBe('nopfn');
  });

  test('timings: "ns" per op line when the oracle ran with MMSEXEC_TIMING=1, else null', () => {
    const timed = [
      '{"top":"0x7f0000000000","pte0":4096}',
      '{"k":"call","ret":"0x7effffffc000","errno":0,"out":[],"ns":1200}',
      '{"k":"access","outcome":{"acc":"store","tags":[],"stop":null},"ns":345}',
      '{"k":"pagemap","pages":[[1,"0x8100000000000010","0x800",0]]}',
      '{"end":true}',
    ];
    const r = decodeOracleOutput(program, timed.join('\n') + '\n');
    expect(r.ok && r.ns).toEqual([1200, 345, null]);
    expect(r.ok && r.facts[0]).toEqual({ kind: 'call', ret: 0x7effffffc000n, errno: 0, out: [] });
  });

  test('a driver blocked in a userfault is an error fact that ends the run', () => {
    const lines = [
      '{"top":"0x7f0000000000","pte0":4096}',
      '{"k":"call","ret":"0x7effffffc000","errno":0,"out":[]}',
      '{"k":"error","error":"driverblocked"}',
      '{"end":true}',
    ];
    const r = decodeOracleOutput(program, lines.join('\n') + '\n');
    expect(r.ok && r.facts[1]).toEqual({ kind: 'error', message: driverBlockedMessage() });
  });
});

describe('wire format', () => {
  test('one line per op, hex constants modulo 2^64, strings as hex', () => {
    const text = serializeProgram({
      ...program,
      ops: [
        ...program.ops,
        {
          kind: 'call',
          line: 4,
          text: 'fd = memfd_create("h i", 0)',
          call: 'memfd_create',
          args: [{ slot: -1, k: 0n }],
          str: 'h i',
          bind: -1,
        },
      ],
    });
    expect(text.split('\n')).toEqual([
      'mms 1',
      'slots 2',
      'threads 2',
      'ops 4',
      'C 1 mmap 1 6 -1 0 -1 1000 -1 3 -1 22 -1 ffffffffffffffff -1 0 -',
      'A 2 S 1 1 0 -1 1000 41',
      'P 3 1 1 0 -1 1000',
      'C 4 memfd_create -1 1 -1 0 x682069',
      'end',
      '',
    ]);
  });
});
