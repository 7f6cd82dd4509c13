/**
 * `npm run bench`: the simulator against the real kernel, measured in one run on the same
 * `.mms` scripts, printed as ratios (these shared machines are noisy, so absolute times from
 * different runs are not comparable; ratios from one run are).
 *
 * - mremap of a populated 1 GiB and 16 GiB anonymous region at PUD, PMD and PTE alignment.
 *   The move is `MREMAP_DONTUNMAP` so that the source keeps its (now empty) page tables and
 *   `pgtables()` right after the move tells, on the kernel too, at which level entries moved:
 *   PTE level allocates 512 PTE tables per GiB (+2M), PMD level one PMD table (+4K), PUD level
 *   none. The simulator's exact counts come from its `entries.move` effect records.
 *   1 GiB is populated with stores (real pages); 16 GiB with loads (every PTE maps the zero
 *   page: the same 4M entries to move, without asking the machine for 16 GiB of RAM).
 * - populating 1 GiB with stores and reading it back: pages per second.
 * - simulator memory per resident 4 KiB page with 1 GiB populated (a child process with
 *   --expose-gc, so nothing else is counted).
 * - an ART-style compaction of a 1 GiB heap (issue 3) when the simulator has userfaultfd.
 *
 * Usage: npm run bench [-- --quick] (--quick: 1 GiB cases only, one repetition).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { compile } from '../src/script/compile';
import { Simulation } from '../src/script/interpret';
import type { Program } from '../src/script/program';
import type { Effect } from '../src/core/effects';
import * as oracle from '../src/oracle/run';

const GiB = 2 ** 30;
const SRC = 0x100000000000; // far below top: pgtables() is meaningful there (mms.md 2)
const DST = 0x200000000000;

interface Timed {
  /** ns per op, simulator (warm: the second run). */
  sim: number[];
  /** ns per op, simulator, first (cold) run. */
  coldSim: number[];
  /** Effects per op, simulator. */
  effects: (readonly Effect[])[];
  /** ns per op, kernel (null where the oracle cannot run here). */
  kernel: number[] | null;
  kernelFacts: unknown[] | null;
  simFacts: unknown[];
  skip: string | null;
}

function hex(n: number): string {
  return '0x' + n.toString(16);
}

function mustCompile(text: string, name: string): Program {
  const r = compile(text, name);
  if (!r.ok) throw new Error(`${name}: ${r.errors.map((e) => e.message).join('; ')}`);
  return r.program;
}

function runSimulator(program: Program): Pick<Timed, 'sim' | 'effects' | 'simFacts'> {
  const sim = new Simulation(program);
  const times: number[] = [];
  const effects: (readonly Effect[])[] = [];
  const facts: unknown[] = [];
  for (;;) {
    const t0 = process.hrtime.bigint();
    const step = sim.step();
    const t1 = process.hrtime.bigint();
    if (step === null) break;
    times.push(Number(t1 - t0));
    effects.push(step.effects);
    facts.push(step.fact);
  }
  return { sim: times, effects, simFacts: facts };
}

type TimedOracle = (
  p: Program,
) => Promise<
  { ok: true; facts: unknown[]; ns: number[] } | { ok: false; skip: boolean; reason: string }
>;

async function runKernel(
  program: Program,
): Promise<Pick<Timed, 'kernel' | 'kernelFacts' | 'skip'>> {
  const timed = (oracle as unknown as { runOracleTimed?: TimedOracle }).runOracleTimed;
  if (timed === undefined) return { kernel: null, kernelFacts: null, skip: 'oracle has no timing' };
  const r = await timed(program);
  if (!r.ok) return { kernel: null, kernelFacts: null, skip: r.reason };
  return { kernel: r.ns, kernelFacts: r.facts, skip: null };
}

/**
 * The simulator runs each script twice and the second run is reported: the first lets V8
 * compile the hot paths (the kernel's code is compiled ahead of time, so a cold JIT would
 * measure the compiler, not the simulator). The cold total is kept for the detail column.
 */
async function measure(text: string, name: string): Promise<Timed> {
  const program = mustCompile(text, name);
  const k = await runKernel(program);
  const cold = runSimulator(program);
  const s = runSimulator(program);
  return { ...s, ...k, coldSim: cold.sim };
}

function fmtNs(ns: number | undefined): string {
  if (ns === undefined) return '-';
  if (ns >= 1e9) return (ns / 1e9).toFixed(2) + ' s';
  if (ns >= 1e6) return (ns / 1e6).toFixed(2) + ' ms';
  if (ns >= 1e3) return (ns / 1e3).toFixed(1) + ' us';
  return ns.toFixed(0) + ' ns';
}

function ratio(sim: number | undefined, kernel: number | undefined): string {
  if (sim === undefined || kernel === undefined || kernel === 0) return '-';
  return (sim / kernel).toFixed(2) + 'x';
}

