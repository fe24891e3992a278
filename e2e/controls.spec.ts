import { test, expect } from './fixtures';

// Settings a run was started with cannot change under it: every settings panel locks while it trains or is paused.
const SETTINGS = [
  'dataset.select',
  'preset.select',
  'hp.learningRate',
  'hp.optimizer',
  'hp.validationSplit',
  'aug.flip',
  'backend.select',
  'editor.add',
];

test('Pause holds training still, Resume continues it, Stop ends it', async ({ app }) => {
  await app.open();
  await app.configure({ backend: 'wasm', epochs: 1, trainSize: 60000, batchSize: 64 });
  await app.train();
  await expect.poll(() => app.samplesDone()).toBeGreaterThan(0);
  for (const t of SETTINGS) await expect(app.id(t)).toBeDisabled();
  await app.id('train.pause').click();
  await expect(app.status()).toHaveAttribute('data-status', 'paused');
  const held = await app.samplesDone();
  await app.page.waitForTimeout(1500);
  expect(await app.samplesDone()).toBe(held);
  await expect(app.trainButton).toBeDisabled();
  for (const t of SETTINGS) await expect(app.id(t)).toBeDisabled();
  // The schedule plot marks the epoch being trained and says its rate.
  const marker = app.id('schedule.chart').locator('.recharts-reference-line');
  await expect(marker).toHaveCount(1);
  await expect(app.id('train.lr')).toHaveText('Epoch 1: learning rate 0.00100');
  await app.id('train.resume').click();
  await expect(app.status()).toHaveAttribute('data-status', 'running');
  await expect.poll(() => app.samplesDone()).toBeGreaterThan(held);
  await expect(app.id('train.progress')).toContainText(/samples\/s · ETA \d/);
  await app.id('train.stop').click();
  await expect(app.status()).toHaveAttribute('data-status', 'stopped');
  await expect(app.runs.rows).toHaveAttribute('data-status', 'stopped');
  await expect(app.trainButton).toBeEnabled();
  for (const t of SETTINGS) await expect(app.id(t)).toBeEnabled();
  await expect(marker).toHaveCount(0);
  await app.id('hp.learningRate').fill('0.002');
  await expect(app.id('hp.learningRate')).toHaveValue('0.002');
});

test('MNIST downloads with a progress bar, under 12 MB, and a reload serves it from the cache', async ({ app }) => {
  let bytes = 0;
  const shardRequests: string[] = [];
  const shardEncodings: string[] = [];
  app.page.on('response', async (res) => {
    if (!res.url().includes('/datasets/')) return;
    if (res.url().includes('.shard')) {
      shardRequests.push(res.url());
      // Shards are gzip already: the server must send them as they are, not gzip them again.
      shardEncodings.push((await res.allHeaders())['content-encoding'] ?? 'none');
    }
    bytes += Number((await res.allHeaders())['content-length'] ?? (await res.body()).byteLength);
  });
  // Slow the first shard a little so the loading state is visible to a person (and to this test).
  await app.page.route('**/datasets/mnist/train-00.shard*', async (route) => {
    await new Promise((r) => setTimeout(r, 500));
    await route.continue();
  });
  await app.page.goto('/');
  await expect(app.datasetStatus).toHaveAttribute('data-state', 'loading');
  await expect(app.datasetStatus.locator('progress')).toBeVisible();
  await expect(app.datasetStatus).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  expect(shardRequests).toHaveLength(7);
  expect(shardEncodings).toEqual(Array(7).fill('none'));
  expect(bytes).toBeLessThan(12_000_000);
  expect(await app.page.evaluate(() => crossOriginIsolated)).toBe(true);

  shardRequests.length = 0;
  await app.reload();
  await expect(app.datasetStatus).toContainText('from cache');
  expect(shardRequests).toHaveLength(0);
});

test('AdamW, NAdam and AdaBelief each train LeNet-5 from the optimizer picker', async ({ app }) => {
  await app.open();
  await app.configure({ backend: 'wasm', epochs: 1, trainSize: 1280, batchSize: 32 });
  for (const optimizer of ['adamw', 'nadam', 'adabelief']) {
    await app.configure({ optimizer });
    expect(await app.trainToEnd()).toBe('done');
    expect(Number(await app.epochRows.getAttribute('data-test-acc'))).toBeGreaterThan(0.5);
  }
  // Once the runs differ only in optimizer, each label names its optimizer.
  // Newest first.
  await expect(app.runs.rows.locator('.run-label')).toHaveText([
    'ReLU · max · AdaBelief',
    'ReLU · max · NAdam',
    'ReLU · max · AdamW',
  ]);
});

test("while a run trains, the other runs' use and fork wait for it, and it cannot be deleted", async ({ app }) => {
  await app.open();
  await app.configure({ backend: 'wasm', epochs: 1, trainSize: 1024, batchSize: 64 });
  expect(await app.trainToEnd()).toBe('done');
  const older = app.runs.row(0);
  // Its model answers the drawings now; the next run takes over the answers as it trains.
  await expect(older.getByTestId('run.use')).toHaveText('in use');
  await expect(older.getByTestId('run.fork')).toBeEnabled();
  await expect(older.getByTestId('run.delete')).toBeEnabled();

  await app.configure({ epochs: 1, trainSize: 60000 });
  await app.train();
  await expect(app.runs.rows).toHaveCount(2);
  const training = app.runs.row(0);
  const first = app.runs.row(1);
  await expect(training.getByTestId('run.delete')).toBeDisabled();
  await expect(training.getByTestId('run.delete')).toHaveAttribute('title', 'Stop the run before deleting it');
  await expect(first.getByTestId('run.use')).toHaveText('use');
  await expect(first.getByTestId('run.use')).toBeDisabled();
  await expect(first.getByTestId('run.fork')).toBeDisabled();
  await expect(first.getByTestId('run.delete')).toBeEnabled();

  await app.id('train.stop').click();
  await expect(app.status()).toHaveAttribute('data-status', 'stopped');
  await expect(first.getByTestId('run.use')).toBeEnabled();
  await expect(first.getByTestId('run.fork')).toBeEnabled();
  await expect(training.getByTestId('run.delete')).toBeEnabled();
});
