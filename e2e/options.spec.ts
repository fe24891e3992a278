import { test, expect, type Playground } from './fixtures';

/** The plotted per-epoch rates, compared as numbers (to 12 significant digits). */
async function expectRates(app: Playground, expected: number[]) {
  await expect
    .poll(async () =>
      (await app.id('schedule.chart').getAttribute('data-rates'))!
        .split(',')
        .map((v) => Number(Number(v).toPrecision(12))),
    )
    .toEqual(expected.map((v) => Number(v.toPrecision(12))));
}

test('each optimizer, with its own settings, and each schedule trains a few batches; the schedule is plotted and applied', async ({
  app,
}) => {
  await app.open();
  await app.choosePreset('mlp');
  await app.configure({ backend: 'wasm', epochs: 2, trainSize: 256, batchSize: 64, learningRate: 0.01 });
  const runs: [string, string, string[]][] = [
    ['sgd', 'constant', ['0.01', '0.01']],
    ['momentum', 'step', ['0.01', '0.01']],
    ['rmsprop', 'exponential', ['0.01', '0.009']],
    ['adam', 'cosine', ['0.01', '0']],
    ['adamw', 'list', ['0.0005', '0.0005']],
    ['nadam', 'step', ['0.01', '0.01']],
    ['adabelief', 'constant', ['0.01', '0.01']],
  ];
  for (const [optimizer, schedule, rates] of runs) {
    await app.configure({ optimizer });
    await app.id('hp.schedule').selectOption(schedule);
    await expectRates(app, rates.map(Number));
    if (['momentum', 'adamw', 'nadam'].includes(optimizer)) await app.unfold('fold.optimizer');
    if (optimizer === 'momentum') {
      await app.setNumber('hp.momentum', '0.8');
      await app.id('hp.nesterov').check();
    }
    if (optimizer === 'adamw') await app.setNumber('hp.weightDecay', '0.05');
    if (optimizer === 'nadam') await app.setNumber('hp.beta2', '0.99');
    expect(await app.trainToEnd(), `${optimizer} with ${schedule}`).toBe('done');
    await expect(app.epochRows).toHaveCount(2);
    const lrs = await app.epochRows.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-lr'))));
    lrs.forEach((v, i) => expect(v).toBeCloseTo(Number(rates[i]), 12));
    const loss = Number(await app.epochRows.last().getAttribute('data-train-loss'));
    expect(Number.isFinite(loss)).toBe(true);
  }
  await expect(app.runs.rows).toHaveCount(7);
  await expect(app.runs.rows.nth(5)).toContainText('SGD + momentum'); // newest first: momentum was the second run of seven
});

test('the LeNet paper schedule is editable as text, bad text is refused inline, and step decay follows its settings', async ({
  app,
}) => {
  await app.open();
  await app.configure({ epochs: 12 });
  await app.id('hp.schedule').selectOption('list');
  await expect(app.id('hp.scheduleList')).toHaveValue('0.0005x2, 0.0002x3, 0.00005x4, 0.00001');
  await expect(app.id('schedule.chart')).toHaveAttribute(
    'data-rates',
    '0.0005,0.0005,0.0002,0.0002,0.0002,0.00005,0.00005,0.00005,0.00005,0.00001,0.00001,0.00001',
  );
  // The curve itself is drawn (the plot mounts once the page is idle after the dataset load).
  await expect(app.id('schedule.chart').locator('path.recharts-line-curve')).toBeVisible();
  await app.setNumber('hp.scheduleList', 'fast then slow');
  await expect(
    app.page.getByTestId('error.message').filter({ hasText: 'Write rates with epoch counts' }),
  ).toBeVisible();
  await expect(app.trainButton).toBeDisabled();
  await expect(app.id('hp.scheduleList')).toHaveValue('fast then slow');
  await app.setNumber('hp.scheduleList', '0.01x3, 0.001');
  await expect(app.trainButton).toBeEnabled();
  await expect(app.id('schedule.chart')).toHaveAttribute('data-rates', '0.01,0.01,0.01' + ',0.001'.repeat(9));

  await app.configure({ epochs: 4, learningRate: 0.1 });
  await app.id('hp.schedule').selectOption('step');
  await app.setNumber('hp.schedule.every', '1');
  await app.setNumber('hp.schedule.gamma', '0.1');
  await expectRates(app, [0.1, 0.01, 0.001, 0.0001]);
});

test('MSE loss, L2 and full batch train end to end', async ({ app }) => {
  await app.open();
  await app.choosePreset('mlp');
  await app.configure({ backend: 'wasm', epochs: 2, trainSize: 512, learningRate: 0.5, optimizer: 'sgd' });
  await app.id('hp.loss').selectOption('mse');
  await app.setNumber('hp.l2', '0.0001');
  await app.id('hp.fullBatch').click();
  await expect(app.id('hp.batchSize')).toHaveValue('512');
  expect(await app.trainToEnd()).toBe('done');
  const loss = Number(await app.epochRows.first().getAttribute('data-test-loss'));
  // MSE on one-hot targets over 10 classes stays below 0.2; cross-entropy here would be about 2.3.
  expect(loss).toBeGreaterThan(0);
  expect(loss).toBeLessThan(0.2);
  await expect(app.runs.rows).toContainText('sigmoid');
});
