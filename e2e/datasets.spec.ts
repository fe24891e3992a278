import sharp from 'sharp';
import { test, expect, type Playground } from './fixtures';

async function selectDataset(app: Playground, id: string) {
  await app.id('dataset.select').selectOption(id);
  await expect(app.datasetStatus).toHaveAttribute('data-state', 'ready', { timeout: 120_000 });
}

test('Fashion-MNIST: browse its classes, train LeNet-5 briefly above chance, and the canvas names clothes', async ({
  app,
}) => {
  await app.open();
  await selectDataset(app, 'fashion-mnist');
  await app.id('dataset.browser').locator('summary').click();
  await expect(app.id('dataset.class')).toHaveCount(10);
  await expect(app.id('dataset.class').first()).toContainText('T-shirt/top');
  await expect(app.id('dataset.class').first()).toHaveAttribute('data-train', '6000');
  await expect(app.id('dataset.class').first()).toHaveAttribute('data-test', '1000');
  await expect(app.id('dataset.stats')).toHaveText(/^Per-channel mean \(0\.2860\) · std \(0\.3530\)$/);
  await app.configure({ backend: 'wasm', epochs: 1, trainSize: 3000 });
  expect(await app.trainToEnd()).toBe('done');
  expect(Number(await app.epochRows.getAttribute('data-test-acc'))).toBeGreaterThan(0.5);
  await app.stroke([
    [0.3, 0.2],
    [0.7, 0.2],
    [0.7, 0.8],
    [0.3, 0.8],
    [0.3, 0.2],
  ]);
  const probs = await app.probabilities();
  expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
  await expect(app.id('prediction.bar').first()).toContainText('T-shirt/top');
});

test('CIFAR-10: RGB and grayscale input train above chance; classify an uploaded image and a random test image', async ({
  app,
}, testInfo) => {
  await app.open();
  await selectDataset(app, 'cifar10');
  await expect(app.datasetStatus).toContainText('50,000 train / 10,000 test, 32x32x3');
  // MNIST's 60,000 training samples do not exist here: the setting follows the dataset.
  await expect(app.id('hp.trainSize')).toHaveValue('50000');
  await expect(app.trainButton).toBeEnabled();
  await expect(app.id('canvas.draw')).toHaveCount(0);
  await app.id('dataset.browser').locator('summary').click();
  await expect(app.id('dataset.class')).toHaveCount(10);
  await expect(app.id('dataset.class').nth(3)).toContainText('cat');
  await expect(app.id('dataset.class').nth(3)).toHaveAttribute('data-train', '5000');
  await expect(app.id('dataset.stats')).toHaveText(/^Per-channel mean \(0\.49\d\d, 0\.48\d\d, 0\.44\d\d\) · std/);

  await app.choosePreset('cifar-lenet');
  await expect(app.id('model.totalParams')).toHaveAttribute('data-value', '379114');
  await app.configure({ backend: 'wasm', epochs: 1, trainSize: 4000 });
  expect(await app.trainToEnd()).toBe('done');
  expect(Number(await app.epochRows.getAttribute('data-test-acc'))).toBeGreaterThan(0.18);

  const png = testInfo.outputPath('red-car.png');
  await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 30, b: 30 } } })
    .png()
    .toFile(png);
  await app.id('image.file').setInputFiles(png);
  await expect(app.id('image.caption')).toHaveText('red-car.png · what the model gets (32x32x3)');
  await expect(app.id('image.bar')).toHaveCount(10);
  const probs = await app.id('image.bar').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-prob'))));
  expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
  await expect(app.id('image.bar').first()).toContainText('airplane');
  // The model sees the image scaled to 32x32: its pixels are the file's colour.
  const pixel = await app
    .id('image.input')
    .evaluate((c) => Array.from((c as HTMLCanvasElement).getContext('2d')!.getImageData(16, 16, 1, 1).data));
  expect(pixel).toEqual([200, 30, 30, 255]);
  await app.id('image.random').click();
  await expect(app.id('image.caption')).toHaveText(
    /^Test image #\d+, labelled (airplane|automobile|bird|cat|deer|dog|frog|horse|ship|truck) · what the model gets/,
  );

  await app.id('hp.colorMode').selectOption('gray');
  await expect(app.id('model.totalParams')).toHaveAttribute('data-value', '378826');
  expect(await app.trainToEnd()).toBe('done');
  expect(Number(await app.epochRows.getAttribute('data-test-acc'))).toBeGreaterThan(0.15);
  await app.id('image.random').click();
  await expect(app.id('image.bar')).toHaveCount(10);
});
