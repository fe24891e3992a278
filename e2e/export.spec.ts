// Beyond the browser: the page's experiment as a PyTorch script, run with python3 and torchrun,
// and its results and weights back in the page. Needs Debian's python3-torch (.ci/run installs it).
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import sharp from 'sharp';
import type { Download } from '@playwright/test';
import { test, expect } from './fixtures';
import { engineReady, KERAS_PYTHON, MNIST_DIR, run, torchrun, TORCH_PYTHON } from '../test/helpers/python';
// @ts-expect-error: a plain .mjs helper of the dataset script
import { readIdx } from '../scripts/lib/idx.mjs';

test.skip(!engineReady(TORCH_PYTHON, 'torch'), 'python3-torch is not installed (.ci/run installs it)');

const work = mkdtempSync(join(tmpdir(), 'nn-e2e-export-'));
const save = async (d: Download) => {
  const file = join(work, d.suggestedFilename());
  await d.saveAs(file);
  return file;
};

test('LeNet-5 exported from the page trains with python3 and with torchrun on 2 processes, and both runs come back beside the browser run', async ({
  app,
}) => {
  test.setTimeout(600_000);
  await app.open();
  await app.configure({ epochs: 1, trainSize: 3000 });
  expect(await app.trainToEnd()).toBe('done');
  const [download] = await Promise.all([app.page.waitForEvent('download'), app.id('export.pytorch').click()]);
  expect(download.suggestedFilename()).toMatch(/^lenet-5.*-mnist-pytorch\.py$/);
  const script = await save(download);
  expect(readFileSync(script, 'utf8')).toContain('"trainSize": 3000');

  const args = (out: string) => ['--data', MNIST_DIR, '--epochs', '1', '--out', join(work, out)];
  const one = run(TORCH_PYTHON, [script, ...args('python.json')]);
  const two = run(TORCH_PYTHON, [
    ...torchrun(),
    '--standalone',
    '--nproc_per_node',
    '2',
    script,
    ...args('torchrun.json'),
  ]);
  expect(one.status, one.stderr).toBe(0);
  expect(two.status, two.stderr).toBe(0);
  const acc = (r: typeof one) => (r.lines.find((l) => l.epoch === 1)!.test_acc as number).toFixed(4);

  await app.id('run.import').setInputFiles([join(work, 'python.json'), join(work, 'torchrun.json')]);
  await expect(app.id('run.importMessage')).toContainText('Imported 1 run from python.json');
  await expect(app.runs.rows).toHaveCount(3);
  const engines = await app.runs.rows.getByTestId('run.engine').allTextContents();
  expect(engines.filter((e) => e.startsWith('browser'))).toHaveLength(1);
  expect(engines.filter((e) => /^PyTorch .*, 1 process \(cpu\)$/.test(e))).toHaveLength(1);
  expect(engines.filter((e) => /^PyTorch .*, 2 processes \(cpu\)$/.test(e))).toHaveLength(1);
  const accs = await app.runs.attribute('test-acc');
  expect(accs).toContain(acc(one));
  expect(accs).toContain(acc(two));

  // Side by side: the comparison names where each trained, and nothing else differs.
  const rowOf = (text: RegExp) =>
    app.runs.rows.filter({ has: app.page.getByTestId('run.engine').filter({ hasText: text }) });
  await rowOf(/^browser/)
    .getByTestId('run.compare')
    .check();
  await rowOf(/2 processes/)
    .getByTestId('run.compare')
    .check();
  await expect(app.compareRows).toHaveCount(2);
  await expect(app.diffRows).toHaveCount(1);
  await expect(app.diffRows.first()).toHaveAttribute('data-aspect', 'trainedBy');
  await expect(app.diffRows.first()).toContainText('2 processes');
});

