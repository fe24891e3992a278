import { writeFile } from 'node:fs/promises';
import { test, expect } from './fixtures';

test("training health shows why sigmoid trains slower: its early gradients shrink next to the output layer's", async ({
  app,
}, testInfo) => {
  await app.open();
  await app.configure({ backend: 'wasm', epochs: 1, trainSize: 2000, activation: 'sigmoid', pooling: 'avg' });
  expect(await app.trainToEnd()).toBe('done');
  await app.configure({ activation: 'relu', pooling: 'max' });
  expect(await app.trainToEnd()).toBe('done');

  await app.id('insight.open').click();
  await app.id('insight.runSelect').selectOption('1');
  await app.id('insight.versus').selectOption('2');
  const views = app.id('insight.run');
  await expect(views).toHaveCount(2);
  const rows = (run: number) =>
    app.page.locator(`[data-testid="insight.run"][data-run-id="${run}"] [data-testid="insight.layer"]`);
  await expect(rows(1)).toHaveCount(5);
  expect(await rows(1).evaluateAll((els) => els.map((e) => e.getAttribute('data-layer')))).toEqual([
    '0',
    '2',
    '5',
    '6',
    '7',
  ]);
  const ratio = async (run: number) => {
    const g = await rows(run).evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-grad-norm'))));
    return g[0] / g[g.length - 1];
  };
  const sigmoid = await ratio(1);
  const relu = await ratio(2);
  expect(sigmoid).toBeLessThan(relu / 5);
  // Sigmoid saturates, ReLU does not; ReLU can have dead units, sigmoid cannot.
  const column = (run: number, attr: string) =>
    rows(run).evaluateAll((els, a) => els.map((e) => Number(e.getAttribute(a))), attr);
  expect((await column(1, 'data-dead')).every((v) => v === 0)).toBe(true);
  expect((await column(2, 'data-saturated')).every((v) => v === 0)).toBe(true);
  expect((await column(1, 'data-weight-norm')).every((v) => v > 0)).toBe(true);
  await expect(app.id('insight.headline')).toContainText(
    /^First conv gradient 1\/\d+ of the output layer's with sigmoid · avg; first conv gradient .+ with ReLU · max\.$/,
  );
  await expect(app.id('insight.chart')).toHaveCount(2);

  // Stored with the run: after a reload, and in its file.
  await app.reload();
  await app.id('insight.open').click();
  await app.id('insight.runSelect').selectOption('1');
  await expect(rows(1)).toHaveCount(5);

  // A run from a file without health data says so.
  const [download] = await Promise.all([
    app.page.waitForEvent('download'),
    app.runs.row(1).getByTestId('run.export').click(),
  ]);
  const file = testInfo.outputPath('run.json');
  await download.saveAs(file);
  const json = JSON.parse(await (await import('node:fs/promises')).readFile(file, 'utf8'));
  expect(json.runs[0].health.length).toBeGreaterThan(2);
  delete json.runs[0].health;
  delete json.runs[0].uid;
  json.runs[0].startedAt += 1; // another run, as an older app's file would be
  const old = testInfo.outputPath('old.json');
  await writeFile(old, JSON.stringify(json));
  await app.id('run.import').setInputFiles(old);
  await expect(app.runs.rows).toHaveCount(3);
  await app.id('insight.runSelect').selectOption('3');
  await expect(app.id('insight.notRecorded')).toBeVisible();
});

test("a training run's health view waits for its first measurement with its chart in place, then fills in", async ({
  app,
}) => {
  await app.open();
  // A full epoch at batch 32: the first measurement comes after a quarter of it (469 steps).
  await app.configure({ backend: 'wasm', epochs: 1, trainSize: 60000, batchSize: 32 });
  await app.id('insight.open').click();
  await app.train();
  const view = app.id('insight.run');
  await expect(view).toHaveAttribute('data-run-id', '1');
  await expect(app.id('insight.waiting')).toHaveText(/Waiting for the first measurement/);
  await expect(app.id('insight.notRecorded')).toHaveCount(0);
  await expect(app.id('insight.layer')).toHaveCount(0);
  // The table lists the five weighted layers with dashes, and the chart is there with its axes and no lines yet.
  const table = view.locator('.health-table');
  await expect(table.locator('tbody tr')).toHaveCount(5);
  await expect(table.locator('tbody tr').first()).toContainText('1 · Conv 6@5x5 same');
  await expect(table.locator('tbody tr').first().locator('td.strong')).toHaveText('—');
  const waitingHeight = (await table.boundingBox())!.height;
  await expect(app.id('insight.chart').locator('.recharts-cartesian-axis-tick')).not.toHaveCount(0);
  await expect(app.id('insight.chart').locator('.chart-line')).toHaveCount(0);

  await expect(app.id('insight.layer')).toHaveCount(5, { timeout: 120_000 });
  await expect(app.id('insight.waiting')).toHaveCount(0);
  await expect(table.locator('tbody tr').first().locator('td.strong')).toHaveText(/^\d/);
  await expect(app.id('insight.chart').locator('.chart-line')).toHaveCount(5);
  // The log axis spans whole decades, a tick at each power of ten.
  const yTicks = await app
    .id('insight.chart')
    .locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value')
    .allTextContents();
  expect(yTicks.length).toBeGreaterThanOrEqual(2);
  for (const t of yTicks) expect(Math.log10(Number(t)) % 1).toBeCloseTo(0, 6);
  // Hovering the chart lists each layer's gradient norm at the measured step.
  await app.id('insight.chart').locator('.recharts-wrapper').hover();
  const tip = app.id('insight.chart').locator('.chart-tip p');
  await expect(tip.first()).toHaveText(/^step \d+$/);
  await expect(tip.nth(1)).toHaveText(/^1 · Conv 6@5x5 same: \d/);
  await expect(tip).toHaveCount(6);
  // Filled in place: the table keeps its height, so the page below it does not move.
  expect((await table.boundingBox())!.height).toBe(waitingHeight);
  await app.id('train.stop').click();
  await expect(app.status()).toHaveAttribute('data-status', 'stopped');
  await expect(app.id('insight.layer')).toHaveCount(5);
});

