#!/usr/bin/env node
// Reproduces the source experiments in the built app, driving the page as a person would, and
// prints one JSON line per finished epoch plus a summary per run. Accuracy, not speed: see bench.mjs.
//   node scripts/experiments.mjs keras-lenet [--batch 1] [--minutes 15]
//       LeNet-5 1998-style (tanh, average pooling), MSE loss, plain SGD, the paper's per-epoch rates,
//       20 epochs or as many as fit in --minutes (the run is stopped then; finished epochs count).
//   node scripts/experiments.mjs optimizers [--epochs 1] [--train-size 60000]
//       LeNet-5 ReLU/max with Adam, AdamW, NAdam and AdaBelief at 1e-3, batch 64, same seed.
//   node scripts/experiments.mjs variants [--epochs 1] [--train-size 60000]
//       The four LeNet-5 variants (sigmoid/ReLU x max/avg) made with two activation sweeps in the
//       page (one per pooling op), then compared side by side in its comparison table.
//   node scripts/experiments.mjs health [--epochs 1] [--train-size 60000]
//       LeNet-5 sigmoid/avg and ReLU/max, then the training-health view side by side: each weighted
//       layer's gradient norm, dead and saturated share at the last measurement, and the first conv's
//       gradient norm over the output layer's (why sigmoid trains slower).
//   node scripts/experiments.mjs datasets [--epochs 3]
//       The CIFAR LeNet preset on CIFAR-10 (RGB, then grayscale) and LeNet-5 on Fashion-MNIST, with
//       the tab's peak memory (its renderer process's resident set, sampled every 2 s) on CIFAR-10.
//   node scripts/experiments.mjs recipes [recipe ids...] [--minutes 240]
//       Every recipe of the gallery trained to its end from the page (chosen in recipe.select, trained with
//       recipe.train), or the ones named. Resumable: each result goes into src/shared/recipeResults.json as
//       the recipe finishes, and a recipe done before is skipped unless named; a run longer than --minutes
//       is stopped (its finished epochs count), as is the one running at Ctrl-C (then the script ends).
//       Then the README's recipe table is written again.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { emit, startApp } from './appDriver.mjs';
import { writeRecipeTable } from './recipe_table.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const which = args[0];
// Ctrl-C (or a kill) stops the run in progress as Stop would, so its finished epochs are recorded, then exits.
let interrupt,
  interruptedBy = null;
const interrupted = new Promise((resolve) => (interrupt = resolve));
for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => interrupt((interruptedBy = sig)));
const app = await startApp({ port: 4198, build: !args.includes('--no-build') });
await app.open();

/**
 * Trains with the current settings (pressing `start`), stopping after `minutes` if given; emits epochs and a
 * summary, and returns the results with the minutes it took.
 */
async function run(label, minutes, start = 'train.start') {
  const t0 = Date.now();
  await app.id(start).click();
  const ended = app.page.locator('[data-testid="train.status"]:not([data-status="running"])');
  const ticker = setInterval(async () => {
    const done = Number(
      await app
        .id('train.progress')
        .getAttribute('aria-valuenow')
        .catch(() => 0),
    );
    emit({
      experiment: which,
      run: label,
      progress_samples: done,
      minutes: (Date.now() - t0) / 60000,
      samples_per_sec: Math.round(done / ((Date.now() - t0) / 1000)),
    });
  }, 60000);
  const limit = ended.waitFor({ timeout: minutes ? minutes * 60000 : 4 * 3600 * 1000 }).then(
    () => 'ended',
    () => 'time',
  );
  if ((await Promise.race([limit, interrupted])) !== 'ended') {
    await app.id('train.stop').click();
    await ended.waitFor();
  }
  clearInterval(ticker);
  const r = await app.results();
  for (const d of r.rows) emit({ experiment: which, run: label, ...d });
  const last = r.rows.at(-1);
  const took = (Date.now() - t0) / 60000;
  emit({
    experiment: which,
    run: label,
    status: r.status,
    epochs: r.rows.length,
    minutes: took,
    final_train_acc: last?.trainAcc,
    final_test_acc: last?.testAcc,
    note: r.note,
    error: r.error,
  });
  return { r, minutes: took };
}

