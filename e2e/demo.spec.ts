/**
 * Recorded demos: record a session in the explorer, export it, import it into a fresh page and
 * play it back: the same states in the same order, at the recorded pace. A corrupt file is
 * refused with the path of the problem. Videos: `npx mmscope record` renders a scenario and a
 * .mmsdemo to WebM of the expected length (ffprobe), and the explorer records its views itself.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const SHOTS = 'test-results/screens';
const OUT = 'test-results/demo';
const ROOT = join(import.meta.dirname, '..');
mkdirSync(OUT, { recursive: true });

interface Shown {
  readonly cursor: number;
  readonly selection: string;
  readonly speed: number;
}

async function shown(page: Page): Promise<Shown> {
  return page.evaluate(() => {
    const s = window.__mmscope!.store.getState();
    return { cursor: s.cursor, selection: JSON.stringify(s.selection), speed: s.speed };
  });
}

function key(s: Shown): string {
  return `${s.cursor}|${s.selection}|${s.speed}`;
}

/** ffprobe's view of a video file. */
function probe(file: string): {
  codec: string;
  width: number;
  height: number;
  duration: number;
  frames: number;
} {
  const out = execFileSync(
    'ffprobe',
    [
      '-v',
      'error',
      '-count_frames',
      '-show_entries',
      'stream=codec_name,codec_type,width,height,nb_read_frames:format=duration,format_name',
      '-of',
      'json',
      file,
    ],
    { encoding: 'utf8' },
  );
  const j = JSON.parse(out) as {
    streams: {
      codec_name: string;
      codec_type: string;
      width: number;
      height: number;
      nb_read_frames: string;
    }[];
    format: { duration?: string; format_name: string };
  };
  const v = j.streams.find((s) => s.codec_type === 'video');
  if (v === undefined) throw new Error(`${file}: no video stream`);
  expect(j.format.format_name).toContain('webm');
  return {
    codec: v.codec_name,
    width: v.width,
    height: v.height,
    duration: j.format.duration === undefined ? NaN : Number(j.format.duration),
    frames: Number(v.nb_read_frames),
  };
}

test('record a session, export it, import it into a fresh page and play it back identically', async ({
  explorer,
  page,
}) => {
  test.setTimeout(90_000);
  await page.goto('/?scenario=art-race&anim=0');
  await expect(page.getByRole('heading', { name: 'art-race.mms', exact: true })).toBeVisible();

  // Record: steps with the keyboard, a jump in the timeline, a selection, a speed change.
  const recorded: Shown[] = [];
  const note = async () => {
    const s = await shown(page);
    if (recorded.length === 0 || key(recorded[recorded.length - 1]!) !== key(s)) recorded.push(s);
  };
  await page.getByRole('button', { name: 'Record demo' }).click();
  await note();
  for (let i = 0; i < 3; i++) {
    await page.waitForTimeout(250);
    await page.keyboard.press('ArrowRight');
    await note();
  }
  await page.waitForTimeout(300);
  await page
    .getByRole('list', { name: 'Timeline' })
    .locator('.tl-row[data-step="9"] button')
    .click();
  await expect(explorer.currentRow()).toHaveAttribute('data-step', '9');
  await note();
  await page.waitForTimeout(200);
  await page.evaluate(() =>
    window.__mmscope!.store.getState().actions.select({ kind: 'vma', id: 1 }),
  );
  await note();
  await page.waitForTimeout(200);
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('2');
  await note();
  await page.waitForTimeout(200);
  await page.keyboard.press('ArrowLeft');
  await note();
  await page.waitForTimeout(300);
  await page.getByRole('button', { name: 'Stop recording' }).click();
  await expect(page.getByRole('log', { name: 'Demo status' })).toContainText('events');

  // Export: a download of a valid .mmsdemo.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export demo' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('art-race.mmsdemo');
  const file = join(OUT, 'recorded.mmsdemo');
  await download.saveAs(file);
  const demo = JSON.parse(readFileSync(file, 'utf8')) as {
    format: string;
    version: number;
    duration: number;
    script: { scenarioId: string; narration: Record<string, string> };
    events: { t: number; type: string }[];
  };
  expect(demo.format).toBe('mmsdemo');
  expect(demo.version).toBe(1);
  expect(demo.script.scenarioId).toBe('art-race');
  expect(Object.keys(demo.script.narration).length).toBeGreaterThan(10);
  expect(demo.events.map((e) => e.type)).toEqual([
    'step',
    'step',
    'step',
    'step',
    'select',
    'speed',
    'step',
  ]);
  expect(recorded.map((r) => r.cursor)).toEqual([0, 1, 2, 3, 9, 9, 9, 8]);

  // A fresh page (the default walkthrough), then import and play.
  await page.goto('/?anim=0');
  await expect(page.getByRole('heading', { name: 'dontunmap.mms', exact: true })).toBeVisible();
  await page.getByLabel('Demo file').setInputFiles(file);
  await expect(page.getByRole('log', { name: 'Demo status' })).toContainText('art-race');
  const played: Shown[] = [];
  const t0 = Date.now();
  await page.getByRole('button', { name: 'Play demo' }).click();
  await expect(page.getByRole('heading', { name: 'art-race.mms', exact: true })).toBeVisible();
  while ((await page.getByRole('button', { name: 'Stop demo' }).count()) > 0) {
    const s = await shown(page);
    if (played.length === 0 || key(played[played.length - 1]!) !== key(s)) played.push(s);
    await page.waitForTimeout(20);
  }
  const elapsed = Date.now() - t0;
  const s = await shown(page);
  if (key(played[played.length - 1]!) !== key(s)) played.push(s);
  // The same states, in the same order, at the recorded pace.
  expect(played).toEqual(recorded);
  expect(elapsed).toBeGreaterThan(demo.duration - 100);
  expect(elapsed).toBeLessThan(demo.duration + 3000);
  // The narration came with the demo: step 8 is line 15, the late UFFDIO_REGISTER.
  await expect(page.getByLabel('Narration')).toContainText(
    demo.script.narration['15']!.slice(0, 30),
  );
  await page.screenshot({ path: `${SHOTS}/demo-played.png` });
});

