import { test, expect } from './fixtures';

test('two runs that differ in activation survive a reload; the comparison names the activation; rename, star, hide, delete', async ({
  app,
}) => {
  await app.open();
  await app.configure({ backend: 'wasm', epochs: 1, trainSize: 640, activation: 'sigmoid' });
  expect(await app.trainToEnd()).toBe('done');
  await app.configure({ activation: 'relu' });
  expect(await app.trainToEnd()).toBe('done');
  const rows = app.runs.rows;
  await expect(rows).toHaveCount(2);
  const accs = await app.runs.attribute('test-acc');

  // Comparing is opt-in: tick both runs.
  for (const i of [0, 1]) await app.runs.row(i).getByTestId('run.compare').check();
  await app.reload();
  await expect(rows).toHaveCount(2);
  expect(await app.runs.attribute('status')).toEqual(['done', 'done']);
  expect(await app.runs.attribute('test-acc')).toEqual(accs);
  await expect(app.compareRows).toHaveCount(2);
  await expect(app.diffRows).toHaveCount(1);
  await expect(app.diffRows).toHaveAttribute('data-aspect', 'activation');
  await expect(app.diffRows).toContainText('sigmoid');
  await expect(app.diffRows).toContainText('ReLU');
  await expect(app.id('chart.legend.item')).toHaveCount(2);

  // Newest first: the ReLU run is on top.
  const relu = rows.first();
  await app.runs.rename(0, 'ReLU baseline');
  await expect(app.runs.label(0)).toHaveText('ReLU baseline');
  await relu.getByTestId('run.star').click();
  await rows.last().getByTestId('run.show').uncheck();
  await expect(app.id('chart.legend.item')).toHaveCount(1);
  await expect(app.compareRows).toHaveCount(2);
  await rows.last().getByTestId('run.compare').uncheck();
  await expect(app.compareRows).toHaveCount(1);
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
  await app.train();
  await expect
    .poll(async () => Number(await app.id('train.progress').getAttribute('aria-valuenow')), { timeout: 60_000 })
    .toBeGreaterThan(3000);
  await app.page.waitForTimeout(2500); // metrics are saved every 2 s while a run trains
  await app.page.reload();
  const row = app.runs.rows;
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute('data-status', 'interrupted');
  await expect(row).toContainText('interrupted');
  expect(Number(await row.getAttribute('data-batches'))).toBeGreaterThan(20);
  await expect(app.status()).toHaveAttribute('data-status', 'idle');
});

test("fork loads a run's settings and seed; the batch chart can plot against wall time", async ({ app }) => {
  await app.open();
  await app.choosePreset('mlp');
  await app.configure({ backend: 'wasm', epochs: 1, trainSize: 1024, batchSize: 32, seed: 7 });
  expect(await app.trainToEnd()).toBe('done');
  await app.configure({ batchSize: 64, seed: 9 });
  await app.choosePreset('lenet5');
  const fork = app.runs.rows.getByTestId('run.fork');
  // The fork button is a drawn icon (no font has a fork glyph) named by its title.
  await expect(fork).toHaveAccessibleName(/^Fork/);
  await expect(fork.locator('svg path')).toBeVisible();
  await fork.click();
  await expect(app.id('hp.seed')).toHaveValue('7');
  await expect(app.id('hp.batchSize')).toHaveValue('32');
  await expect(app.id('preset.select')).toHaveValue('mlp');
  await app.id('chart.batch.x').selectOption('time');
  await expect(app.id('chart.batch').locator('.recharts-cartesian-axis-tick-value').first()).toHaveText(
    /^\d+(\.\d)?s$/,
  );
});

test('a 2-value sweep trains both runs with the same seed and opens their comparison; a recipe fills one in', async ({
  app,
}) => {
  await app.open();
  await app.configure({ backend: 'wasm', epochs: 1, trainSize: 512 });
  await app.sweep('batchSize', '64, 1024');
  await expect(app.id('sweep.message')).toHaveText(
    'The run with 1024 cannot train: Batch size cannot exceed the number of training samples.',
  );
  await expect(app.runs.rows).toHaveCount(0);

  await app.id('sweep.knob').selectOption('activation');
  await app.id('sweep.values').fill('sigmoid');
  await expect(app.page.getByTestId('error.message').filter({ hasText: 'List at least two values' })).toBeVisible();
  await expect(app.id('sweep.start')).toBeDisabled();
  await app.sweep('activation', 'sigmoid, relu');
  await expect(app.id('sweep.status')).toHaveText(/Sweeping activation: run [12] of 2/);
  await expect(app.id('sweep.message')).toHaveText(
    'Sweep of activation (sigmoid, relu) finished: its 2 runs are compared below.',
    { timeout: 120_000 },
  );
  await expect(app.runs.rows).toHaveCount(2);
  await expect(app.compareRows).toHaveCount(2);
  await expect(app.diffRows).toHaveAttribute('data-aspect', 'activation');

  await app.id('sweep.recipe.pooling').click();
  await expect(app.id('sweep.loaded')).toContainText('values max, avg');
  await app.id('sweep.start').click();
  await expect(app.id('sweep.message')).toHaveText(/^Sweep of pooling \(max, avg\) finished/, { timeout: 120_000 });
  await expect(app.runs.rows).toHaveCount(4);
  await expect(app.compareRows).toHaveCount(2);
  await expect(app.diffRows).toHaveAttribute('data-aspect', 'pooling');
  await expect(app.diffRows).toContainText('avg');
});