/** LeNet-5 with Adam at 1e-3, batch 64, seed 42 on the wasm backend: the base the LeNet-5 experiments vary. */
const LENET5_ADAM = {
  'preset.select': 'lenet5',
  'backend.select': 'wasm',
  'hp.trainSize': Number(opt('--train-size', 60000)),
  'hp.epochs': Number(opt('--epochs', 1)),
  'hp.batchSize': 64,
  'hp.learningRate': 0.001,
  'hp.optimizer': 'adam',
  'hp.seed': 42,
};

if (which === 'keras-lenet') {
  const batch = Number(opt('--batch', 1));
  await app.configure({
    'preset.select': 'lenet5-1998',
    'backend.select': 'wasm',
    'hp.trainSize': 60000,
    'hp.epochs': 20,
    'hp.batchSize': batch,
    'hp.optimizer': 'sgd',
    'hp.learningRate': 0.0005,
    'hp.loss': 'mse',
    'hp.schedule': 'list',
    'hp.seed': 42,
  });
  await app.configure({ 'hp.scheduleList': '0.0005x2, 0.0002x3, 0.00005x4, 0.00001' });
  await run(`tanh/avg MSE SGD paper schedule batch ${batch}`, Number(opt('--minutes', 15)));
} else if (which === 'optimizers') {
  await app.configure(LENET5_ADAM);
  for (const o of ['adam', 'adamw', 'nadam', 'adabelief']) {
    await app.configure({ 'hp.optimizer': o });
    await run(o);
  }
} else if (which === 'variants') {
  await app.configure(LENET5_ADAM);
  for (const pooling of ['max', 'avg']) {
    await app.configure({ 'toggle.pooling': pooling, 'sweep.knob': 'activation', 'sweep.values': 'sigmoid, relu' });
    await app.id('sweep.start').click();
    await app.page
      .locator('[data-testid="sweep.message"]', { hasText: 'finished' })
      .waitFor({ timeout: 4 * 3600 * 1000 });
  }
  for (const box of await app.id('run.show').all()) await box.check();
  const rows = await app.id('compare.row').evaluateAll((els) =>
    els.map((e) => ({
      run: e.querySelector('td')?.textContent?.trim(),
      final_test_acc: Number(e.getAttribute('data-final-test-acc')),
      samples_per_sec: Number(e.querySelectorAll('td')[6]?.textContent?.replace(/,/g, '')),
    })),
  );
  for (const r of rows) emit({ experiment: which, ...r });
  const diff = await app.id('compare.diffRow').evaluateAll((els) => els.map((e) => e.getAttribute('data-aspect')));
  emit({ experiment: which, differs_in: diff });
} else if (which === 'health') {
  await app.configure(LENET5_ADAM);
  for (const [activation, pooling] of [
    ['sigmoid', 'avg'],
    ['relu', 'max'],
  ]) {
    await app.configure({ 'toggle.activation': activation, 'toggle.pooling': pooling });
    await run(`${activation}/${pooling}`);
  }
  await app.id('insight.open').click();
  for (const index of [0, 1]) {
    await app.id('insight.runSelect').selectOption({ index });
    const run = app.id('insight.run').first();
    await run.locator('[data-testid="insight.layer"]').first().waitFor();
    const title = await run.locator('h3').first().textContent();
    const layers = await run.locator('[data-testid="insight.layer"]').evaluateAll((els) =>
      els.map((e) => ({
        layer: Number(e.getAttribute('data-layer')),
        grad_norm: Number(e.getAttribute('data-grad-norm')),
        dead: Number(e.getAttribute('data-dead')),
        saturated: Number(e.getAttribute('data-saturated')),
      })),
    );
    for (const l of layers) emit({ experiment: which, run: title, ...l });
    emit({ experiment: which, run: title, first_conv_over_output_grad: layers[0].grad_norm / layers.at(-1).grad_norm });
  }
} else if (which === 'datasets') {
  const epochs = Number(opt('--epochs', 3));
  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, app.tabMb());
  }, 2000);
  const select = async (id) => {
    await app.configure({ 'dataset.select': id });
    await app.page.locator('[data-testid="dataset.status"][data-state="ready"]').waitFor({ timeout: 600000 });
  };
  await select('cifar10');
  for (const colour of ['rgb', 'gray']) {
    peak = 0;
    await app.configure({
      'hp.colorMode': colour,
      'preset.select': 'cifar-lenet',
      'backend.select': 'wasm',
      'hp.trainSize': 50000,
      'hp.epochs': epochs,
      'hp.batchSize': 64,
      'hp.learningRate': 0.001,
      'hp.optimizer': 'adam',
      'hp.seed': 42,
      // The source's setup: L2 1e-4, per-channel normalisation, flip + crop(32, pad 4).
      'hp.l2': 0.0001,
      'hp.normalization': 'standardize',
      'aug.flip': true,
      'aug.cropPadding': 4,
    });
    await run(`cifar-lenet ${colour}`);
    emit({ experiment: which, run: `cifar-lenet ${colour}`, peak_tab_mb: Math.round(peak) });
  }
  await select('fashion-mnist');
  await app.configure({
    'preset.select': 'lenet5',
    'hp.trainSize': 60000,
    'hp.epochs': epochs,
    'hp.l2': 0,
    'hp.normalization': 'unit',
    'aug.flip': false,
    'aug.cropPadding': 0,
  });
  await run('lenet5 fashion-mnist');
  clearInterval(sampler);
} else if (which === 'recipes') {
  const OUT = 'src/shared/recipeResults.json';
  const results = existsSync(OUT) ? JSON.parse(readFileSync(OUT, 'utf8')) : {};
  const named = args.slice(1).filter((a, i, all) => !a.startsWith('--') && !all[i - 1]?.startsWith('--'));
  const options = await app
    .id('recipe.select')
    .evaluate((s) => [...s.options].filter((o) => o.value).map((o) => ({ id: o.value, disabled: o.disabled })));
  const minutes = Number(opt('--minutes', 240));
  for (const { id, disabled } of options) {
    if (named.length ? !named.includes(id) : results[id]?.status === 'done') continue;
    if (disabled) {
      emit({ experiment: which, recipe: id, skipped: 'its dataset is not available here' });
      continue;
    }
    await app.id('recipe.select').selectOption(id);
    await app.page.locator('[data-testid="dataset.status"][data-state="ready"]').waitFor({ timeout: 600000 });
    const { r, minutes: took } = await run(id, minutes, 'recipe.train');
    if (!r.rows.length) {
      emit({ experiment: which, recipe: id, status: r.status, error: r.error, note: 'no epoch finished' });
      continue;
    }
    const speeds = r.rows.map((x) => x.samplesPerSec).sort((a, b) => a - b);
    results[id] = {
      bestTestAcc: Math.max(...r.rows.map((x) => x.testAcc)),
      finalTestAcc: r.rows.at(-1).testAcc,
      epochs: r.rows.length,
      minutes: Math.round(took * 100) / 100,
      samplesPerSec: Math.round(speeds[Math.floor(speeds.length / 2)]),
      date: new Date().toISOString().slice(0, 10),
      status: r.status,
    };
    emit({ experiment: which, recipe: id, ...results[id] });
    writeFileSync(OUT, JSON.stringify(results, null, 1) + '\n');
    await writeRecipeTable();
    if (interruptedBy) break;
  }
} else {
  console.error('Usage: node scripts/experiments.mjs keras-lenet|optimizers|variants|datasets|recipes [options]');
  process.exitCode = 2;
}
await app.close();
