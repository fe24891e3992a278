import { test, expect, type Playground } from './fixtures';
import type { Locator } from '@playwright/test';

test.describe.configure({ mode: 'serial' });

test.describe('training LeNet-5 on MNIST', () => {
  test('the page loads, MNIST becomes ready and LeNet-5 shows 61,706 parameters', async ({ app }) => {
    await app.open();
    await expect(app.datasetStatus).toContainText('60,000 train / 10,000 test');
    await expect(app.id('preset.select')).toHaveValue('lenet5');
    await expect(app.id('model.totalParams')).toHaveAttribute('data-value', '61706');
    const shapes = await app
      .id('model.layer')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-output-shape')));
    expect(shapes).toEqual(['28x28x6', '14x14x6', '10x10x16', '5x5x16', '400', '120', '84', '10']);
    await expect(app.id('train.status')).toHaveAttribute('data-status', 'idle');
    // Before any run the charts say what they will show instead of drawing empty axes.
    await expect(app.id('chart.epoch.loss')).toContainText('Train a model to see its loss');
    await expect(app.id('chart.epoch.acc')).toContainText('Train a model to see its accuracy');
    await expect(app.id('chart.batch')).toContainText('appears here, live');
    await expect(app.id('chart.batch').locator('.chart-empty')).toBeVisible();
  });

  test('one epoch on 2,000 samples reaches >80% test accuracy, then a drawn stroke is classified', async ({ app }) => {
    await app.open();
    await app.configure({ backend: 'wasm', epochs: 1, trainSize: 2000, batchSize: 16 });
    expect(await app.trainToEnd()).toBe('done');
    const row = app.epochRows;
    await expect(row).toHaveCount(1);
    await expect(row).toHaveAttribute('data-epoch', '1');
    const acc = Number(await row.getAttribute('data-test-acc'));
    expect(acc).toBeGreaterThan(0.8);
    expect(Number(await row.getAttribute('data-samples-per-sec'))).toBeGreaterThan(0);
    await expect(app.id('train.progress')).toHaveAttribute('aria-valuenow', '2000');
    await expect(app.id('train.progress')).toHaveAttribute('aria-valuemax', '2000');
    await expect(app.id('train.progress')).toContainText('samples/s');
    await expect(app.id('backend.badge')).toHaveAttribute('data-backend', 'wasm');
    await expect(app.id('chart.epoch.loss').locator('.chart-line')).toHaveCount(2);
    await expect(app.id('chart.epoch.loss')).not.toContainText('Train a model');
    await expect(app.id('chart.batch').locator('.chart-empty')).toHaveCount(0);
    await expect(app.runs.rows).toHaveAttribute('data-status', 'done');
    await expect(app.runs.rows).toHaveAttribute('data-test-acc', /^0\.\d+/);

    await app.stroke([
      [0.5, 0.15],
      [0.5, 0.85],
    ]);
    const probs = await app.probabilities();
    expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
    await expect(app.id('prediction.top')).toHaveAttribute('data-class', /^\d$/);
    const preview = await app.id('canvas.preview').evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, 28, 28).data;
      let lit = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i] > 128) lit++;
      return lit;
    });
    expect(preview).toBeGreaterThan(10);
    await app.id('canvas.clear').click();
    await expect(app.id('prediction.bar')).toHaveCount(0);
  });
});

/** A two-layer chart's plot rectangle (x, y, width, height): the first clip path of `layer`. */
const plotArea = (layer: Locator) =>
  layer
    .locator('clipPath rect')
    .first()
    .evaluate((r) => ['x', 'y', 'width', 'height'].map((a) => Number(r.getAttribute(a))));

async function trainVariant(app: Playground, activation: string, pooling: string) {
  await app.configure({ activation, pooling });
  expect(await app.trainToEnd()).toBe('done');
}

