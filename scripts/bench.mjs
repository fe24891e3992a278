#!/usr/bin/env node
// Benchmark of the real app: drives the built page in headless Chromium through the same controls a
// person uses and prints one JSON line per measurement. Not a test: it asserts nothing.
//   npm run bench                      full: every backend's speed, 3 wasm epochs per LeNet-5 variant
//   npm run bench -- --quick           ~2 min: speeds on wasm + 1 short epoch
//   npm run bench -- --backend webgl   one backend only
//   npm run bench -- --epochs 1        full-size epochs to train per variant on the fastest backend
//   npm run bench -- --variant sigmoid/avg   only this LeNet-5 variant
//   npm run bench -- --presets all     instead: every architecture preset, --epochs full epochs each, on wasm
//                                      (or a comma list: --presets mlp,compact-cnn)
import { emit, median, startApp } from './appDriver.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const quick = args.includes('--quick');
const only = opt('--backend', null);
const epochs = Number(opt('--epochs', quick ? 1 : 3));
const trainSize = quick ? 6400 : 60000;
const PORT = 4199;
const VARIANTS = [['relu', 'max'], ['sigmoid', 'avg']].filter(([a, p]) => !opt('--variant') || opt('--variant') === `${a}/${p}`);
const PRESETS = ['lenet5', 'lenet5-1998', 'mlp', 'mlp-bn', 'cifar-lenet', 'compact-cnn'];
const presets = opt('--presets') === 'all' ? PRESETS : opt('--presets')?.split(',') ?? null;
const WINDOW_S = { wasm: 4, webgl: 12, cpu: 12, webgpu: 20 };

const app = await startApp({ port: PORT, build: !args.includes('--no-build') });
const { page, id, configure } = app;

async function openPage(label) {
  emit({ metric: 'dataset_ready_ms', dataset: 'mnist', cache: label, value: await app.open() });
}

const progress = async () => Number(await id('train.progress').getAttribute('aria-valuenow'));
const resetLongTasks = () => page.evaluate(() => { window.__longTasks = []; });
async function longTasks(extra) {
  const d = await page.evaluate(() => window.__longTasks);
  emit({ metric: 'main_thread', ...extra, longest_task_ms: Math.round(Math.max(0, ...d)),
    total_blocking_ms: Math.round(d.reduce((a, x) => a + Math.max(0, x - 50), 0)), long_tasks: d.length });
}

/** Samples/s of one backend: median of three windows after the first batches (warm-up). */
async function measureSpeed(backend, activation, pooling) {
  await configure({ 'backend.select': backend, 'toggle.activation': activation, 'toggle.pooling': pooling,
    'hp.trainSize': 60000, 'hp.epochs': 1, 'hp.batchSize': 64 });
  await id('train.start').click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="train.progress"]')?.getAttribute('aria-valuenow')) >= 128,
    null, { timeout: 300000 });
  const rates = [];
  for (let w = 0; w < 3; w++) {
    const n0 = await progress(); const t0 = Date.now();
    await page.waitForTimeout(WINDOW_S[backend] * 1000);
    rates.push((await progress() - n0) / ((Date.now() - t0) / 1000));
  }
  await id('train.stop').click();
  await page.locator('[data-testid="train.status"][data-status="stopped"]').waitFor();
  emit({ metric: 'train_samples_per_sec', backend, variant: `${activation}/${pooling}`, batch: 64, value: Math.round(median(rates)),
    windows: rates.map(Math.round) });
}

async function fullRun(backend, activation, pooling) {
  await configure({ 'backend.select': backend, 'toggle.activation': activation, 'toggle.pooling': pooling });
  await trainAndReport(backend, { variant: `${activation}/${pooling}` });
}

async function trainAndReport(backend, label) {
  await configure({ 'hp.trainSize': trainSize, 'hp.epochs': epochs, 'hp.batchSize': 64, 'hp.learningRate': 0.001,
    'hp.optimizer': 'adam', 'hp.seed': 42 });
  await resetLongTasks();
  const r = await app.train();
  for (const d of r.rows) {
    emit({ metric: 'epoch', backend, ...label, train_size: trainSize, epoch: d.epoch, seconds: d.seconds,
      samples_per_sec: d.samplesPerSec, train_acc: d.trainAcc, test_acc: d.testAcc, num_tensors: d.numTensors });
  }
  await longTasks({ during: `training ${backend} ${Object.values(label).join(' ')}` });
  if (r.status !== 'done') emit({ metric: 'error', text: r.error });
}

async function canvasLatency() {
  const box = await id('canvas.draw').boundingBox();
  const times = [];
  for (let i = 0; i < 5; i++) {
    await id('canvas.clear').click();
    await page.mouse.move(box.x + box.width / 2, box.y + 40);
    await page.mouse.down();
    const t0 = await page.evaluate(() => performance.now());
    await page.mouse.move(box.x + box.width / 2 + i, box.y + box.height - 40, { steps: 4 });
    await page.mouse.up();
    await id('prediction.top').waitFor();
    times.push(await page.evaluate((s) => performance.now() - s, t0));
  }
  emit({ metric: 'canvas_to_prediction_ms', median: Math.round(median(times)), all: times.map(Math.round) });
}

if (presets) {
  await openPage('cold');
  for (const preset of presets) {
    await configure({ 'backend.select': only ?? 'wasm', 'preset.select': preset });
    const params = Number(await id('model.totalParams').getAttribute('data-value'));
    emit({ metric: 'preset', preset, trainable_params: params });
    await trainAndReport(only ?? 'wasm', { preset });
  }
  await app.close();
  process.exit(0);
}

await openPage('cold');
await openPage('warm');
await resetLongTasks();
await configure({ 'backend.select': 'auto', 'hp.trainSize': 640, 'hp.epochs': 1 });
await id('train.start').click();
await page.locator('[data-testid="train.status"]:not([data-status="running"])').waitFor({ timeout: 600000 });
const probe = await id('backend.probe').locator('li').evaluateAll((els) => els.map((e) => `${e.dataset.backend}: ${e.textContent}`));
emit({ metric: 'auto_choice', backend: await id('backend.badge').getAttribute('data-backend'), probe });

const backends = only ? [only] : quick ? ['wasm'] : ['wasm', 'webgl', 'cpu', 'webgpu'];
for (const b of backends) for (const [a, p] of VARIANTS) await measureSpeed(b, a, p);
const best = only ?? 'wasm';
for (const [a, p] of VARIANTS) await fullRun(best, a, p);
await canvasLatency();
await app.close();
