import { expect, explorerUrl, test } from './fixtures';

/** A small DONTUNMAP script whose transcript is easy to predict (mms.md sections 4-5). */
const SCRIPT = [
  'a = mmap(NULL, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS)',
  "store(a, 16K, 'A')",
  'b = mremap(a, 16K, 16K, MREMAP_MAYMOVE|MREMAP_DONTUNMAP)',
  'load(a, 4K)',
  'load(b, 8K)',
  '',
].join('\n');

const SHOTS = 'test-results/screens';

test('opens on the DONTUNMAP walkthrough with its narration and every pane', async ({
  explorer,
  page,
}) => {
  await explorer.open(null);
  await expect(page.getByRole('heading', { name: 'dontunmap.mms' })).toBeVisible();
  await expect(explorer.currentRow()).toHaveAttribute('data-step', '0');
  await expect(page.getByLabel('Narration')).toContainText('MREMAP_DONTUNMAP');
  for (const name of [
    'Address space',
    'Page tables',
    'Physical memory',
    'Userfaultfd',
    'Inspector',
  ])
    await expect(explorer.pane(name)).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(explorer.currentRow()).toContainText('anon = mmap(');
  await expect(page.getByLabel('Narration')).toContainText('do_mmap');
  await page.screenshot({ path: `${SHOTS}/walkthrough-step1.png` });
});

test('loads a script and a step from the URL, and a reload keeps them', async ({
  explorer,
  page,
}) => {
  await explorer.open(SCRIPT, { step: '3' });
  await expect(explorer.currentRow()).toHaveAttribute('data-step', '3');
  await expect(explorer.currentRow()).toContainText('3: b = mremap(');
  expect(await explorer.cursor()).toBe(3);
  await expect(page.getByRole('textbox', { name: 'Script' })).toContainText('b = mremap(a, 16K');
  await page.keyboard.press('ArrowRight');
  await expect(explorer.currentRow()).toHaveAttribute('data-step', '4');
  // The address bar follows the step (debounced), so a reload shows the same thing.
  await expect(page).toHaveURL(/[?&]step=4/);
  await page.reload();
  await expect(explorer.currentRow()).toHaveAttribute('data-step', '4');
  await expect(explorer.currentRow()).toContainText('4: load(a, 4K) → .');
});

