/**
 * Development benchmark: a populated GiB moved at PUD, PMD and PTE level, timing the adapters
 * and the renderers (snap and animated) in the browser. Served at /src/views/dev/bench.html.
 */
import { compile } from '../../script/compile';
import { Simulation } from '../../script/interpret';
import type { StepRecord } from '../../store/types';
import * as A from '../adapt';
import { renderAddressSpace } from '../addressSpace';
import type { ViewOptions } from '../models';
import { renderPageTables } from '../pageTables';
import { renderPhysicalMemory } from '../physicalMemory';

const SCRIPT = `big = mmap(0x100000000000, 1G, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
store(big, 1G, 'x')
pud = mremap(big, 1G, 1G, MREMAP_MAYMOVE|MREMAP_FIXED, 0x100040000000)
pmd = mremap(pud, 1G, 1G, MREMAP_MAYMOVE|MREMAP_FIXED, 0x100080200000)
pte = mremap(pmd, 1G, 1G, MREMAP_MAYMOVE|MREMAP_FIXED, 0x100100201000)
`;

const out = document.getElementById('out')!;
const log = (s: string) => (out.textContent += s + '\n');
const r = compile(SCRIPT);
if (!r.ok) throw new Error('compile');
const sim = new Simulation(r.program);
const steps: StepRecord[] = [];
const as = document.getElementById('as') as unknown as SVGSVGElement;
const pt = document.getElementById('pt') as unknown as SVGSVGElement;
const pm = document.getElementById('pm') as unknown as SVGSVGElement;
const base: Omit<ViewOptions, 'effects' | 'durationMs'> = {
  width: 900,
  height: 300,
  theme: 'light',
  selection: null,
  hover: null,
};
for (;;) {
  const s = sim.step();
  if (!s) break;
  steps.push({ ...s, lines: [] });
  const snap = sim.clone();
  const tl = { steps, cursor: steps.length, program: r.program };
  const t0 = performance.now();
  const m1 = A.adaptAddressSpace(snap, tl);
  const t1 = performance.now();
  const m2 = A.adaptPageTables(snap, { selection: null, effects: s.effects });
  const t2 = performance.now();
  const m3 = A.adaptPhysical(snap);
  const t3 = performance.now();
  renderAddressSpace(as, m1, { ...base, effects: s.effects, durationMs: 600 });
  const t4 = performance.now();
  renderPageTables(pt, m2, { ...base, effects: s.effects, durationMs: 600 });
  const t5 = performance.now();
  renderPhysicalMemory(pm, m3, { ...base, effects: s.effects, durationMs: 600 });
  const t6 = performance.now();
  log(
    `${s.op.text.slice(0, 28).padEnd(28)} adapt as ${(t1 - t0).toFixed(1)} pt ${(t2 - t1).toFixed(1)} pm ${(t3 - t2).toFixed(1)} | render as ${(t4 - t3).toFixed(1)} pt ${(t5 - t4).toFixed(1)} pm ${(t6 - t5).toFixed(1)} ms`,
  );
}
log('done');