function movedPerLevel(effects: readonly Effect[]): string {
  const n = { pud: 0, pmd: 0, pte: 0 };
  for (const e of effects) if (e.type === 'entries.move') n[e.level] += e.count;
  return `PUD ${n.pud} / PMD ${n.pmd} / PTE ${n.pte}`;
}

function pgtablesDelta(fact: unknown): string {
  const f = fact as { kind?: string; delta?: number } | undefined;
  if (f?.kind !== 'pgtables' || f.delta === undefined) return '-';
  const d = f.delta;
  const s = d === 0 ? '0' : `${d / 1024}K`;
  return (d > 0 ? '+' : '') + s;
}

/**
 * Kernel entries moved, inferred from VmPTE after a DONTUNMAP move (see the header). The
 * destination is in another 512 GiB slot, so every level allocates one PUD table there; a
 * PMD-level move also allocates the destination's PMD tables (2: it is 2 MiB off a GiB
 * boundary), and a PTE-level move a PTE table per 2 MiB on top of that.
 */
function kernelLevel(fact: unknown, gib: number): string {
  const f = fact as { kind?: string; delta?: number } | undefined;
  if (f?.kind !== 'pgtables' || f.delta === undefined) return '-';
  const tables = f.delta / 4096;
  if (tables >= 512 * gib) return `PTE ${262144 * gib} (VmPTE ${pgtablesDelta(fact)})`;
  if (tables >= 2) return `PMD ${512 * gib} (VmPTE ${pgtablesDelta(fact)})`;
  return `PUD ${gib} (VmPTE ${pgtablesDelta(fact)})`;
}

interface Row {
  what: string;
  sim: string;
  kernel: string;
  ratio: string;
  detail: string;
}

