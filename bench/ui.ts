/**
 * The explorer's UI benchmark (`npm run bench:ui`): builds the app, serves it with
 * `vite preview`, drives headless Chromium and prints one table:
 *
 * - frames per second while the views animate a PTE-level move of a populated 1 GiB region
 *   (mremap to a destination 4 KiB off 2 MiB alignment, so move_page_tables goes PTE by PTE):
 *   every frame is timed with requestAnimationFrame from the step to the end of the animation,
 *   over three runs; reported as frames per second of animation, the median and 95th
 *   percentile frame times (the 5th percentile frame rate), the worst frame and the first one;
 * - time to jump to steps of a 10,000-statement script: the store's jump alone, and until the
 *   frame that shows the step is painted (worst and median);
 * - first load: navigation start until the timeline is on screen;
 * - the gzipped size of the `vite build` output (target < 400 KB).
 *
 * `--no-build` reuses dist/. The page is driven through `window.__mmscope` (src/ui/main.tsx).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import type { ExplorerStore } from '../src/store/store';

declare global {
  interface Window {
    __mmscope?: { readonly store: ExplorerStore };
  }
}

/** BENCH_UI_PORT moves the preview server (two benches at once). */
const PORT = Number(process.env.BENCH_UI_PORT ?? 4181);
const BASE = `http://127.0.0.1:${PORT}`;
/** The flags of playwright.config.ts: Debian's Chromium, kept off the network. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const MOVE_SCRIPT = [
  'a = mmap(0x40000000, 1G, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)',
  "store(a, 1G, 'A')",
  'b = mremap(a, 1G, 1G, MREMAP_MAYMOVE|MREMAP_FIXED, 0x100001000)',
  '',
].join('\n');

function longScript(n: number): string {
  const lines = ['a = mmap(NULL, 4M, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS)'];
  const tags = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  for (let i = 1; i < n; i++) {
    const page = (i * 37) % 1024;
    if (i % 3 === 0) lines.push(`load(a + ${page * 4096}, 8K)`);
    else if (i % 7 === 0) lines.push(`madvise(a + ${page * 4096}, 4K, MADV_DONTNEED)`);
    else lines.push(`store(a + ${page * 4096}, 4K, '${tags[i % 26]}')`);
  }
  return lines.join('\n') + '\n';
}

function gzippedSize(dir: string): { raw: number; gz: number } {
  let raw = 0;
  let gz = 0;
  const walk = (d: string) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(js|css|html|svg)$/.test(f)) {
        const buf = readFileSync(p);
        raw += buf.length;
        gz += gzipSync(buf, { level: 9 }).length;
      }
    }
  };
  walk(dir);
  return { raw, gz };
}

async function waitForServer(url: string, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not start at ${url}`);
}

async function loadScript(page: Page, text: string): Promise<number> {
  return page.evaluate((t) => {
    const { actions } = window.__mmscope!.store.getState();
    const t0 = performance.now();
    actions.setSource(t);
    actions.run({ cursor: 0 });
    return performance.now() - t0;
  }, text);
}

/** The p-th percentile (0..1) of `xs`, nearest rank. */
function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

interface FpsResult {
  /** Frames painted over the animations, per second of animation. */
  readonly fps: number;
  readonly frames: number;
  readonly ms: number;
  /** Frame times (ms between consecutive frames, the first from the step itself). */
  readonly median: number;
  readonly p95: number;
  readonly worst: number;
  /** The first frame: from the step until its first frame is painted. */
  readonly first: number;
}

/**
 * The PTE-level move of a populated GiB, animated for `duration` ms, `runs` times: every frame
 * of every run is timed with requestAnimationFrame, from the step to the end of its animation.
 */
async function measureFps(page: Page, runs: number, duration: number): Promise<FpsResult> {
  await loadScript(page, MOVE_SCRIPT);
  const all: number[] = [];
  const firsts: number[] = [];
  let ms = 0;
  for (let run = 0; run < runs; run++) {
    const r = await page.evaluate(async (dur) => {
      const { actions } = window.__mmscope!.store.getState();
      const frame = () => new Promise<number>((r) => requestAnimationFrame(r));
      actions.setAnimationMs(0);
      actions.jumpTo(2);
      await frame();
      await frame();
      await new Promise((r) => setTimeout(r, 300));
      await frame();
      actions.setAnimationMs(dur);
      const t0 = performance.now();
      actions.stepForward();
      const times: number[] = [];
      let last = t0;
      for (;;) {
        const t = await frame();
        times.push(t - last);
        last = t;
        if (t - t0 >= dur) break;
      }
      return { times, ms: last - t0 };
    }, duration);
    all.push(...r.times);
    firsts.push(r.times[0] ?? NaN);
    ms += r.ms;
  }
  return {
    fps: (all.length * 1000) / ms,
    frames: all.length,
    ms,
    median: percentile(all, 0.5),
    p95: percentile(all, 0.95),
    worst: Math.max(...all),
    first: percentile(firsts, 0.5),
  };
}

