import { test, expect } from './fixtures';

test('the page is served with a strict Content-Security-Policy and stays cross-origin isolated', async ({ app }) => {
  const response = await app.page.goto('/');
  const headers = response!.headers();
  const csp = headers['content-security-policy'];
  expect(csp).toContain("default-src 'self'");
  expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval' blob:(;|$)/);
  expect(csp).not.toContain("unsafe-eval'; ");
  expect(csp).not.toMatch(/'unsafe-eval'|'unsafe-inline'/);
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(headers['cross-origin-opener-policy']).toBe('same-origin');
  expect(headers['cross-origin-embedder-policy']).toBe('require-corp');
  expect(await app.page.evaluate(() => crossOriginIsolated)).toBe(true);
  // The file a static host reads its headers from carries the same policy.
  const hosted = await (await app.page.request.get('/_headers')).text();
  expect(hosted).toContain(`Content-Security-Policy: ${csp}`);
});

test('a whole visit (draw, train on threaded wasm) breaks no CSP rule and asks no other origin', async ({ app }) => {
  const refused: string[] = [];
  const watch = (m: { text(): string }) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) refused.push(m.text());
  };
  app.page.on('console', watch);
  app.page.on('worker', (w) => w.on('console', watch));
  const foreign: string[] = [];
  const own = new URL(test.info().project.use.baseURL!).origin;
  app.page.on('request', (r) => {
    const url = new URL(r.url());
    if (!['blob:', 'data:'].includes(url.protocol) && url.origin !== own) foreign.push(r.url());
  });
  await app.page.addInitScript(() => {
    (window as unknown as { __csp: string[] }).__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective}: ${e.blockedURI}`),
    );
  });
  await app.open();
  await expect(app.id('model.source')).toHaveAttribute('data-source', 'starter', { timeout: 60_000 });
  await app.stroke([
    [0.5, 0.15],
    [0.5, 0.85],
  ]);
  await expect(app.id('prediction.top')).toBeVisible();
  await app.configure({ backend: 'wasm', epochs: 1, trainSize: 2048 });
  expect(await app.trainToEnd()).toBe('done');
  await expect(app.id('backend.badge')).toHaveAttribute('data-backend', 'wasm');
  expect(await app.page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
  expect(refused).toEqual([]);
  expect(foreign).toEqual([]);
});
