/**
 * Scenario metadata: every scenario compiles (under each of its profiles), every sentence sits on
 * an existing statement (and on the one it was written for), every link is a plain https URL,
 * and every script is in the conformance suite with a kernel recording.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { compile } from '../script/compile';
import { Simulation } from '../script/interpret';
import {
  findScenario,
  narrationFor,
  profilesOf,
  SCENARIOS,
  scenarioOfSource,
  searchScenarios,
  sourceFor,
  walkthroughOf,
} from './index';

const ROOT = join(import.meta.dirname, '..', '..');

const REQUIRED = [
  'dontunmap-basics',
  'art-cmc-copy',
  'art-cmc-minor',
  'mirror',
  'pagetable-levels',
  'chromeos-swap',
  'uffd-move',
  'art-race',
];

test('the registry has every scenario of the issue, with unique ids', () => {
  const ids = SCENARIOS.map((s) => s.id);
  for (const id of REQUIRED) expect(ids).toContain(id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const s of SCENARIOS) expect(s.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
});

describe.each(SCENARIOS.map((s) => [s.id, s] as const))('%s', (_id, s) => {
  test('its file is the source, and compiles under each profile', () => {
    expect(readFileSync(join(ROOT, 'src', 'scenarios', s.file), 'utf8')).toBe(s.source);
    for (const p of profilesOf(s)) {
      const r = compile(sourceFor(s, p), s.file);
      expect(r.ok, `${s.file} under ${p}: ${r.ok ? '' : JSON.stringify(r.errors)}`).toBe(true);
      if (r.ok) expect(r.program.profile ?? '6.18').toBe(p);
    }
  });

  test('every sentence names a statement of the script (line and text)', () => {
    for (const p of profilesOf(s)) {
      const r = compile(sourceFor(s, p), s.file);
      if (!r.ok) throw new Error('does not compile');
      const byLine = new Map(r.program.ops.map((op) => [op.line, op.text]));
      const steps = narrationFor(s, p);
      expect(
        steps.some((n) => n.line === 0),
        'an introduction (line 0)',
      ).toBe(true);
      for (const n of steps) {
        expect(n.text.trim().length, `line ${n.line}: empty sentence`).toBeGreaterThan(0);
        if (n.line === 0) continue;
        const text = byLine.get(n.line);
        expect(text, `${s.file}:${n.line} is not a statement (${p})`).toBeDefined();
        expect(text!.startsWith(n.at), `${s.file}:${n.line} is "${text}", not "${n.at}…"`).toBe(
          true,
        );
      }
      // Lines are unique and every statement that prints something substantial is narrated.
      expect(new Set(steps.map((n) => n.line)).size).toBe(steps.length);
    }
  });

  test('links are plain https URLs with a label', () => {
    for (const p of profilesOf(s)) {
      for (const n of narrationFor(s, p)) {
        for (const ref of n.refs) {
          expect(ref.label.length).toBeGreaterThan(0);
          expect(ref.url).toMatch(
            /^https:\/\/(elixir\.bootlin\.com|git\.kernel\.org|man7\.org|android\.googlesource\.com|lore\.kernel\.org|lkml\.iu\.edu|docs\.kernel\.org)\//,
          );
        }
      }
    }
  });

  test('its script is in the conformance suite, with a kernel recording', () => {
    const expected = join(
      ROOT,
      'tests',
      'conformance',
      'scenarios',
      s.file.replace(/\.mms$/, '.expected'),
    );
    expect(existsSync(expected), expected).toBe(true);
  });

  test('its walkthrough round-trips through the source lookup', () => {
    for (const p of profilesOf(s)) {
      const w = walkthroughOf(s, p);
      expect(w.id).toBe(s.id);
      expect(scenarioOfSource(w.source)?.scenario.id).toBe(s.id);
    }
  });
});

test('the narrated GC scenarios narrate every statement', () => {
  for (const id of REQUIRED) {
    const s = findScenario(id)!;
    const r = compile(s.source, s.file);
    if (!r.ok) throw new Error('does not compile');
    const narrated = new Set(s.narration.map((n) => n.line));
    const missing = r.program.ops.filter((op) => !narrated.has(op.line)).map((op) => op.line);
    expect(missing, `${id}: statements without a sentence`).toEqual([]);
  }
});

test('search matches words in titles, summaries and tags', () => {
  expect(searchScenarios('').length).toBe(SCENARIOS.length);
  expect(searchScenarios('uffdio_move').map((s) => s.id)).toContain('uffd-move');
  expect(searchScenarios('ART minor').map((s) => s.id)).toEqual(['art-cmc-minor']);
  expect(searchScenarios('no such thing')).toEqual([]);
});

test('the 5.7 variant of dontunmap-basics only swaps the kernel line', () => {
  const s = findScenario('dontunmap-basics')!;
  const v = sourceFor(s, '5.7');
  expect(v.split('\n')[0]).toBe('kernel 5.7');
  expect(v.split('\n').slice(1)).toEqual(s.source.split('\n').slice(1));
  expect(walkthroughOf(s, '5.7').name).toBe('dontunmap-basics.mms (kernel 5.7)');
});

/** The pages of the pagemap() at `line` of a scenario run on the simulator. */
function pagemapAt(id: string, line: number): { present: boolean; frame: bigint }[] {
  const s = findScenario(id)!;
  const r = compile(s.source, s.file);
  if (!r.ok) throw new Error('does not compile');
  const sim = new Simulation(r.program);
  for (;;) {
    const st = sim.step();
    if (st === null) throw new Error(`${id}: no pagemap at line ${line}`);
    if (st.op.line === line) {
      if (st.fact.kind !== 'pagemap') throw new Error(`${id}:${line} is not a pagemap()`);
      return st.fact.pages.map((p) =>
        p.state === 'present' ? { present: true, frame: p.frame } : { present: false, frame: -1n },
      );
    }
  }
}

test('uffd-move: a moved page keeps its physical frame (PFN); a copied one does not', () => {
  // pagemap(from, 32K, heap, 32K): pages 0-7 are the from-space, 8-15 the heap.
  const before = pagemapAt('uffd-move', 16);
  const after = pagemapAt('uffd-move', 20);
  // B was at from-space pages 4-5; MOVE put it at heap pages 2-3, same frames.
  expect(after[8 + 2]).toEqual(before[4]);
  expect(after[8 + 3]).toEqual(before[5]);
  expect(after[4]!.present).toBe(false);
  expect(after[5]!.present).toBe(false);
  // In copy mode the heap page is a new frame, and the from-space keeps the old one.
  const copy = pagemapAt('art-cmc-copy', 35); // pagemap(heap, 32K, from, 32K)
  expect(copy[2]!.present && copy[8 + 4]!.present).toBe(true);
  expect(copy[2]!.frame).not.toBe(copy[8 + 4]!.frame);
});

test('pagetable-levels moves 1 PUD entry, 512 PMD entries, 262,144 PTEs', () => {
  const s = findScenario('pagetable-levels')!;
  const r = compile(s.source, s.file);
  if (!r.ok) throw new Error('does not compile');
  const sim = new Simulation(r.program);
  const moved: Record<number, Record<string, number>> = {};
  for (let st = sim.step(); st !== null; st = sim.step()) {
    for (const e of st.effects) {
      if (e.type !== 'entries.move') continue;
      const m = (moved[st.op.line] ??= {});
      m[e.level] = (m[e.level] ?? 0) + e.count;
    }
  }
  expect(moved).toEqual({ 10: { pud: 1 }, 13: { pmd: 512 }, 16: { pte: 262144 } });
}, 30_000);