test("weights both ways: the script evaluates the page's model as the page did, and the script's model answers in the page as it did in the script", async ({
  app,
}) => {
  test.setTimeout(600_000);
  await app.open();
  await app.configure({ epochs: 1, trainSize: 2000 });
  expect(await app.trainToEnd()).toBe('done');
  const pageAcc = await app.runs.row(0).getAttribute('data-test-acc');

  // The page's model → the script.
  const downloads: Download[] = [];
  app.page.on('download', (d) => downloads.push(d));
  await app.id('model.save').click();
  await expect.poll(() => downloads.length).toBe(2);
  const pageModel = join(work, 'page-model');
  mkdirSync(pageModel, { recursive: true });
  for (const d of downloads) await d.saveAs(join(pageModel, d.suggestedFilename()));
  const [download] = await Promise.all([app.page.waitForEvent('download'), app.id('export.pytorch').click()]);
  const script = await save(download);
  const evalRun = run(TORCH_PYTHON, [
    script,
    '--data',
    MNIST_DIR,
    '--init-from',
    pageModel,
    '--eval-only',
    '--predict',
    '100',
  ]);
  expect(evalRun.status, evalRun.stderr).toBe(0);
  const evaluated = evalRun.lines.find((l) => 'test_acc' in l)!;
  expect((evaluated.test_acc as number).toFixed(4)).toBe(pageAcc);
  // Stock TensorFlow.js outside the app reads the same file and gives the same probabilities.
  const images = readIdx(join(MNIST_DIR, 't10k-images-idx3-ubyte')).data.slice(0, 100 * 784);
  const input = join(work, 'first100.json');
  writeFileSync(input, JSON.stringify({ shape: [100, 28, 28, 1], data: Array.from(images, (v: number) => v / 255) }));
  const stock = spawnSync(process.execPath, ['test/helpers/stockTfjs.mjs', pageModel, input], { encoding: 'utf8' });
  expect(stock.status, stock.stderr).toBe(0);
  const outside = (JSON.parse(stock.stdout.trim().split('\n').at(-1)!) as { outputs: number[][] }).outputs;
  const scriptProbs = evalRun.lines.find((l) => 'probs' in l)!.probs as number[][];
  const diff = Math.max(...outside.flatMap((row, i) => row.map((p, j) => Math.abs(p - scriptProbs[i][j]))));
  expect(diff).toBeLessThan(1e-4);
  console.log(
    `page → script: test accuracy ${pageAcc} both; max probability difference on 100 images ${diff.toExponential(2)}`,
  );

  // The script's model → the page: it answers the first test image as the script did.
  const scriptModel = join(work, 'script-model');
  const trained = run(TORCH_PYTHON, [
    script,
    '--data',
    MNIST_DIR,
    '--epochs',
    '1',
    '--train-size',
    '2000',
    '--save-tfjs',
    scriptModel,
    '--predict',
    '1',
  ]);
  expect(trained.status, trained.stderr).toBe(0);
  await app.id('model.load').setInputFiles([join(scriptModel, 'model.json'), join(scriptModel, 'model.weights.bin')]);
  await expect(app.id('model.source')).toHaveAttribute('data-source', 'file');
  const png = join(work, 'test-0.png');
  await sharp(Buffer.from(images.subarray(0, 784)), { raw: { width: 28, height: 28, channels: 1 } })
    .png()
    .toFile(png);
  await app.id('image.file').setInputFiles(png);
  const bars = app.id('image.bar');
  await expect(bars).toHaveCount(10);
  await expect(bars.first()).toHaveAttribute('data-prob', /\d/);
  const inPage = await bars.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-prob'))));
  const want = (trained.lines.find((l) => 'probs' in l)!.probs as number[][])[0];
  const back = Math.max(...inPage.map((p, i) => Math.abs(p - want[i])));
  expect(back).toBeLessThan(1e-4);
  console.log(`script → page: max probability difference on test image 0 ${back.toExponential(2)}`);
});

test('Keras export runs and comes back; a run exports its own settings, and a sweep exports as one shell script', async ({
  app,
}) => {
  test.skip(!engineReady(KERAS_PYTHON, 'keras'), 'Keras is not installed (.ci/run installs it in .cache/keras-venv)');
  test.setTimeout(300_000);
  await app.open();
  await app.id('toggle.activation').selectOption('sigmoid');
  const [download] = await Promise.all([app.page.waitForEvent('download'), app.id('export.keras').click()]);
  expect(download.suggestedFilename()).toMatch(/-mnist-keras\.py$/);
  const script = await save(download);
  const out = join(work, 'keras.json');
  const keras = run(KERAS_PYTHON, [script, '--data', MNIST_DIR, '--epochs', '1', '--train-size', '1000', '--out', out]);
  expect(keras.status, keras.stderr).toBe(0);
  expect(keras.lines[0]).toMatchObject({ params: await app.totalParams(), engine: 'keras' });
  await app.id('run.import').setInputFiles(out);
  await expect(app.runs.rows).toHaveCount(1);
  await expect(app.runs.row(0).getByTestId('run.engine')).toContainText(/^Keras .*\(jax\), 1 process/);

  // The imported run's settings as a PyTorch script: sigmoid, 1,000 samples, as the Keras run had them.
  const [again] = await Promise.all([
    app.page.waitForEvent('download'),
    app.runs.row(0).getByTestId('run.exportScript').click(),
  ]);
  const text = readFileSync(await save(again), 'utf8');
  expect(text).toContain('"trainSize": 1000');
  expect(text).toContain("('activation_1', nn.Sigmoid())");

  // A sweep of two optimizers, as one shell script holding both members.
  await app.id('sweep.knob').selectOption('optimizer');
  await app.id('sweep.values').fill('adam, sgd');
  const [sweep] = await Promise.all([app.page.waitForEvent('download'), app.id('sweep.exportScript').click()]);
  expect(sweep.suggestedFilename()).toBe('sweep.sh');
  const shell = readFileSync(await save(sweep), 'utf8');
  expect(shell.match(/^\$LAUNCH /gm)).toHaveLength(2);
  expect(shell).toContain('"optimizer": "adam"');
  expect(shell).toContain('"optimizer": "sgd"');
  expect(spawnSync('bash', ['-n', join(work, 'sweep.sh')]).status).toBe(0);
});

test('a network that cannot be built says what to fix instead of exporting', async ({ app }) => {
  await app.open();
  await app.id('editor.clear').click(); // leaves a Dense on 28x28x1: it needs a Flatten first
  await app.id('export.pytorch').click();
  await expect(app.errors.filter({ hasText: 'The network cannot be exported' })).toContainText(
    'Dense needs a flat vector but gets 28x28x1',
  );
  await expect(app.errors.filter({ hasText: 'The network cannot be exported' })).toContainText(
    'Fix the network in the layer editor, then export again.',
  );
});
