#!/usr/bin/env node
// Takes the README screenshots: at 1440 px, two LeNet-5 variants trained, a drawn digit and the
// evaluation; at 390 px (a phone), the first screen and the results with the run bar pinned below.
// Usage: npm run build && (npx vite preview --port 4173 &) && node scripts/screenshot.mjs [docs]
import { chromium } from '@playwright/test';

const dir = process.argv[2] ?? 'docs';
const url = process.env.URL ?? 'http://localhost:4173';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });

async function train(page, settings) {
  const id = (t) => page.getByTestId(t);
  for (const [k, v] of Object.entries(settings)) {
    const tag = await id(k).evaluate((e) => e.tagName);
    if (tag === 'SELECT') await id(k).selectOption(String(v));
    else await id(k).fill(String(v));
  }
  await id('train.start').click();
  await page.locator('[data-testid="train.status"][data-status="done"]').waitFor({ timeout: 600000 });
}

async function draw(page) {
  const box = await page.getByTestId('canvas.draw').boundingBox();
  const pts = [
    [0.3, 0.25],
    [0.7, 0.22],
    [0.45, 0.8],
  ];
  await page.mouse.move(box.x + pts[0][0] * box.width, box.y + pts[0][1] * box.height);
  await page.mouse.down();
  for (const [x, y] of pts.slice(1))
    await page.mouse.move(box.x + x * box.width, box.y + y * box.height, { steps: 12 });
  await page.mouse.up();
  await page.getByTestId('prediction.top').waitFor();
}

const desktop = await browser.newPage({ viewport: { width: 1440, height: 1000 }, deviceScaleFactor: 1 });
await desktop.goto(url);
await desktop.locator('[data-testid="dataset.status"][data-state="ready"]').waitFor({ timeout: 60000 });
const base = { 'backend.select': 'wasm', 'hp.trainSize': 6000, 'hp.epochs': 3 };
await train(desktop, { ...base, 'toggle.activation': 'sigmoid', 'toggle.pooling': 'avg' });
await train(desktop, { 'toggle.activation': 'relu', 'toggle.pooling': 'max' });
for (const i of [0, 1]) await desktop.getByTestId('run.compare').nth(i).check();
await draw(desktop);
await desktop.getByTestId('eval.start').click();
await desktop.getByTestId('eval.matrix').waitFor();
await desktop.locator('[data-testid="eval.cell"][data-true="4"][data-pred="9"]').click();
await desktop.getByTestId('eval.sample').first().waitFor();
await desktop.screenshot({ path: `${dir}/screenshot.png`, fullPage: true });

// The same browser profile at phone width: the runs are kept, the first screen is set-up.
const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true });
await phone.goto(url);
await phone.locator('[data-testid="dataset.status"][data-state="ready"]').waitFor({ timeout: 60000 });
await phone.screenshot({ path: `${dir}/screenshot-390.png` });
await phone.getByTestId('chart.epoch.loss').scrollIntoViewIfNeeded();
await phone.waitForTimeout(500);
await phone.screenshot({ path: `${dir}/screenshot-390-results.png` });
await browser.close();
console.log(`wrote ${dir}/screenshot.png, screenshot-390.png, screenshot-390-results.png`);
