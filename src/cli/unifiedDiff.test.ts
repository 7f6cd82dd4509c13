import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { diffLines, unifiedDiff } from './unifiedDiff';

/** Apply a unified diff to `a` (strictly: context and removals must match). */
function applyPatch(a: string, patch: string): string {
  const src = a === '' ? [] : a.replace(/\n$/, '').split('\n');
  const lines = patch.replace(/\n$/, '').split('\n').slice(2);
  const out: string[] = [];
  let pos = 0;
  let k = 0;
  while (k < lines.length) {
    const m = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@$/.exec(lines[k]!);
    if (!m) throw new Error(`bad hunk header ${lines[k]}`);
    const start = Number(m[1]) - (m[2] === '0' ? 0 : 1);
    while (pos < start) out.push(src[pos++]!);
    k++;
    while (k < lines.length && !lines[k]!.startsWith('@@')) {
      const l = lines[k++]!;
      const text = l.slice(1);
      if (l[0] === ' ' || l[0] === '-') {
        if (src[pos] !== text) throw new Error(`mismatch at ${pos}: ${src[pos]} vs ${text}`);
        pos++;
      }
      if (l[0] === ' ' || l[0] === '+') out.push(text);
    }
  }
  while (pos < src.length) out.push(src[pos++]!);
  return out.length === 0 ? '' : out.join('\n') + '\n';
}

/** A deterministic pseudo-random generator (tests must be reproducible). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('unifiedDiff', () => {
  test('equal texts give no diff', () => {
    expect(unifiedDiff('a\nb\n', 'a\nb\n', 'x', 'y')).toBe('');
  });

  test('the shape of diff -u', () => {
    const a = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'].join('\n') + '\n';
    const b =
      ['1', '2', '3', '4', 'five', '6', '7', '8', '9', '10', '11', '12', '13'].join('\n') + '\n';
    expect(unifiedDiff(a, b, 'kernel', 'simulator')).toBe(
      [
        '--- kernel',
        '+++ simulator',
        '@@ -2,7 +2,7 @@',
        ' 2',
        ' 3',
        ' 4',
        '-5',
        '+five',
        ' 6',
        ' 7',
        ' 8',
        '@@ -10,3 +10,4 @@',
        ' 10',
        ' 11',
        ' 12',
        '+13',
        '',
      ].join('\n'),
    );
    expect(unifiedDiff('', 'x\n', 'a', 'b')).toBe('--- a\n+++ b\n@@ -0,0 +1 @@\n+x\n');
    expect(unifiedDiff('x\n', 'x', 'a', 'b')).toBe(
      '--- a\n+++ b\n@@ -1 +1 @@\n-x\n+x\n\\ No newline at end of file\n',
    );
  });

  test('the edit script is minimal', () => {
    const edits = diffLines(['a', 'b', 'c', 'a', 'b', 'b', 'a'], ['c', 'b', 'a', 'b', 'a', 'c']);
    expect(edits.filter((e) => e.op !== ' ')).toHaveLength(5); // Myers' paper: D = 5
  });

  test('random texts: the patch turns a into b', () => {
    const r = rng(42);
    for (let t = 0; t < 300; t++) {
      const gen = (): string => {
        const n = Math.floor(r() * 30);
        return Array.from({ length: n }, () => 'abcde'[Math.floor(r() * 5)]! + '\n').join('');
      };
      const a = gen();
      const b = gen();
      const d = unifiedDiff(a, b, 'a', 'b');
      expect(d === '').toBe(a === b);
      if (d !== '') expect(applyPatch(a, d)).toBe(b);
    }
  });

  test.skipIf(spawnSync('diff', ['--version']).status !== 0)(
    'agrees with GNU diff -u on hunk ranges',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'mmscope-diff-'));
      const r = rng(7);
      for (let t = 0; t < 50; t++) {
        const base = Array.from({ length: 40 }, (_, i) => `line ${i}`);
        const b = base.filter(() => r() > 0.1).map((l) => (r() < 0.1 ? l + ' changed' : l));
        const aText = base.join('\n') + '\n';
        const bText = b.join('\n') + '\n';
        writeFileSync(join(dir, 'a'), aText);
        writeFileSync(join(dir, 'b'), bText);
        const gnu = spawnSync('diff', ['-u', join(dir, 'a'), join(dir, 'b')], { encoding: 'utf8' });
        const headers = (s: string) => s.split('\n').filter((l) => l.startsWith('@@'));
        expect(headers(unifiedDiff(aText, bText, 'a', 'b'))).toEqual(headers(gnu.stdout));
      }
    },
  );
});
