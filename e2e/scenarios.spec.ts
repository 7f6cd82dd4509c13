/**
 * Every built-in scenario, walked from its first to its last step in the explorer: each step
 * shows its sentence; at the end the timeline is the kernel's transcript (the conformance
 * recording, tests/conformance/scenarios/<file>.expected) and the panes show the end state.
 * Plus the picker, the URL, the profile switch, the source links and embed mode.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const SHOTS = 'test-results/screens';
const ROOT = join(import.meta.dirname, '..');

interface Expect {
  readonly id: string;
  readonly file: string;
  /** The last timeline row's result. */
  readonly last: string;
  /** Text each pane shows at the end. */
  readonly panes: Readonly<Record<string, readonly (string | RegExp)[]>>;
}

const SCENARIOS: readonly Expect[] = [
  {
    id: 'dontunmap-basics',
    file: 'dontunmap-basics.mms',
    last: '36: load(snew, 4K) → T',
    panes: { 'Address space': ['4 VMAs'], 'Physical memory': ['memfd:shm'] },
  },
  {
    id: 'art-cmc-copy',
    file: 'art-cmc-copy.mms',
    last: '42: maps()',
    panes: {
      // Four copied pages and four zero-page PTEs (the free tail, read after UNREGISTER).
      'Address space': ['2 VMAs', '8 pages present'],
      Userfaultfd: ['features SIGBUS', 'no registered range'],
      'Physical memory': ['4 frames'],
    },
  },
  {
    id: 'art-cmc-minor',
    file: 'art-cmc-minor.mms',
    last: '48: maps()',
    panes: { 'Physical memory': ['memfd:heap-a', 'memfd:heap-b'], Userfaultfd: ['MINOR_SHMEM'] },
  },
  {
    id: 'uffd-move',
    file: 'uffd-move.mms',
    last: '34: load(heap, 32K) → A*2 B*2 .*4',
    panes: { Userfaultfd: ['features SIGBUS'], 'Address space': ['2 VMAs'] },
  },
  {
    id: 'art-race',
    file: 'art-race.mms',
    last: '32: pagemap(heap2, 16K)',
    panes: { 'Address space': ['4 VMAs'], Userfaultfd: ['native'] },
  },
  {
    id: 'chromeos-swap',
    file: 'chromeos-swap.mms',
    last: '35: pagemap(buf, 8K, region, 16K)',
    panes: { Userfaultfd: ['THREAD_ID', 'app', 'swapper'], 'Address space': ['2 VMAs'] },
  },
  {
    id: 'mirror',
    file: 'mirror.mms',
    last: '31: mremap(priv, 0, 16K, MREMAP_MAYMOVE) → -1 EINVAL',
    panes: { 'Address space': ['5 VMAs'], 'Physical memory': ['memfd:jheap'] },
  },
  {
    id: 'pagetable-levels',
    file: 'pagetable-levels.mms',
    last: '21: maps()',
    panes: { 'Address space': ['1 VMA', '262,144 pages present'], 'Page tables': ['PTE'] },
  },
  {
    id: 'dontunmap',
    file: 'dontunmap.mms',
    last: '33: pagemap(anon, 8K, anew, 8K)',
    panes: { 'Address space': ['4 VMAs'] },
  },
];

function recording(file: string): string {
  return readFileSync(
    join(ROOT, 'tests', 'conformance', 'scenarios', file.replace(/\.mms$/, '.expected')),
    'utf8',
  );
}

/** The explorer's whole transcript (every step's lines), as the store holds it. */
async function transcript(page: Page): Promise<string> {
  return page.evaluate(() => {
    const s = window.__mmscope!.store.getState();
    return s.steps.map((st) => st.lines.join('\n')).join('\n') + '\n';
  });
}

async function stepCount(page: Page): Promise<number> {
  return Number(await page.getByRole('slider', { name: 'Step' }).getAttribute('max'));
}

