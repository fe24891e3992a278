#!/usr/bin/env node
// Takes the README screenshots: a first visit at 1440 and 390 px (a drawn digit answered by the
// starter), then two LeNet-5 variants trained, compared and evaluated at 1440 px, and the same
// results at 390 px with the run bar pinned below; the training-health and inside-a-prediction panels; a
// gallery recipe trained to its end.
// Usage: npm run build && (npx vite preview --port 4173 &) && node scripts/screenshot.mjs [docs]
import { chromium } from '@playwright/test';

const dir = process.argv[2] ?? 'docs';
const url = process.env.URL ?? 'http://localhost:4173';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });

async function open(width, height, scale = 1) {
  // bypassCSP: the page allows no inline style, and the shots add one (cards drawn off-screen too).
  const page = await browser.newPage({
    viewport: { width, height },
    deviceScaleFactor: scale,
    hasTouch: width < 500,
    bypassCSP: true,
  });
  await page.goto(url);
  await page.locator('[data-testid="dataset.status"][data-state="ready"]').waitFor({ timeout: 60000 });
  await page.locator('[data-testid="model.source"]').waitFor({ timeout: 60000 });
  return page;
}

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

async function draw(page, pts) {
  const canvas = page.getByTestId('canvas.draw');
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  await page.mouse.move(box.x + pts[0][0] * box.width, box.y + pts[0][1] * box.height);
  await page.mouse.down();
  for (const [x, y] of pts.slice(1))
    await page.mouse.move(box.x + x * box.width, box.y + y * box.height, { steps: 12 });
  await page.mouse.up();
  await page.getByTestId('prediction.top').waitFor();
}

/** Renders every card (cards off screen are skipped by content-visibility until scrolled to). */
/** A full-page shot paints cards a person would scroll to (they skip rendering off screen), with no hover tooltip. */
async function renderAll(page) {
  await page.addStyleTag({ content: '.card { content-visibility: visible !important; }' });
  await page.mouse.move(0, 0);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(300);
}

/** One panel on its own: the run bar (pinned while scrolling) would otherwise cover its top. */
async function shootPanel(page, testId, path) {
  const bar = page.locator('.card.controls');
  await bar.evaluate((el) => (el.style.visibility = 'hidden'));
  await page.mouse.move(0, 0);
  await page.waitForTimeout(300);
  await page.getByTestId(testId).screenshot({ path });
  await bar.evaluate((el) => (el.style.visibility = ''));
}

const seven = [
  [0.3, 0.25],
  [0.7, 0.22],
  [0.45, 0.8],
];
const two = [
  [0.3, 0.3],
  [0.5, 0.18],
  [0.7, 0.3],
  [0.3, 0.78],
  [0.72, 0.78],
];

// First visit, desktop: the starter answers a drawing.
const first = await open(1440, 900);
await draw(first, two);
await first.evaluate(() => window.scrollTo(0, 0));
await first.screenshot({ path: `${dir}/screenshot-first-visit.png` });

// First visit, phone.
const phone = await open(390, 844, 2);
await phone.screenshot({ path: `${dir}/screenshot-390.png` });

// Two runs compared, a drawing, an evaluation.
const page = await open(1440, 1000);
const base = { 'backend.select': 'wasm', 'hp.trainSize': 6000, 'hp.epochs': 3 };
await train(page, { ...base, 'toggle.activation': 'sigmoid', 'toggle.pooling': 'avg' });
await train(page, { 'toggle.activation': 'relu', 'toggle.pooling': 'max' });
for (const i of [0, 1]) await page.getByTestId('run.compare').nth(i).check();
await draw(page, seven);
await page.getByTestId('eval.start').click();
await page.getByTestId('eval.matrix').waitFor();
await page.locator('[data-testid="eval.cell"][data-true="4"][data-pred="9"]').click();
await page.getByTestId('eval.sample').first().waitFor();
await renderAll(page);
await page.screenshot({ path: `${dir}/screenshot.png`, fullPage: true });

// The panels that show why the runs differ: training health side by side, and inside a prediction.
await page.getByTestId('insight.open').click();
await page.getByTestId('insight.versus').selectOption({ index: 1 });
await page.getByTestId('insight.layer').first().waitFor();
await shootPanel(page, 'insight', `${dir}/screenshot-health.png`);
await page.getByTestId('insight.open').click();
await page.getByTestId('activations.open').click();
await draw(page, seven);
await page.getByTestId('activations.layer').first().waitFor();
await page.getByTestId('activations.filters').first().click();
await page.getByTestId('activations.filterTiles').waitFor();
await shootPanel(page, 'activations', `${dir}/screenshot-inside.png`);
await page.getByTestId('activations.open').click();

// A recipe from the gallery trained to its end: the verdict, the source's number and the PyTorch curve beside the run.
const recipe = await open(1440, 1000);
await recipe.getByTestId('recipe.select').selectOption('lenet5-99');
await recipe.getByTestId('recipe.train').click();
await recipe.locator('[data-testid="train.status"][data-status="done"]').waitFor({ timeout: 1800000 });
await recipe.evaluate(() => window.scrollTo(0, 0));
await recipe.mouse.move(0, 0);
await recipe.waitForTimeout(500);
await recipe.screenshot({ path: `${dir}/screenshot-recipe.png` });

// The same page on a phone's width: the results, with the run bar pinned below.
await page.setViewportSize({ width: 390, height: 844 });
await page.getByTestId('chart.epoch.loss').scrollIntoViewIfNeeded();
await page.waitForTimeout(500);
await page.screenshot({ path: `${dir}/screenshot-390-results.png` });
await browser.close();
console.log(
  `wrote ${dir}/screenshot.png, screenshot-first-visit.png, screenshot-390.png, screenshot-390-results.png, ` +
    'screenshot-health.png, screenshot-inside.png, screenshot-recipe.png',
);
