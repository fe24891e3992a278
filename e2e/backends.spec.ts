import { test, expect } from './fixtures';

test('auto measures the backends, names the one in use and says why each other was skipped', async ({ app }) => {
  await app.open();
  await app.configure({ backend: 'auto', epochs: 1, trainSize: 256, batchSize: 64 });
  expect(await app.trainToEnd(300_000)).toBe('done');
  const badge = app.id('backend.badge');
  await expect(badge).toHaveAttribute('data-backend', /^(webgpu|webgl|wasm|cpu)$/);
  const chosen = await badge.getAttribute('data-backend');
  const items = app.id('backend.probe').locator('li');
  await expect(items).toHaveCount(4);
  await expect(items.filter({ hasText: 'chosen' })).toHaveAttribute('data-backend', chosen!);
  for (const li of await items.all()) {
    await expect(li).toContainText(
      /chosen: fastest|slower: [\d,]+ samples\/s|not available|failed|cannot train|skipped: runs on a software renderer/,
    );
  }
});

test('with WebGPU forced, a few batches train without error, and the stopped run reads a drawing', async ({ app }) => {
  await app.open();
  await app.trainOnWebGpu(96);
  await app.id('train.stop').click();
  await expect(app.status()).toHaveAttribute('data-status', 'stopped');
  await expect(app.errors).toHaveCount(0);
  await expect(app.runs.rows).toHaveAttribute('data-status', 'stopped');
  // The worker answers on WebGPU now; a synchronous read there used to lose the GPU device (and the worker).
  await app.stroke([
    [0.5, 0.15],
    [0.5, 0.85],
  ]);
  // Its first forward pass at batch 1 compiles shaders on the software GPU.
  await expect(app.id('prediction.bar')).toHaveCount(10, { timeout: 60_000 });
  const probs = await app.probabilities();
  expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
  await expect(app.status()).toHaveAttribute('data-status', 'stopped');
  await expect(app.id('error.message')).toHaveCount(0);
  await expect(app.errors).toHaveCount(0);
});

test('with WebGL forced, batches of two shapes train without error and the loss chart draws them', async ({ app }) => {
  await app.open();
  // 100 samples at batch 64: a full batch, then a 36-sample one (shaders are compiled per shape on WebGL).
  await app.configure({ backend: 'webgl', epochs: 2, trainSize: 100, batchSize: 64 });
  await app.train();
  await expect(app.id('backend.badge')).toHaveAttribute('data-backend', 'webgl', { timeout: 60_000 });
  await expect
    .poll(async () => Number(await app.id('train.progress').getAttribute('aria-valuenow')), { timeout: 180_000 })
    .toBeGreaterThanOrEqual(100);
  await app.id('train.stop').click();
  await expect(app.status()).toHaveAttribute('data-status', 'stopped');
  await expect(app.errors).toHaveCount(0);
  await expect(app.id('chart.batch').locator('.chart-line')).toHaveCount(1);
  await expect(app.id('chart.batch').locator('.chart-empty')).toHaveCount(0);
});

test('WASM threads: the default trains on every core; a chosen count trains on that many, answers drawings and outlasts a reload', async ({
  app,
}) => {
  await app.open();
  const cores = await app.page.evaluate(() => navigator.hardwareConcurrency);
  const badge = app.id('backend.badge');
  await app.configure({ backend: 'wasm', epochs: 1, trainSize: 256, batchSize: 64 });
  expect(await app.trainToEnd()).toBe('done');
  await expect(badge).toHaveAttribute('data-threads', String(cores));
  await expect(badge).toContainText(`${cores} thread`);

  // One thread: the worker starts again on that many threads, with the dataset loaded again.
  await app.id('backend.threads').selectOption('1');
  await expect(app.id('dataset.status')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  expect(await app.trainToEnd()).toBe('done');
  await expect(badge).toHaveAttribute('data-threads', '1');
  await expect(badge).toContainText('1 thread');
  // The new worker answers drawings with the run just trained.
  await app.stroke([
    [0.5, 0.15],
    [0.5, 0.85],
  ]);
  await expect(app.id('prediction.top')).toBeVisible({ timeout: 30_000 });

  await app.reload();
  await expect(app.id('backend.threads')).toHaveValue('1');
  expect(await app.trainToEnd()).toBe('done');
  await expect(badge).toHaveAttribute('data-threads', '1');
  await expect(app.errors).toHaveCount(0);
});

test('a seeded run gives the same losses on every core as on one thread, and again on every core', async ({ app }) => {
  await app.open();
  const cores = await app.page.evaluate(() => navigator.hardwareConcurrency);
  test.skip(cores < 2, 'one core: nothing to split');
  const badge = app.id('backend.badge');
  // 1,024 samples at batch 64: LeNet-5's convolutions are large enough to be split over the threads.
  await app.configure({ backend: 'wasm', epochs: 1, trainSize: 1024, batchSize: 64, seed: 5 });
  const epoch = async () => {
    expect(await app.trainToEnd()).toBe('done');
    const row = app.epochRows.last();
    return Promise.all(['data-train-loss', 'data-test-loss', 'data-test-acc'].map((a) => row.getAttribute(a)));
  };
  const all = await epoch();
  await expect(badge).toHaveAttribute('data-threads', String(cores));
  await app.id('backend.threads').selectOption('1');
  await expect(app.id('dataset.status')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  const one = await epoch();
  await expect(badge).toHaveAttribute('data-threads', '1');
  await app.id('backend.threads').selectOption(String(cores));
  await expect(app.id('dataset.status')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  const again = await epoch();
  await expect(badge).toHaveAttribute('data-threads', String(cores));
  expect(Number(all[0])).toBeGreaterThan(0);
  expect(one).toEqual(all);
  expect(again).toEqual(all);
  await expect(app.errors).toHaveCount(0);
});