test('the camera (the Address space zoom) is recorded and restored', async ({ page }) => {
  await page.goto('/?scenario=art-cmc-copy&anim=0&step=8');
  const space = page.getByRole('region', { name: 'Address space', exact: true });
  const visible = () =>
    space.evaluate((el) =>
      [...el.querySelectorAll('svg title')]
        .map((t) => t.textContent ?? '')
        .find((t) => t.startsWith('visible:')),
    );
  expect(await visible()).toBe('visible: [0x000000000000, 0x800000000000)');
  await page.evaluate(() => window.__mmscopeDemo!.startRecording());
  // Double-clicking a VMA zooms to it (the view's own gesture).
  const box = (await space.locator('svg g.vma').first().boundingBox())!;
  await page.mouse.dblclick(box.x + box.width / 2, box.y + box.height / 2);
  await expect.poll(visible).not.toBe('visible: [0x000000000000, 0x800000000000)');
  const zoomed = await visible();
  await page.waitForTimeout(400);
  const demo = await page.evaluate(() => window.__mmscopeDemo!.stopRecording());
  expect(demo?.events.some((e) => e.type === 'camera')).toBe(true);
  await page.goto('/?anim=0');
  await page.evaluate((d) => window.__mmscopeDemo!.play(d!), demo);
  await expect.poll(visible).toBe(zoomed);
});

test('a corrupt .mmsdemo is refused with the path of each problem', async ({ explorer, page }) => {
  await explorer.open(null);
  const bad = {
    format: 'mmsdemo',
    version: 1,
    title: 'broken',
    createdAt: '2025-01-01T00:00:00Z',
    script: { name: 'x.mms', source: 'load(NULL, 4K)\n', scenarioId: null, narration: {} },
    initial: {
      cursor: 0,
      speed: 1,
      theme: 'light',
      animationMs: 600,
      selection: null,
      camera: null,
    },
    viewport: null,
    events: [
      { t: 10, type: 'step', cursor: -3, transition: 'forward' },
      { t: 5, type: 'theme', theme: 'blue' },
    ],
    duration: 100,
  };
  await page.getByLabel('Demo file').setInputFiles({
    name: 'broken.mmsdemo',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(bad)),
  });
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Not a valid .mmsdemo file');
  await expect(alert).toContainText('$.events[0].cursor');
  await expect(alert).toContainText('$.events[1].theme');
  await expect(page.getByRole('button', { name: 'Play demo' })).toBeDisabled();
  await page.screenshot({ path: `${SHOTS}/demo-corrupt.png` });
  await alert.getByRole('button', { name: 'Dismiss' }).click();
  await expect(alert).toHaveCount(0);
});

