// Dev helper: screenshot the running preview. Usage: node e2e/shot.mjs URL OUT.png
import { chromium } from '@playwright/test';
const [url = 'http://localhost:4173', out = '/tmp/shot.png'] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--enable-unsafe-webgpu'],
});
const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
page.on('console', (m) => console.log('console:', m.type(), m.text()));
page.on('pageerror', (e) => console.log('pageerror:', e.message));
await page.goto(url);
await page.waitForTimeout(Number(process.env.WAIT ?? 3000));
await page.screenshot({ path: out, fullPage: true });
await browser.close();
