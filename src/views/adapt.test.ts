/**
 * The adapter on real simulations: scripts run through the simulator, and the view models must
 * say what the core did (tables under the right slots after each kind of move, the emptied
 * DONTUNMAP source, the page cache keeping its pages, the names the script bound).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compile } from '../script/compile';
import { Simulation } from '../script/interpret';
import type { StepRecord } from '../store/types';
import {
  adaptAddressSpace,
  adaptInspector,
  adaptLinks,
  adaptPageTables,
  adaptPhysical,
  adaptUffd,
  type Timeline,
} from './adapt';
import { LANE_STEPS, SLOT_ANON, SLOT_TABLE } from './models';

interface Run {
  sim: Simulation;
  tl: Timeline;
  last: StepRecord;
}

/** Run a script to the end; the Simulation shown is a clone, as the store shows it. */
function run(text: string): Run {
  const c = compile(text);
  if (!c.ok) throw new Error(c.errors.map((e) => e.message).join('\n'));
  const sim = new Simulation(c.program);
  const steps: StepRecord[] = [];
  for (let s = sim.step(); s !== null; s = sim.step()) {
    if (s.fact.kind === 'error') throw new Error(s.fact.message);
    steps.push({ ...s, lines: [] });
  }
  return {
    sim: sim.clone(),
    tl: { steps, cursor: steps.length, program: c.program },
    last: steps[steps.length - 1]!,
  };
}

const A = 0x200000000000;

describe('page tables after mremap', () => {
  it('a PMD-level move puts the PTE table under the new PMD slot', () => {
    const r = run(`a = mmap(${A}, 4M, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
store(a, 4M, 'x')
b = mremap(a, 4M, 4M, MREMAP_MAYMOVE|MREMAP_FIXED, ${A + 0x400000})`);
    const moves = r.last.effects.filter((e) => e.type === 'entries.move');
    expect(moves.length).toBeGreaterThan(0);
    expect(moves.every((e) => e.type === 'entries.move' && e.level === 'pmd')).toBe(true);

    const m = adaptPageTables(r.sim, { selection: null, effects: r.last.effects });
    const pte = m.tables.find((t) => t.id === `pte:${A + 0x400000}`);
    expect(pte).toBeDefined();
    expect(pte!.gone).toBeNull();
    expect(pte!.parent).toBe(`pmd:${A}`);
    expect(pte!.index).toBe(2);
    expect(pte!.used).toBe(512);
    expect(pte!.kinds[0]).toBe(SLOT_ANON);
    // The PMD table has the table entries in slots 2 and 3, none in 0 and 1.
    const pmd = m.tables.find((t) => t.id === `pmd:${A}`)!;
    expect([pmd.kinds[0], pmd.kinds[1], pmd.kinds[2], pmd.kinds[3]]).toEqual([
      0,
      0,
      SLOT_TABLE,
      SLOT_TABLE,
    ]);
    expect(pmd.fill[2]).toBe(1);
    // The PTE table that was carried away is drawn where it was, marked as moved.
    const old = m.tables.find((t) => t.id === `pte:${A}`);
    expect(old?.gone).toEqual({ kind: 'moved', to: A + 0x400000 });
  });

  it('a PTE-level move allocates new PTE tables and frees the old ones', () => {
    const r = run(`a = mmap(${A}, 2M, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
store(a, 2M, 'x')
b = mremap(a, 2M, 2M, MREMAP_MAYMOVE|MREMAP_FIXED, ${A + 0x401000})`);
    const levels = new Set(
      r.last.effects.flatMap((e) => (e.type === 'entries.move' ? [e.level] : [])),
    );
    expect([...levels]).toEqual(['pte']);
    const m = adaptPageTables(r.sim, { selection: null, effects: r.last.effects });
    expect(m.tables.find((t) => t.id === `pte:${A + 0x400000}`)?.gone).toBeNull();
    expect(m.tables.find((t) => t.id === `pte:${A}`)?.gone).toEqual({ kind: 'freed' });
  });

  it('a PUD-level move carries the PMD table to the new PUD slot', () => {
    const r = run(`a = mmap(${A}, 1G, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
store(a, 8K, 'x')
store(a + 512M, 4K, 'y')
b = mremap(a, 1G, 1G, MREMAP_MAYMOVE|MREMAP_FIXED, ${A + 2 ** 30})`);
    const moves = r.last.effects.filter((e) => e.type === 'entries.move');
    expect(moves).toHaveLength(1);
    const m = adaptPageTables(r.sim, { selection: null, effects: r.last.effects });
    const pmd = m.tables.find((t) => t.id === `pmd:${A + 2 ** 30}`)!;
    expect(pmd.gone).toBeNull();
    expect(pmd.parent).toBe(`pud:${A}`);
    expect(pmd.index).toBe(1);
    expect(pmd.kinds[0]).toBe(SLOT_TABLE);
    expect(pmd.kinds[256]).toBe(SLOT_TABLE);
    expect(m.tables.find((t) => t.id === `pmd:${A}`)?.gone).toEqual({
      kind: 'moved',
      to: A + 2 ** 30,
    });
    const pud = m.tables.find((t) => t.id === `pud:${A}`)!;
    expect(pud.kinds[0]).toBe(0);
    expect(pud.kinds[1]).toBe(SLOT_TABLE);
  });
});

