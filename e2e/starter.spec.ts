import { readFileSync } from 'node:fs';
import { test, expect, type Playground } from './fixtures';

interface DrawnSet {
  source: string;
  drawings: { label: number; style: string; strokes: [number, number][][] }[];
}

/**
 * Draws each drawing on the canvas as real mouse input and returns the class the page shows for it.
 * The moves of a stroke go to the browser without waiting for each (it hands them to the page as
 * one move per frame with the rest coalesced, as for a fast hand), so 200 drawings take a minute.
 */
async function readDrawings(app: Playground, set: DrawnSet): Promise<number[]> {
  const cdp = await app.page.context().newCDPSession(app.page);
  const canvas = app.id('canvas.draw');
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  const mouse = (type: string, [x, y]: [number, number], pressed: boolean) =>
    cdp.send('Input.dispatchMouseEvent', {
      type: type as 'mouseMoved',
      x: box.x + x * box.width,
      y: box.y + y * box.height,
      button: pressed || type !== 'mouseMoved' ? 'left' : 'none',
      buttons: pressed ? 1 : 0,
      clickCount: 1,
    });
  const answers: number[] = [];
  for (const d of set.drawings) {
    await app.id('canvas.clear').click();
    await expect(app.id('prediction.top')).toHaveCount(0);
    for (const stroke of d.strokes) {
      await mouse('mouseMoved', stroke[0], false);
      await mouse('mousePressed', stroke[0], true);
      await Promise.all(stroke.slice(1).map((p) => mouse('mouseMoved', p, true)));
      await mouse('mouseReleased', stroke.at(-1)!, false);
    }
    answers.push(await settledAnswer(app));
  }
  return answers;
}

/** The class shown once the answer stops changing (the last frames of a stroke may still be in flight). */
async function settledAnswer(app: Playground): Promise<number> {
  const top = app.id('prediction.top');
  await expect(top).toHaveAttribute('data-class', /\d/);
  let last = '';
  for (let i = 0; i < 40; i++) {
    await app.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const now = `${await top.getAttribute('data-class')}:${await top.getAttribute('data-prob')}`;
    if (now === last) return Number(now.split(':')[0]);
    last = now;
  }
  throw new Error('the prediction kept changing');
}

test('a first visit answers a drawing at once with the starter, and says whose model it is', async ({ app }) => {
  await app.open();
  await expect(app.id('canvas.hint')).toBeVisible();
  await expect(app.id('first.experiment')).toBeVisible();
  await expect(app.id('model.source')).toHaveAttribute('data-source', 'starter');
  await expect(app.id('model.source')).toContainText(/Starter LeNet-5 · 99\.\d\d% on the test set/);
  expect(Number(await app.id('model.source').getAttribute('data-test-acc'))).toBeGreaterThanOrEqual(0.99);
  await app.stroke([
    [0.5, 0.15],
    [0.5, 0.85],
  ]);
  await expect(app.id('canvas.hint')).toHaveCount(0);
  const probs = await app.probabilities();
  expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
  await expect(app.id('prediction.top')).toHaveAttribute('data-class', '1');
});

test('a run takes over the answers while it trains; one click goes back to the starter', async ({ app }) => {
  await app.open();
  await app.configure({ backend: 'wasm', epochs: 1, trainSize: 500 });
  expect(await app.trainToEnd()).toBe('done');
  await expect(app.id('model.source')).toHaveAttribute('data-source', 'run');
  await expect(app.id('model.source')).toContainText('Run 1');
  await expect(app.id('first.experiment')).toHaveCount(0);
  await app.id('model.useStarter').click();
  await expect(app.id('model.source')).toHaveAttribute('data-source', 'starter');
  await expect(app.runs.row(0).getByTestId('run.use')).toHaveText('use');
});

test('the drawn digits of the report set (written by hand, not tuned on) are read at 95% or better by the starter', async ({
  app,
}) => {
  test.setTimeout(600_000);
  const set = JSON.parse(readFileSync('e2e/drawn/hand.json', 'utf8')) as DrawnSet;
  expect(set.drawings.length).toBeGreaterThanOrEqual(200);
  await app.open();
  await expect(app.id('model.source')).toHaveAttribute('data-source', 'starter');
  const answers = await readDrawings(app, set);
  const right = answers.filter((a, i) => a === set.drawings[i].label).length;
  const wrong = set.drawings.flatMap((d, i) =>
    answers[i] === d.label ? [] : [`${d.label} (${d.style}) read as ${answers[i]}`],
  );
  console.log(`drawn digits read right: ${right} of ${set.drawings.length}; wrong: ${wrong.join(', ')}`);
  expect(right / set.drawings.length, wrong.join(', ')).toBeGreaterThanOrEqual(0.95);
});

for (const [dataset, name, atLeast] of [
  ['fashion-mnist', 'LeNet-5', 0.9],
  ['cifar10', 'CIFAR LeNet', 0.65],
] as const) {
  test(`${dataset} has its own starter: a random test image is classified on a first visit`, async ({ app }) => {
    await app.open();
    await app.id('dataset.select').selectOption(dataset);
    await app.waitUntilReady();
    const source = app.id('model.source');
    await expect(source).toHaveAttribute('data-source', 'starter');
    await expect(source).toContainText(`Starter ${name}`);
    expect(Number(await source.getAttribute('data-test-acc'))).toBeGreaterThanOrEqual(atLeast);
    await app.id('image.random').click();
    const bars = app.id('image.bar');
    await expect(bars).toHaveCount(10);
    const probs = await bars.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-prob'))));
    expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
  });
}

test('a dataset without a starter says so and invites training', async ({ app }) => {
  await app.page.route('**/starters/mnist/**', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await app.open();
  await expect(app.page.locator('.prediction-hint')).toHaveText(
    'There is no starter model for MNIST: train one to see predictions.',
  );
  await expect(app.id('model.source')).toHaveCount(0);
});
