import { test, expect } from './fixtures';

test('Auto measures once per kind of network: after the first run a toggle trains at once, and a reload remembers', async ({
  app,
}) => {
  await app.open();
  await app.configure({ backend: 'auto', epochs: 1, trainSize: 320, batchSize: 64 });
  // The first visit's measurement runs in the background, in a worker of its own.
  await expect(app.id('backend.probeState')).toHaveAttribute('data-state', /measuring|done/);
  expect(await app.trainToEnd(300_000)).toBe('done');
  await expect(app.id('backend.probeState')).toHaveAttribute('data-state', 'done');
  const chosen = await app.id('backend.badge').getAttribute('data-backend');

  // Sigmoid is the same kind of network: the run goes straight to training.
  await app.configure({ activation: 'sigmoid' });
  await app.train();
  await expect(app.status()).toHaveAttribute('data-status', 'running');
  await expect(app.status()).not.toContainText('Measuring');
  await expect(app.status()).not.toHaveAttribute('data-status', /running|paused/, { timeout: 120_000 });
  await expect(app.id('backend.badge')).toHaveAttribute('data-backend', chosen!);
  // Its time counts training only: no wait for a probe is recorded.
  await expect(app.runs.row(0).locator('.run-meta')).not.toContainText('backend probe');

  await app.reload();
  await expect(app.id('backend.probeState')).toHaveAttribute('data-state', 'done');
  await expect(app.id('backend.probeState')).toContainText('measured in this browser');
  await app.id('backend.remeasure').click();
  await expect(app.id('backend.probeState')).toHaveAttribute('data-state', 'measuring');
});

test('names a person reads: labels say what differs, the full settings are a hover away, the preset follows the toggles', async ({
  app,
}) => {
  await app.open();
  await app.configure({ backend: 'wasm', epochs: 1, trainSize: 320, activation: 'sigmoid', optimizer: 'sgd' });
  expect(await app.trainToEnd()).toBe('done');
  await app.configure({ activation: 'relu' });
  expect(await app.trainToEnd()).toBe('done');
  await expect(app.runs.rows.locator('.run-label')).toHaveText(['ReLU · max', 'sigmoid · max']);
  await expect(app.id('chart.legend.item')).toHaveText([/sigmoid · max/, /ReLU · max/]);
  expect(await app.runs.row(0).getAttribute('title')).toMatch(/Optimizer: SGD[\s\S]*Learning rate: lr 0\.001/);

  await app.configure({ activation: 'tanh', pooling: 'avg' });
  await expect(app.id('preset.select')).toHaveValue('lenet5');
  await expect(app.id('preset.select').locator('option:checked')).toHaveText('LeNet-5, tanh, avg');
});

test('no surprises: compare is opt-in, a recipe only fills in the sweep, a delete can be undone, a run file imports once', async ({
  app,
}, testInfo) => {
  await app.open();
  await app.configure({ backend: 'wasm', epochs: 1, trainSize: 320 });
  expect(await app.trainToEnd()).toBe('done');
  await app.configure({ pooling: 'avg' });
  expect(await app.trainToEnd()).toBe('done');
  // On the charts at once; in the comparison only when ticked.
  await expect(app.id('chart.legend.item')).toHaveCount(2);
  await expect(app.compareRows).toHaveCount(0);
  await expect(app.id('compare.hint')).toBeVisible();
  for (const i of [0, 1]) await app.runs.row(i).getByTestId('run.compare').check();
  await expect(app.compareRows).toHaveCount(2);
  await expect(app.diffRows).toHaveAttribute('data-aspect', 'pooling');

  await app.id('sweep.recipe.activation').click();
  await expect(app.id('sweep.loaded')).toContainText('Press Run sweep');
  await expect(app.id('sweep.values')).toHaveValue('sigmoid, relu');
  await expect(app.status()).toHaveAttribute('data-status', 'done');
  await expect(app.runs.rows).toHaveCount(2);

  const [download] = await Promise.all([
    app.page.waitForEvent('download'),
    app.runs.row(0).getByTestId('run.export').click(),
  ]);
  const file = testInfo.outputPath('run.json');
  await download.saveAs(file);
  await app.id('run.import').setInputFiles(file);
  await expect(app.id('run.importMessage')).toHaveText('Nothing imported from run.json: its 1 run is already here.');
  await expect(app.runs.rows).toHaveCount(2);

  await app.runs.row(0).getByTestId('run.delete').click();
  await expect(app.runs.rows).toHaveCount(1);
  await expect(app.id('run.deletedToast')).toContainText('Deleted run 2');
  await app.id('run.undo').click();
  await expect(app.runs.rows).toHaveCount(2);
  await expect(app.runs.row(0)).toHaveAttribute('data-run-id', '2');
  await app.reload();
  await expect(app.runs.rows).toHaveCount(2);
});