describe('MREMAP_DONTUNMAP on a memfd', () => {
  const script = `fd = memfd_create("heap", 0)
ftruncate(fd, 16K)
heap = mmap(NULL, 16K, PROT_READ|PROT_WRITE, MAP_SHARED, fd, 0)
store(heap, 16K, 'A')
to = mremap(heap, 16K, 16K, MREMAP_MAYMOVE|MREMAP_DONTUNMAP)`;

  it('leaves the source VMA mapped, empty and marked; the cache keeps its pages', () => {
    const r = run(script);
    const as = adaptAddressSpace(r.sim, r.tl);
    expect(as.vmas).toHaveLength(2);
    const [dst, src] = as.vmas;
    expect(src!.present).toBe(0);
    expect(src!.dontunmap).toEqual({ start: src!.start, end: src!.end });
    expect(dst!.present).toBe(4);
    expect(dst!.dontunmap).toBeNull();
    expect(src!.backing).toBe(dst!.backing);
    expect(as.backings.find((b) => b.key === src!.backing)?.label).toBe('memfd:heap');
    expect(as.names.map((n) => n.name).sort()).toEqual(['heap', 'to']);

    const pm = adaptPhysical(r.sim);
    const cache = pm.groups.find((g) => g.kind === 'cache')!;
    expect(cache.count).toBe(4);
    expect(Array.from(cache.mapcount)).toEqual([1, 1, 1, 1]);
  });

  it('a later touch maps the cached page back', () => {
    const r = run(`${script}\nload(heap, 4K)`);
    const as = adaptAddressSpace(r.sim, r.tl);
    const src = as.vmas.find((v) => v.dontunmap !== null)!;
    // At least the touched page (a read fault may map the cached pages around it too).
    expect(src.present).toBeGreaterThanOrEqual(1);
    const pm = adaptPhysical(r.sim);
    const cache = pm.groups.find((g) => g.kind === 'cache')!;
    expect(cache.mapcount[0]).toBe(2);
    // The page at heap and the page at `to` are the same frame.
    const links = adaptLinks(r.sim, { kind: 'frame', pfn: cache.pfn[0]! });
    expect(links.ranges.map(([a]) => a).sort()).toEqual([src.start, as.vmas[0]!.start].sort());
  });
});

describe('inspector and threads', () => {
  it('describes a page with its walk, frame and content', () => {
    const r = run(`a = mmap(NULL, 8K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS)
store(a, 4K, 'Q')`);
    const a = adaptAddressSpace(r.sim, r.tl).vmas[0]!.start;
    const m = adaptInspector(r.sim, { kind: 'page', addr: a }, r.tl)!;
    const rows = m.sections.flatMap((s) => s.rows);
    expect(rows.find((x) => x.key === 'entry')?.value).toBe('anon');
    expect(rows.find((x) => x.key === 'content')?.value).toContain("'Q'");
    expect(rows.find((x) => x.key === 'walk')?.value).toMatch(/^PGD\[\d+\] → PUD/);
  });

  it('has a lane per thread that ran, and no uffd', () => {
    const r = run(`a = mmap(NULL, 8K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS)
@t1 store(a, 4K, 'Q')
load(a, 8K)`);
    const u = adaptUffd(r.sim, r.tl);
    expect(u.contexts).toEqual([]);
    expect(u.threads.map((t) => t.name).sort()).toEqual(['main', 't1']);
    const t1 = u.threads.find((t) => t.name === 't1')!;
    expect(t1.state).toBe('done');
    expect(t1.lane.map((c) => c.ran)).toEqual([true, false]);
  });
});

