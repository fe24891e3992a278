import { readFileSync } from 'node:fs';
import { test, expect, Playground } from './fixtures';

test('a render error in one panel shows a message there; the rest of the page trains, and the panel comes back', async ({
  app,
}) => {
  await app.page.addInitScript(() => {
    (window as unknown as { __nnFaults: object }).__nnFaults = { renderError: 'Charts' };
  });
  await app.open();
  const broken = app.id('panel.error');
  await expect(broken).toHaveAttribute('data-panel', 'Charts');
  await expect(broken.getByTestId('error.message')).toContainText(
    'The Charts panel stopped (test fault in Charts). The rest of the page works',
  );
  await expect(app.id('chart.batch')).toHaveCount(0);
  await app.configure({ backend: 'wasm', epochs: 1, trainSize: 512 });
  expect(await app.trainToEnd()).toBe('done');
  await expect(app.runs.rows).toHaveCount(1);
  await expect(app.epochRows).toHaveCount(1);
  await app.page.evaluate(
    () => delete (window as unknown as { __nnFaults: { renderError?: string } }).__nnFaults.renderError,
  );
  await app.id('panel.retry').click();
  await expect(app.id('panel.error')).toHaveCount(0);
  await expect(app.id('chart.batch').locator('.chart-line')).toHaveCount(1);
});

test('two tabs open at once: runs trained in both are kept, neither overwrites the other', async ({ app }) => {
  await app.open();
  const other = await app.page.context().newPage();
  const second = new Playground(other);
  await second.open();
  await app.configure({ backend: 'wasm', epochs: 1, trainSize: 256, seed: 1 });
  await second.configure({ backend: 'wasm', epochs: 1, trainSize: 320, seed: 2 });
  expect(await app.trainToEnd()).toBe('done');
  expect(await second.trainToEnd()).toBe('done');
  await app.reload();
  await expect(app.runs.rows).toHaveCount(2);
  const ids = await app.runs.rows.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-run-id')));
  expect(new Set(ids).size).toBe(2);
  await second.reload();
  await expect(second.runs.rows).toHaveCount(2);
  await other.close();
});

test('storage full while a run streams: the page says so, and the run stays here and can be exported', async ({
  app,
}, testInfo) => {
  await app.open();
  const cdp = await app.page.context().newCDPSession(app.page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(app.page.url()).origin, quotaSize: 1 });
  await app.configure({ backend: 'wasm', epochs: 1, trainSize: 2048 });
  expect(await app.trainToEnd()).toBe('done');
  await expect(app.errors.filter({ hasText: 'Browser storage is full' })).toBeVisible();
  const row = app.runs.rows;
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute('data-status', 'done');
  const [download] = await Promise.all([app.page.waitForEvent('download'), row.getByTestId('run.export').click()]);
  const file = testInfo.outputPath('run.json');
  await download.saveAs(file);
  const exported = JSON.parse(readFileSync(file, 'utf8'));
  expect(exported.runs).toHaveLength(1);
  expect(exported.runs[0].status).toBe('done');
  expect(exported.runs[0].batchLoss.length).toBeGreaterThan(0);
});

test('the GPU device lost mid-run: the run stops with its metrics and says why; the next Train gets a fresh worker', async ({
  app,
}) => {
  await app.page.addInitScript(() => {
    (window as unknown as { __nnFaults: object }).__nnFaults = {};
  });
  await app.open();
  await app.trainOnWebGpu(1);
  await app.page.evaluate(() =>
    (window as unknown as { __nnTest: { loseGpuDevice(): void } }).__nnTest.loseGpuDevice(),
  );
  await expect(app.status()).toHaveAttribute('data-status', 'error');
  await expect(app.errors).toContainText('the GPU device was lost');
  await expect(app.runs.rows).toHaveAttribute('data-status', 'error');
  await expect(app.id('chart.batch').locator('.chart-line')).toHaveCount(1);
  await expect(app.datasetStatus).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  await app.configure({ backend: 'wasm', trainSize: 640 });
  expect(await app.trainToEnd()).toBe('done');
  await expect(app.runs.rows.nth(0)).toHaveAttribute('data-status', 'done');
});