test('npx mmscope record renders a scenario and a .mmsdemo to WebM of the expected length', () => {
  test.setTimeout(240_000);
  const cli = join(ROOT, 'bin', 'mmscope.js');
  // A scenario: 0.3 s intro, 3 steps 0.3 s apart, 0.3 s outro = 1.2 s.
  const video = join(OUT, 'art-race.webm');
  const r = spawnSync(
    process.execPath,
    [
      cli,
      'record',
      'art-race',
      '--out',
      video,
      '--steps',
      '3',
      '--step-ms',
      '300',
      '--intro-ms',
      '300',
      '--outro-ms',
      '300',
      '--fps',
      '20',
      '--width',
      '960',
      '--height',
      '540',
      '--no-build',
    ],
    { cwd: ROOT, encoding: 'utf8', timeout: 180_000 },
  );
  expect(r.status, r.stderr).toBe(0);
  expect(statSync(video).size).toBeGreaterThan(10_000);
  const p = probe(video);
  expect(p.codec).toBe('vp8');
  expect([p.width, p.height]).toEqual([960, 540]);
  expect(p.frames).toBe(24);
  expect(Math.abs(p.duration - 1.2)).toBeLessThan(0.06);

  // A demo file: its duration is the video's.
  const demo = {
    format: 'mmsdemo',
    version: 1,
    title: 'two steps',
    createdAt: '2025-01-01T00:00:00Z',
    script: {
      name: 'two.mms',
      source:
        "a = mmap(NULL, 8K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS)\nstore(a, 8K, 'A')\n",
      scenarioId: null,
      narration: { '1': 'A mapping.', '2': 'Two pages.' },
    },
    initial: {
      cursor: 0,
      speed: 1,
      theme: 'dark',
      animationMs: 200,
      selection: null,
      camera: null,
    },
    viewport: null,
    events: [
      { t: 200, type: 'step', cursor: 1, transition: 'forward' },
      { t: 600, type: 'step', cursor: 2, transition: 'forward' },
    ],
    duration: 1000,
  };
  const demoFile = join(OUT, 'two.mmsdemo');
  writeFileSync(demoFile, JSON.stringify(demo));
  const video2 = join(OUT, 'two.webm');
  const r2 = spawnSync(
    process.execPath,
    [cli, 'record', demoFile, '--out', video2, '--fps', '10', '--no-build'],
    {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 180_000,
    },
  );
  expect(r2.status, r2.stderr).toBe(0);
  const p2 = probe(video2);
  expect(p2.frames).toBe(10);
  expect(Math.abs(p2.duration - 1.0)).toBeLessThan(0.06);
  expect([p2.width, p2.height]).toEqual([1280, 720]);

  // A corrupt demo is a usage error naming the path.
  writeFileSync(join(OUT, 'bad.mmsdemo'), JSON.stringify({ ...demo, duration: -5 }));
  const r3 = spawnSync(
    process.execPath,
    [cli, 'record', join(OUT, 'bad.mmsdemo'), '--out', join(OUT, 'bad.webm'), '--no-build'],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  expect(r3.status).toBe(2);
  expect(r3.stderr).toContain('$.duration');
});

test('the explorer records its views to WebM in the browser', async ({ explorer, page }) => {
  test.setTimeout(60_000);
  await page.goto('/?scenario=uffd-move&anim=150');
  await expect(page.getByRole('heading', { name: 'uffd-move.mms', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Record video' }).click();
  await expect(page.getByRole('button', { name: 'Stop video' })).toBeVisible();
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(350);
  }
  await expect(explorer.currentRow()).toHaveAttribute('data-step', '5');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Stop video' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('uffd-move.webm');
  const file = join(OUT, 'in-browser.webm');
  await download.saveAs(file);
  expect(statSync(file).size).toBeGreaterThan(5_000);
  const p = probe(file);
  expect(['vp8', 'vp9']).toContain(p.codec);
  expect(p.width).toBeGreaterThan(300);
  expect(p.frames).toBeGreaterThan(3);
});