/** Run a script to step `k` (the Simulation shown is a clone), keeping every step's record. */
function runTo(text: string, k: number): Run {
  const full = run(text);
  const c = compile(text);
  if (!c.ok) throw new Error('does not compile');
  const sim = new Simulation(c.program);
  for (let i = 0; i < k; i++) sim.step();
  return { sim: sim.clone(), tl: { ...full.tl, cursor: k }, last: full.tl.steps[k - 1]! };
}

describe('long timelines and names', () => {
  const long = [
    'a = mmap(NULL, 64K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS)',
    ...Array.from({ length: 600 }, (_, i) =>
      i % 3 === 0
        ? `@t1 load(a + ${(i % 16) * 4096}, 4K)`
        : `store(a + ${(i % 16) * 4096}, 4K, 'Q')`,
    ),
  ].join('\n');

  it('gives each thread a lane over the last LANE_STEPS steps, ending at the cursor', () => {
    for (const k of [601, 300, 5]) {
      const r = runTo(long, k);
      const u = adaptUffd(r.sim, r.tl);
      expect(u.steps).toBe(k);
      const main = u.threads.find((t) => t.name === 'main')!;
      // main first runs in step 3 (step 2 is t1's).
      expect(main.lane.length).toBe(Math.min(k - 2, LANE_STEPS));
      expect(main.lane[main.lane.length - 1]!.step).toBe(k);
      // Every access counts, not only those in the window.
      const ran = r.tl.steps
        .slice(0, k)
        .filter((s) => s.op.kind === 'access' && s.op.thread === 0).length;
      expect(main.accesses).toBe(ran);
    }
  });

  it('reads names and lanes the same whether the index was built at step 600 or step 5', () => {
    const a = runTo(long, 600);
    const b = runTo(long, 5);
    // Share one steps array, so that both use one index, built by whichever comes first.
    const steps = a.tl.steps;
    const atB = adaptUffd(b.sim, { ...b.tl, steps });
    const atA = adaptUffd(a.sim, { ...a.tl, steps });
    const t1 = atB.threads.find((t) => t.name === 't1')!;
    expect(t1.lane.map((c) => c.step)).toEqual([2, 3, 4, 5]);
    expect(t1.lane.filter((c) => c.ran).map((c) => c.step)).toEqual([2, 5]);
    const t1a = atA.threads.find((t) => t.name === 't1')!;
    expect(t1a.lane.at(-1)!.step).toBe(600);
    expect(t1a.lane.filter((c) => c.ran).at(-1)!.step).toBe(599);
    expect(adaptAddressSpace(b.sim, { ...b.tl, steps }).names.map((n) => n.name)).toEqual(['a']);
  });

  it('names the addresses of queued uffd messages and blocked threads as the transcript does', () => {
    const text = readFileSync(
      join(dirname(fileURLToPath(import.meta.url)), '../scenarios/art-cmc-minor.mms'),
      'utf8',
    );
    const all = run(text).tl.steps;
    // The step that blocks m1 and queues its fault; the next read(uffd) pops it.
    const k = all.findIndex((s) => s.effects.some((e) => e.type === 'uffd.event')) + 1;
    const r = runTo(text, k);
    const u = adaptUffd(r.sim, r.tl);
    const msg = u.contexts[0]!.queue[0]!.text;
    expect(msg).toMatch(/^PAGEFAULT heap\+0x[0-9a-f]+ flags=MINOR/);
    const m1 = u.threads.find((t) => t.name === 'm1')!;
    expect(m1.state).toBe('blocked');
    expect(m1.where).toMatch(/^heap\+0x/);
    expect(msg).toContain(m1.where!);
  });
});
