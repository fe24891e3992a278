import { test as base, expect, type Locator, type Page } from '@playwright/test';

/** The run list: one row per run, newest first. */
export class RunList {
  constructor(private readonly page: Page) {}

  get rows(): Locator {
    return this.page.getByTestId('run.row');
  }

  row(i: number): Locator {
    return this.rows.nth(i);
  }

  /** Each row's `data-*` attribute `name` (e.g. `status`, `test-acc`), newest run first. */
  attribute(name: string): Promise<(string | null)[]> {
    return this.rows.evaluateAll((els, a) => els.map((e) => e.getAttribute(`data-${a}`)), name);
  }

  async rename(i: number, name: string) {
    await this.row(i).getByTestId('run.rename').click();
    await this.row(i).getByTestId('run.nameInput').fill(name);
    await this.row(i).getByTestId('run.nameInput').press('Enter');
  }

  label(i: number): Locator {
    return this.row(i).getByTestId('run.label');
  }
}

/** Page object: the playground as a person sees it, by its data-testids. */
export class Playground {
  readonly runs: RunList;

  constructor(readonly page: Page) {
    this.runs = new RunList(page);
  }

  id(testId: string): Locator {
    return this.page.getByTestId(testId);
  }

  get datasetStatus(): Locator {
    return this.id('dataset.status');
  }

  get trainButton(): Locator {
    return this.id('train.start');
  }

  /** Every error message on the page. */
  get errors(): Locator {
    return this.id('error.message');
  }

  /** The current run's epoch table rows. */
  get epochRows(): Locator {
    return this.id('epoch.row');
  }

  /** The comparison table's rows and the config diff's rows. */
  get compareRows(): Locator {
    return this.id('compare.row');
  }

  get diffRows(): Locator {
    return this.id('compare.diffRow');
  }

  async waitUntilReady() {
    await expect(this.datasetStatus).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  }

  async open() {
    await this.page.goto('/');
    await this.waitUntilReady();
  }

  /** Reloads the page as a person does, and waits for the dataset. */
  async reload() {
    await this.page.reload();
    await this.waitUntilReady();
  }

  /** The layer editor's rows, one per layer. */
  get layerRows(): Locator {
    return this.id('layer.row');
  }

  /** The network's trainable parameter count as the Model card states it. */
  async totalParams(): Promise<number> {
    return Number(await this.id('model.totalParams').getAttribute('data-value'));
  }

  /** Opens a folded section (a `<details>` by its test id) if it is closed. */
  async unfold(testId: string) {
    const fold = this.id(testId);
    if (!(await fold.evaluate((d: HTMLDetailsElement) => d.open))) await fold.locator('summary').click();
  }

  async choosePreset(id: string) {
    await this.id('preset.select').selectOption(id);
  }

  /** Presses Train (the run then probes or trains). */
  async train() {
    await this.trainButton.click();
  }

  /** Training samples the current run has seen, from the progress bar. */
  async samplesDone(): Promise<number> {
    return Number(await this.id('train.progress').getAttribute('aria-valuenow'));
  }

  /** Starts a sweep of `knob` over `values` (a comma-separated list) from the sweep panel. */
  async sweep(knob: string, values: string) {
    await this.id('sweep.knob').selectOption(knob);
    await this.id('sweep.values').fill(values);
    await this.id('sweep.start').click();
  }

  /** Types into a number field the way a person does: select all, type. */
  async setNumber(testId: string, value: string) {
    const input = this.id(testId);
    await input.click();
    await input.press('ControlOrMeta+a');
    if (value === '') await input.press('Backspace');
    else await input.pressSequentially(value);
  }

  async configure(o: {
    backend?: string;
    epochs?: number;
    batchSize?: number;
    trainSize?: number;
    learningRate?: number;
    optimizer?: string;
    activation?: string;
    pooling?: string;
    seed?: number;
  }) {
    if (o.backend) await this.id('backend.select').selectOption(o.backend);
    if (o.activation) await this.id('toggle.activation').selectOption(o.activation);
    if (o.pooling) await this.id('toggle.pooling').selectOption(o.pooling);
    if (o.optimizer) await this.id('hp.optimizer').selectOption(o.optimizer);
    if (o.trainSize !== undefined) await this.setNumber('hp.trainSize', String(o.trainSize));
    if (o.batchSize !== undefined) await this.setNumber('hp.batchSize', String(o.batchSize));
    if (o.epochs !== undefined) await this.setNumber('hp.epochs', String(o.epochs));
    if (o.learningRate !== undefined) await this.setNumber('hp.learningRate', String(o.learningRate));
    if (o.seed !== undefined) await this.setNumber('hp.seed', String(o.seed));
  }

  status() {
    return this.id('train.status');
  }

  /** Starts a run forced onto WebGPU (SwiftShader here) and waits until it has trained `samples` samples. */
  async trainOnWebGpu(samples: number) {
    await this.configure({ backend: 'webgpu', epochs: 1, trainSize: 60000, batchSize: 32 });
    await this.train();
    await expect(this.id('backend.badge')).toHaveAttribute('data-backend', 'webgpu', { timeout: 60_000 });
    await expect
      .poll(async () => Number(await this.id('train.progress').getAttribute('aria-valuenow')), { timeout: 120_000 })
      .toBeGreaterThanOrEqual(samples);
  }

  /** Presses Train and waits until the run leaves the running state; returns the final status. */
  async trainToEnd(timeout = 240_000): Promise<string | null> {
    const before = await this.runs.rows.count();
    await this.train();
    // The click adds the run's row. Waiting for the status "running" instead would race a run that ends between two
    // polls (a diverging run can end in its first batches).
    await expect(this.runs.rows).toHaveCount(before + 1);
    await expect(this.status()).not.toHaveAttribute('data-status', /running|paused/, { timeout });
    return this.status().getAttribute('data-status');
  }

  /** Draws a stroke through the given points (fractions of the canvas size) with the mouse. */
  async stroke(points: [number, number][]) {
    // A person scrolls the drawing pad into view first.
    await this.id('canvas.draw').scrollIntoViewIfNeeded();
    const box = (await this.id('canvas.draw').boundingBox())!;
    const at = ([x, y]: [number, number]) => [box.x + x * box.width, box.y + y * box.height] as const;
    await this.page.mouse.move(...at(points[0]));
    await this.page.mouse.down();
    for (const p of points.slice(1)) await this.page.mouse.move(...at(p), { steps: 8 });
    await this.page.mouse.up();
  }

  async probabilities(): Promise<number[]> {
    const bars = this.id('prediction.bar');
    await expect(bars).toHaveCount(10);
    return bars.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-prob'))));
  }
}

export const test = base.extend<{ app: Playground }>({
  app: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await use(new Playground(page));
    expect(errors, 'uncaught errors in the page').toEqual([]);
  },
});
export { expect };