test('flipping ReLU→sigmoid and max→avg and training again leaves two labelled runs on the charts', async ({ app }) => {
  await app.open();
  await app.configure({ backend: 'wasm', epochs: 1, trainSize: 640, batchSize: 64 });
  await trainVariant(app, 'relu', 'max');
  await trainVariant(app, 'sigmoid', 'avg');
  await expect(app.runs.rows).toHaveCount(2);
  await expect(app.runs.rows.nth(0)).toContainText('sigmoid · avg'); // newest first
  await expect(app.runs.rows.nth(1)).toContainText('ReLU · max');
  await expect(app.id('chart.legend.item')).toHaveText(['ReLU · max', 'sigmoid · avg']);
  await expect(app.id('chart.epoch.acc').locator('.chart-line')).toHaveCount(4);
  await expect(app.id('chart.batch').locator('.chart-line')).toHaveCount(2);
  // The epoch table shows the current (second) run only.
  await expect(app.epochRows).toHaveCount(1);

  // Hovering a chart lists every run's value there, by its label.
  await app.id('chart.batch').locator('.recharts-wrapper').first().hover();
  const batchTip = app.id('chart.batch').locator('.chart-tip');
  await expect(batchTip).toContainText(/[\d,]+ samples/);
  await expect(batchTip.locator('p')).toHaveText([/samples$/, /^ReLU · max: \d\.\d{4}$/, /^sigmoid · avg: \d\.\d{4}$/]);
  await app.id('chart.epoch.acc').locator('.recharts-wrapper').first().hover();
  const epochTip = app.id('chart.epoch.acc').locator('.chart-tip');
  await expect(epochTip.locator('p').first()).toHaveText('Epoch 1');
  await expect(epochTip).toContainText(/ReLU · max · test: \d+\.\d\d%/);
  await expect(epochTip).toContainText(/sigmoid · avg · train: \d+\.\d\d%/);
});

