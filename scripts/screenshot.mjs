#!/usr/bin/env node
// Takes the README screenshot: trains two LeNet-5 variants in the built app, draws a digit.
// Usage: npm run build && (npx vite preview --port 4173 &) && node scripts/screenshot.mjs [out.png]
import { chromium } from '@playwright/test';

const out = process.argv[2] ?? 'docs/screenshot.png';
const url = process.env.URL ?? 'http://localhost:4173';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, deviceScaleFactor: 1 });
const id = (t) => page.getByTestId(t);
const setNumber = async (t, v) => {
  await id(t).fill(String(v));
};
await page.goto(url);
await id('dataset.status').and(page.locator('[data-state="ready"]')).waitFor({ timeout: 60000 });
await id('backend.select').selectOption('wasm');
await setNumber('hp.trainSize', 6000);
await setNumber('hp.epochs', 3);
for (const [act, pool] of [
  ['sigmoid', 'avg'],
  ['relu', 'max'],
]) {
  await id('toggle.activation').selectOption(act);
  await id('toggle.pooling').selectOption(pool);
  await id('train.start').click();
  await page.locator('[data-testid="train.status"][data-status="done"]').waitFor({ timeout: 600000 });
}
const box = await id('canvas.draw').boundingBox();
const pts = [
  [0.3, 0.25],
  [0.7, 0.22],
  [0.45, 0.8],
];
await page.mouse.move(box.x + pts[0][0] * box.width, box.y + pts[0][1] * box.height);
await page.mouse.down();
for (const [x, y] of pts.slice(1)) await page.mouse.move(box.x + x * box.width, box.y + y * box.height, { steps: 12 });
await page.mouse.up();
await id('prediction.top').waitFor();
await id('eval.start').click();
await id('eval.matrix').waitFor();
await page.locator('[data-testid="eval.cell"][data-true="4"][data-pred="9"]').click();
await id('eval.sample').first().waitFor();
await page.screenshot({ path: out, fullPage: true });
await browser.close();
console.log(`wrote ${out}`);