interface JumpResult {
  readonly runMs: number;
  readonly storeMax: number;
  readonly storeMedian: number;
  readonly paintMax: number;
  readonly paintMedian: number;
  readonly jumps: number;
}

/**
 * Jumps to steps of an `n`-statement script: the store's jumpTo alone, and until the frame that
 * shows it has been painted (the next animation frame, then a task after it).
 */
async function measureJumps(page: Page, n: number): Promise<JumpResult> {
  const runMs = await loadScript(page, longScript(n));
  const r = await page.evaluate(async (count) => {
    const { actions } = window.__mmscope!.store.getState();
    actions.setAnimationMs(0);
    const targets = [
      count,
      1,
      count - 1,
      Math.floor(count / 2),
      9_999,
      5_001,
      127,
      8_191,
      3,
      7_777,
    ];
    for (let i = 0; i < 10; i++) targets.push(Math.floor((((i * 7919) % 1000) / 1000) * count));
    const store: number[] = [];
    const paint: number[] = [];
    for (const k of targets) {
      // Start from a quiet page, as a click on the timeline would.
      await new Promise((r) => setTimeout(r, 30));
      await new Promise((r) => requestAnimationFrame(r));
      const t0 = performance.now();
      actions.jumpTo(k);
      const t1 = performance.now();
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const t2 = performance.now();
      store.push(t1 - t0);
      paint.push(t2 - t0);
    }
    return { store, paint };
  }, n);
  return {
    runMs,
    storeMax: Math.max(...r.store),
    storeMedian: percentile(r.store, 0.5),
    paintMax: Math.max(...r.paint),
    paintMedian: percentile(r.paint, 0.5),
    jumps: r.paint.length,
  };
}

async function main(): Promise<void> {
  const build = !process.argv.includes('--no-build');
  if (build) {
    const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('vite build failed');
  }
  const size = gzippedSize('dist');
  let server: ChildProcess | null = spawn(
    'npx',
    ['vite', 'preview', '--port', String(PORT), '--strictPort'],
    { stdio: 'ignore', detached: true },
  );
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  try {
    await waitForServer(BASE, 30_000);
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    // tsx compiles this file with esbuild's keepNames, which wraps the functions passed to
    // page.evaluate in a `__name(fn, "name")` helper that only exists in Node: give the page one.
    await page.addInitScript('globalThis.__name = (f) => f;');
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    // First load, cold cache: navigation start until the timeline is drawn.
    await page.goto(`${BASE}/`, { waitUntil: 'commit' });
    await page.getByRole('list', { name: 'Timeline' }).waitFor();
    const firstLoad = await page.evaluate(() => performance.now());

    const fps = await measureFps(page, 3, 1500);
    const jumps = await measureJumps(page, 10_000);

    const row = (what: string, value: string, target: string) =>
      `| ${what.padEnd(60)} | ${value.padStart(14)} | ${target.padEnd(7)} |`;
    const ms = (x: number) => x.toFixed(1);
    const lines = [
      row('measure', 'value', 'target'),
      `|${'-'.repeat(62)}|${'-'.repeat(16)}|${'-'.repeat(9)}|`,
      row(
        'PTE-level move of 1 GiB: frames per second (3 runs x 1.5 s)',
        fps.fps.toFixed(1),
        '>= 50',
      ),
      row(
        '  ... median frame time (ms) -> fps',
        `${ms(fps.median)} -> ${(1000 / fps.median).toFixed(0)}`,
        '<= 20',
      ),
      row(
        '  ... 95th percentile frame time (ms) -> 5th pct fps',
        `${ms(fps.p95)} -> ${(1000 / fps.p95).toFixed(0)}`,
        '',
      ),
      row(
        '  ... worst frame (ms); first frame after the step (ms)',
        `${ms(fps.worst)}; ${ms(fps.first)}`,
        '',
      ),
      row('  ... frames (animation ms)', `${fps.frames} (${fps.ms.toFixed(0)})`, ''),
      row('10,000-statement script: run (compile + simulate, ms)', jumps.runMs.toFixed(0), ''),
      row(
        `jump to a step (${jumps.jumps} jumps): store, worst / median (ms)`,
        `${ms(jumps.storeMax)} / ${ms(jumps.storeMedian)}`,
        '< 100',
      ),
      row(
        'jump to a step: until painted, worst / median (ms)',
        `${ms(jumps.paintMax)} / ${ms(jumps.paintMedian)}`,
        '< 100',
      ),
      row('first load until the timeline shows (ms)', firstLoad.toFixed(0), ''),
      row('bundle, gzipped (KB)', (size.gz / 1024).toFixed(1), '< 400'),
      row('bundle, raw (KB)', (size.raw / 1024).toFixed(1), ''),
    ];
    console.log(lines.join('\n'));
    if (errors.length > 0) console.log(`page errors: ${errors.join('; ')}`);
  } finally {
    await browser.close();
    if (server?.pid !== undefined) {
      // The preview server and its children: the group this script started.
      process.kill(-server.pid, 'SIGTERM');
      server = null;
    }
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
