/**
 * The CLI's run / oracle / diff glue with both executors replaced by fakes, so exit codes,
 * `--effects` and the diff output are tested on any host (the real oracle needs Linux + root).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import type { Fact, RunHeader } from '../script/facts';
import type { Op, Program } from '../script/program';

const TOP = 0x7f0000000000n;

/** What the fakes answer: a fact per op, chosen by the test. */
const fake = {
  simFacts: (_p: Program): Fact[] => [],
  oracle: (
    _p: Program,
  ):
    | { ok: true; header: RunHeader; facts: Fact[] }
    | { ok: false; skip: boolean; reason: string } => ({
    ok: false,
    skip: true,
    reason: 'no oracle in this test',
  }),
};

vi.mock('../script/interpret', () => ({
  simulate: (program: Program) => ({
    header: { top: TOP },
    steps: fake.simFacts(program).map((fact, i) => ({
      op: program.ops[i] as Op,
      fact,
      effects: [{ type: 'table.alloc', level: 'pte', base: 4096, big: 1n << 60n }],
    })),
  }),
}));
vi.mock('../oracle/run', () => ({
  runOracle: async (program: Program) => fake.oracle(program),
}));

const { main, EXIT_DIFFERENT, EXIT_OK, EXIT_SCRIPT_ERROR, EXIT_SKIP, EXIT_INTERNAL } =
  await import('./main');
const { simulatorTranscript, oracleTranscript, ScriptErrors } = await import('./transcripts');

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'mmscope-glue-'));
const script = join(dir, 'a.mms');
writeFileSync(script, '# two statements\na = mmap(0, 4K)\nload(a, 4K)\n');

const mmapOk: Fact = { kind: 'call', ret: TOP - 0x1000n, errno: 0, out: [] };
const loadA: Fact = { kind: 'access', outcome: { access: 'load', tags: [0x41], stop: null } };
const loadZero: Fact = { kind: 'access', outcome: { access: 'load', tags: [0], stop: null } };

beforeEach(() => {
  fake.simFacts = () => [mmapOk, loadA];
  fake.oracle = () => ({ ok: true, header: { top: TOP }, facts: [mmapOk, loadA] });
});

describe('run', () => {
  test('prints the transcript', async () => {
    expect(await cli('run', script)).toEqual({
      code: EXIT_OK,
      out: '2: a = mmap(0, 4K) -> top-0x1000\n3: load(a, 4K) -> A\n',
      err: '',
    });
  });

  test('--effects: JSON lines after each statement, bigints as strings', async () => {
    const r = await cli('run', '--effects', script);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toBe('2: a = mmap(0, 4K) -> top-0x1000');
    expect(JSON.parse(lines[1]!)).toEqual({
      type: 'table.alloc',
      level: 'pte',
      base: 4096,
      big: '1152921504606846976',
    });
    expect(lines[2]).toBe('3: load(a, 4K) -> A');
    expect(lines).toHaveLength(4);
  });

  test('a run-time script error exits 2', async () => {
    fake.simFacts = () => [{ kind: 'error', message: 'a is not bound' }];
    const r = await cli('run', script);
    expect(r.code).toBe(EXIT_SCRIPT_ERROR);
    expect(r.out).toBe('2: a = mmap(0, 4K) -> error: a is not bound\n');
  });
});

describe('oracle', () => {
  test('prints the kernel transcript', async () => {
    expect((await cli('oracle', script)).out).toBe(
      '2: a = mmap(0, 4K) -> top-0x1000\n3: load(a, 4K) -> A\n',
    );
  });

  test('cannot run here: the reason on stderr, exit 77', async () => {
    fake.oracle = () => ({ ok: false, skip: true, reason: 'the oracle needs Linux' });
    expect(await cli('oracle', script)).toEqual({
      code: EXIT_SKIP,
      out: '',
      err: `mmscope: ${script}: the oracle needs Linux\n`,
    });
  });

  test('failed: exit 70', async () => {
    fake.oracle = () => ({ ok: false, skip: false, reason: 'oracle exited with SIGKILL' });
    expect((await cli('oracle', script)).code).toBe(EXIT_INTERNAL);
  });
});

describe('diff', () => {
  test('identical: nothing printed, exit 0', async () => {
    expect(await cli('diff', script, script)).toEqual({ code: EXIT_OK, out: '', err: '' });
  });

  test('different: a unified diff, kernel first, exit 1', async () => {
    fake.simFacts = () => [mmapOk, loadZero];
    const r = await cli('diff', script);
    expect(r.code).toBe(EXIT_DIFFERENT);
    expect(r.out).toBe(
      [
        `--- ${script} (kernel)`,
        `+++ ${script} (simulator)`,
        '@@ -1,2 +1,2 @@',
        ' 2: a = mmap(0, 4K) -> top-0x1000',
        '-3: load(a, 4K) -> A',
        '+3: load(a, 4K) -> .',
        '',
      ].join('\n'),
    );
  });

  test('the oracle cannot run: exit 77, unless something differs elsewhere', async () => {
    fake.oracle = () => ({ ok: false, skip: true, reason: 'not root' });
    const r = await cli('diff', script);
    expect(r).toEqual({ code: EXIT_SKIP, out: '', err: `mmscope: ${script}: not root\n` });
  });

  test('a script error wins over everything: exit 2', async () => {
    const bad = join(dir, 'bad.mms');
    writeFileSync(bad, 'load(x, 1)\n');
    fake.simFacts = () => [mmapOk, loadZero];
    const r = await cli('diff', script, bad);
    expect(r.code).toBe(EXIT_SCRIPT_ERROR);
    expect(r.out).toContain('-3: load(a, 4K) -> A');
    expect(r.err).toContain(`${bad}:1:6: unknown name x`);
  });
});

describe('transcripts.ts', () => {
  test('simulatorTranscript and oracleTranscript', async () => {
    const text = 'a = mmap(0, 4K)\nload(a, 4K)\n';
    expect(simulatorTranscript(text, 'x.mms')).toBe(
      '1: a = mmap(0, 4K) -> top-0x1000\n2: load(a, 4K) -> A\n',
    );
    expect(await oracleTranscript(text, 'x.mms')).toEqual({
      ok: true,
      transcript: '1: a = mmap(0, 4K) -> top-0x1000\n2: load(a, 4K) -> A\n',
    });
  });

  test('script errors throw ScriptErrors listing every error', () => {
    let thrown: unknown;
    try {
      simulatorTranscript('maps(1)\nfrob()\n', 'x.mms');
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ScriptErrors);
    const e = thrown as InstanceType<typeof ScriptErrors>;
    expect([e.line, e.column]).toEqual([1, 6]);
    expect(e.errors).toHaveLength(2);
    expect(e.message).toBe(
      'x.mms:1:6: maps takes no arguments, got 1\nx.mms:2:1: unknown call frob',
    );
  });
});
