import { test, expect } from './fixtures';

test('the confusion matrix of the last run agrees with its test accuracy; a cell and the mistakes open their images', async ({
  app,
}) => {
  await app.open();
  await expect(app.id('eval.start')).toBeDisabled();
  await app.configure({ backend: 'wasm', epochs: 1, trainSize: 2000 });
  expect(await app.trainToEnd()).toBe('done');
  const testAcc = Number(await app.epochRows.getAttribute('data-test-acc'));
  await app.id('eval.start').click();
  const cells = app.id('eval.cell');
  await expect(cells).toHaveCount(100);
  const counts = await cells.evaluateAll((els) =>
    els.map((e) => ({
      t: Number(e.getAttribute('data-true')),
      p: Number(e.getAttribute('data-pred')),
      n: Number(e.getAttribute('data-count')),
    })),
  );
  expect(counts.reduce((a, c) => a + c.n, 0)).toBe(10000);
  const correct = counts.filter((c) => c.t === c.p).reduce((a, c) => a + c.n, 0);
  expect((correct / 10000).toFixed(4)).toBe(testAcc.toFixed(4));
  // Per-class accuracy is the diagonal over the row total.
  const row3 = counts.filter((c) => c.t === 3);
  await expect(app.id('eval.classAcc').nth(3)).toHaveAttribute(
    'data-value',
    (row3.find((c) => c.p === 3)!.n / row3.reduce((a, c) => a + c.n, 0)).toFixed(4),
  );

  const worst = counts.filter((c) => c.t !== c.p).sort((a, b) => b.n - a.n)[0];
  await app.page.locator(`[data-testid="eval.cell"][data-true="${worst.t}"][data-pred="${worst.p}"]`).click();
  await expect(app.id('eval.gallery')).toContainText(`True ${worst.t}, predicted ${worst.p}`);
  await expect(app.id('eval.sample')).toHaveCount(Math.min(40, worst.n));
  await expect(app.id('eval.sample').first()).toContainText(new RegExp(`^${worst.t} → ${worst.p} \\d+%$`));
  await app.id('eval.mistakes').click();
  await expect(app.id('eval.gallery')).toContainText('Most confident mistakes');
  await expect(app.id('eval.sample')).toHaveCount(Math.min(40, 10000 - correct));
});
