/**
 * `npm run bench`: the simulator against the real kernel, measured in one run on the same
 * `.mms` scripts, printed as ratios (these shared machines are noisy, so absolute times from
 * different runs are not comparable; ratios from one run are).
 *
 * - mremap of a populated 1 GiB and 16 GiB anonymous region at PUD, PMD and PTE alignment.
 *   The first move is `MREMAP_DONTUNMAP` so that the source keeps its (now empty) page tables
 *   and `pgtables()` right after the move tells, on the kernel too, at which level entries
 *   moved: PTE level allocates 512 PTE tables per GiB (+2M), PMD level one PMD table (+4K),
 *   PUD level none. The simulator's exact counts come from its `entries.move` effect records.
 *   Then the emptied source is unmapped and the region moves back and forth (plain
 *   MREMAP_MAYMOVE|MREMAP_FIXED, same alignment, so the same level) ROUND_TRIPS times.
 *   Each row prints two figures for both sides:
 *   - the main columns: a move of the populated region in steady state, the median of all
 *     the back-and-forth moves of all runs. This is what the reference numbers are
 *     (the kernel here: ~8-12 us PUD, ~170-250 us PMD, ~3-5 ms PTE per GiB);
 *   - `first`: the DONTUNMAP move right after the populate, one call per run. Both sides then
 *     start with caches and TLB emptied by the populate (the kernel's PUD move takes 40-75 us
 *     there instead of ~10), and the simulator's cost is dominated by those misses too: in a
 *     loop the same move costs it ~7 us, after a 64 MiB memset ~50 us.
 *   1 GiB is populated with stores (real pages); 16 GiB with loads (every PTE maps the zero
 *   page: the same 4M entries to move, without asking the machine for 16 GiB of RAM).
 * - populating 1 GiB with stores and reading it back: pages per second.
 * - simulator memory per resident 4 KiB page with 1 GiB populated (a child process with
 *   --expose-gc, so nothing else is counted).
 * - an ART-style compaction of a 1 GiB heap (issue 3) when the simulator has userfaultfd.
 *
 * Usage: npm run bench [-- --quick] (--quick: 1 GiB cases only, medians of 3 runs rather than 5).
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
  /** ns per op, simulator: the median over the warm runs (see measure()). */
  sim: number[];
  /** ns per op, simulator, first (cold) run. */
  coldSim: number[];
  /** Effects per op, simulator (the last run). */
  effects: (readonly Effect[])[];
  /** ns per op, kernel: the median over the runs (null where the oracle cannot run here). */
  kernel: number[] | null;
  kernelFacts: unknown[] | null;
  simFacts: unknown[];
  skip: string | null;
  /** How many runs each median is taken over, per side. */
  reps: number;
  /** Per op, the spread of the warm simulator runs and of the kernel runs: [min, max]. */
  simRange: [number, number][];
  kernelRange: [number, number][] | null;
  /** Every run's per-op times, per side. */
  simRuns: number[][];
  kernelRuns: number[][];
}

function hex(n: number): string {
  return '0x' + n.toString(16);
}

function mustCompile(text: string, name: string): Program {
  const r = compile(text, name);
  if (!r.ok) throw new Error(`${name}: ${r.errors.map((e) => e.message).join('; ')}`);
  return r.program;
}

/** The simulator's clock (injected: the core reads no time of its own). */
function clock(): number {
  return Number(process.hrtime.bigint());
}

/**
 * One run of the script on the simulator. Each op is timed by the interpreter over what the
 * oracle times on the kernel (interpret.ts SimStep.ns): a call's syscall alone, without the
 * interpreter's argument evaluation and fact building, as the oracle times the syscall
 * without its own decoding and printing.
 */