for (const sc of SCENARIOS) {
  test(`${sc.id}: every step narrated, ends where the kernel does`, async ({ explorer, page }) => {
    test.setTimeout(120_000);
    await page.goto(`/?scenario=${sc.id}&anim=0`);
    await expect(page.getByRole('list', { name: 'Timeline' })).toBeVisible();
    await expect(page.getByRole('heading', { name: sc.file, exact: true })).toBeVisible();
    await expect(explorer.currentRow()).toHaveAttribute('data-step', '0');
    const narration = page.getByLabel('Narration');
    await expect(narration).not.toBeEmpty();
    const n = await stepCount(page);
    expect(n).toBeGreaterThan(5);
    const mine = sc.id !== 'dontunmap';
    const sources = page.getByLabel('Sources').getByRole('link');
    let previous = await narration.textContent();
    const hrefs = new Set<string>();
    let withSources = 0;
    for (let i = 1; i <= n; i++) {
      await page.keyboard.press('ArrowRight');
      await expect(explorer.currentRow()).toHaveAttribute('data-step', String(i));
      if (mine) {
        // Every statement of the scenarios has its own sentence, most with their sources.
        await expect(narration).not.toHaveText(previous ?? '');
        previous = await narration.textContent();
        const links = await sources.evaluateAll((as) =>
          as.map((a) => (a as HTMLAnchorElement).href),
        );
        if (links.length > 0) withSources++;
        for (const h of links) hrefs.add(h);
      }
    }
    expect(await explorer.cursor()).toBe(n);
    await expect(explorer.currentRow()).toContainText(sc.last);
    // What the explorer shows is what the kernel printed.
    expect(await transcript(page)).toBe(recording(sc.file));
    for (const [pane, texts] of Object.entries(sc.panes)) {
      for (const t of texts) await expect(explorer.pane(pane)).toContainText(t);
    }
    if (mine) {
      expect(withSources, 'steps with source links').toBeGreaterThan(n / 2);
      for (const h of hrefs) expect(h).toMatch(/^https:\/\//);
    }
    await page.screenshot({ path: `${SHOTS}/scenario-${sc.id}.png` });
  });
}

test('the picker searches, loads a scenario, and the address bar keeps it', async ({
  explorer,
  page,
}) => {
  await explorer.open(null);
  await page.getByRole('button', { name: 'Scenarios' }).click();
  const dialog = page.getByRole('dialog', { name: 'Scenarios' });
  await expect(dialog).toBeVisible();
  const options = dialog.getByRole('option');
  expect(await options.count()).toBeGreaterThanOrEqual(9);
  await page.keyboard.type('minor');
  await expect(options).toHaveCount(1);
  await expect(options.first()).toContainText('minor-fault mode');
  await page.screenshot({ path: `${SHOTS}/scenario-picker.png` });
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { name: 'art-cmc-minor.mms', exact: true })).toBeVisible();
  await expect(page).toHaveURL(/[?&]scenario=art-cmc-minor/);
  await expect(page.getByLabel('Narration')).toContainText('Minor-fault mode');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/[?&]step=2/);
  expect(page.url()).not.toContain('script=');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'art-cmc-minor.mms', exact: true })).toBeVisible();
  await expect(explorer.currentRow()).toHaveAttribute('data-step', '2');
  // Escape closes without loading; a click loads.
  await page.getByRole('button', { name: 'Scenarios' }).click();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Scenarios' }).click();
  await dialog.locator('[data-scenario="mirror"]').click();
  await expect(page.getByRole('heading', { name: 'mirror.mms', exact: true })).toBeVisible();
  await expect(page).toHaveURL(/[?&]scenario=mirror/);
  // Running an unrelated script drops the scenario from the address bar.
  await explorer.typeScript('a = mmap(NULL, 4K, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS)\n');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'untitled.mms' })).toBeVisible();
  await expect(page).not.toHaveURL(/scenario=/);
});

test('the profile switch shows dontunmap-basics under Linux 5.7', async ({ explorer, page }) => {
  await page.goto('/?scenario=dontunmap-basics&anim=0');
  const profiles = page.getByRole('group', { name: 'Kernel profile' });
  await expect(profiles.getByRole('button', { name: 'Linux 6.18' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await profiles.getByRole('button', { name: 'Linux 5.7' }).click();
  await expect(
    page.getByRole('heading', { name: 'dontunmap-basics.mms (kernel 5.7)' }),
  ).toBeVisible();
  await expect(page).toHaveURL(/profile=5\.7/);
  await page
    .getByRole('list', { name: 'Timeline' })
    .locator('.tl-row[data-step="10"] button')
    .click();
  await expect(explorer.currentRow()).toContainText('-1 EINVAL');
  await expect(page.getByLabel('Narration')).toContainText(
    '5.7 allows MREMAP_DONTUNMAP on private anonymous VMAs only',
  );
  await page.screenshot({ path: `${SHOTS}/scenario-profile-5.7.png` });
  await page.reload();
  await expect(
    page.getByRole('heading', { name: 'dontunmap-basics.mms (kernel 5.7)' }),
  ).toBeVisible();
  await page
    .getByRole('group', { name: 'Kernel profile' })
    .getByRole('button', { name: 'Linux 6.18' })
    .click();
  await expect(
    page.getByRole('heading', { name: 'dontunmap-basics.mms', exact: true }),
  ).toBeVisible();
  await expect(page).not.toHaveURL(/profile=/);
});

test('embed mode: views, narration and a minimal transport, no editor', async ({ page }) => {
  await page.goto('/?scenario=art-cmc-copy&embed=1&anim=0');
  await expect(page.getByRole('region', { name: 'Address space', exact: true })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Script' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Scenarios' })).toHaveCount(0);
  const narration = page.getByLabel('Narration');
  await expect(narration).toContainText('Android’s runtime (ART)');
  const transport = page.getByRole('toolbar', { name: 'Transport' });
  // Step 9 is the mremap of the compaction pause (line 18).
  for (let i = 0; i < 9; i++) await transport.getByRole('button', { name: 'Step forward' }).click();
  await expect(narration).toContainText('The compaction pause');
  await expect(transport).toContainText('9/28');
  await page.keyboard.press('ArrowRight');
  await expect(transport).toContainText('10/28');
  await expect(narration).toContainText('Register the empty heap');
  await expect(page.getByRole('link', { name: 'mmscope ↗' })).toHaveAttribute(
    'href',
    /scenario=art-cmc-copy/,
  );
  await page.screenshot({ path: `${SHOTS}/scenario-embed.png` });
});
