/**
 * `mmscope record <scenario id | FILE.mmsdemo> --out demo.webm`: render a demo to a video.
 *
 * It serves the built explorer (dist/, rebuilt with `vite build` when src/ is newer) from a tiny
 * static server, opens it in headless Chromium (playwright-core, Debian's /usr/bin/chromium) in
 * embed mode, and plays the demo under Playwright's fake clock: each video frame advances the
 * page's clock by exactly 1/fps second (timers, requestAnimationFrame and the views' D3
 * transitions included), takes a screenshot and pipes it to ffmpeg (VP8/VP9 WebM). The video is
 * therefore frame-exact: its length is the demo's duration, however slow the machine.
 *
 * A scenario id makes an automatic demo in the page (`__mmscopeDemo.autoDemo`): a hold on the
 * initial state, one step every --step-ms, a hold on the end.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatDemoErrors, parseDemo, type Demo } from '../demo/format';

const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..', '..');
const DIST = join(ROOT, 'dist');
const SCENARIO_DIR = join(ROOT, 'src', 'scenarios');
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const RECORD_USAGE = `Usage: mmscope record <scenario id | FILE.mmsdemo> --out FILE.webm [options]

Renders a built-in scenario (stepping through it) or a recorded demo to a WebM video in
headless Chromium, frame by frame on a fake clock, so the video lasts exactly the demo.

Options:
  --out FILE        the video to write (required; .webm)
  --fps N           frames per second (default 25)
  --width N         video width in pixels (default 1280)
  --height N        video height in pixels (default 720)
  --step-ms N       scenario: time per step (default 2500)
  --intro-ms N      scenario: hold on the initial state (default 3000)
  --outro-ms N      scenario: hold on the end (default 2000)
  --steps N         scenario: stop after N steps (default: all)
  --profile X.Y     scenario: a kernel profile variant (e.g. 5.7 for dontunmap-basics)
  --theme T         light or dark (default light)
  --anim-ms N       animation duration per step (default: the demo's, 600 for scenarios)
  --full            the full explorer instead of the embed player
  --codec C         vp8 (default, faster) or vp9
  --no-build        use dist/ as it is, even if src/ is newer
`;

interface Options {
  readonly input: string;
  readonly out: string;
  readonly fps: number;
  readonly width: number;
  readonly height: number;
  readonly stepMs: number;
  readonly introMs: number;
  readonly outroMs: number;
  readonly steps: number | null;
  readonly profile: string | null;
  readonly theme: 'light' | 'dark';
  readonly animMs: number | null;
  readonly full: boolean;
  readonly codec: 'vp8' | 'vp9';
  readonly build: boolean;
}

export interface RecordIo {
  out(text: string): void;
  err(text: string): void;
}

class RecordUsageError extends Error {}

function parseArgs(args: readonly string[]): Options {
  const o: Record<string, string> = {};
  const flags = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--full' || a === '--no-build') flags.add(a);
    else if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const key = eq > 0 ? a.slice(2, eq) : a.slice(2);
      const value = eq > 0 ? a.slice(eq + 1) : args[++i];
      if (value === undefined) throw new RecordUsageError(`${a} needs a value`);
      o[key] = value;
    } else positional.push(a);
  }
  const known = [
    'out',
    'fps',
    'width',
    'height',
    'step-ms',
    'intro-ms',
    'outro-ms',
    'steps',
    'profile',
    'theme',
    'anim-ms',
    'codec',
  ];
  for (const k of Object.keys(o))
    if (!known.includes(k)) throw new RecordUsageError(`unknown option --${k}`);
  if (positional.length !== 1)
    throw new RecordUsageError('record takes exactly one scenario id or .mmsdemo file');
  if (o.out === undefined) throw new RecordUsageError('--out FILE.webm is required');
  const int = (k: string, def: number, min: number, max: number): number => {
    const v = o[k];
    if (v === undefined) return def;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new RecordUsageError(`--${k} must be an integer in [${min}, ${max}], got ${v}`);
    }
    return n;
  };
  const theme = o.theme ?? 'light';
  if (theme !== 'light' && theme !== 'dark') throw new RecordUsageError('--theme is light or dark');
  const codec = o.codec ?? 'vp8';
  if (codec !== 'vp8' && codec !== 'vp9') throw new RecordUsageError('--codec is vp8 or vp9');
  return {
    input: positional[0]!,
    out: resolve(o.out),
    fps: int('fps', 25, 1, 60),
    width: int('width', 1280, 320, 3840),
    height: int('height', 720, 240, 2160),
    stepMs: int('step-ms', 2500, 50, 600_000),
    introMs: int('intro-ms', 3000, 0, 600_000),
    outroMs: int('outro-ms', 2000, 0, 600_000),
    steps: o.steps === undefined ? null : int('steps', 0, 0, 1_000_000),
    profile: o.profile ?? null,
    theme,
    animMs: o['anim-ms'] === undefined ? null : int('anim-ms', 600, 0, 60_000),
    full: flags.has('--full'),
    codec,
    build: !flags.has('--no-build'),
  };
}

/** The newest modification time under `dir` (files only), or 0. */
function newest(dir: string): number {
  let t = 0;
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (!/\.test\.tsx?$/.test(e.name)) t = Math.max(t, statSync(p).mtimeMs);
    }
  };
  if (existsSync(dir)) walk(dir);
  return t;
}

