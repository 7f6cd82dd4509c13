import { chromium } from 'playwright-core';
const [,, url, out, w = '1440', h = '900', ...actions] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-quic','--no-first-run','--disable-background-networking','--disable-component-update','--disable-sync'] });
const page = await browser.newPage({ viewport: { width: +w, height: +h } });
const errs = [];
page.on('console', m => { if (m.type() === 'error') errs.push(m.text()); });
page.on('pageerror', e => errs.push('pageerror ' + e.message));
await page.goto(url);
await page.waitForTimeout(800);
for (const a of actions) {
  if (a.startsWith('key:')) await page.keyboard.press(a.slice(4));
  else if (a.startsWith('click:')) await page.getByRole('button', { name: a.slice(6), exact: true }).click();
  else if (a.startsWith('type:')) await page.keyboard.type(a.slice(5));
  else if (a.startsWith('wait:')) await page.waitForTimeout(+a.slice(5));
  else if (a.startsWith('eval:')) console.log(await page.evaluate(a.slice(5)));
}
await page.waitForTimeout(500);
await page.screenshot({ path: out });
console.log('errors:', JSON.stringify(errs));
await browser.close();
