#!/usr/bin/env node
// Where the page's CPU goes while it trains: drives the built page (vite preview) in headless Chromium, trains
// LeNet-5 at batch 64 on the wasm backend, and after a warm-up reads every Chromium thread's CPU time from
// /proc over 10 s. Prints samples/s and each thread's share of a core (the trainer and each kernel helper are
// "DedicatedWorker" threads, V8's background work "ThreadPoolForeg", the page "chromium"). Linux only; not a
// test. A tool for claims about threads in the page:
//   npx vite build && node scripts/page_threads.mjs [threads]   (threads: the "WASM threads" choice; default: the page's)
import { readFileSync, readdirSync } from 'node:fs';
import { startApp } from './appDriver.mjs';

const threads = process.argv[2] ?? null;
const app = await startApp({ port: 4198, build: false });
const { page, id, configure } = app;
await app.open();
if (threads) {
  await configure({ 'backend.threads': threads });
  await page.locator('[data-testid="dataset.status"][data-state="ready"]').waitFor({ timeout: 120000 });
}
await configure({ 'backend.select': 'wasm', 'hp.trainSize': 60000, 'hp.epochs': 3, 'hp.batchSize': 64 });
await id('train.start').click();
const progress = async () => Number(await id('train.progress').getAttribute('aria-valuenow'));
await page.waitForFunction(
  () => Number(document.querySelector('[data-testid="train.progress"]')?.getAttribute('aria-valuenow')) >= 3000,
  null,
  { timeout: 300000 },
);

/** CPU clock ticks so far of every thread of every Chromium process, by pid/tid, with a readable name. */
function ticks() {
  const out = new Map();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let cmd, tasks;
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('chromium')) continue;
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    const type = (cmd.match(/--type=([\w-]+)/) ?? [null, 'browser'])[1];
    for (const t of tasks) {
      try {
        const s = readFileSync(`/proc/${pid}/task/${t}/stat`, 'utf8');
        const comm = s.slice(s.indexOf('(') + 1, s.lastIndexOf(')'));
        const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
        // Each worker thread apart (they share a name); other threads summed by name.
        const name = `${type}:${comm}${comm.startsWith('DedicatedWorker') ? `:${t}` : ''}`;
        out.set(`${pid}/${t}`, { name, ticks: Number(f[11]) + Number(f[12]) });
      } catch {
        /* the thread ended */
      }
    }
  }
  return out;
}

const [p0, a, t0] = [await progress(), ticks(), Date.now()];
await page.waitForTimeout(10000);
const [p1, b, secs] = [await progress(), ticks(), (Date.now() - t0) / 1000];
const byName = new Map();
for (const [k, v] of b) {
  const d = v.ticks - (a.get(k)?.ticks ?? 0);
  if (d > 0) byName.set(v.name, (byName.get(v.name) ?? 0) + d);
}
const badge = id('backend.badge');
console.log(
  JSON.stringify({
    metric: 'page_threads',
    backend: await badge.getAttribute('data-backend'),
    threads: Number(await badge.getAttribute('data-threads')) || null,
    samples_per_sec: Math.round((p1 - p0) / secs),
    // Clock ticks are 1/100 s: ticks / secs is a percentage of one core.
    cpu_percent: Object.fromEntries(
      [...byName]
        .sort((x, y) => y[1] - x[1])
        .slice(0, 8)
        .map(([n, d]) => [n, Math.round(d / secs)]),
    ),
  }),
);
await id('train.stop').click();
await app.close();
process.exit(0);
