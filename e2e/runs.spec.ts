import { test, expect } from './fixtures';

test('two runs that differ in activation survive a reload; the comparison names the activation; rename, star, hide, delete', async ({ app }) => {
  await app.open();
  await app.configure({ backend: 'wasm', epochs: 1, trainSize: 640, activation: 'sigmoid' });
  expect(await app.trainToEnd()).toBe('done');
  await app.configure({ activation: 'relu' });
  expect(await app.trainToEnd()).toBe('done');
  const rows = app.id('run.row');
  await expect(rows).toHaveCount(2);
  const accs = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-test-acc')));

  await app.page.reload();
  await expect(app.id('dataset.status')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  await expect(rows).toHaveCount(2);
  expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))).toEqual(['done', 'done']);
  expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-test-acc')))).toEqual(accs);
  await expect(app.id('compare.row')).toHaveCount(2);
  await expect(app.id('compare.diffRow')).toHaveCount(1);
  await expect(app.id('compare.diffRow')).toHaveAttribute('data-aspect', 'activation');
  await expect(app.id('compare.diffRow')).toContainText('sigmoid');
  await expect(app.id('compare.diffRow')).toContainText('ReLU');
  await expect(app.id('chart.legend.item')).toHaveCount(2);

  // Newest first: the ReLU run is on top.
  const relu = rows.first();
  await relu.getByTestId('run.rename').click();
  await relu.getByTestId('run.nameInput').fill('ReLU baseline');
  await relu.getByTestId('run.nameInput').press('Enter');
  await expect(relu.getByTestId('run.label')).toHaveText('ReLU baseline');
  await relu.getByTestId('run.star').click();
  await rows.last().getByTestId('run.show').uncheck();
  await expect(app.id('chart.legend.item')).toHaveCount(1);
  await expect(app.id('compare.row')).toHaveCount(1);
  await expect(app.id('compare.diff')).toHaveCount(0);

  await app.page.reload();
  await expect(rows).toHaveCount(2);
  await expect(rows.first().getByTestId('run.label')).toHaveText('ReLU baseline');
  await expect(rows.first()).toHaveAttribute('data-starred', 'true');
  await expect(app.id('chart.legend.item')).toHaveCount(1);
  await rows.first().getByTestId('run.delete').click();
  await expect(rows).toHaveCount(1);
  await app.page.reload();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('sigmoid');
});

test('a run cut off by a reload comes back as interrupted with the metrics it had', async ({ app }) => {
  await app.open();
  await app.configure({ backend: 'wasm', epochs: 1, trainSize: 60000 });
  await app.id('train.start').click();
  await expect.poll(async () => Number(await app.id('train.progress').getAttribute('aria-valuenow')), { timeout: 60_000 })
    .toBeGreaterThan(3000);
  await app.page.waitForTimeout(2500); // metrics are saved every 2 s while a run trains
  await app.page.reload();
  const row = app.id('run.row');
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute('data-status', 'interrupted');
  await expect(row).toContainText('interrupted');
  expect(Number(await row.getAttribute('data-batches'))).toBeGreaterThan(20);
  await expect(app.status()).toHaveAttribute('data-status', 'idle');
});

test('fork loads a run\'s settings and seed; the batch chart can plot against wall time', async ({ app }) => {
  await app.open();
  await app.id('preset.select').selectOption('mlp');
  await app.configure({ backend: 'wasm', epochs: 1, trainSize: 1024, batchSize: 32, seed: 7 });
  expect(await app.trainToEnd()).toBe('done');
  await app.configure({ batchSize: 64, seed: 9 });
  await app.id('preset.select').selectOption('lenet5');
  const fork = app.id('run.row').getByTestId('run.fork');
  // The fork button is a drawn icon (no font has a fork glyph) named by its title.
  await expect(fork).toHaveAccessibleName(/^Fork/);
  await expect(fork.locator('svg path')).toBeVisible();
  await fork.click();
  await expect(app.id('hp.seed')).toHaveValue('7');
  await expect(app.id('hp.batchSize')).toHaveValue('32');
  await expect(app.id('preset.select')).toHaveValue('mlp');
  await app.id('chart.batch.x').selectOption('time');
  await expect(app.id('chart.batch').locator('.recharts-cartesian-axis-tick-value').first()).toHaveText(/^\d+(\.\d)?s$/);
});

test('a 2-value sweep trains both runs with the same seed and opens their comparison; a recipe does the same in one click', async ({ app }) => {
  await app.open();
  await app.configure({ backend: 'wasm', epochs: 1, trainSize: 512 });
  await app.id('sweep.knob').selectOption('batchSize');
  await app.id('sweep.values').fill('64, 1024');
  await app.id('sweep.start').click();
  await expect(app.id('sweep.message')).toHaveText('The run with 1024 cannot train: Batch size cannot exceed the number of training samples.');
  await expect(app.id('run.row')).toHaveCount(0);

  await app.id('sweep.knob').selectOption('activation');
  await app.id('sweep.values').fill('sigmoid');
  await expect(app.page.getByTestId('error.message').filter({ hasText: 'List at least two values' })).toBeVisible();
  await expect(app.id('sweep.start')).toBeDisabled();
  await app.id('sweep.values').fill('sigmoid, relu');
  await app.id('sweep.start').click();
  await expect(app.id('sweep.status')).toHaveText(/Sweeping activation: run [12] of 2/);
  await expect(app.id('sweep.message')).toHaveText('Sweep of activation (sigmoid, relu) finished: its 2 runs are compared below.',
    { timeout: 120_000 });
  await expect(app.id('run.row')).toHaveCount(2);
  await expect(app.id('compare.row')).toHaveCount(2);
  await expect(app.id('compare.diffRow')).toHaveAttribute('data-aspect', 'activation');

  await app.id('sweep.recipe.pooling').click();
  await expect(app.id('sweep.message')).toHaveText(/^Sweep of pooling \(max, avg\) finished/, { timeout: 120_000 });
  await expect(app.id('run.row')).toHaveCount(4);
  await expect(app.id('compare.row')).toHaveCount(2);
  await expect(app.id('compare.diffRow')).toHaveAttribute('data-aspect', 'pooling');
  await expect(app.id('compare.diffRow')).toContainText('avg');
});