test('Run simulates the editor text into the timeline', async ({ explorer, page }) => {
  await explorer.open(null);
  await explorer.typeScript(SCRIPT);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const rows = page.getByRole('list', { name: 'Timeline' }).getByRole('listitem');
  await expect(rows).toHaveCount(6);
  await expect(rows.nth(1)).toContainText('1: a = mmap(NULL, 16K');
  await expect(rows.nth(1)).toContainText('top-0x4000');
  await expect(rows.nth(3)).toContainText('a-0x4000');
  await expect(rows.nth(4)).toContainText('→ .');
  await expect(rows.nth(5)).toContainText('→ A*2');
  // Run shows the end state.
  await expect(explorer.currentRow()).toHaveAttribute('data-step', '5');
  // A script that shares nothing with the walkthrough is a new one, without its narration.
  await expect(page.getByRole('heading', { name: 'untitled.mms' })).toBeVisible();
  await expect(page.getByLabel('Narration')).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/run.png` });
});

test('steps forward and back with the buttons, the scrubber and the timeline', async ({
  explorer,
  page,
}) => {
  await explorer.open(SCRIPT);
  await expect(explorer.currentRow()).toHaveAttribute('data-step', '0');
  await page.getByRole('button', { name: 'Step forward' }).click();
  await page.getByRole('button', { name: 'Step forward' }).click();
  await expect(explorer.currentRow()).toHaveAttribute('data-step', '2');
  await expect(explorer.currentRow()).toContainText("store(a, 16K, 'A') → ok");
  expect(await explorer.cursor()).toBe(2);
  await page.getByRole('button', { name: 'Step back' }).click();
  await expect(explorer.currentRow()).toHaveAttribute('data-step', '1');
  await page.getByRole('slider', { name: 'Step' }).fill('4');
  await expect(explorer.currentRow()).toHaveAttribute('data-step', '4');
  await page.locator('.tl-row[data-step="5"] button').click();
  await expect(explorer.currentRow()).toHaveAttribute('data-step', '5');
  await expect(page.getByRole('button', { name: 'Step forward' })).toBeDisabled();
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(explorer.currentRow()).toHaveAttribute('data-step', '0');
  await expect(page.getByRole('button', { name: 'Step back' })).toBeDisabled();
});

test('the views follow the step', async ({ explorer, page }) => {
  await explorer.open(SCRIPT, { step: '1' });
  const store = () =>
    page.evaluate(() => {
      const s = window.__mmscope!.store.getState();
      return { cursor: s.cursor, revision: s.revision, sim: s.sim !== null };
    });
  const before = await store();
  expect(before).toMatchObject({ cursor: 1, sim: true });
  const space = explorer.pane('Address space');
  await expect(space).toContainText('1 VMA ');
  const text1 = await space.textContent();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  const after = await store();
  expect(after.cursor).toBe(3);
  expect(after.revision).toBeGreaterThan(before.revision);
  // After the DONTUNMAP move there are two VMAs where there was one.
  await expect(space).toContainText('2 VMAs');
  await expect(explorer.pane('Physical memory')).toContainText('4 frames');
  await expect(space).not.toHaveText(text1 ?? '');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(space).toHaveText(text1 ?? '');
});

test('shows parse errors at their line and column', async ({ explorer, page }) => {
  await explorer.open(null);
  await explorer.typeScript(
    'a = mmap(NULL, 4K, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS)\nmunmap(a, PROT_RAED)\n',
  );
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const errors = page.getByRole('list', { name: 'Errors' });
  await expect(errors).toContainText('2:11');
  await expect(errors).toContainText('PROT_RAED');
  // The diagnostic underlines the word at that line and column.
  const mark = page.locator('.cm-lintRange-error');
  await expect(mark).toHaveText('PROT_RAED');
  await expect(page.locator('.cm-line').nth(1).locator('.cm-lintRange-error')).toHaveCount(1);
  await expect(page.getByRole('list', { name: 'Timeline' }).getByRole('listitem')).toHaveCount(1);
  await page.screenshot({ path: `${SHOTS}/errors.png` });
  // Fixing the text clears them without a Run (the editor lints as you type).
  await explorer.typeScript('a = mmap(NULL, 4K, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS)\n');
  await expect(errors).toHaveCount(0);
});

test('the console executes a statement on the current state', async ({ explorer, page }) => {
  await explorer.open(SCRIPT, { step: '3' });
  const console = page.getByRole('textbox', { name: 'Console' });
  await console.fill('load(b, 16K)');
  await console.press('Enter');
  await expect(console).toHaveValue('');
  const rows = page.getByRole('list', { name: 'Timeline' }).getByRole('listitem');
  // Steps 4 and 5 are dropped; the statement is step 4, on line 4 of the script.
  await expect(rows).toHaveCount(5);
  await expect(explorer.currentRow()).toHaveAttribute('data-step', '4');
  await expect(explorer.currentRow()).toContainText('4: load(b, 16K) → A*4');
  await expect(page.getByRole('textbox', { name: 'Script' })).toContainText('load(b, 16K)');
  await expect(page.getByRole('textbox', { name: 'Script' })).not.toContainText('load(a, 4K)');
  // Keys typed in the console are not shortcuts.
  await console.fill('x');
  await console.press('ArrowLeft');
  await expect(explorer.currentRow()).toHaveAttribute('data-step', '4');
  // A statement that does not compile says why, and changes nothing.
  await console.fill('load(nosuch, 4K)');
  await console.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'nosuch' })).toBeVisible();
  await expect(rows).toHaveCount(5);
});

test('keyboard: arrows step, Space plays and pauses, not while typing', async ({
  explorer,
  page,
}) => {
  await explorer.open(SCRIPT, { anim: '400' });
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(explorer.currentRow()).toHaveAttribute('data-step', '2');
  await page.keyboard.press('ArrowLeft');
  await expect(explorer.currentRow()).toHaveAttribute('data-step', '1');
  await page.keyboard.press(' ');
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await page.keyboard.press(' ');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  const at = await explorer.cursor();
  await page.waitForTimeout(600);
  expect(await explorer.cursor()).toBe(at);
  // In the editor, arrows move the caret.
  await page.getByRole('textbox', { name: 'Script' }).click();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press(' ');
  expect(await explorer.cursor()).toBe(at);
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  // Every transport control is reachable with Tab.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  const reached = new Set<string>();
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    reached.add(
      await page.evaluate(
        () =>
          document.activeElement?.getAttribute('aria-label') ??
          document.activeElement?.textContent ??
          '',
      ),
    );
  }
  for (const name of ['Reset', 'Play', 'Step', 'Speed', 'Share', 'Dark theme'])
    expect(reached).toContain(name);
});

test('Play runs to the end and stops; Pause stops', async ({ explorer, page }) => {
  await explorer.open(SCRIPT);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(explorer.currentRow()).toHaveAttribute('data-step', '5');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  await explorer.open(SCRIPT, { anim: '5000' });
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await page.waitForTimeout(300);
  expect(await explorer.cursor()).toBe(0);
});

test('Share copies a link that restores script and step', async ({ explorer, page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await explorer.open(SCRIPT, { step: '2' });
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText('Link copied');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain('step=2');
  expect(link).not.toContain('anim=');
  await page.goto(link);
  await expect(explorer.currentRow()).toHaveAttribute('data-step', '2');
  await expect(explorer.currentRow()).toContainText("store(a, 16K, 'A')");
});

test('the theme toggle switches light and dark', async ({ explorer, page }) => {
  await explorer.open(null, { step: '12' });
  const toggle = page.getByRole('button', { name: 'Dark theme' });
  const was = await page.evaluate(() => document.documentElement.dataset.theme);
  await toggle.click();
  const now = await page.evaluate(() => document.documentElement.dataset.theme);
  expect(now).not.toBe(was);
  await expect(toggle).toHaveAttribute('aria-pressed', String(now === 'dark'));
  if (now !== 'dark') await toggle.click();
  await page.screenshot({ path: `${SHOTS}/dark.png` });
});

test('a script that fails while running never blanks the page', async ({ explorer, page }) => {
  await page.goto(explorerUrl('load(nosuch, 4K)\n'));
  await expect(page.getByRole('list', { name: 'Errors' })).toContainText('nosuch');
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeVisible();
  await expect(explorer.pane('Address space')).toBeVisible();
});
