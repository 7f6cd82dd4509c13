import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
page.on('console', m => console.log('console', m.type(), m.text()));
await page.goto('http://127.0.0.1:4390/?scenario=uffd-move&anim=300&step=10');
await page.waitForTimeout(500);
const r = await page.evaluate(async () => {
  const svgs = [...document.querySelectorAll('.panes svg')];
  const out = [];
  for (const s of svgs) {
    const t0 = performance.now();
    const n = s.querySelectorAll('*').length;
    for (const e of s.querySelectorAll('*')) getComputedStyle(e).getPropertyValue('fill');
    out.push([n, Math.round(performance.now() - t0)]);
  }
  return out;
});
console.log(JSON.stringify(r));
await browser.close();
