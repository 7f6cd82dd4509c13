import { describe, expect, it } from 'vitest';
import type { Fact } from '../script/facts';
import type { Simulation } from '../script/interpret';
import type { Op, Program } from '../script/program';
import { dontunmap } from '../scenarios/dontunmap';
import { defaultEngine, type Engine } from './engine';
import { consoleSource, createExplorerStore, splitTranscript, type ExplorerStore } from './store';
import { selectNarration } from './selectors';
import { buildSearch, decodeScript, encodeScript, parseUrlState } from './url';

/**
 * A structural snapshot of a simulation's whole state (own fields, typed arrays, maps, sets;
 * cycles as back-references), so two simulations compare equal exactly when they are in the
 * same state, whatever the core's representation.
 */
/** Caches and scratch space: not state (Mm.vmaCache, Mm.lastTag, the effect log). */
// Caches that never change what a step does (the interpreter memoizes the fact of a shared
// constant SysResult), so a checkpointed simulation may hold other values there than a replay.
const NOT_STATE = new Set(['vmaCache', 'lastTag', 'log', 'lastResult', 'lastFact']);

function inspectState(sim: Simulation | null): unknown {
  const seen = new Map<object, number>();
  const walk = (v: unknown): unknown => {
    if (typeof v === 'bigint') return `${v}n`;
    if (typeof v === 'function') return undefined;
    if (v === null || typeof v !== 'object') return v;
    const id = seen.get(v);
    if (id !== undefined) return { ref: id };
    seen.set(v, seen.size);
    if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number | bigint>, walk);
    if (Array.isArray(v)) return v.map(walk);
    if (v instanceof Map) return { map: [...v.entries()].map(([k, x]) => [walk(k), walk(x)]) };
    if (v instanceof Set) return { set: [...v].map(walk) };
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) {
      if (!NOT_STATE.has(k)) out[k] = walk((v as Record<string, unknown>)[k]);
    }
    return out;
  };
  return walk(sim);
}

/**
 * A stand-in simulation whose whole state is a list of numbers, so that "the state after n
 * steps" is easy to compare and a wrong replay (a step applied twice or skipped) shows.
 */
class ToySim {
  readonly header = { top: 0x7f0000000000n };
  constructor(
    private readonly program: Program,
    public pos = 0,
    public state: number[] = [],
  ) {}
  get mm(): readonly number[] {
    return this.state;
  }
  step() {
    const op = this.program.ops[this.pos];
    if (op === undefined) return null;
    this.pos++;
    this.state.push(this.pos * 31 + op.line);
    const fact: Fact = { kind: 'call', ret: BigInt(this.state.length), errno: 0, out: [] };
    return { op, fact, effects: [] };
  }
  clone(): ToySim {
    return new ToySim(this.program, this.pos, [...this.state]);
  }
}

function toyEngine(counter = { clones: 0, steps: 0 }): Engine {
  return {
    compile: defaultEngine.compile,
    simulate: (p) => {
      const sim = new ToySim(p);
      const origClone = sim.clone.bind(sim);
      void origClone;
      return countingSim(sim, counter) as unknown as Simulation;
    },
    format: (program, _header, facts) =>
      program.ops
        .map((op: Op, i) => {
          const f = facts[i];
          const ret = f?.kind === 'call' ? f.ret.toString() : '?';
          return `${op.line}: ${op.text} -> ${ret}\n  detail ${i}`;
        })
        .join('\n') + '\n',
  };
}

function countingSim(sim: ToySim, counter: { clones: number; steps: number }): ToySim {
  const step = sim.step.bind(sim);
  const clone = sim.clone.bind(sim);
  sim.step = () => {
    counter.steps++;
    return step();
  };
  sim.clone = () => {
    counter.clones++;
    return countingSim(clone(), counter);
  };
  return sim;
}

function toyScript(n: number): string {
  const lines = ['# toy', 'a = mmap(NULL, 4K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS)'];
  for (let i = 1; i < n; i++) lines.push(`store(a, 4K, 'A')`);
  return lines.join('\n') + '\n';
}

function toyState(store: ExplorerStore): readonly number[] {
  return (store.getState().sim as unknown as ToySim | null)?.mm ?? [];
}

