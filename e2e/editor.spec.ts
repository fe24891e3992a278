import { readFile } from 'node:fs/promises';
import { test, expect, type Playground } from './fixtures';

const shapes = (app: Playground) =>
  app.id('model.layer').evaluateAll((els) => els.map((e) => e.getAttribute('data-output-shape')));
const kinds = (app: Playground) => app.layerRows.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));

async function add(app: Playground, kind: string) {
  await app.id('editor.addKind').selectOption(kind);
  await app.id('editor.add').click();
}

test('build a network layer by layer: shapes update live, mistakes are explained, and it trains', async ({ app }) => {
  await app.open();
  await app.id('editor.clear').click();
  await expect(app.layerRows).toHaveCount(1);
  await expect(app.id('preset.select')).toHaveValue('custom');
  await expect(app.layerRows.first()).toContainText('Layer 1: Dense needs a flat vector but gets 28x28x1');
  await expect(app.trainButton).toBeDisabled();

  await add(app, 'conv2d');
  await app.setNumber('layer.0.filters', '4');
  await app.setNumber('layer.0.kernelSize', '5');
  await add(app, 'pool');
  await add(app, 'dense');
  expect(await kinds(app)).toEqual(['conv2d', 'pool', 'dense', 'output']);
  await expect(app.layerRows.nth(2)).toContainText('Dense needs a flat vector but gets 14x14x4: add a Flatten');
  await expect(app.id('train.blocker')).toContainText('Layer 3: Dense needs a flat vector');
  await expect(app.trainButton).toBeDisabled();

  // Add a Flatten (it lands before the output) and move it up with the keyboard.
  await add(app, 'flatten');
  await app.layerRows.nth(3).focus();
  await app.page.keyboard.press('Alt+ArrowUp');
  expect(await kinds(app)).toEqual(['conv2d', 'pool', 'flatten', 'dense', 'output']);
  await expect(app.layerRows.nth(2)).toBeFocused();
  expect(await shapes(app)).toEqual(['28x28x4', '14x14x4', '784', '32', '10']);
  await expect(app.id('model.totalParams')).toHaveAttribute('data-value', String(104 + 25120 + 330));
  await expect(app.trainButton).toBeEnabled();
  await expect(app.id('model.block')).toHaveCount(5);

  // Drag the pooling layer above the convolution, then back with the buttons.
  // Layers are cards now: bring the first into view, as a person scrolls before dragging.
  await app.layerRows.nth(0).evaluate((e) => e.scrollIntoView({ block: 'center' }));
  await app.id('layer.handle').nth(1).dragTo(app.layerRows.nth(0).locator('.lkind'));
  expect(await kinds(app)).toEqual(['pool', 'conv2d', 'flatten', 'dense', 'output']);
  expect(await shapes(app)).toEqual(['14x14x1', '14x14x4', '784', '32', '10']);
  await app.page.getByRole('button', { name: 'Move layer 2 (Conv2D) up' }).click();
  expect(await kinds(app)).toEqual(['conv2d', 'pool', 'flatten', 'dense', 'output']);

  // Duplicate the dense layer, edit the copy, then remove it.
  await app.page.getByRole('button', { name: 'Duplicate layer 4 (Dense)' }).click();
  await app.setNumber('layer.4.units', '16');
  expect(await shapes(app)).toEqual(['28x28x4', '14x14x4', '784', '32', '16', '10']);
  await app.page.getByRole('button', { name: 'Remove layer 5 (Dense)' }).click();
  await expect(app.id('model.totalParams')).toHaveAttribute('data-value', '25554');

  await app.configure({ backend: 'wasm', epochs: 1, trainSize: 1280, batchSize: 32 });
  expect(await app.trainToEnd()).toBe('done');
  expect(Number(await app.epochRows.getAttribute('data-test-acc'))).toBeGreaterThan(0.5);

  // The architecture survives a reload.
  await app.open();
  expect(await kinds(app)).toEqual(['conv2d', 'pool', 'flatten', 'dense', 'output']);
  await expect(app.id('model.totalParams')).toHaveAttribute('data-value', '25554');
});

test('every preset loads in one click with its parameter count', async ({ app }) => {
  await app.open();
  const expected: Record<string, number> = {
    'lenet5-1998': 61706,
    mlp: 81840,
    'mlp-bn': 82100,
    'cifar-lenet': 285642,
    'compact-cnn': 8160,
    lenet5: 61706,
  };
  for (const [preset, params] of Object.entries(expected)) {
    await app.choosePreset(preset);
    await expect(app.id('model.totalParams')).toHaveAttribute('data-value', String(params));
    await expect(app.id('model.block')).toHaveCount(await app.layerRows.count());
    await expect(app.trainButton).toBeEnabled();
  }
  await app.choosePreset('lenet5-1998');
  await expect(app.id('toggle.activation')).toHaveValue('tanh');
  await expect(app.id('toggle.pooling')).toHaveValue('avg');
  await app.choosePreset('mlp-bn');
  await expect(app.id('toggle.pooling')).toBeDisabled();
  await app.configure({ activation: 'relu' });
  await expect(app.id('layer.1.activation')).toHaveValue('linear');
  await expect(app.id('layer.2.activation')).toHaveValue('relu');
});

test('invalid edits are explained inline and block Train; a bad file changes nothing; export and import round-trip', async ({
  app,
}) => {
  await app.open();
  await app.setNumber('layer.5.units', '0');
  await expect(app.layerRows.nth(5)).toContainText('Layer 6: units must be a whole number of at least 1');
  await expect(app.trainButton).toBeDisabled();
  await app.setNumber('layer.5.units', '');
  await expect(app.id('layer.5.units')).toHaveAttribute('aria-invalid', 'true');
  await expect(app.id('train.blocker')).toContainText('Units: enter a number');
  await app.setNumber('layer.5.units', '100');
  await expect(app.trainButton).toBeEnabled();
  await app.setNumber('layer.0.kernelSize', '40');
  await expect(app.layerRows.nth(0)).toContainText('kernel 40x40 is larger than its 28x28 input');
  await app.setNumber('layer.0.kernelSize', '5');
  await add(app, 'dropout');
  await app.setNumber('layer.7.rate', '1');
  await expect(app.layerRows.nth(7)).toContainText('dropout rate must be at least 0 and below 1');
  await app.setNumber('layer.7.rate', '0.3');
  await expect(app.trainButton).toBeEnabled();

  const download = app.page.waitForEvent('download');
  await app.id('editor.export').click();
  const exported = await readFile((await (await download).path())!, 'utf8');
  expect(JSON.parse(exported).layers).toHaveLength(9);

  await app.choosePreset('mlp');
  await expect(app.layerRows).toHaveCount(4);
  await app.id('editor.import').setInputFiles({
    name: 'evil.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      JSON.stringify({ format: 'nn-playground/architecture', version: 1, layers: [{ kind: 'dense', units: 1e12 }] }),
    ),
  });
  await expect(
    app.page.getByTestId('error.message').filter({ hasText: 'evil.json: Not a valid architecture file: layers.0' }),
  ).toBeVisible();
  await expect(app.layerRows).toHaveCount(4);
  await expect(app.id('preset.select')).toHaveValue('mlp');

  await app
    .id('editor.import')
    .setInputFiles({ name: 'mine.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
  await expect(app.layerRows).toHaveCount(9);
  await expect(app.id('model.totalParams')).toHaveAttribute('data-value', '52006'); // 156 + 2,416 + 40,100 + 8,484 + 850;
  await expect(app.page.getByText('evil.json')).toHaveCount(0);
});
