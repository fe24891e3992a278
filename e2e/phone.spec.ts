import { test, expect, type Playground } from './fixtures';

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

/** Visible controls whose box leaves the 390 px screen sideways (a test id or text names each). */
async function outside(app: Playground): Promise<string[]> {
  return app.page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('button, input, select, textarea, canvas, summary')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
      })
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.left < -1 || r.right > window.innerWidth + 1;
      })
      .map((el) => el.dataset.testid ?? el.getAttribute('aria-label') ?? el.textContent?.slice(0, 30) ?? el.tagName),
  );
}

test('on a phone: one column in task order, Train always in view, nothing off screen sideways', async ({ app }) => {
  await app.open();
  const columnLeft = (sel: string) => app.page.locator(sel).evaluate((e) => Math.round(e.getBoundingClientRect().left));
  const top = (id: string) => app.id(id).evaluate((e) => e.getBoundingClientRect().top + window.scrollY);
  // One column, in the order set up -> results -> use.
  expect(await columnLeft('.col.setup')).toBe(await columnLeft('.col.center'));
  expect(await columnLeft('.col.center')).toBe(await columnLeft('.col.side'));
  expect(await top('dataset.select')).toBeLessThan(await top('chart.epoch.loss'));
  expect(await top('chart.epoch.loss')).toBeLessThan(await top('canvas.draw'));
  expect(await app.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await outside(app)).toEqual([]);

  // The first experiment's "draw a digit" takes the person down to the drawing pad.
  await app.id('first.experiment').getByRole('link', { name: 'draw a digit' }).tap();
  await expect(app.id('canvas.draw')).toBeInViewport();

  // Wherever the person is on the page, Train is on screen.
  for (const y of [0, 1500, 4000]) {
    await app.page.evaluate((to) => window.scrollTo(0, to), y);
    await expect(app.trainButton).toBeInViewport();
  }
  await app.configure({ backend: 'wasm', epochs: 1, trainSize: 256 });
  expect(await app.trainToEnd()).toBe('done');
  await expect(app.runs.rows).toHaveCount(1);
  expect(await outside(app)).toEqual([]);
  expect(await app.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test('on a phone the layer editor reorders and removes layers with its own buttons', async ({ app }) => {
  await app.open();
  const kinds = () => app.layerRows.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
  expect(await kinds()).toEqual(['conv2d', 'pool', 'conv2d', 'pool', 'flatten', 'dense', 'dense', 'output']);
  const down = app.page.getByRole('button', { name: 'Move layer 2 (Pooling) down' });
  await down.scrollIntoViewIfNeeded();
  await expect(down).toBeInViewport();
  await down.tap();
  expect(await kinds()).toEqual(['conv2d', 'conv2d', 'pool', 'pool', 'flatten', 'dense', 'dense', 'output']);
  await app.page.getByRole('button', { name: 'Remove layer 7 (Dense)' }).tap();
  await expect(app.layerRows).toHaveCount(7);
  expect(await outside(app)).toEqual([]);
});

test('on a phone a finger stroke on the pad draws a digit the starter reads, and the page does not scroll meanwhile', async ({
  app,
}) => {
  await app.open();
  await expect(app.id('model.source')).toHaveAttribute('data-source', 'starter', { timeout: 60_000 });
  const pad = app.id('canvas.draw');
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  const scrolled = await app.page.evaluate(() => window.scrollY);
  const cdp = await app.page.context().newCDPSession(app.page);
  const at = (fy: number) => [{ x: box.x + box.width * 0.5, y: box.y + box.height * fy }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(0.15) });
  for (let i = 1; i <= 10; i++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(0.15 + (0.7 * i) / 10) });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await expect(app.id('prediction.top')).toHaveAttribute('data-class', '1');
  expect(await app.page.evaluate(() => window.scrollY)).toBe(scrolled);
});