test("a training run draws on a layer of its own, aligned with the finished runs' axes, and joins them when it ends", async ({
  app,
}) => {
  await app.open();
  await app.configure({ backend: 'wasm', epochs: 1, trainSize: 640, batchSize: 64 });
  expect(await app.trainToEnd()).toBe('done');
  const chart = app.id('chart.batch');
  const finished = chart.locator('.chart-frame > .recharts-responsive-container');
  const live = chart.locator('.chart-layer');
  await expect(finished.locator('.chart-line')).toHaveCount(1);
  await expect(live.locator('.chart-line')).toHaveCount(0);
  // Ten batches: a path through ten points.
  await expect(finished.locator('path.chart-line')).toHaveAttribute('d', /^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+){9}$/);

  await app.configure({ trainSize: 60000, activation: 'sigmoid' });
  await app.train();
  await expect(live.locator('.chart-line')).toHaveCount(1, { timeout: 60_000 });
  await expect(finished.locator('.chart-line')).toHaveCount(1);
  // Both layers plot into the same rectangle, so the lines share the axes drawn below.
  const [a, b] = [await plotArea(finished), await plotArea(live)];
  expect(a[2]).toBeGreaterThan(100);
  expect(b).toEqual(a);
  // The finished run's line spans its 64 to 640 samples of the axis's 60,000.
  const [left, right] = await finished.locator('path.chart-line').evaluate((p) => {
    const box = (p as SVGPathElement).getBBox();
    return [box.x, box.x + box.width];
  });
  expect(left).toBeCloseTo(a[0] + (a[2] * 64) / 60000, 0);
  expect(right).toBeCloseTo(a[0] + (a[2] * 640) / 60000, 0);
  // The x axis already reaches the planned 60,000 samples, so it stays put while the run streams in.
  await expect(finished.locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value').last()).toHaveText(
    '60k',
  );
  // Hovering while it trains lists both runs (the live one where it has data).
  await expect(async () => {
    await finished.hover({ position: { x: a[0] + 2, y: a[1] + a[3] / 2 } });
    await expect(chart.locator('.chart-tip p')).toHaveCount(3, { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(chart.locator('.chart-tip')).toContainText('sigmoid · max');
  // The finished run's line marks the point the tooltip lists.
  await expect(finished.locator('.chart-hover-dots circle')).toHaveCount(1);

  await app.id('train.stop').click();
  await expect(app.id('train.status')).toHaveAttribute('data-status', 'stopped', { timeout: 60_000 });
  await expect(finished.locator('.chart-line')).toHaveCount(2);
  await expect(live.locator('.chart-line')).toHaveCount(0);
});

test('a pointer resting on the chart while a run ends lists that run, with no move', async ({ app }) => {
  await app.open();
  await app.configure({ backend: 'wasm', epochs: 1, trainSize: 640, batchSize: 64 });
  expect(await app.trainToEnd()).toBe('done');
  await app.configure({ trainSize: 60000, activation: 'sigmoid' });
  await app.train();
  const chart = app.id('chart.batch');
  const finished = chart.locator('.chart-frame > .recharts-responsive-container');
  await expect(chart.locator('.chart-layer .chart-line')).toHaveCount(1, { timeout: 60_000 });
  // At the axis's far end: no run has a point there yet, so there is nothing to list.
  const a = await plotArea(finished);
  await finished.hover({ position: { x: a[0] + a[2] - 2, y: a[1] + a[3] / 2 } });
  await expect(app.id('train.status')).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
  // The run ends there and joins the finished layer: the tooltip lists its last loss, the pointer unmoved.
  await expect(chart.locator('.chart-tip p')).toHaveText([/^\d[\d,]* samples$/, /^sigmoid · max[^:]*: \d\.\d{4}$/]);
});

test('the first run on an empty page draws live and lists its loss when hovered', async ({ app }) => {
  await app.open();
  await app.configure({ backend: 'wasm', epochs: 1, trainSize: 60000, batchSize: 64 });
  await app.train();
  const chart = app.id('chart.batch');
  const live = chart.locator('.chart-layer');
  await expect(live.locator('path.chart-line')).toHaveAttribute('d', /^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+)+$/, {
    timeout: 60_000,
  });
  // No finished runs: the tooltip sits on the live layer, with the run's smoothed loss and a dot on its line.
  const a = await plotArea(live);
  await expect(async () => {
    await live.hover({ position: { x: a[0] + 2, y: a[1] + a[3] / 2 } });
    await expect(chart.locator('.chart-tip p')).toHaveCount(2, { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(chart.locator('.chart-tip p').first()).toHaveText(/^\d[\d,]* samples$/);
  await expect(chart.locator('.chart-tip')).toContainText(/ReLU · max[^:]*: \d\.\d{4}/);
  await expect(live.locator('.chart-hover-dots circle')).toHaveCount(1);
  await app.id('train.stop').click();
  await expect(app.id('train.status')).toHaveAttribute('data-status', 'stopped', { timeout: 60_000 });
});

test("the epoch charts draw a training run on a layer of its own, over the finished runs' axes, and list both when hovered", async ({
  app,
}) => {
  await app.open();
  await app.configure({ backend: 'wasm', epochs: 1, trainSize: 640, batchSize: 64 });
  expect(await app.trainToEnd()).toBe('done');
  const chart = app.id('chart.epoch.loss');
  const finished = chart.locator('.chart-frame > .recharts-responsive-container');
  const live = chart.locator('.chart-layer');
  await expect(finished.locator('.chart-line')).toHaveCount(2);
  await expect(live.locator('.chart-line')).toHaveCount(0);
  // Its one epoch: a dot on each of its train and test lines.
  await expect(finished.locator('.chart-dots circle')).toHaveCount(2);

  await app.configure({ trainSize: 60000, epochs: 5, activation: 'sigmoid' });
  await app.train();
  // Its first epoch's train and test lines come in on the live layer; the finished run's stay below.
  await expect(live.locator('.chart-line')).toHaveCount(2, { timeout: 120_000 });
  await expect(finished.locator('.chart-line')).toHaveCount(2);
  const [a, b] = [await plotArea(finished), await plotArea(live)];
  expect(a[2]).toBeGreaterThan(100);
  expect(b).toEqual(a);
  // Hovering epoch 1 lists both runs' train and test losses.
  await expect(async () => {
    await finished.hover({ position: { x: a[0] + 2, y: a[1] + a[3] / 2 } });
    await expect(chart.locator('.chart-tip p')).toHaveCount(5, { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(chart.locator('.chart-tip p').first()).toHaveText('Epoch 1');
  await expect(chart.locator('.chart-tip')).toContainText(/sigmoid[^:]* · test: \d\.\d{3}/);
  await expect(chart.locator('.chart-tip')).toContainText(/ReLU[^:]* · train: \d\.\d{3}/);

  // Stopped, the run joins the finished layer.
  await app.id('train.stop').click();
  await expect(app.id('train.status')).toHaveAttribute('data-status', 'stopped', { timeout: 60_000 });
  await expect(finished.locator('.chart-line')).toHaveCount(4);
  await expect(live.locator('.chart-line')).toHaveCount(0);
});