function ensureBuilt(build: boolean, io: RecordIo): void {
  const index = join(DIST, 'index.html');
  const stale = !existsSync(index) || newest(join(ROOT, 'src')) > statSync(index).mtimeMs;
  if (!stale) return;
  if (!build && existsSync(index)) {
    io.err('mmscope record: dist/ is older than src/ (--no-build: using it anyway)\n');
    return;
  }
  io.err('mmscope record: building the explorer (vite build) ...\n');
  const r = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  if (r.status !== 0) throw new Error('vite build failed');
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.mms': 'text/plain; charset=utf-8',
};

/** A static server for dist/ on a free local port. */
function serve(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = normalize(join(dir, path));
    if (!file.startsWith(dir + sep) && file !== dir) {
      res.writeHead(403).end();
      return;
    }
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(dir, 'index.html');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address();
      if (addr === null || typeof addr === 'string') return fail(new Error('no port'));
      ok({ server, url: `http://127.0.0.1:${addr.port}` });
    });
  });
}

/** The scenario ids on disk: every src/scenarios/<id>.mms. */
export function scenarioIds(): string[] {
  if (!existsSync(SCENARIO_DIR)) return [];
  return readdirSync(SCENARIO_DIR)
    .filter((f) => f.endsWith('.mms'))
    .map((f) => f.slice(0, -4))
    .sort();
}

function loadInput(o: Options): { demo: Demo } | { scenario: string } {
  if (o.input.endsWith('.mmsdemo') || (existsSync(o.input) && statSync(o.input).isFile())) {
    const text = readFileSync(o.input, 'utf8');
    const r = parseDemo(text);
    if (!r.ok)
      throw new RecordUsageError(`${o.input} is not a valid demo:\n${formatDemoErrors(r.errors)}`);
    return { demo: r.demo };
  }
  const ids = scenarioIds();
  if (!ids.includes(o.input)) {
    throw new RecordUsageError(
      `no scenario "${o.input}" (known: ${ids.join(', ')}) and no such file`,
    );
  }
  return { scenario: o.input };
}

