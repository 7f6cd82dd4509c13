import { compile } from './src/script/compile';
import { Simulation } from './src/script/interpret';
const SRC = 0x100000000000, DST = 0x200000000000;
const hex = (n: number) => '0x' + n.toString(16);
for (const level of (process.argv[2] ?? 'pte,pmd,pud').split(',')) {
  const dst = DST + (level === 'pud' ? 0 : level === 'pmd' ? 2 ** 21 : 4096);
  const text = [
    `a = mmap(${hex(SRC)}, 1G, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED|MAP_NORESERVE, -1, 0)`,
    `store(a, 1G, 'A')`, `pgtables()`,
    `b = mremap(a, 1G, 1G, MREMAP_MAYMOVE|MREMAP_FIXED|MREMAP_DONTUNMAP, ${hex(dst)})`, `pgtables()`].join('\n');
  const r = compile(text, level);
  if (!r.ok) throw new Error('compile');
  const sim = new Simulation(r.program);
  for (let i = 0; ; i++) {
    if (i === 3) console.log('--- mremap start', level);
    const t0 = process.hrtime.bigint();
    const s = sim.step();
    const t1 = process.hrtime.bigint();
    if (i === 3) console.log('--- mremap end', level, (Number(t1 - t0) / 1e6).toFixed(2), 'ms');
    if (s === null) break;
  }
}
