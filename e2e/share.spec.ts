import { readFile, writeFile } from 'node:fs/promises';
import { test, expect } from './fixtures';

test('export a run, delete it, import it back; a bad file changes nothing', async ({ app }, testInfo) => {
  await app.open();
  await app.configure({ backend: 'wasm', epochs: 1, trainSize: 512 });
  expect(await app.trainToEnd()).toBe('done');
  const row = app.runs.rows;
  const acc = await row.getAttribute('data-test-acc');
  const [download] = await Promise.all([app.page.waitForEvent('download'), row.getByTestId('run.export').click()]);
  const file = testInfo.outputPath('run.json');
  await download.saveAs(file);
  await row.getByTestId('run.delete').click();
  await expect(row).toHaveCount(0);

  const bad = testInfo.outputPath('bad.json');
  await writeFile(bad, (await readFile(file, 'utf8')).replace('"status":"done"', '"status":"hacked"'));
  await app.id('run.import').setInputFiles(bad);
  await expect(
    app.page.getByTestId('error.message').filter({ hasText: 'bad.json: Not a valid run file: runs.0.status' }),
  ).toBeVisible();
  await expect(row).toHaveCount(0);

  await app.id('run.import').setInputFiles(file);
  await expect(app.id('run.importMessage')).toHaveText('Imported 1 run from run.json.');
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute('data-test-acc', acc!);
  await expect(row).toHaveAttribute('data-status', 'done');
  await app.page.reload();
  await expect(row).toHaveCount(1);
});

test('a share link carries the settings and seed to a fresh browser; a tampered link changes no setting and says so', async ({
  app,
  browser,
}) => {
  await app.open();
  await app.configure({ seed: 1234, optimizer: 'adabelief', epochs: 5 });
  await app.setNumber('aug.rotation', '10');
  await app.id('share.make').click();
  const link = await app.id('share.link').inputValue();
  expect(link).toMatch(/#config=[A-Za-z0-9_-]+$/);

  const fresh = await (await browser.newContext()).newPage();
  await fresh.goto(link);
  await expect(fresh.getByTestId('startup.notice')).toHaveText(/Loaded the settings from the shared link\./);
  await expect(fresh.getByTestId('hp.seed')).toHaveValue('1234');
  await expect(fresh.getByTestId('hp.optimizer')).toHaveValue('adabelief');
  await expect(fresh.getByTestId('hp.epochs')).toHaveValue('5');
  await expect(fresh.getByTestId('aug.rotation')).toHaveValue('10');
  expect(new URL(fresh.url()).hash).toBe('');

  const tampered = link.replace(/#config=(.{20})./, '#config=$1A').replace(/.$/, 'Z');
  const other = await (await browser.newContext()).newPage();
  await other.goto(tampered);
  await expect(other.getByTestId('error.message').filter({ hasText: 'your current settings are kept' })).toBeVisible();
  await expect(other.getByTestId('hp.seed')).toHaveValue('42');
  await expect(other.getByTestId('hp.optimizer')).toHaveValue('adam');
});

test('save the trained model in TensorFlow.js format and load it back after a reload: same predictions', async ({
  app,
}, testInfo) => {
  await app.open();
  await app.configure({ backend: 'wasm', epochs: 1, trainSize: 2000 });
  expect(await app.trainToEnd()).toBe('done');
  const one: [number, number][] = [
    [0.5, 0.15],
    [0.52, 0.5],
    [0.5, 0.85],
  ];
  await app.stroke(one);
  const before = await app.probabilities();
  const downloads: string[] = [];
  app.page.on('download', async (d) => {
    const path = testInfo.outputPath(d.suggestedFilename());
    await d.saveAs(path);
    downloads.push(path);
  });
  await app.id('model.save').click();
  await expect(app.id('model.message')).toHaveText(/^Saved model\.json and model\.weights\.bin/);
  await expect.poll(() => downloads.length).toBe(2);
  expect(downloads.map((p) => p.split('/').pop()).sort()).toEqual(['model.json', 'model.weights.bin']);

  // After a reload the run's kept model answers again, with the same probabilities.
  await app.reload();
  await expect(app.id('model.source')).toHaveAttribute('data-source', 'run');
  await app.stroke(one);
  const kept = await app.probabilities();
  kept.forEach((p, i) => expect(p).toBeCloseTo(before[i], 4));
  await app.id('model.load').setInputFiles(downloads);
  await expect(app.id('model.source')).toHaveAttribute('data-source', 'file');
  await expect(app.id('model.source')).toContainText('model.json');
  await expect(app.id('model.message')).toHaveText(
    'Loaded model.json (61,706 parameters): draw to see its predictions.',
  );
  const after = await app.probabilities();
  after.forEach((p, i) => expect(p).toBeCloseTo(before[i], 4));
});
