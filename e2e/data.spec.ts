import { test, expect, type Playground } from './fixtures';

/** A digest of what the augmentation preview canvas shows, once it shows images made with `settings`. */
async function previewPixels(app: Playground, settings: string): Promise<string> {
  await expect(app.id('augment.preview')).toHaveAttribute('data-settings', settings);
  return app.id('augment.preview').evaluate(async (c) => {
    const bytes = new TextEncoder().encode((c as HTMLCanvasElement).toDataURL());
    return Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)), (b) =>
      b.toString(16).padStart(2, '0'),
    ).join('');
  });
}

test('the augmentation preview follows the settings and the seed, and shows the batches being trained', async ({
  app,
}) => {
  await app.open();
  await app.choosePreset('mlp');
  await app.configure({ backend: 'wasm', epochs: 2, trainSize: 4096, batchSize: 32 });
  await expect(app.id('augment.caption')).toHaveText('First batch of epoch 1, as the network will see it');
  const plain = await previewPixels(app, 'no augmentation · seed 42');
  await app.setNumber('aug.rotation', '20');
  await app.setNumber('aug.shift', '2');
  const rotated = await previewPixels(app, 'aug rot ±20° shift 2px · seed 42');
  expect(rotated).not.toBe(plain);
  await app.configure({ seed: 7 });
  expect(await previewPixels(app, 'aug rot ±20° shift 2px · seed 7')).not.toBe(rotated);
  await app.configure({ seed: 42 });
  expect(await previewPixels(app, 'aug rot ±20° shift 2px · seed 42')).toBe(rotated);

  await app.setNumber('aug.rotation', '400');
  await expect(
    app.page.getByTestId('error.message').filter({ hasText: 'Rotation must be 0 to 180 degrees.' }),
  ).toBeVisible();
  await expect(app.trainButton).toBeDisabled();
  await app.setNumber('aug.rotation', '20');

  await app.train();
  await expect(app.id('augment.preview')).toHaveAttribute('data-live', 'true');
  await expect(app.id('augment.caption')).toHaveText(/^Training now: epoch [12], batch \d+$/);
  await expect(app.status()).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
  await expect(app.id('augment.preview')).toHaveAttribute('data-live', 'false');
  expect(await previewPixels(app, 'aug rot ±20° shift 2px · seed 42')).toBe(rotated);
});

test('a validation split is reported per epoch, and early stopping ends an overfitting run with the reason', async ({
  app,
}) => {
  await app.open();
  await app.choosePreset('mlp');
  await app.configure({ backend: 'wasm', epochs: 60, trainSize: 200, batchSize: 20, learningRate: 0.01 });
  await app.id('hp.earlyStopping').check();
  await expect(app.id('hp.validationSplit')).toHaveValue('10');
  await app.setNumber('hp.validationSplit', '0');
  await expect(app.id('train.blocker')).toHaveText(
    /Early stopping watches the validation loss: set a validation split above 0/,
  );
  await expect(app.trainButton).toBeDisabled();
  await app.setNumber('hp.validationSplit', '25');
  await expect(app.id('data.split')).toHaveText('150 samples train, the last 50 validate.');
  await app.setNumber('hp.patience', '2');
  expect(await app.trainToEnd()).toBe('done');
  const note = app.id('train.note');
  await expect(note).toHaveText(
    /^Stopped early after epoch (\d+): the validation loss had not improved for 2 epochs\. Kept the weights of epoch (\d+)/,
  );
  const [, last, best] = (await note.textContent())!.match(/epoch (\d+).*epoch (\d+)/)!.map(Number);
  expect(last).toBeLessThan(60);
  expect(best).toBe(last - 2);
  const rows = app.epochRows;
  await expect(rows).toHaveCount(last);
  const val = await rows.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-val-loss'))));
  // The best epoch has the lowest validation loss, and the two after it are no better.
  expect(Math.min(...val)).toBe(val[best - 1]);
  expect(val[last - 1]).toBeGreaterThanOrEqual(val[best - 1]);
  await expect(app.page.locator('table.epochs th', { hasText: 'Val loss' })).toBeVisible();
});

test('per-channel standardisation shows the MNIST training mean and std; predictions use the same normalisation', async ({
  app,
}) => {
  await app.open();
  await app.id('hp.normalization').selectOption('standardize');
  await expect(app.id('data.stats')).toHaveText(/computed from the training samples when training starts/);
  await app.configure({ backend: 'wasm', epochs: 1, trainSize: 60000 });
  await app.train();
  // The well-known MNIST statistics over all 60,000 training images.
  await expect(app.id('data.stats')).toHaveText('Training-set mean 0.1307 · std 0.3081', { timeout: 60_000 });
  await app.id('train.stop').click();
  await expect(app.status()).toHaveAttribute('data-status', 'stopped');

  await app.configure({ trainSize: 3000 });
  expect(await app.trainToEnd()).toBe('done');
  const acc = Number(await app.epochRows.getAttribute('data-test-acc'));
  expect(acc).toBeGreaterThan(0.8);
  await app.stroke([
    [0.5, 0.15],
    [0.5, 0.85],
  ]);
  const probs = await app.probabilities();
  expect(probs.indexOf(Math.max(...probs))).toBe(1);
});

test("a layer's own L2 overrides the global one; a bad value is explained and blocks Train", async ({ app }) => {
  await app.open();
  await app.choosePreset('mlp');
  await app.configure({ backend: 'wasm', epochs: 1, trainSize: 512 });
  await expect(app.id('layer.1.l2')).toHaveAttribute('placeholder', 'global');
  await app.setNumber('layer.1.l2', '-1');
  await expect(app.id('train.blocker')).toContainText(
    'L2: enter a number from 0 to 1, or leave empty for the global value',
  );
  await expect(app.id('layer.1.l2')).toHaveAttribute('aria-invalid', 'true');
  await expect(app.trainButton).toBeDisabled();
  await app.setNumber('layer.1.l2', '0.01');
  await expect(app.trainButton).toBeEnabled();
  await expect(app.id('preset.select')).toHaveValue('custom');
  expect(await app.trainToEnd()).toBe('done');
  await expect(app.runs.rows).toHaveCount(1);
});

test('every control explains itself in a one-line tooltip', async ({ app }) => {
  await app.open();
  await app.id('hp.earlyStopping').check();
  await app.id('hp.optimizer').selectOption('momentum');
  await app.id('hp.schedule').selectOption('step');
  // Every setting in the set-up column and the layer editor, including ones that appear only when chosen above.
  const problems = await app.page.locator('aside.setup, [data-testid="editor"]').evaluateAll((roots) =>
    roots.flatMap((root) =>
      Array.from(root.querySelectorAll('input, select, button'))
        .filter((el) => el.getClientRects().length > 0)
        .flatMap((el) => {
          const tip = el.getAttribute('title') || el.closest('label')?.getAttribute('title') || '';
          const name = el.getAttribute('data-testid') ?? el.outerHTML.slice(0, 80);
          return tip.trim() === ''
            ? [`${name}: no tooltip`]
            : tip.includes('\n') || tip.length > 200
              ? [`${name}: not one line`]
              : [];
        }),
    ),
  );
  expect(problems).toEqual([]);
  expect(await app.page.locator('aside.setup input, aside.setup select').count()).toBeGreaterThan(20);
});
