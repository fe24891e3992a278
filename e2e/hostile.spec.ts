import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

// The hand-made hostile files of test/hostile, each picked the way a person picks a file (or opened
// as a link), must end in its message with nothing in the page changed, and no script of theirs runs.
const dir = new URL('../test/hostile/', import.meta.url);
const corpus = JSON.parse(readFileSync(new URL('expected.json', dir), 'utf8')) as Record<
  string,
  { kind: 'link' | 'runs' | 'arch' | 'model'; message: string }
>;
const file = (name: string) => ({
  name,
  mimeType: 'application/json',
  buffer: readFileSync(new URL(name, dir)),
});
/** Every alert/confirm the page opens (none should): a script from a hostile file would show here. */
function recordDialogs(page: Page) {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return dialogs;
}
const of = (kind: string) => Object.entries(corpus).filter(([, e]) => e.kind === kind);

test('every hostile run, architecture and model file is refused with its message and nothing changes', async ({
  app,
}) => {
  const dialogs = recordDialogs(app.page);
  await app.open();
  await expect(app.id('model.source')).toHaveAttribute('data-source', 'starter', { timeout: 60_000 });
  await app.configure({ seed: 777 });
  await app.choosePreset('mlp');
  const layers = await app.layerRows.count();
  const runs = await app.runs.rows.count();

  for (const [name, { message }] of of('runs')) {
    await app.id('run.import').setInputFiles(file(name));
    await expect(app.errors.filter({ hasText: `${name}: ${message}` })).toBeVisible();
  }
  for (const [name, { message }] of of('arch')) {
    await app.id('editor.import').setInputFiles(file(name));
    await expect(app.errors.filter({ hasText: `${name}: ${message}` })).toBeVisible();
  }
  for (const [name, { message }] of of('model')) {
    const bytes = name.startsWith('short-weights') ? 16 : 7850 * 4;
    await app.id('model.load').setInputFiles([
      { ...file(name), name: 'model.json' },
      { name: 'model.weights.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(bytes) },
    ]);
    await expect(app.errors.filter({ hasText: message })).toBeVisible();
  }
  await expect(app.layerRows).toHaveCount(layers);
  await expect(app.runs.rows).toHaveCount(runs);
  await expect(app.id('model.source')).toHaveAttribute('data-source', 'starter');
  await expect(app.id('hp.seed')).toHaveValue('777');
  expect(dialogs).toEqual([]);
});

test('every hostile share link keeps the settings the person had, says why, and runs none of its markup', async ({
  app,
}) => {
  const dialogs = recordDialogs(app.page);
  await app.open();
  await app.configure({ seed: 777 });
  for (const [name, { message }] of of('link')) {
    const hash = readFileSync(new URL(name, dir), 'utf8').trim();
    await app.page.goto('about:blank');
    await app.page.goto(`/${hash}`);
    await app.waitUntilReady();
    await expect(app.errors.filter({ hasText: message })).toBeVisible();
    await expect(app.id('hp.seed')).toHaveValue('777');
    expect(new URL(app.page.url()).hash).toBe('');
  }
  expect(dialogs).toEqual([]);
  await expect(app.page.locator('img[src="x"]')).toHaveCount(0);
});

test('an imported run named with markup is shown as text, not run', async ({ app }) => {
  const dialogs = recordDialogs(app.page);
  await app.open();
  await app.configure({ backend: 'wasm', epochs: 1, trainSize: 256 });
  expect(await app.trainToEnd()).toBe('done');
  const row = app.runs.rows;
  const [download] = await Promise.all([app.page.waitForEvent('download'), row.getByTestId('run.export').click()]);
  const exported = JSON.parse(readFileSync((await download.path())!, 'utf8'));
  await row.getByTestId('run.delete').click();
  await expect(row).toHaveCount(0);
  const evil = '<img src=x onerror=alert(1)><script>alert(2)</script>';
  exported.runs[0].name = evil;
  await app.id('run.import').setInputFiles({
    name: 'evil.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(exported)),
  });
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('run.label')).toHaveText(evil);
  await expect(app.page.locator('img[src="x"]')).toHaveCount(0);
  expect(dialogs).toEqual([]);
});
