import { describe, expect, test } from 'vitest';
import { EAGAIN, EEXIST, ENOMEM } from '../core/errno';
import { UFFD_FEATURE_EVENT_REMAP, UFFD_FEATURE_MOVE, UFFD_FEATURE_THREAD_ID } from '../core/uapi';
import { compile } from './compile';
import type { AccessOutcome, Fact, MapsEntry, PageFact } from './facts';
import { AddressNamer, formatSignedSize, formatSize, formatTags, formatTranscript } from './format';
import type { Program } from './program';

const TOP = 0x7f0000000000n;
const K = 1024n;

function program(text: string): Program {
  const r = compile(text);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.program;
}

function transcript(text: string, facts: Fact[], top = TOP): string {
  return formatTranscript(program(text), { top }, facts);
}

const ok = (ret: bigint | number = 0n): Fact => ({
  kind: 'call',
  ret: BigInt(ret),
  errno: 0,
  out: [],
});
const fail = (errno: number): Fact => ({ kind: 'call', ret: -1n, errno, out: [] });
const load = (tags: string, stop: AccessOutcome['stop'] = null): Fact => ({
  kind: 'access',
  outcome: {
    access: 'load',
    tags: [...tags].map((c) => (c === '.' ? 0 : c.charCodeAt(0))),
    stop,
  },
});
const store = (stop: AccessOutcome['stop'] = null): Fact => ({
  kind: 'access',
  outcome: { access: 'store', tags: [], stop },
});
const none: PageFact = { state: 'none' };
function present(
  frame: number,
  flags: Partial<Record<'excl' | 'file' | 'wp' | 'thp', boolean>> = {},
): PageFact {
  return {
    state: 'present',
    frame: BigInt(frame),
    zero: false,
    excl: false,
    file: false,
    wp: false,
    thp: false,
    ...flags,
  };
}
const zero: PageFact = {
  state: 'present',
  frame: 7n,
  zero: true,
  excl: false,
  file: false,
  wp: false,
  thp: false,
};

describe('sizes and tags', () => {
  test('formatSize: 0, largest exact suffix, else decimal', () => {
    expect(
      [
        0n,
        4n * K,
        16n * K,
        3n * K,
        1536n * K,
        2n * K * K,
        K ** 3n,
        K ** 4n,
        K ** 5n,
        4097n,
        100n,
        -4096n,
        -17n,
      ].map((n) => formatSize(n)),
    ).toEqual([
      '0',
      '4K',
      '16K',
      '3K',
      '1536K',
      '2M',
      '1G',
      '1T',
      '1024T',
      '4097',
      '100',
      '-4096',
      '-17',
    ]);
  });

  test('formatSignedSize: a sign, and suffixes on both sides', () => {
    expect([8192, -4096, 0, 100, -2 * 1024 * 1024].map((n) => formatSignedSize(n))).toEqual([
      '+8K',
      '-4K',
      '0',
      '+100',
      '-2M',
    ]);
  });

  test('tags are run-length encoded, . for zero', () => {
    const t = (s: string) => [...s].map((c) => (c === '.' ? 0 : c.charCodeAt(0)));
    expect(formatTags(t('AAA..B'))).toBe('A*3 .*2 B');
    expect(formatTags(t('A'))).toBe('A');
    expect(formatTags(t('ABA'))).toBe('A B A');
    expect(formatTags(t('.'.repeat(512)))).toBe('.*512');
    expect(formatTags([0x20, 0xff])).toBe('\\x20 \\xff');
    expect(formatTags([])).toBe('');
  });
});

describe('the nearest-name rule', () => {
  test('nearest, then V <= A, then the most recently bound', () => {
    const n = new AddressNamer();
    n.bind('top', 0x10000n);
    n.bind('a', 0x8000n);
    expect(n.format(0x10000n)).toBe('top');
    expect(n.format(0x9000n)).toBe('a+0x1000');
    expect(n.format(0x7000n)).toBe('a-0x1000');
    expect(n.format(0xf000n)).toBe('top-0x1000');
    // 0xc000 is 0x4000 from both: the name below it wins.
    expect(n.format(0xc000n)).toBe('a+0x4000');
    n.bind('b', 0x8000n);
    expect(n.format(0x8000n)).toBe('b');
    n.bind('a', 0x8000n); // rebinding makes a the most recent again
    expect(n.format(0x8800n)).toBe('a+0x800');
    n.unbind('a');
    expect(n.format(0x8800n)).toBe('b+0x800');
    expect(n.format(0xffffffffffffffffn)).toBe('top+0xfffffffffffeffff');
  });
});

