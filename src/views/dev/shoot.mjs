// Dev only: screenshot a page with Playwright (Debian Chromium).
// node src/views/dev/shoot.mjs URL OUT.png [width] [height] [clicks...]
import { chromium } from 'playwright-core';
const [url, out, w = '1280', h = '900', ...actions] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const page = await browser.newPage({ viewport: { width: Number(w), height: Number(h) } });
page.on('console', (m) => console.log('console:', m.type(), m.text()));
page.on('pageerror', (e) => console.log('pageerror:', e.message));
await page.goto(url, { waitUntil: 'networkidle' });
await page.waitForTimeout(300);
for (const a of actions) {
  if (a.startsWith('wait:')) await page.waitForTimeout(Number(a.slice(5)));
  else if (a.startsWith('select:')) {
    const [sel, value] = a.slice(7).split('|');
    await page.locator(sel).first().selectOption(value);
  } else if (a.startsWith('mclick:')) {
    const [x, y] = a.slice(7).split(',').map(Number);
    await page.mouse.click(x, y);
  } else if (a.startsWith('move:')) {
    const [x, y] = a.slice(5).split(',').map(Number);
    await page.mouse.move(x, y);
  } else if (a.startsWith('wheel:')) {
    const [x, y, dy] = a.slice(6).split(',').map(Number);
    await page.mouse.move(x, y);
    await page.mouse.wheel(0, dy);
  } else if (a.startsWith('key:')) {
    const [k, n = '1'] = a.slice(4).split('*');
    for (let i = 0; i < Number(n); i++) await page.keyboard.press(k);
  } else if (a.startsWith('clicksel:')) await page.locator(a.slice(9)).first().click();
  else if (a.startsWith('click:'))
    await page.getByText(a.slice(6), { exact: true }).first().click();
  else if (a.startsWith('sec:')) {
    const [, label, path] = a.split('|');
    await page.locator(`section[aria-label="${label}"]`).first().screenshot({ path });
  } else if (a.startsWith('shot:')) await page.screenshot({ path: a.slice(5), fullPage: true });
  else if (a.startsWith('eval:')) console.log(await page.evaluate(a.slice(5)));
  else if (a === 'fps:start')
    await page.evaluate(() => {
      const w = window;
      w.__frames = [];
      const tick = (t) => {
        w.__frames.push(t);
        if (w.__frames.length < 2000) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
  else if (a === 'fps:report')
    console.log(
      await page.evaluate(() => {
        const f = window.__frames;
        const d = f.slice(1).map((t, i) => t - f[i]);
        const worst = Math.max(...d);
        const span = f[f.length - 1] - f[0];
        return `frames ${f.length} over ${span.toFixed(0)} ms: ${((f.length - 1) / (span / 1000)).toFixed(1)} fps, worst frame ${worst.toFixed(1)} ms, >20ms: ${d.filter((x) => x > 20).length}`;
      }),
    );
}
await page.screenshot({ path: out, fullPage: true });
await browser.close();
