/**
 * Shared set-up for the browser tests: every test fails on a console error or an uncaught
 * page error, and gets helpers to open the explorer on a script with animations off.
 */
import { expect, test as base, type Locator, type Page } from '@playwright/test';

export { expect };

/** base64url of the UTF-8 text: what `?script=` carries (src/store/url.ts). */
export function encodeScript(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

/** The explorer's URL for a script (null: the default walkthrough), animations off. */
export function explorerUrl(script: string | null, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  if (script !== null) q.set('script', encodeScript(script));
  q.set('anim', '0');
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return `/?${q.toString()}`;
}

export interface Explorer {
  readonly page: Page;
  open(script: string | null, extra?: Record<string, string>): Promise<void>;
  /** The timeline row of the step shown (aria-current). */
  currentRow(): Locator;
  /** Steps applied, as the transport's scrubber says. */
  cursor(): Promise<number>;
  /** Replace the editor's text as a user would (select all, type). */
  typeScript(text: string): Promise<void>;
  pane(name: string): Locator;
}

export const test = base.extend<{ explorer: Explorer; consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      await use(errors);
      expect(errors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
  explorer: async ({ page }, use) => {
    const x: Explorer = {
      page,
      async open(script, extra = {}) {
        await page.goto(explorerUrl(script, extra));
        await expect(page.getByRole('list', { name: 'Timeline' })).toBeVisible();
      },
      currentRow: () => page.locator('.tl-row[aria-current="step"]'),
      async cursor() {
        return Number(await page.getByRole('slider', { name: 'Step' }).inputValue());
      },
      async typeScript(text) {
        const editor = page.getByRole('textbox', { name: 'Script' });
        await editor.click();
        await page.keyboard.press('ControlOrMeta+a');
        await page.keyboard.press('Delete');
        await page.keyboard.insertText(text);
      },
      pane: (name) => page.getByRole('region', { name, exact: true }),
    };
    await use(x);
  },
});