test('each run keeps its model: after a reload the last run answers drawings, and two runs are evaluated side by side', async ({
  app,
}) => {
  await app.open();
  await app.configure({ backend: 'wasm', epochs: 1, trainSize: 1000 });
  expect(await app.trainToEnd()).toBe('done');
  await app.configure({ activation: 'sigmoid' });
  expect(await app.trainToEnd()).toBe('done');
  // Accuracy axes end at 100%.
  const yTicks = app.id('chart.epoch.acc').locator('text.recharts-yAxis');
  await expect(yTicks.first()).toBeVisible();
  const ticks = (await yTicks.allTextContents()).map((t) => Number(t.replace('%', '')));
  expect(Math.max(...ticks)).toBe(100);

  await app.reload();
  await expect(app.id('model.source')).toHaveAttribute('data-source', 'run');
  await expect(app.id('model.source')).toHaveAttribute('data-run-id', '2');
  await app.stroke([
    [0.5, 0.15],
    [0.5, 0.85],
  ]);
  const probs = await app.probabilities();
  expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);

  // The first run's model answers again on request.
  await app.runs.row(1).getByTestId('run.use').click();
  await expect(app.id('model.source')).toHaveAttribute('data-run-id', '1');
  await expect(app.runs.row(1).getByTestId('run.use')).toHaveText('in use');

  await app.id('eval.run').selectOption('1');
  await app.id('eval.versus').selectOption('2');
  await app.id('eval.start').click();
  await expect(app.id('eval.cell')).toHaveCount(100);
  await expect(app.id('eval.cellB')).toHaveCount(100);
  const total = async (id: string) =>
    (await app.id(id).evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))))).reduce(
      (a, b) => a + b,
      0,
    );
  expect(await total('eval.cell')).toBe(10000);
  expect(await total('eval.cellB')).toBe(10000);
  const accOf = async (id: string) =>
    Number(await app.page.locator(`[data-testid="run.row"][data-run-id="${id}"]`).getAttribute('data-test-acc'));
  await expect(app.id('eval.result')).toContainText(`${((await accOf('1')) * 100).toFixed(2)}%`);
  await expect(app.id('eval.resultB')).toContainText(`${((await accOf('2')) * 100).toFixed(2)}%`);
});

test('a run stuck at chance says why and what to try', async ({ app }) => {
  await app.open();
  await app.configure({ backend: 'wasm', epochs: 1, trainSize: 320, activation: 'sigmoid', optimizer: 'sgd' });
  expect(await app.trainToEnd()).toBe('done');
  await expect(app.id('train.stuck')).toContainText('is at chance after epoch 1');
  await expect(app.id('train.stuck')).toContainText('ReLU');
  await app.configure({ activation: 'relu', optimizer: 'adam', trainSize: 2000 });
  expect(await app.trainToEnd()).toBe('done');
  await expect(app.id('train.stuck')).toHaveCount(0);
});

test('presentation mode enlarges the results for a projector and hides the set-up', async ({ app }) => {
  await app.open();
  await app.configure({ backend: 'wasm', epochs: 1, trainSize: 640, batchSize: 64 });
  expect(await app.trainToEnd()).toBe('done');
  const size = () => app.id('chart.epoch.loss').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  const line = app.id('chart.batch').locator('path.chart-line');
  const before = await size();
  await expect(line).toHaveCSS('stroke-width', '1.5px');
  await app.id('view.present').click();
  await expect(app.id('view.present')).toHaveAttribute('aria-pressed', 'true');
  await expect(app.id('dataset.select')).toBeHidden();
  await expect(app.trainButton).toBeVisible();
  expect(await size()).toBeGreaterThan(before);
  // The lines thicken too, to be seen from the back of a room.
  await expect(line).toHaveCSS('stroke-width', '3.5px');
  await app.id('view.present').click();
  await expect(app.id('dataset.select')).toBeVisible();
});