test('inside a prediction: each layer of the model shows what it makes of the drawing, with filters and saliency', async ({
  app,
}) => {
  await app.open();
  await expect(app.id('model.source')).toHaveAttribute('data-source', 'starter');
  await app.id('activations.open').click();
  await app.stroke([
    [0.3, 0.2],
    [0.7, 0.2],
    [0.45, 0.85],
  ]);
  const layers = app.id('activations.layer');
  await expect(layers).toHaveCount(8);
  expect(
    await layers.evaluateAll((els) => els.map((e) => [e.getAttribute('data-layer'), e.getAttribute('data-maps')])),
  ).toEqual([
    ['0', '6'],
    ['1', '6'],
    ['2', '16'],
    ['3', '16'],
    ['4', '400'],
    ['5', '120'],
    ['6', '84'],
    ['7', '10'],
  ]);
  await expect(app.id('model.layer')).toHaveCount(8);
  await expect(app.id('canvas.steps')).toBeVisible();
  await expect(app.id('activations.saliency')).toBeVisible();
  const lit = await app.id('activations.saliency').evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, 28, 28).data;
    let red = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] > d[i + 2] + 60) red++;
    return red;
  });
  expect(lit).toBeGreaterThan(10);
  // Why not a 1? The saliency of another class, picked by the person, lights other pixels.
  const heat = () => app.id('activations.saliency').evaluate((c: HTMLCanvasElement) => c.toDataURL());
  const sevenHeat = await heat();
  await expect(app.id('activations.saliencyClass').locator('option').first()).toHaveText('the answer (7)');
  await app.id('activations.saliencyClass').selectOption('1');
  await expect.poll(heat).not.toBe(sevenHeat);
  await app.id('activations.saliencyClass').selectOption('');
  await expect.poll(heat).toBe(sevenHeat);
  await app.id('activations.filters').first().click();
  await expect(app.id('activations.filterTiles')).toContainText('6 filters of 5x5');
  // The output layer's bars name the classes and mark the one the model reads: the 7 drawn above.
  await expect(app.id('activations.softmax').locator('.class-bar.top')).toHaveText('7');
  await expect(app.id('activations.softmax').locator('.class-bar-label')).toHaveCount(10);

  // It follows the drawing: a new one is inspected again.
  await app.id('canvas.clear').click();
  await app.stroke([
    [0.5, 0.1],
    [0.5, 0.9],
  ]);
  await expect(app.id('prediction.top')).toHaveAttribute('data-class', '1');
  await expect(app.id('canvas.step.boxed')).toBeVisible();
});

test('teach it your handwriting: label drawings, fine-tune, compare before and after, undo; the drawings are kept, exported and imported', async ({
  app,
}, testInfo) => {
  await app.open();
  await expect(app.id('model.source')).toHaveAttribute('data-source', 'starter');
  await app.id('teach.open').click();
  // A European 7 with a long flag and a crossbar, written a few times.
  const seven = (dx: number): [number, number][][] => [
    [
      [0.2 + dx, 0.35],
      [0.25 + dx, 0.2],
      [0.75 + dx, 0.2],
      [0.45 + dx, 0.85],
    ],
    [
      [0.35 + dx, 0.52],
      [0.7 + dx, 0.52],
    ],
  ];
  await app.id('teach.label').selectOption('7');
  for (const dx of [0, 0.05, -0.05]) {
    await app.id('canvas.clear').click();
    for (const s of seven(dx)) await app.stroke(s);
    await app.id('teach.add').click();
  }
  await expect(app.id('teach.count')).toHaveText('3×7');

  const [download] = await Promise.all([app.page.waitForEvent('download'), app.id('teach.export').click()]);
  const file = testInfo.outputPath('drawings.json');
  await download.saveAs(file);
  await app.id('teach.clear').click();
  await expect(app.id('teach.count')).toContainText('No drawings yet');
  await app.id('teach.import').setInputFiles(file);
  await expect(app.id('teach.message')).toHaveText('Added 3 drawings from drawings.json.');

  await app.id('teach.tune').click();
  const result = app.id('teach.result');
  await expect(result).toContainText(
    /^Test accuracy \d+\.\d\d% → \d+\.\d\d%\. This drawing: \d \(\d+%\) → 7 \(\d+%\)\.$/,
    { timeout: 120_000 },
  );
  expect(Number(await result.getAttribute('data-after'))).toBeGreaterThan(0.97);
  await expect(app.id('model.source')).toHaveAttribute('data-source', 'tuned');
  await app.id('teach.undo').click();
  await expect(app.id('model.source')).toHaveAttribute('data-source', 'starter');

  // Kept in this browser.
  await app.reload();
  await app.id('teach.open').click();
  await expect(app.id('teach.count')).toHaveText('3×7');
});
