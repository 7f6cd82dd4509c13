import { describe, expect, it } from 'vitest';
import { compile } from './compile';
import { Simulation, simulate } from './interpret';
import type { Program } from './program';

function prog(text: string): Program {
  const r = compile(text, 'test.mms');
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.program;
}

describe('simulate', () => {
  it('binds results, evaluates slot + constant and reports facts', () => {
    const { header, steps } = simulate(
      prog(`a = mmap(NULL, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS)
store(a + 4K, 4K, 'A')
load(a, 12K)
pgtables()`),
    );
    expect(header.top % (1n << 30n)).toBe(0n);
    expect(steps[0]!.fact).toEqual({ kind: 'call', ret: header.top - 0x4000n, errno: 0, out: [] });
    expect(steps[2]!.fact).toEqual({
      kind: 'access',
      outcome: { access: 'load', tags: [0, 65, 0], stop: null },
    });
    expect(steps[3]!.fact).toEqual({ kind: 'pgtables', delta: 8192 });
    expect(steps[1]!.effects.some((e) => e.type === 'fault')).toBe(true);
  });

  it("stops at an unbound name with the oracle's message", () => {
    const { steps } = simulate(
      prog(`a = mmap(NULL, 0, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS)
munmap(a, 4K)
maps()`),
    );
    expect(steps).toHaveLength(2);
    expect(steps[0]!.fact).toMatchObject({ kind: 'call', ret: -1n, errno: 22 });
    expect(steps[1]!.fact).toEqual({
      kind: 'error',
      message: 'a is not bound (the call that binds it failed)',
    });
  });

  it('clones are independent checkpoints', () => {
    const sim = new Simulation(
      prog(`a = mmap(NULL, 4K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS)
store(a, 4K, 'A')
load(a, 4K)`),
    );
    sim.step();
    const copy = sim.clone();
    sim.step();
    expect(sim.step()!.fact).toMatchObject({ outcome: { tags: [65] } });
    copy.step(); // the store happens in the copy too, separately
    expect(copy.step()!.fact).toMatchObject({ outcome: { tags: [65] } });
    expect(copy.step()).toBeNull();
  });

  it('reports maps() with perms, backing and VmFlags', () => {
    const { steps } = simulate(
      prog(`fd = memfd_create("heap", 0)
ftruncate(fd, 16K)
a = mmap(NULL, 16K, PROT_READ, MAP_SHARED, fd, 4K)
maps()`),
    );
    const f = steps[3]!.fact;
    expect(f.kind).toBe('maps');
    if (f.kind !== 'maps') return;
    expect(f.entries).toHaveLength(1);
    expect(f.entries[0]).toMatchObject({
      perms: 'r--s',
      backing: { kind: 'memfd', name: 'heap', offset: 4096n },
    });
  });
});

describe('Simulation clock (SimStep.ns)', () => {
  const text = [
    `a = mmap(0, 8K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0)`,
    `store(a, 8K, 'A')`,
    `pgtables()`,
  ].join('\n');

  it('is null without a clock', () => {
    const sim = new Simulation(prog(text));
    expect(sim.step()?.ns).toBeNull();
  });

  it('times a call over the core syscall only, as the oracle times the syscall', () => {
    // step() reads the clock first (1000), then the call is bracketed (1007, 1107): the call's
    // time is the bracket alone, not the argument evaluation and fact building around it.
    const readings = [1000, 1007, 1107, 5000];
    let i = 0;
    const sim = new Simulation(prog(text), undefined, { clock: () => readings[i++] ?? 9999 });
    const call = sim.step();
    expect(call?.fact.kind).toBe('call');
    expect(call?.ns).toBe(100);
    expect(i).toBe(3);
  });

  it('times an access and a fact op whole, and a clone keeps the clock', () => {
    let now = 0;
    const clock = () => (now += 10);
    const sim = new Simulation(prog(text), undefined, { clock });
    sim.step();
    const copy = sim.clone();
    const access = copy.step();
    expect(access?.fact.kind).toBe('access');
    expect(access?.ns).toBe(10); // bracketed: two readings
    const pg = copy.step();
    expect(pg?.fact.kind).toBe('pgtables');
    expect(pg?.ns).toBe(10); // step's own two readings
  });
});