function runSimulator(program: Program): Pick<Timed, 'effects' | 'simFacts'> & { sim: number[] } {
  const sim = new Simulation(program, undefined, { clock });
  const times: number[] = [];
  const effects: (readonly Effect[])[] = [];
  const facts: unknown[] = [];
  for (let step = sim.step(); step !== null; step = sim.step()) {
    times.push(step.ns ?? 0);
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
): Promise<{ kernel: number[] | null; kernelFacts: unknown[] | null; skip: string | null }> {
  const timed = (oracle as unknown as { runOracleTimed?: TimedOracle }).runOracleTimed;
  if (timed === undefined) return { kernel: null, kernelFacts: null, skip: 'oracle has no timing' };
  const r = await timed(program);
  if (!r.ok) return { kernel: null, kernelFacts: null, skip: r.reason };
  return { kernel: r.ns, kernelFacts: r.facts, skip: null };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Per op: the median of the runs, and [min, max]. */
function perOp(runs: readonly (readonly number[])[]): { med: number[]; range: [number, number][] } {
  const n = runs[0]?.length ?? 0;
  const med: number[] = [];
  const range: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    const xs = runs.map((r) => r[i] ?? 0);
    med.push(median(xs));
    range.push([Math.min(...xs), Math.max(...xs)]);
  }
  return { med, range };
}

/**
 * Both sides run the script `reps` times, alternating, and each op's time is the median of its
 * runs (these machines are shared: one run of either side can land on a busy moment). The
 * simulator also runs once more first, untimed in the medians: that cold run is printed on its
 * own, because the kernel's code is compiled ahead of time while V8 compiles the simulator's as
 * it goes.
 */
async function measure(text: string, name: string, reps = 1): Promise<Timed> {
  const program = mustCompile(text, name);
  const cold = runSimulator(program);
  const simRuns: number[][] = [];
  const kernelRuns: number[][] = [];
  let last = cold;
  let k: Awaited<ReturnType<typeof runKernel>> = { kernel: null, kernelFacts: null, skip: null };
  for (let i = 0; i < reps; i++) {
    k = await runKernel(program);
    if (k.kernel !== null) kernelRuns.push(k.kernel);
    last = runSimulator(program);
    simRuns.push(last.sim);
  }
  const s = perOp(simRuns);
  const kk = kernelRuns.length > 0 ? perOp(kernelRuns) : null;
  return {
    sim: s.med,
    simRange: s.range,
    coldSim: cold.sim,
    effects: last.effects,
    simFacts: last.simFacts,
    kernel: kk?.med ?? null,
    kernelRange: kk?.range ?? null,
    kernelFacts: k.kernelFacts,
    skip: k.skip,
    reps,
    simRuns,
    kernelRuns,
  };
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

/** Back-and-forth moves after the first one (see the header). */
const ROUND_TRIPS = 10;
/** Ops before the back-and-forth moves: mmap, populate, pgtables, first move, pgtables, munmap. */
const FIRST_MOVE = 3;
const STEADY_FROM = 6;

function moveScript(
  gib: number,
  level: 'pud' | 'pmd' | 'pte',
  populate: 'store' | 'load',
  trips: number,
): string {
  const dst = DST + (level === 'pud' ? 0 : level === 'pmd' ? 2 ** 21 : 4096);
  const len = `${gib}G`;
  const touch = populate === 'store' ? `store(a, ${len}, 'A')` : `load(a, ${len})`;
  const lines = [
    `a = mmap(${hex(SRC)}, ${len}, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED|MAP_NORESERVE, -1, 0)`,
    touch,
    `pgtables()`,
    `b = mremap(a, ${len}, ${len}, MREMAP_MAYMOVE|MREMAP_FIXED|MREMAP_DONTUNMAP, ${hex(dst)})`,
    `pgtables()`,
    `munmap(a, ${len})`,
  ];
  for (let i = 0; i < trips; i++) {
    lines.push(
      `a = mremap(b, ${len}, ${len}, MREMAP_MAYMOVE|MREMAP_FIXED, ${hex(SRC)})`,
      `b = mremap(a, ${len}, ${len}, MREMAP_MAYMOVE|MREMAP_FIXED, ${hex(dst)})`,
    );
  }
  return lines.join('\n');
}

/**
 * JIT warm-up before the mremap rows, as JMH and benchmark.js do: the kernel's mremap is
 * compiled ahead of time, while the simulator's mremap path runs only a few times in the
 * measured scripts, far too few for V8 to optimize it (V8 optimizes a function after it has
 * run some thousands of times: until then a single PUD move costs ~10x its optimized time).
 * So the same code paths first run many times on small inputs: one script per level that
 * moves a VMA with a few pages populated away with MREMAP_DONTUNMAP, unmaps the emptied
 * source and moves it back with a plain move (and asks pgtables() as the measured scripts do),
 * `rounds` times.
 * The measured scripts are unchanged, and each row still prints the simulator's cold time.
 */
function warmUpMremap(rounds: number): void {
  for (const level of ['pud', 'pmd', 'pte'] as const) {
    const off = level === 'pud' ? 0 : level === 'pmd' ? 2 ** 21 : 4096;
    // PTE level walks every PTE table of the range: a shorter VMA takes the same paths. Each
    // VMA spans at least two entries of its level, populated with stores and with loads (zero
    // pages), as in the measured scripts: a branch that the warm-up never took (the second
    // entry of a run, a zero-page PTE) would send V8's optimized code back to the
    // interpreter in the measured moves.
    const len = level === 'pud' ? '2G' : level === 'pmd' ? '1G' : '16M';
    const second = level === 'pud' ? '1G' : level === 'pmd' ? '2M' : '4M';
    const size = level === 'pte' ? '4M' : '4K';
    const lines = [
      `a = mmap(${hex(SRC)}, ${len}, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED|MAP_NORESERVE, -1, 0)`,
      `store(a, ${size}, 'A')`,
      `load(a + ${second}, ${size})`,
    ];
    for (let i = 0; i < rounds; i++) {
      lines.push(
        `pgtables()`,
        `b = mremap(a, ${len}, ${len}, MREMAP_MAYMOVE|MREMAP_FIXED|MREMAP_DONTUNMAP, ${hex(DST + off)})`,
        `munmap(a, ${len})`,
        `a = mremap(b, ${len}, ${len}, MREMAP_MAYMOVE|MREMAP_FIXED, ${hex(SRC)})`,
      );
    }
    const sim = new Simulation(mustCompile(lines.join('\n'), `warm-up-${level}`));
    while (sim.step() !== null) {
      /* run it */
    }
  }
}

function fmtRange(r: [number, number] | undefined): string {
  return r === undefined ? '-' : `${fmtNs(r[0])}..${fmtNs(r[1])}`;
}

/** The ops [from, end) of every run, pooled. */
function pooled(runs: readonly (readonly number[])[], from: number): number[] {
  return runs.flatMap((r) => r.slice(from));
}

function bigintSafe(_k: string, v: unknown): unknown {
  return typeof v === 'bigint' ? v.toString() : v;
}

async function moveRows(
  gib: number,
  populate: 'store' | 'load',
  reps: number,
  trips: number,
): Promise<Row[]> {
  const rows: Row[] = [];
  for (const level of ['pte', 'pmd', 'pud'] as const) {
    const r = await measure(moveScript(gib, level, populate, trips), `move-${gib}G-${level}`, reps);
    const before = r.kernelFacts?.[FIRST_MOVE - 1];
    const after = r.kernelFacts?.[FIRST_MOVE + 1];
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
        (r.simFacts[FIRST_MOVE + 1] as { delta: number }).delta -
        (r.simFacts[FIRST_MOVE - 1] as { delta: number }).delta,
    };
    // Both sides must have printed the same facts (every move succeeded at the same address),
    // or the times compare different work.
    const same =
      r.kernelFacts === null ||
      JSON.stringify(r.kernelFacts, bigintSafe) === JSON.stringify(r.simFacts, bigintSafe);
    const steadySim = median(pooled(r.simRuns, STEADY_FROM));
    const steadyKernel =
      r.kernelRuns.length > 0 ? median(pooled(r.kernelRuns, STEADY_FROM)) : undefined;
    const firstSim = r.sim[FIRST_MOVE];
    const firstKernel = r.kernel?.[FIRST_MOVE];
    const moves = pooled(r.simRuns, STEADY_FROM).length;
    rows.push({
      what: `mremap ${gib} GiB, ${level.toUpperCase()}-aligned (${populate === 'store' ? 'anon pages' : 'zero-page PTEs'})`,
      sim: fmtNs(steadySim),
      kernel: r.kernel ? fmtNs(steadyKernel) : `skipped: ${r.skip ?? ''}`,
      ratio: ratio(steadySim, steadyKernel),
      detail:
        `median of ${moves} moves; each moved ${movedPerLevel(r.effects[STEADY_FROM] ?? [])} ` +
        `(sim); first move (DONTUNMAP, right after the populate, median of ${r.reps}): ` +
        `sim ${fmtNs(firstSim)} vs kernel ${fmtNs(firstKernel)} = ${ratio(firstSim, firstKernel)}, ` +
        `sim moved ${movedPerLevel(r.effects[FIRST_MOVE] ?? [])}, VmPTE ${pgtablesDelta(sDelta)}; ` +
        `kernel ${kernelLevel(kDelta, gib)}; sim cold ${fmtNs(r.coldSim[FIRST_MOVE])}` +
        (same ? '' : '; WARNING: the transcripts differ'),
    });
  }
  return rows;
}

async function populateRows(reps: number): Promise<Row[]> {
  const pages = GiB / 4096;
  const text = [
    `a = mmap(${hex(SRC)}, 1G, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED, -1, 0)`,
    `store(a, 1G, 'A')`,
    `load(a, 1G)`,
  ].join('\n');
  const r = await measure(text, 'populate-1G', reps);
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
      detail: `median of ${r.reps}: sim ${fmtNs(r.sim[i])} (${fmtRange(r.simRange[i])}), kernel ${fmtNs(r.kernel?.[i])} (${fmtRange(r.kernelRange?.[i])})`,
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
  const reps = quick ? 3 : 5;
  warmUpMremap(quick ? 2000 : 4000);
  rows.push(...(await moveRows(1, 'store', reps, ROUND_TRIPS)));
  if (!quick) rows.push(...(await moveRows(16, 'load', 3, 3)));
  rows.push(...(await populateRows(reps)));
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