describe('store with a toy simulation (checkpoint mechanics)', () => {
  it('runs every statement, splits the transcript per statement, ends at the end', () => {
    const store = createExplorerStore({ source: toyScript(5), engine: toyEngine(), step: 5 });
    const s = store.getState();
    expect(s.errors).toEqual([]);
    expect(s.steps).toHaveLength(5);
    expect(s.cursor).toBe(5);
    expect(s.steps[0]!.lines).toEqual([
      '2: a = mmap(NULL, 4K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS) -> 1',
      '  detail 0',
    ]);
    expect(s.steps[4]!.lines[0]).toBe(`6: store(a, 4K, 'A') -> 5`);
  });

  it('jumpTo and stepBack equal a replay from the start, with few steps replayed', () => {
    const counter = { clones: 0, steps: 0 };
    const store = createExplorerStore({
      source: toyScript(1000),
      engine: toyEngine(counter),
      checkpointMaxSteps: 50,
      checkpointBudgetMs: Infinity,
    });
    const replay = (n: number) => {
      const fresh = createExplorerStore({
        source: toyScript(1000),
        engine: toyEngine(),
        step: n,
      });
      return toyState(fresh);
    };
    for (const n of [0, 1, 49, 50, 51, 777, 1000, 3]) {
      counter.steps = 0;
      store.getState().actions.jumpTo(n);
      expect(store.getState().cursor).toBe(n);
      expect(toyState(store)).toEqual(replay(n));
      expect(counter.steps).toBeLessThan(50);
    }
    store.getState().actions.jumpTo(500);
    for (let i = 0; i < 60; i++) store.getState().actions.stepBack();
    expect(toyState(store)).toEqual(replay(440));
    store.getState().actions.stepForward();
    expect(store.getState().transition).toBe('forward');
    expect(toyState(store)).toEqual(replay(441));
  });

  it('never mutates a simulation it has handed out', () => {
    const store = createExplorerStore({ source: toyScript(10), engine: toyEngine(), step: 3 });
    const before = store.getState().sim;
    const snapshot = [...toyState(store)];
    store.getState().actions.stepForward();
    expect(store.getState().sim).not.toBe(before);
    expect((before as unknown as ToySim).mm).toEqual(snapshot);
  });

  it('plays to the end on a timer and stops', () => {
    const timers: (() => void)[] = [];
    const store = createExplorerStore({
      source: toyScript(4),
      engine: toyEngine(),
      setTimer: (fn) => timers.push(fn),
      clearTimer: () => {},
    });
    store.getState().actions.play();
    expect(store.getState().playing).toBe(true);
    while (timers.length > 0) timers.shift()!();
    expect(store.getState().cursor).toBe(4);
    expect(store.getState().playing).toBe(false);
  });
});

describe('transcript and console helpers', () => {
  it('splits a transcript on each statement line prefix', () => {
    const ops = [{ line: 3 }, { line: 10 }] as unknown as Op[];
    expect(splitTranscript('3: maps()\n  a b\n  c d\n10: x -> 0\n', ops)).toEqual([
      ['3: maps()', '  a b', '  c d'],
      ['10: x -> 0'],
    ]);
  });

  it('keeps the script up to the cursor statement, then appends the console statement', () => {
    const src = '# c\nkernel 6.18\n\na = f()\n# mid\nb = g()\n\nc = h()\n';
    const ops = [{ line: 4 }, { line: 6 }, { line: 8 }] as unknown as Op[];
    expect(consoleSource(src, ops, 2, 'load(a, 4K)')).toBe(
      '# c\nkernel 6.18\n\na = f()\n# mid\nb = g()\nload(a, 4K)\n',
    );
    expect(consoleSource(src, ops, 0, 'x()')).toBe('# c\nkernel 6.18\nx()\n');
    expect(consoleSource('', [], 0, 'x()')).toBe('x()\n');
    expect(consoleSource(src, ops, 3, 'x()')).toBe(src + 'x()\n');
  });
});

describe('URL state', () => {
  it('round-trips any text through base64url', () => {
    for (const text of ['', 'a', 'ab', 'abc', dontunmap.source, 'mmap(NULL, 4K) # ünïcødé ✓\n']) {
      const enc = encodeScript(text);
      expect(enc).toMatch(/^[A-Za-z0-9_-]*$/);
      expect(decodeScript(enc)).toBe(text);
    }
    expect(decodeScript('%%%')).toBeNull();
  });

  it('parses and builds the query string, keeping parameters it does not own', () => {
    const q = buildSearch({ script: 'load(top, 4K)\n', step: 7 }, '?anim=0&step=2&embed=1');
    const u = parseUrlState(q);
    expect(u).toEqual({
      script: 'load(top, 4K)\n',
      step: 7,
      animationMs: 0,
      scenario: null,
      embed: true,
    });
    expect(buildSearch({ script: null, step: 0 }, '?script=abc&step=3')).toBe('');
  });
});

