import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

/** axe's serious and critical findings on the page as it is now: rule, impact and where. */
async function serious(page: Page) {
  const r = await new AxeBuilder({ page }).analyze();
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('axe finds no serious or critical problem: empty, training, finished with runs, evaluation open', async ({
  app,
}) => {
  await app.open();
  await expect(app.id('model.source')).toHaveAttribute('data-source', 'starter', { timeout: 60_000 });
  expect(await serious(app.page), 'first visit').toEqual([]);

  await app.configure({ backend: 'wasm', epochs: 2, trainSize: 6000 });
  await app.train();
  await expect
    .poll(async () => Number(await app.id('train.progress').getAttribute('aria-valuenow')))
    .toBeGreaterThan(5);
  expect(await serious(app.page), 'training').toEqual([]);
  expect(await app.trainToEnd()).toBe('done');
  expect(await serious(app.page), 'finished with a run').toEqual([]);

  await app.id('eval.start').click();
  await expect(app.id('eval.cell').first()).toBeVisible({ timeout: 60_000 });
  expect(await serious(app.page), 'evaluation open').toEqual([]);
});

test('axe finds no serious or critical problem with the layer editor and every fold open, or on a phone', async ({
  app,
}) => {
  await app.open();
  for (const fold of await app.page.locator('details:not([open]) > summary').all()) {
    if (await fold.isVisible()) await fold.click();
  }
  expect(await serious(app.page), 'everything unfolded').toEqual([]);
  await app.page.setViewportSize({ width: 390, height: 844 });
  expect(await serious(app.page), 'at 390 px').toEqual([]);
});

test('the keyboard alone reaches Train and starts a run, with a visible focus ring; status and errors are announced', async ({
  app,
}) => {
  await app.open();
  await app.configure({ backend: 'wasm', epochs: 1, trainSize: 512 });
  await app.page.locator('body').click({ position: { x: 2, y: 2 } });
  let reached = false;
  for (let i = 0; i < 200 && !reached; i++) {
    await app.page.keyboard.press('Tab');
    reached = await app.trainButton.evaluate((b) => b === document.activeElement);
  }
  expect(reached, 'Tab reaches Train').toBe(true);
  const ring = await app.trainButton.evaluate((b) => getComputedStyle(b));
  expect(ring.outlineStyle).toBe('solid');
  expect(parseFloat(ring.outlineWidth)).toBeGreaterThanOrEqual(2);
  await app.page.keyboard.press('Enter');
  await expect(app.status()).toHaveAttribute('data-status', /running|done/);
  await expect(app.status()).toHaveAttribute('aria-live', 'polite');
  await expect(app.status()).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
  // An error is an alert: the hostile-file tests show one; here, an impossible setting.
  await app.setNumber('hp.batchSize', '0');
  await expect(app.page.getByRole('alert').first()).toBeVisible();
});