export async function cmdRecord(args: readonly string[], io: RecordIo): Promise<number> {
  let o: Options;
  let input: { demo: Demo } | { scenario: string };
  try {
    if (args.includes('-h') || args.includes('--help')) {
      io.out(RECORD_USAGE);
      return 0;
    }
    o = parseArgs(args);
    input = loadInput(o);
  } catch (e) {
    if (e instanceof RecordUsageError) {
      io.err(`mmscope record: ${e.message}\n\n${RECORD_USAGE}`);
      return e.message.includes('not a valid demo') ? 2 : 64;
    }
    throw e;
  }
  if (!existsSync(CHROMIUM)) {
    io.err(`mmscope record: no Chromium at ${CHROMIUM}\n`);
    return 77;
  }
  ensureBuilt(o.build, io);

  const { server, url } = await serve(DIST);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  let ffmpeg: ReturnType<typeof spawn> | null = null;
  try {
    const context = await browser.newContext({
      viewport: { width: o.width, height: o.height },
      deviceScaleFactor: 1,
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // Fake time from the start: nothing in the page moves unless a frame advances the clock.
    await page.clock.install({ time: 0 });
    const q = new URLSearchParams();
    if (!o.full) q.set('embed', '1');
    if ('scenario' in input) {
      q.set('scenario', input.scenario);
      if (o.profile !== null) q.set('profile', o.profile);
    }
    await page.goto(`${url}/?${q.toString()}`);
    await page.waitForFunction(
      () => window.__mmscopeDemo !== undefined && document.querySelector('.panes svg') !== null,
    );
    const demo: Demo = await page.evaluate(
      ({ input, o }) => {
        const api = window.__mmscopeDemo!;
        if ('demo' in input) return input.demo;
        return api.autoDemo(input.scenario, {
          stepMs: o.stepMs,
          introMs: o.introMs,
          outroMs: o.outroMs,
          theme: o.theme,
          animationMs: o.animMs ?? 600,
          ...(o.steps !== null ? { steps: o.steps } : {}),
        });
      },
      { input, o },
    );
    const frames = Math.max(1, Math.round((demo.duration / 1000) * o.fps));
    const frameMs = 1000 / o.fps;
    io.err(
      `mmscope record: "${demo.title}": ${demo.events.length} events, ${(demo.duration / 1000).toFixed(2)} s, ${frames} frames at ${o.fps} fps\n`,
    );
    // Freeze the page's time (install() lets it flow until now): from here on only the frame
    // loop advances it.
    const pageNow = await page.evaluate(() => Date.now());
    await page.clock.pauseAt(pageNow + 1000);
    await page.evaluate(
      ({ demo, o }) => {
        const d =
          o.animMs === null
            ? demo
            : { ...demo, initial: { ...demo.initial, animationMs: o.animMs } };
        void window.__mmscopeDemo!.play(d, { useDemoAnimation: true });
      },
      { demo, o },
    );

    const codecArgs =
      o.codec === 'vp9'
        ? [
            '-c:v',
            'libvpx-vp9',
            '-b:v',
            '0',
            '-crf',
            '34',
            '-deadline',
            'realtime',
            '-cpu-used',
            '8',
            '-row-mt',
            '1',
          ]
        : ['-c:v', 'libvpx', '-b:v', '3M', '-deadline', 'realtime', '-cpu-used', '8'];
    ffmpeg = spawn(
      'ffmpeg',
      [
        '-hide_banner',
        '-loglevel',
        'error',
        '-y',
        '-f',
        'image2pipe',
        '-framerate',
        String(o.fps),
        '-c:v',
        'mjpeg',
        '-i',
        '-',
        ...codecArgs,
        '-pix_fmt',
        'yuv420p',
        '-r',
        String(o.fps),
        o.out,
      ],
      { stdio: ['pipe', 'ignore', 'inherit'] },
    );
    const exited = new Promise<number>((ok) => ffmpeg!.once('exit', (c) => ok(c ?? 1)));
    const stdin = ffmpeg.stdin!;
    for (let i = 0; i < frames; i++) {
      // Frame i shows the state at t = i / fps.
      if (i > 0) await page.clock.runFor(frameMs);
      const jpeg = await page.screenshot({ type: 'jpeg', quality: 92 });
      if (!stdin.write(jpeg)) await new Promise((ok) => stdin.once('drain', ok));
      if (i % (o.fps * 5) === 0 && i > 0) io.err(`  ${i}/${frames} frames\n`);
    }
    stdin.end();
    const code = await exited;
    if (code !== 0) {
      io.err(`mmscope record: ffmpeg failed (exit ${code})\n`);
      return 70;
    }
    if (errors.length > 0) io.err(`mmscope record: page errors:\n${errors.join('\n')}\n`);
    io.out(`${o.out}\n`);
    return 0;
  } finally {
    if (ffmpeg !== null && ffmpeg.exitCode === null) ffmpeg.kill();
    await browser.close();
    server.close();
  }
}
