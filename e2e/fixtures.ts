import { test as base, expect, type Locator, type Page } from '@playwright/test';

/** Page object: the playground as a person sees it, by its data-testids. */
export class Playground {
  constructor(readonly page: Page) {}

  id(testId: string): Locator {
    return this.page.getByTestId(testId);
  }

  async open() {
    await this.page.goto('/');
    await expect(this.id('dataset.status')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  }

  /** Types into a number field the way a person does: select all, type. */
  async setNumber(testId: string, value: string) {
    const input = this.id(testId);
    await input.click();
    await input.press('ControlOrMeta+a');
    if (value === '') await input.press('Backspace');
    else await input.pressSequentially(value);
  }

  async configure(o: { backend?: string; epochs?: number; batchSize?: number; trainSize?: number; learningRate?: number;
    optimizer?: string; activation?: string; pooling?: string; seed?: number }) {
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

  /** Presses Train and waits until the run leaves the running state; returns the final status. */
  async trainToEnd(timeout = 240_000): Promise<string | null> {
    await this.id('train.start').click();
    await expect(this.status()).toHaveAttribute('data-status', 'running');
    await expect(this.status()).not.toHaveAttribute('data-status', /running|paused/, { timeout });
    return this.status().getAttribute('data-status');
  }

  /** Draws a stroke through the given points (fractions of the canvas size) with the mouse. */
  async stroke(points: [number, number][]) {
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
