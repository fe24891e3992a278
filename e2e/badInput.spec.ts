import { test, expect } from './fixtures';

test('invalid numbers are refused inline, keep what was typed, and block Train', async ({ app }) => {
  await app.open();
  for (const [field, value, message] of [
    ['hp.epochs', '0', /at least 1/],
    ['hp.epochs', '-3', /at least 1/],
    ['hp.batchSize', '1000000', /at most/],
    ['hp.learningRate', '0', /above 0/],
    ['hp.trainSize', '99999999', /at most 60,000/],
  ] as const) {
    await app.setNumber(field, value);
    await expect(app.id(field)).toHaveValue(value);
    await expect(app.errors).toContainText(message);
    await expect(app.trainButton).toBeDisabled();
    await app.setNumber(field, field === 'hp.learningRate' ? '0.001' : field === 'hp.trainSize' ? '2000' : '2');
    await expect(app.errors).toHaveCount(0);
  }
  const epochs = app.id('hp.epochs');
  await epochs.click();
  await epochs.press('ControlOrMeta+a');
  await epochs.press('Backspace');
  await expect(app.errors).toContainText('Enter a number');
  await expect(app.trainButton).toBeDisabled();
  await epochs.pressSequentially('4');
  await expect(app.trainButton).toBeEnabled();
  await app.page.reload();
  await expect(app.id('hp.epochs')).toHaveValue('4');
});

test('a corrupt shard names the dataset and the fixing command, and training cannot start', async ({ app }) => {
  await app.page.route('**/datasets/mnist/train-02.shard*', async (route) => {
    const res = await route.fetch();
    const body = Buffer.from(await res.body());
    body[1000] ^= 0xff;
    await route.fulfill({ response: res, body });
  });
  await app.page.goto('/');
  await expect(app.datasetStatus).toHaveAttribute('data-state', 'error', { timeout: 60_000 });
  await expect(app.errors).toContainText('MNIST');
  await expect(app.errors).toContainText('train-02.shard');
  await expect(app.errors).toContainText('npm run datasets');
  await expect(app.trainButton).toBeDisabled();
});

test('a missing dataset is shown as unavailable with the command that adds it', async ({ app }) => {
  await app.page.route('**/datasets/index.json', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await app.page.goto('/');
  await expect(app.datasetStatus).toHaveAttribute('data-state', 'unavailable');
  await expect(app.errors).toContainText('npm run datasets');
  await expect(app.trainButton).toBeDisabled();
});

test('a diverging run stops with a message suggesting a lower learning rate', async ({ app }) => {
  await app.open();
  await app.configure({
    backend: 'wasm',
    activation: 'tanh',
    optimizer: 'sgd',
    learningRate: 10,
    epochs: 1,
    trainSize: 2000,
    batchSize: 32,
  });
  expect(await app.trainToEnd()).toBe('error');
  await expect(app.errors).toContainText(/loss exploded to .*diverged: try a lower learning rate/);
  await expect(app.runs.rows).toHaveAttribute('data-status', 'error');
});

test('if the worker dies the page says so and the next Train starts a fresh worker', async ({ app }) => {
  await app.open();
  await app.configure({ backend: 'wasm', epochs: 1, trainSize: 60000, batchSize: 64 });
  await app.train();
  await expect
    .poll(async () => Number(await app.id('train.progress').getAttribute('aria-valuenow')))
    .toBeGreaterThan(0);
  const worker = app.page.workers().find((w) => w.url().includes('trainer.worker'));
  expect(worker).toBeTruthy();
  await worker!.evaluate(() =>
    setTimeout(() => {
      throw new Error('simulated crash');
    }),
  );
  await expect(app.status()).toHaveAttribute('data-status', 'error');
  await expect(app.errors).toContainText('worker stopped unexpectedly');
  await expect(app.datasetStatus).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  await expect(app.id('hp.trainSize')).toHaveValue('60000');
  await app.configure({ trainSize: 640 });
  expect(await app.trainToEnd()).toBe('done');
  await expect(app.runs.rows).toHaveCount(2);
  // The run list shows the newest run first.
  await expect(app.runs.rows.nth(0)).toHaveAttribute('data-status', 'done');
  await expect(app.runs.rows.nth(1)).toHaveAttribute('data-status', 'error');
});

test('the title shows while the app loads; if the app cannot load, the page says so and how to retry', async ({
  app,
}) => {
  let release: () => void = () => {};
  const held = new Promise<void>((r) => {
    release = r;
  });
  await app.page.route('**/assets/start-*.js', async (route) => {
    await held;
    await route.continue();
  });
  await app.page.goto('/');
  await expect(app.page.getByRole('heading', { name: 'Neural Network Playground' })).toBeVisible();
  await expect(app.page.locator('.boot-note')).toHaveText('Loading the playground…');
  release();
  await expect(app.datasetStatus).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  await expect(app.page.locator('.boot-note')).toHaveCount(0);

  await app.page.unroute('**/assets/start-*.js');
  await app.page.route('**/assets/start-*.js', (route) => route.abort());
  await app.page.reload();
  await expect(app.page.getByRole('alert')).toContainText('could not load');
  await expect(app.page.getByRole('alert')).toContainText('Reload the page to try again');
});
