/**
 * The explorer's UI benchmark (`npm run bench:ui`): builds the app, serves it with
 * `vite preview`, drives headless Chromium and prints one table:
 *
 * - frames per second while the views animate a PTE-level move of a populated 1 GiB region
 *   (mremap to a destination 4 KiB off 2 MiB alignment, so move_page_tables goes PTE by PTE);
 * - time to jump to steps of a 10,000-statement script (the store's jump alone, and until the
 *   next frame is painted);
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

const PORT = 4181;
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

async function measureFps(page: Page): Promise<{ fps: number; frames: number; ms: number }> {
  await loadScript(page, MOVE_SCRIPT);
  return page.evaluate(async () => {
    const { actions } = window.__mmscope!.store.getState();
    actions.setAnimationMs(0);
    actions.jumpTo(2);
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const duration = 1500;
    actions.setAnimationMs(duration);
    let frames = 0;
    let worst = 0;
    let last = performance.now();
    const t0 = last;
    actions.stepForward();
    await new Promise<void>((resolve) => {
      const tick = (t: number) => {
        frames++;
        worst = Math.max(worst, t - last);
        last = t;
        if (t - t0 < duration) requestAnimationFrame(tick);
        else resolve();
      };
      requestAnimationFrame(tick);
    });
    const ms = performance.now() - t0;
    return { fps: (frames * 1000) / ms, frames, ms, worst };
  });
}

async function measureJumps(
  page: Page,
  n: number,
): Promise<{ runMs: number; storeMax: number; storeAvg: number; paintMax: number }> {
  const runMs = await loadScript(page, longScript(n));
  return page
    .evaluate(async (count) => {
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
      let storeMax = 0;
      let storeSum = 0;
      let paintMax = 0;
      for (const k of targets) {
        const t0 = performance.now();
        actions.jumpTo(k);
        const t1 = performance.now();
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        const t2 = performance.now();
        storeMax = Math.max(storeMax, t1 - t0);
        storeSum += t1 - t0;
        paintMax = Math.max(paintMax, t2 - t0);
      }
      return { storeMax, storeAvg: storeSum / targets.length, paintMax };
    }, n)
    .then((r) => ({ runMs, ...r }));
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

    const fps = await measureFps(page);
    const jumps = await measureJumps(page, 10_000);

    const row = (what: string, value: string, target: string) =>
      `| ${what.padEnd(56)} | ${value.padStart(14)} | ${target.padEnd(6)} |`;
    const lines = [
      row('measure', 'value', 'target'),
      `|${'-'.repeat(58)}|${'-'.repeat(16)}|${'-'.repeat(8)}|`,
      row('PTE-level move of 1 GiB, animation frames per second', fps.fps.toFixed(1), '>= 30'),
      row('  ... frames in the animation (ms)', `${fps.frames} (${fps.ms.toFixed(0)})`, ''),
      row('10,000-statement script: run (compile + simulate, ms)', jumps.runMs.toFixed(0), ''),
      row('jump to a step of it: store, worst (ms)', jumps.storeMax.toFixed(1), '< 100'),
      row('jump to a step of it: store, mean (ms)', jumps.storeAvg.toFixed(1), ''),
      row('jump to a step of it: until painted, worst (ms)', jumps.paintMax.toFixed(1), ''),
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
