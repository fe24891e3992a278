// Drives the built app in headless Chromium the way a person does, for the benchmark and the
// experiment scripts: builds, serves, opens the page, fills controls by data-testid, trains.
import { spawn, execSync } from 'node:child_process';
import { chromium } from '@playwright/test';

/** Prints one JSON line. */
export const emit = (o) => console.log(JSON.stringify(o));
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Builds (unless `build` is false), serves the app on `port` and opens it in Chromium with a
 * long-task observer. Returns the page, helpers and `close()`.
 */
export async function startApp({ port, build = true }) {
  // The wasm SIMD kernels are a build product (not committed): a fresh clone needs them before Vite can bundle.
  if (build) execSync('npm run build:wasm && npx vite build', { stdio: 'ignore' });
  const server = spawn('npx', ['vite', 'preview', '--port', String(port), '--strictPort'], {
    stdio: 'ignore',
    detached: true,
  });
  const stopServer = () => {
    try {
      process.kill(-server.pid);
    } catch {
      /* already gone */
    }
  };
  process.on('exit', stopServer);
  const url = `http://localhost:${port}`;
  for (let i = 0; i < 100; i++) {
    if (
      await fetch(url).then(
        () => true,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    // The scripts decide what Ctrl-C does (experiments.mjs stops the run and records it): Playwright's own
    // handlers would close the browser first.
    handleSIGINT: false,
    handleSIGTERM: false,
    args: [
      '--no-sandbox',
      '--enable-unsafe-webgpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  // Long tasks, each with what ran in it: the scripts of the long animation frame that holds it
  // (the longtask entry itself only names the frame).
  await context.addInitScript(() => {
    window.__longTasks = [];
    window.__frames = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, ms: e.duration });
    }).observe({ type: 'longtask', buffered: true });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        window.__frames.push({
          start: e.startTime,
          end: e.startTime + e.duration,
          render: e.renderStart ? e.startTime + e.duration - e.renderStart : 0,
          scripts: e.scripts.map((x) => ({
            what: `${x.invoker}${x.sourceFunctionName ? ` (${x.sourceFunctionName})` : ''}`,
            ms: x.duration,
          })),
        });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  });
  const page = await context.newPage();
  const id = (t) => page.getByTestId(t);

  /**
   * Opens the page and waits for the dataset; returns the milliseconds from navigation until the
   * page showed it ready (the page's own `dataset-ready` mark: polling from here adds 150-500 ms).
   */
  async function open() {
    const t0 = Date.now();
    await page.goto(url);
    await page.locator('[data-testid="dataset.status"][data-state="ready"]').waitFor({ timeout: 120000 });
    const mark = await page.evaluate(() => performance.getEntriesByName('dataset-ready')[0]?.startTime);
    return Math.round(mark ?? Date.now() - t0);
  }

  /** Sets controls by data-testid: selects get an option, checkboxes true/false, inputs text. */
  async function configure(o) {
    for (const [k, v] of Object.entries(o)) {
      const el = id(k);
      const kind = await el.evaluate((e) => (e.tagName === 'INPUT' && e.type === 'checkbox' ? 'check' : e.tagName));
      if (kind === 'SELECT') await el.selectOption(String(v));
      else if (kind === 'check') await el.setChecked(Boolean(v));
      else await el.fill(String(v));
    }
  }

  /** Presses Train and waits (up to `timeoutMs`) for the run to end; returns its epoch rows and status. */
  async function train(timeoutMs = 4 * 3600 * 1000) {
    await id('train.start').click();
    await page.locator('[data-testid="train.status"][data-status="running"]').waitFor();
    await page.locator('[data-testid="train.status"]:not([data-status="running"])').waitFor({ timeout: timeoutMs });
    return results();
  }

  /** The current run's epoch rows (as numbers), status, note and error. */
  async function results() {
    const rows = await id('epoch.row').evaluateAll((els) =>
      els.map((e) =>
        Object.fromEntries(
          Object.entries(e.dataset)
            .filter(([k, v]) => k !== 'testid' && v !== '')
            .map(([k, v]) => [k, Number(v)]),
        ),
      ),
    );
    const status = await id('train.status').getAttribute('data-status');
    // Read at once: a locator would wait 30 s for a note most runs do not have.
    const note = await page.evaluate(() => document.querySelector('[data-testid="train.note"]')?.textContent ?? null);
    const error = status === 'error' ? await id('error.message').allTextContents() : null;
    return { rows, status, note, error };
  }

  /**
   * The tab's memory in MB: resident set of the renderer process that hosts the page and its
   * workers. It is the largest renderer in this browser's process tree (found by walking down from
   * this script); the headless UI's WebUI renderer and spare renderers are not the tab.
   */
  function tabMb() {
    const rows = execSync('ps -eo pid=,ppid=,rss=,args=')
      .toString()
      .trim()
      .split('\n')
      .map((l) => l.trim().split(/\s+/))
      .map(([pid, ppid, rss, ...a]) => ({ pid, ppid, rss: Number(rss), args: a.join(' ') }));
    const mine = new Set([String(process.pid)]);
    for (let grew = true; grew;) {
      grew = false;
      for (const r of rows)
        if (!mine.has(r.pid) && mine.has(r.ppid)) {
          mine.add(r.pid);
          grew = true;
        }
    }
    const renderers = rows.filter(
      (r) => mine.has(r.pid) && r.args.includes('--type=renderer') && !r.args.includes('--top-chrome-webui'),
    );
    return Math.max(0, ...renderers.map((r) => r.rss)) / 1024;
  }

  /**
   * JavaScript memory of the page and of its trainer worker in MB, from
   * performance.measureUserAgentSpecificMemory (the page is cross-origin isolated). Chromium
   * reports it after its next garbage collection, so the numbers are of live objects.
   */
  async function jsMemoryMb() {
    const m = await page.evaluate(() => performance.measureUserAgentSpecificMemory());
    const mb = (scope) =>
      m.breakdown
        .filter((b) => b.types.includes('JavaScript') && b.attribution.some((a) => a.scope === scope))
        .reduce((s, b) => s + b.bytes, 0) /
      2 ** 20;
    return { page: mb('Window'), worker: mb('DedicatedWorkerGlobalScope'), total: m.bytes / 2 ** 20 };
  }

  /** Milliseconds from navigation to the first contentful paint of the page now open. */
  const firstPaintMs = () =>
    page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null);

  async function close() {
    await browser.close();
    stopServer();
  }
  return { page, id, open, configure, train, results, tabMb, jsMemoryMb, firstPaintMs, close };
}