describe('formatTranscript', () => {
  test('mms.md section 6', () => {
    const text = [
      'fd = memfd_create("heap", 0)',
      'ftruncate(fd, 16K)',
      'heap = mmap(NULL, 16K, PROT_READ|PROT_WRITE, MAP_SHARED, fd, 0)',
      "store(heap, 16K, 'A')",
      'to = mremap(heap, 16K, 16K, MREMAP_MAYMOVE|MREMAP_DONTUNMAP)',
      'pagemap(heap, 16K, to, 16K)',
      'load(heap, 4K)',
    ].join('\n');
    const facts: Fact[] = [
      ok(3),
      ok(0),
      ok(TOP - 0x4000n),
      store(),
      ok(TOP - 0x8000n),
      {
        kind: 'pagemap',
        pages: [
          none,
          none,
          none,
          none,
          ...[40, 41, 42, 43].map((f) => present(f, { excl: true, file: true })),
        ],
      },
      load('A'),
    ];
    expect(transcript(text, facts)).toBe(
      [
        '1: fd = memfd_create("heap", 0) -> fd',
        '2: ftruncate(fd, 16K) -> 0',
        '3: heap = mmap(NULL, 16K, PROT_READ|PROT_WRITE, MAP_SHARED, fd, 0) -> top-0x4000',
        "4: store(heap, 16K, 'A') -> ok",
        '5: to = mremap(heap, 16K, 16K, MREMAP_MAYMOVE|MREMAP_DONTUNMAP) -> heap-0x4000',
        '6: pagemap(heap, 16K, to, 16K)',
        '  heap top none',
        '  to heap present frames=#1..#4 excl file',
        '7: load(heap, 4K) -> A',
        '',
      ].join('\n'),
    );
  });

  test('a binding result is named against the names bound before it; a failure binds nothing', () => {
    const text = 'a = mmap(0, 4K)\nb = mmap(0, 4K)\nb = mmap(0, 4K)\nmmap(0, 8K)\nmmap(0, 4K)';
    const facts = [
      ok(TOP - 0x1000n),
      ok(TOP - 0x2000n),
      fail(ENOMEM),
      ok(TOP - 0x2000n),
      ok(TOP - 0x1000n),
    ];
    expect(transcript(text, facts)).toBe(
      [
        '1: a = mmap(0, 4K) -> top-0x1000',
        '2: b = mmap(0, 4K) -> a-0x1000',
        '3: b = mmap(0, 4K) -> -1 ENOMEM',
        // b keeps the value of its last successful binding
        '4: mmap(0, 8K) -> b',
        '5: mmap(0, 4K) -> a',
        '',
      ].join('\n'),
    );
  });

  test('same value: the most recently bound name wins', () => {
    const text = 'a = mmap(0, 4K)\nb = mmap(0, 4K)\nmmap(0, 4K)\na = mmap(0, 4K)\nmmap(0, 4K)';
    const v = TOP - 0x1000n;
    expect(transcript(text, [ok(v), ok(v), ok(v), ok(v), ok(v)]).split('\n')).toEqual([
      '1: a = mmap(0, 4K) -> top-0x1000',
      '2: b = mmap(0, 4K) -> a',
      '3: mmap(0, 4K) -> b',
      '4: a = mmap(0, 4K) -> b',
      '5: mmap(0, 4K) -> a',
      '',
    ]);
  });

  test('fd names never print addresses', () => {
    const text = 'fd = memfd_create("x")\nmmap(0, 4K)';
    // fd's value (3) is far nearer to 0x2000 than top, but only address names print.
    expect(transcript(text, [ok(3), ok(0x2000n)], 0x40000000n)).toBe(
      '1: fd = memfd_create("x") -> fd\n2: mmap(0, 4K) -> top-0x3fffe000\n',
    );
  });

  test('accesses: ok, tags, stops, tags then a stop', () => {
    const text = [
      'a = mmap(0, 16K)',
      "store(a, 16K, 'A')",
      "store(a, 16K, 'A')",
      'load(a, 16K)',
      'load(a, 16K)',
      'load(a, 16K)',
      '@t1 load(a, 4K)',
      'wait(t1)',
      'load(a, 0)',
    ].join('\n');
    const a = TOP - 0x4000n;
    expect(
      transcript(text, [
        ok(a),
        store(),
        store({ kind: 'SIGSEGV', addr: a + 0x2000n }),
        load('AA..'),
        load('AA', { kind: 'SIGBUS', addr: a + 0x2000n }),
        load('', { kind: 'blocked', addr: a }),
        load('', { kind: 'blocked', addr: a }),
        { kind: 'wait', outcome: { access: 'load', tags: [0x41], stop: null } },
        load(''),
      ]).split('\n'),
    ).toEqual([
      '1: a = mmap(0, 16K) -> top-0x4000',
      "2: store(a, 16K, 'A') -> ok",
      "3: store(a, 16K, 'A') -> SIGSEGV at a+0x2000",
      '4: load(a, 16K) -> A*2 .*2',
      '5: load(a, 16K) -> A*2 SIGBUS at a+0x2000',
      '6: load(a, 16K) -> blocked at a',
      '7: @t1 load(a, 4K) -> blocked at a',
      '8: wait(t1) -> A',
      '9: load(a, 0) -> ok',
      '',
    ]);
  });

  test('ioctl out fields, on success and on failure', () => {
    const text = [
      'u = userfaultfd(0)',
      'ioctl(u, UFFDIO_API, UFFD_FEATURE_MOVE)',
      'ioctl(u, UFFDIO_REGISTER, top - 4K, 4K, UFFDIO_REGISTER_MODE_MISSING)',
      'ioctl(u, UFFDIO_COPY, top - 4K, top - 8K, 4K)',
      'ioctl(u, UFFDIO_COPY, top - 4K, top - 8K, 4K)',
      'ioctl(u, UFFDIO_ZEROPAGE, top - 4K, 4K)',
      'ioctl(u, UFFDIO_CONTINUE, top - 4K, 4K)',
      'ioctl(u, UFFDIO_MOVE, top - 4K, top - 8K, 4K)',
      'ioctl(u, UFFDIO_POISON, top - 4K, 4K)',
      'ioctl(u, UFFDIO_WAKE, top - 4K, 4K)',
      'ioctl(u, UFFDIO_API)',
    ].join('\n');
    const api = BigInt(UFFD_FEATURE_EVENT_REMAP | UFFD_FEATURE_THREAD_ID | UFFD_FEATURE_MOVE);
    const ioctls = (1n << 63n) | 0b111n;
    const facts: Fact[] = [
      ok(4),
      {
        kind: 'call',
        ret: 0n,
        errno: 0,
        out: [
          { name: 'ioctls', value: ioctls },
          { name: 'features', value: api },
        ],
      },
      { kind: 'call', ret: 0n, errno: 0, out: [{ name: 'ioctls', value: 0b11111000n }] },
      { kind: 'call', ret: 0n, errno: 0, out: [{ name: 'copy', value: 4096n }] },
      // The kernel stores -errno as an unsigned 64-bit value; it prints signed.
      { kind: 'call', ret: -1n, errno: EEXIST, out: [{ name: 'copy', value: 2n ** 64n - 17n }] },
      { kind: 'call', ret: 0n, errno: 0, out: [{ name: 'zeropage', value: 8192n }] },
      { kind: 'call', ret: 0n, errno: 0, out: [{ name: 'mapped', value: 4096n }] },
      { kind: 'call', ret: 0n, errno: 0, out: [{ name: 'move', value: 100n }] },
      { kind: 'call', ret: 0n, errno: 0, out: [] },
      ok(0),
      { kind: 'call', ret: -1n, errno: 22, out: [] },
    ];
    expect(
      transcript(text, facts)
        .split('\n')
        .map((l) => l.replace(/^.* -> /, '')),
    ).toEqual([
      'fd',
      '0 features=EVENT_REMAP|THREAD_ID|MOVE ioctls=REGISTER|UNREGISTER|WAKE|API',
      '0 ioctls=COPY|ZEROPAGE|MOVE|WRITEPROTECT|CONTINUE',
      '0 copy=4K',
      '-1 EEXIST copy=-17',
      '0 zeropage=8K',
      '0 mapped=4K',
      '0 move=100',
      '0 updated=0',
      '0',
      '-1 EINVAL features=0 ioctls=0',
      '',
    ]);
  });

  test('read: events and EAGAIN', () => {
    const text = [
      'a = mmap(0, 8K)',
      'u = userfaultfd(0)',
      'read(u)',
      'read(u)',
      'read(u)',
      'read(u)',
      'read(u)',
      'read(u)',
    ].join('\n');
    const a = TOP - 0x2000n;
    const read = (message: Extract<Fact, { kind: 'read' }>['message']): Fact => ({
      kind: 'read',
      message,
      errno: 0,
    });
    const lines = transcript(text, [
      ok(a),
      ok(3),
      read({ event: 'PAGEFAULT', address: a + 0x1000n, flags: 0, thread: null }),
      read({ event: 'PAGEFAULT', address: a + 0x123n, flags: 5, thread: 't1' }),
      read({ event: 'REMAP', from: a, to: a - 0x200000n, len: 8192n }),
      read({ event: 'REMOVE', start: a, end: a + 0x2000n }),
      read({ event: 'UNMAP', start: a, end: TOP }),
      { kind: 'read', message: null, errno: EAGAIN },
    ]).split('\n');
    expect(lines.slice(2)).toEqual([
      '3: read(u) -> PAGEFAULT a+0x1000 flags=0',
      '4: read(u) -> PAGEFAULT a+0x123 flags=WRITE|MINOR thread=t1',
      '5: read(u) -> REMAP from=a to=a-0x200000 len=8K',
      '6: read(u) -> REMOVE a top',
      '7: read(u) -> UNMAP a top',
      '8: read(u) -> -1 EAGAIN',
      '',
    ]);
  });

  test('maps(): backing, offsets, the flag subset in order, nothing at or above top', () => {
    const entry = (
      start: bigint,
      end: bigint,
      perms: string,
      backing: MapsEntry['backing'],
      flags: string[],
    ): MapsEntry => ({
      start,
      end,
      perms,
      backing,
      flags,
    });
    const text = 'a = mmap(0, 4K)\nmaps()\nmaps()';
    const a = TOP - 0x3000n;
    const out = transcript(text, [
      ok(a),
      {
        kind: 'maps',
        entries: [
          entry(a, a + 0x1000n, 'rw-p', { kind: 'anon' }, [
            'rd',
            'wr',
            'mr',
            'mw',
            'me',
            'ac',
            'lo',
            'sl',
          ]),
          entry(a + 0x1000n, a + 0x2000n, 'rw-s', { kind: 'shared-anon' }, ['rd', 'sh']),
          entry(a + 0x2000n, TOP, 'r--s', { kind: 'memfd', name: 'heap', offset: 0x200000n }, [
            'um',
            'uw',
            'hg',
          ]),
          entry(TOP, TOP + 0x1000n, '---p', { kind: 'anon' }, []),
        ],
      },
      { kind: 'maps', entries: [] },
    ]);
    expect(out).toBe(
      [
        '1: a = mmap(0, 4K) -> top-0x3000',
        '2: maps()',
        '  a a+0x1000 rw-p anon lo ac sl',
        // a+0x2000 is nearer to top than to a
        '  a+0x1000 top-0x1000 rw-s shared-anon',
        '  top-0x1000 top r--s memfd:heap@2M hg um uw',
        '3: maps()',
        '',
      ].join('\n'),
    );
  });

  test('pagemap(): runs, labels per call, zero page, markers, pairs never merge', () => {
    const text = 'a = mmap(0, 1M)\npagemap(a, 40K, a + 40K, 8K)\npagemap(a + 1, 4K)';
    const a = TOP - 0x100000n;
    const pages: PageFact[] = [
      present(900), // #1
      present(901), // #2: consecutive label: same run
      present(500, { excl: true }), // #3: flags differ: new run
      present(900), // #1 again: label not consecutive
      zero,
      zero,
      { state: 'marker', marker: 'wp' },
      { state: 'marker', marker: 'poison' },
      { state: 'swap' },
      present(501, { excl: true, file: true, wp: true, thp: true }), // #4
      // second pair: same state as the last page of the first pair, yet a new run
      present(502, { excl: true, file: true, wp: true, thp: true }), // #5
      none,
    ];
    const out = transcript(text, [
      ok(a),
      { kind: 'pagemap', pages },
      // a + 1 with 4K overlaps two pages; labels restart at #1 per call
      { kind: 'pagemap', pages: [present(77), present(78)] },
    ]);
    expect(out.split('\n')).toEqual([
      '1: a = mmap(0, 1M) -> top-0x100000',
      '2: pagemap(a, 40K, a + 40K, 8K)',
      '  a a+0x2000 present frames=#1..#2',
      '  a+0x2000 a+0x3000 present frame=#3 excl',
      '  a+0x3000 a+0x4000 present frame=#1',
      '  a+0x4000 a+0x6000 present frames=zero..zero',
      '  a+0x6000 a+0x7000 marker:wp',
      '  a+0x7000 a+0x8000 marker:poison',
      '  a+0x8000 a+0x9000 swap',
      '  a+0x9000 a+0xa000 present frame=#4 excl file wp thp',
      '  a+0xa000 a+0xb000 present frame=#5 excl file wp thp',
      '  a+0xb000 a+0xc000 none',
      '3: pagemap(a + 1, 4K)',
      '  a a+0x2000 present frames=#1..#2',
      '',
    ]);
  });

  test('pgtables(), error facts, and a run that stopped early', () => {
    const text = 'pgtables()\npgtables()\npgtables()\nmunmap(0, 4K)\nmaps()';
    expect(
      transcript(text, [
        { kind: 'pgtables', delta: 8192 },
        { kind: 'pgtables', delta: -4096 },
        { kind: 'pgtables', delta: 0 },
        { kind: 'error', message: 'x is not bound' },
      ]),
    ).toBe(
      '1: pgtables() -> +8K\n2: pgtables() -> -4K\n3: pgtables() -> 0\n4: munmap(0, 4K) -> error: x is not bound\n',
    );
  });

  test('a fact of the wrong kind is a bug, not a transcript', () => {
    expect(() => transcript('maps()', [ok(0)])).toThrow(/a call fact does not answer a maps op/);
  });
});