describe('store with the real simulator', () => {
  it('stepping back and jumping equal a replay to that step', () => {
    const store = createExplorerStore({ walkthrough: dontunmap, checkpointMaxSteps: 4 });
    const n = store.getState().steps.length;
    expect(n).toBeGreaterThan(10);
    expect(store.getState().runError).toBeNull();
    const replay = (k: number) =>
      inspectState(createExplorerStore({ walkthrough: dontunmap, step: k }).getState().sim);
    const a = store.getState().actions;
    a.jumpTo(n);
    for (let k = n; k > 0; k--) {
      expect(inspectState(store.getState().sim)).toEqual(replay(k));
      a.stepBack();
    }
    expect(inspectState(store.getState().sim)).toEqual(replay(0));
    for (const k of [7, 2, n - 1, 5]) {
      a.jumpTo(k);
      expect(inspectState(store.getState().sim)).toEqual(replay(k));
    }
  });

  it('formats each statement with its transcript lines', () => {
    const store = createExplorerStore({ walkthrough: dontunmap });
    const steps = store.getState().steps;
    expect(steps[0]!.lines[0]).toMatch(/^5: anon = mmap\(.*\) -> top-0x10000$/);
    const maps = steps.find((s) => s.op.kind === 'maps')!;
    expect(maps.lines.length).toBeGreaterThan(1);
    expect(maps.lines.slice(1).every((l) => l.startsWith('  '))).toBe(true);
  });

  it('the console drops the steps after the cursor and appends its statement', () => {
    const store = createExplorerStore({ walkthrough: dontunmap, step: 3 });
    const a = store.getState().actions;
    expect(a.runConsole('load(anon, 4K)')).toBe(true);
    const s = store.getState();
    expect(s.steps).toHaveLength(4);
    expect(s.cursor).toBe(4);
    expect(s.source.trimEnd().split('\n').pop()).toBe('load(anon, 4K)');
    expect(s.steps[3]!.lines[0]).toMatch(/: load\(anon, 4K\) -> A$/);
    // A statement that does not compile changes nothing but the console's error.
    expect(a.runConsole('load(nosuch, 4K)')).toBe(false);
    expect(store.getState().steps).toHaveLength(4);
    expect(store.getState().consoleError?.message).toMatch(/nosuch/);
  });

  it('names an edit of the walkthrough and a new script apart', () => {
    const store = createExplorerStore({ walkthrough: dontunmap, step: 2 });
    const a = store.getState().actions;
    expect(store.getState()).toMatchObject({ name: 'dontunmap.mms', scenarioId: 'dontunmap' });
    expect(selectNarration(store.getState())).toMatch(/do_anonymous_page/);
    a.runConsole('load(anon, 4K)');
    expect(store.getState().name).toBe('dontunmap.mms (edited)');
    a.jumpTo(2);
    expect(selectNarration(store.getState())).toMatch(/do_anonymous_page/);
    a.setSource('x = mmap(NULL, 4K, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS)\n');
    a.run();
    expect(store.getState()).toMatchObject({ name: 'untitled.mms', scenarioId: null });
    expect(selectNarration(store.getState())).toBeNull();
  });

  it('reports compile errors at their line and column', () => {
    const store = createExplorerStore({ source: 'a = mmap(NULL, 4K)\nmunmap(a, PROT_RAED)\n' });
    const e = store.getState().errors;
    expect(e).toHaveLength(1);
    expect(e[0]).toMatchObject({ line: 2, column: 11 });
    expect(store.getState().steps).toHaveLength(0);
  });
});

describe('time travel on a long script', () => {
  it('reaches any step of a 10,000-statement script in under 100 ms', () => {
    const lines = ['a = mmap(NULL, 4M, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS)'];
    for (let i = 1; i < 10_000; i++) {
      const off = ((i * 37) % 1024) * 4096;
      if (i % 3 === 0) lines.push(`load(a + ${off}, 8K)`);
      else if (i % 7 === 0) lines.push(`madvise(a + ${off}, 4K, MADV_DONTNEED)`);
      else lines.push(`store(a + ${off}, 4K, 'A')`);
    }
    const t0 = performance.now();
    const store = createExplorerStore({ source: lines.join('\n') + '\n' });
    const runMs = performance.now() - t0;
    expect(store.getState().steps).toHaveLength(10_000);
    expect(store.getState().runError).toBeNull();
    let worst = 0;
    for (const k of [9_999, 1, 5_000, 7_777, 123, 10_000, 4_096, 2]) {
      const t = performance.now();
      store.getState().actions.jumpTo(k);
      worst = Math.max(worst, performance.now() - t);
      expect(store.getState().cursor).toBe(k);
    }
    expect(worst).toBeLessThan(100);
    console.log(`10,000 statements: run ${runMs.toFixed(0)} ms, worst jump ${worst.toFixed(1)} ms`);
  });
});
