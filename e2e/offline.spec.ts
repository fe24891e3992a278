import { readFileSync, writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

// Runs in the `offline` project (service workers allowed; see playwright.config.ts).

/** Waits until the service worker is installed (everything precached) and controls the page. */
async function installed(page: Page) {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page
    .waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 })
    .catch(
      () => undefined, // a first visit is controlled only after a reload; the worker is installed either way
    );
}

test('after one visit the page opens with no network, stays cross-origin isolated, loads MNIST and trains', async ({
  app,
}) => {
  await app.open();
  await expect(app.id('model.source')).toHaveAttribute('data-source', 'starter', { timeout: 60_000 });
  await installed(app.page);
  await app.page.context().setOffline(true);
  await app.reload();
  expect(await app.page.evaluate(() => crossOriginIsolated)).toBe(true);
  expect(await app.page.evaluate(() => navigator.onLine)).toBe(false);
  await expect(app.id('model.source')).toHaveAttribute('data-source', 'starter', { timeout: 60_000 });
  await app.configure({ backend: 'wasm', epochs: 1, trainSize: 1024 });
  expect(await app.trainToEnd()).toBe('done');
  await expect(app.epochRows).toHaveCount(1);
  await app.page.context().setOffline(false);
});

test('a new version waits: the page offers a reload, not during a run, and reloads only when asked', async ({
  app,
}) => {
  const swFile = new URL('../dist/sw.js', import.meta.url);
  const original = readFileSync(swFile, 'utf8');
  try {
    await app.open();
    await installed(app.page);
    await app.reload();
    await installed(app.page);
    await app.configure({ backend: 'wasm', epochs: 1, trainSize: 60000 });
    await app.train();
    // A new build: the service worker's script changes, and the browser finds it on its next check.
    writeFileSync(swFile, `${original}\n// next version\n`);
    await app.page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
    await expect(app.id('app.update')).toContainText('A new version of the playground is ready.');
    await expect(app.id('app.updateReload')).toBeDisabled();
    await expect(app.id('app.update')).toContainText('after this run');
    await expect(app.status()).toHaveAttribute('data-status', 'running');
    await app.id('train.stop').click();
    await expect(app.status()).toHaveAttribute('data-status', 'stopped');
    await expect(app.id('app.updateReload')).toBeEnabled();
    await Promise.all([app.page.waitForEvent('load'), app.id('app.updateReload').click()]);
    await app.waitUntilReady();
    await expect(app.id('app.update')).toHaveCount(0);
    await expect(app.runs.rows).toHaveCount(1);
  } finally {
    writeFileSync(swFile, original);
  }
});
