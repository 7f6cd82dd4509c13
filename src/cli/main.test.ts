import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { EXIT_NO_INPUT, EXIT_OK, EXIT_SCRIPT_ERROR, EXIT_USAGE, main, USAGE } from './main';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'mmscope-cli-'));
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

describe('mmscope check', () => {
  test('a good script: nothing printed, exit 0', async () => {
    const good = file(
      'good.mms',
      'a = mmap(NULL, 4K, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS)\nmaps()\n',
    );
    expect(await cli('check', good)).toEqual({ code: EXIT_OK, out: '', err: '' });
  });

  test('errors as file:line:col: message, exit 2 if any file has one', async () => {
    const good = file('good2.mms', 'maps()\n');
    const bad = file('bad.mms', 'a = mmap(0, 4K)\nmunmap(a * 2, 4K)\n\nmmap(PROT_RAED)\n');
    const r = await cli('check', good, bad);
    expect(r.code).toBe(EXIT_SCRIPT_ERROR);
    expect(r.out).toBe(
      `${bad}:2:8: a cannot be multiplied: a name may only be added to or subtracted from (a + 4K, a - 4K)\n` +
        `${bad}:4:6: unknown constant PROT_RAED (did you mean PROT_READ?)\n`,
    );
  });

  test('an unreadable file', async () => {
    const r = await cli('check', join(dir, 'missing.mms'));
    expect(r.code).toBe(EXIT_NO_INPUT);
    expect(r.err).toMatch(/cannot read .*missing\.mms: ENOENT/);
  });
});

describe('usage', () => {
  test.each([
    [[]],
    [['frob']],
    [['check']],
    [['run']],
    [['run', 'a.mms', 'b.mms']],
    [['oracle']],
    [['diff']],
    [['check', '--effects', 'a.mms']],
    [['run', '--nope', 'a.mms']],
  ])('%j is a usage error: exit 64 with the usage text', async (argv) => {
    const r = await cli(...argv);
    expect(r.code).toBe(EXIT_USAGE);
    expect(r.err).toContain(USAGE);
    expect(r.out).toBe('');
  });

  test('--help prints the usage to stdout', async () => {
    expect(await cli('--help')).toEqual({ code: EXIT_OK, out: USAGE, err: '' });
    expect(await cli('run', '-h')).toEqual({ code: EXIT_OK, out: USAGE, err: '' });
  });

  test('script errors stop run, oracle and diff with exit 2 before anything runs', async () => {
    const bad = file('bad2.mms', 'wait(t1)\n');
    for (const cmd of ['run', 'oracle', 'diff']) {
      const r = await cli(cmd, bad);
      expect(r.code).toBe(EXIT_SCRIPT_ERROR);
      expect(r.err).toContain(`${bad}:1:6: unknown thread t1`);
      expect(r.out).toBe('');
    }
  });
});