function printTable(rows: Row[]): void {
  const cols: (keyof Row)[] = ['what', 'sim', 'kernel', 'ratio', 'detail'];
  const head: Row = {
    what: 'benchmark',
    sim: 'simulator',
    kernel: 'kernel',
    ratio: 'sim/kernel',
    detail: 'detail',
  };
  const all = [head, ...rows];
  const width = cols.map((c) => Math.max(...all.map((r) => r[c].length)));
  const line = (r: Row) => cols.map((c, i) => r[c].padEnd(width[i] ?? 0)).join('  ');
  console.log(line(head));
  console.log(width.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

function moveScript(gib: number, level: 'pud' | 'pmd' | 'pte', populate: 'store' | 'load'): string {
  const dst = DST + (level === 'pud' ? 0 : level === 'pmd' ? 2 ** 21 : 4096);
  const len = `${gib}G`;
  const touch = populate === 'store' ? `store(a, ${len}, 'A')` : `load(a, ${len})`;
  return [
    `a = mmap(${hex(SRC)}, ${len}, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED|MAP_NORESERVE, -1, 0)`,
    touch,
    `pgtables()`,
    `b = mremap(a, ${len}, ${len}, MREMAP_MAYMOVE|MREMAP_FIXED|MREMAP_DONTUNMAP, ${hex(dst)})`,
    `pgtables()`,
  ].join('\n');
}

/**
 * JIT warm-up before the mremap rows: the kernel's mremap is compiled ahead of time, while the
 * simulator's mremap path would run only twice in the measured scripts, far too few calls
 * for V8 to optimize it (a single PUD move then costs ~10x its steady-state time). So, as
 * JMH and benchmark.js do, run the same code paths many times on small inputs first: moves
 * of a 1 GiB VMA with one page populated, at PUD, PMD and PTE alignment. The measured
 * scripts are unchanged, and each row still prints the simulator's cold time.
 */
function warmUpMremap(rounds: number): void {
  for (const level of ['pud', 'pmd', 'pte'] as const) {
    const dst = DST + (level === 'pud' ? 0 : level === 'pmd' ? 2 ** 21 : 4096);
    const program = mustCompile(
      [
        `a = mmap(${hex(SRC)}, 1G, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED|MAP_NORESERVE, -1, 0)`,
        level === 'pte' ? `store(a, 2M, 'A')` : `store(a, 4K, 'A')`,
        `b = mremap(a, ${level === 'pte' ? '2M' : '1G'}, ${level === 'pte' ? '2M' : '1G'}, MREMAP_MAYMOVE|MREMAP_FIXED|MREMAP_DONTUNMAP, ${hex(dst)})`,
      ].join('\n'),
      `warm-up-${level}`,
    );
    for (let i = 0; i < rounds; i++) {
      const sim = new Simulation(program);
      while (sim.step() !== null) {
        /* run it */
      }
    }
  }
}

async function moveRows(gib: number, populate: 'store' | 'load'): Promise<Row[]> {
  const rows: Row[] = [];
  for (const level of ['pte', 'pmd', 'pud'] as const) {
    const r = await measure(moveScript(gib, level, populate), `move-${gib}G-${level}`);
    const before = r.kernelFacts?.[2];
    const after = r.kernelFacts?.[4];
    const kDelta =
      before !== undefined && after !== undefined
        ? {
            kind: 'pgtables',
            delta: (after as { delta: number }).delta - (before as { delta: number }).delta,
          }
        : undefined;
    const sDelta = {
      kind: 'pgtables',
      delta:
        (r.simFacts[4] as { delta: number }).delta - (r.simFacts[2] as { delta: number }).delta,
    };
    rows.push({
      what: `mremap ${gib} GiB, ${level.toUpperCase()}-aligned (${populate === 'store' ? 'anon pages' : 'zero-page PTEs'})`,
      sim: fmtNs(r.sim[3]),
      kernel: r.kernel ? fmtNs(r.kernel[3]) : `skipped: ${r.skip ?? ''}`,
      ratio: ratio(r.sim[3], r.kernel?.[3]),
      detail: `sim moved ${movedPerLevel(r.effects[3] ?? [])}, VmPTE ${pgtablesDelta(sDelta)}; kernel ${kernelLevel(kDelta, gib)}; sim cold ${fmtNs(r.coldSim[3])}`,
    });
  }
  return rows;
}

async function populateRows(): Promise<Row[]> {
  const pages = GiB / 4096;
  const text = [
    `a = mmap(${hex(SRC)}, 1G, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED, -1, 0)`,
    `store(a, 1G, 'A')`,
    `load(a, 1G)`,
  ].join('\n');
  const r = await measure(text, 'populate-1G');
  const rate = (ns: number | undefined) =>
    ns === undefined ? '-' : `${Math.round(pages / (ns / 1e9)).toLocaleString('en-US')} pages/s`;
  const rows: Row[] = [];
  for (const [i, what] of [
    [1, 'populate 1 GiB with stores'],
    [2, 'read 1 GiB back'],
  ] as const) {
    rows.push({
      what,
      sim: rate(r.sim[i]),
      kernel: r.kernel ? rate(r.kernel[i]) : `skipped: ${r.skip ?? ''}`,
      // throughput ratio: simulator pages/s over kernel pages/s (>= 1 meets the target)
      ratio:
        r.kernel?.[i] !== undefined && r.sim[i] !== undefined
          ? `${(r.kernel[i]! / r.sim[i]!).toFixed(2)}x throughput`
          : '-',
      detail: `sim ${fmtNs(r.sim[i])}, kernel ${fmtNs(r.kernel?.[i])}`,
    });
  }
  return rows;
}

/** Runs in a child process with --expose-gc (see main). */
function memoryChild(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  const used = () => {
    gc();
    gc();
    const m = process.memoryUsage();
    // `external` already includes `arrayBuffers` (the typed arrays): count it once.
    return m.heapUsed + m.external;
  };
  const program = mustCompile(
    [
      `a = mmap(${hex(SRC)}, 1G, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED, -1, 0)`,
      `store(a, 1G, 'A')`,
    ].join('\n'),
    'memory',
  );
  const before = used();
  const sim = new Simulation(program);
  while (sim.step() !== null) {
    /* run to the end */
  }
  const after = used();
  // keep `sim` alive across the measurement
  if (sim.header === undefined) console.log('');
  console.log(JSON.stringify({ bytes: after - before, pages: GiB / 4096 }));
}

function memoryRow(): Row {
  const self = fileURLToPath(import.meta.url);
  const r = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', self, '--memory-child'],
    { encoding: 'utf8' },
  );
  const line = r.stdout.trim().split('\n').pop() ?? '';
  try {
    const { bytes, pages } = JSON.parse(line) as { bytes: number; pages: number };
    const per = bytes / pages;
    return {
      what: 'memory per resident 4 KiB page (1 GiB populated)',
      sim: `${per.toFixed(1)} B`,
      kernel: '72 B',
      ratio: (per / 72).toFixed(2) + 'x',
      detail: `target <= 100 B; kernel: 64 B struct page + 8 B PTE; sim total ${(bytes / 2 ** 20).toFixed(1)} MiB`,
    };
  } catch {
    return {
      what: 'memory per resident page',
      sim: 'failed',
      kernel: '72 B',
      ratio: '-',
      detail: (r.stderr || r.stdout).slice(0, 200),
    };
  }
}

async function main(): Promise<void> {
  if (process.argv.includes('--memory-child')) {
    memoryChild();
    return;
  }
  const quick = process.argv.includes('--quick');
  const avail = await oracle.oracleAvailable();
  if (!avail.ok) console.log(`note: the kernel side is skipped: ${avail.reason}\n`);
  const rows: Row[] = [];
  warmUpMremap(1000);
  rows.push(...(await moveRows(1, 'store')));
  if (!quick) rows.push(...(await moveRows(16, 'load')));
  rows.push(...(await populateRows()));
  rows.push(memoryRow());
  try {
    const art = await import('./art');
    rows.push(...(await art.artRows(measure)));
  } catch (e) {
    rows.push({
      what: 'ART compaction of a 1 GiB heap',
      sim: 'n/a',
      kernel: 'n/a',
      ratio: '-',
      detail: `not run: ${(e as Error).message.split('\n')[0] ?? ''}`,
    });
  }
  printTable(rows);
}

await main();
