/**
 * Regenerates `tests/conformance/uffd/FAILING.md`: runs the simulator on every script of this
 * folder and compares its transcript with the kernel recording (`.expected`); no oracle
 * needed. Each differing script gets one line: the first statement where the two part, what
 * the kernel printed there and what the simulator printed, and what the script shows (its
 * first comment line).
 *
 *   npx tsx tests/conformance/uffd/failing.ts           # rewrite FAILING.md, print a summary
 *   npx tsx tests/conformance/uffd/failing.ts --check   # only print; exit 1 if any differ
 *
 * Notes by hand go in FAILING.md between the `notes` markers; they are kept.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simulatorTranscript } from '../../../src/cli/transcripts';
import { findScripts, readExpected, readScript, type Script } from '../lib';

const DIR = dirname(fileURLToPath(import.meta.url));
const FAILING = join(DIR, 'FAILING.md');
const NOTES_BEGIN = '<!-- notes: kept by failing.ts -->';
const NOTES_END = '<!-- end of notes -->';
const MAX_RESULT = 90;

/** `3: ioctl(...) -> 0 copy=4K` -> its statement line number and the text after `->`. */
function split(line: string): { no: string; result: string } {
  const m = /^(\d+): .*? -> (.*)$/.exec(line);
  if (m) return { no: m[1]!, result: m[2]! };
  const n = /^(\d+): /.exec(line);
  return { no: n ? n[1]! : '?', result: line.trim() };
}

function short(s: string): string {
  const t = s.replace(/`/g, "'");
  return t.length > MAX_RESULT ? t.slice(0, MAX_RESULT - 3) + '...' : t;
}

/** What the script shows: its first comment line, without the citation in parentheses. */
function purpose(text: string): string {
  const first = text.split('\n')[0] ?? '';
  return first
    .replace(/^#\s*/, '')
    .replace(/\s*\([^()]*\)\s*$/, '')
    .trim();
}

/** The statement line that holds transcript line `i` (detail lines belong to the line above). */
function statementOf(lines: readonly string[], i: number): string {
  for (let k = Math.min(i, lines.length - 1); k >= 0; k--)
    if (!lines[k]!.startsWith('  ')) return lines[k]!;
  return '';
}

function diagnose(s: Script): string | null {
  const text = readScript(s);
  const expected = readExpected(s);
  if (expected === null) return 'no recording yet';
  let sim: string;
  try {
    sim = simulatorTranscript(text, s.name);
  } catch (e) {
    return `the simulator throws: ${short((e as Error).message.split('\n')[0] ?? '')}`;
  }
  if (sim === expected) return null;
  const k = expected.split('\n');
  const m = sim.split('\n');
  let i = 0;
  while (i < k.length && i < m.length && k[i] === m[i]) i++;
  const ks = statementOf(k, i);
  const ms = statementOf(m, i);
  const kd = split(ks);
  const md = split(ms);
  const detail = k[i]?.startsWith('  ') || m[i]?.startsWith('  ');
  const where = detail
    ? `line ${kd.no} detail: kernel \`${short((k[i] ?? '(none)').trim())}\`, simulator \`${short((m[i] ?? '(none)').trim())}\``
    : `line ${kd.no}: kernel \`${short(kd.result)}\`, simulator \`${short(md.no === kd.no ? md.result : ms || '(nothing)')}\``;
  return `${where}. Kernel: ${purpose(text)}`;
}

function main(): number {
  const check = process.argv.includes('--check');
  const scripts = findScripts(DIR);
  const rows: string[] = [];
  for (const s of scripts) {
    const d = diagnose(s);
    if (d !== null) rows.push(`- \`${s.name.replace(/^uffd\//, '')}\` — ${d}`);
  }
  const summary = `${rows.length} of ${scripts.length} uffd scripts differ from the kernel recording`;
  console.log(summary);
  if (check) {
    for (const r of rows) console.log(r);
    return rows.length ? 1 : 0;
  }
  let notes = `${NOTES_BEGIN}\n${NOTES_END}`;
  if (existsSync(FAILING)) {
    const old = readFileSync(FAILING, 'utf8');
    const a = old.indexOf(NOTES_BEGIN);
    const b = old.indexOf(NOTES_END);
    if (a >= 0 && b > a) notes = old.slice(a, b + NOTES_END.length);
  }
  const out = [
    '# uffd scripts the simulator still gets wrong',
    '',
    'The recordings (`.expected`) are the kernel and are right; each line below names the first',
    'statement where the simulator parts from the kernel, both results, and what the kernel does',
    '(the script’s first comment). Regenerate after a simulator change with',
    '`npx tsx tests/conformance/uffd/failing.ts` (no oracle needed); the notes are kept.',
    '',
    notes,
    '',
    `## ${summary}`,
    '',
    ...rows,
    '',
  ].join('\n');
  writeFileSync(FAILING, out);
  return 0;
}

process.exitCode = main();
