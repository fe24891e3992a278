#!/usr/bin/env node
// Where the page's training workers spend their time, function by function: drives the built page (vite preview)
// in headless Chromium, trains a preset on the wasm backend and, after a warm-up, takes V8 CPU profiles of the
// trainer worker and each kernel helper over a few seconds. Prints one JSON line per worker: its profiled ms and
// its functions by self time, largest first ("wasm-function[N]" are the SIMD kernels, `serveKernels` a helper
// waiting for work). scripts/profile.ts shows a step kernel by kernel in Node; this shows the page's workers
// as they run, with the page's message handling, batching and tfjs's bookkeeping. Profiling slows a run by a
// few percent; compare shares, not samples/s. Not a test:
//   npx vite build && node scripts/profile_page.mjs [--case lenet5] [--dataset mnist] [--batch 64] [--secs 3]
//     [--top 25]
import { emit, startApp } from './appDriver.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const preset = opt('--case', 'lenet5');
const dataset = opt('--dataset', preset.startsWith('cifar') ? 'cifar10' : 'mnist');
const batch = opt('--batch', '64');
const secs = Number(opt('--secs', '3'));
const top = Number(opt('--top', '25'));

const app = await startApp({ port: 4196, build: false });
const { page, id, configure } = app;
await app.open();
await configure({ 'dataset.select': dataset });
await page.locator('[data-testid="dataset.status"][data-state="ready"]').waitFor({ timeout: 300000 });
await configure({
  'backend.select': 'wasm',
  'preset.select': preset,
  'hp.epochs': 3,
  'hp.batchSize': batch,
});

/**
 * Workers are targets nested under the page's (the kernel helpers under the trainer), which Playwright's CDP
 * session does not flatten: a command to one is wrapped in one `Target.sendMessageToTarget` per level, and its
 * answer comes back wrapped the same way.
 */
const cdp = await page.context().newCDPSession(page);
const targets = new Map(); // sessionId -> { url, path: sessionIds from the page down }
const waiting = new Map(); // command id -> resolve
let nextId = 1;
function send(path, method, params = {}) {
  const msgId = nextId++;
  return new Promise((resolve) => {
    waiting.set(msgId, resolve);
    let outer = { id: msgId, method, params };
    for (let i = path.length - 1; i >= 0; i--)
      outer = {
        id: nextId++,
        method: 'Target.sendMessageToTarget',
        params: { sessionId: path[i], message: JSON.stringify(outer) },
      };
    cdp.send(outer.method, outer.params).catch(() => {});
  });
}
function handle(path, m) {
  if (m.id !== undefined && waiting.has(m.id)) {
    waiting.get(m.id)(m.result ?? m.error);
    waiting.delete(m.id);
  } else if (m.method === 'Target.attachedToTarget') {
    const inner = [...path, m.params.sessionId];
    targets.set(m.params.sessionId, { url: m.params.targetInfo.url, path: inner });
    void send(inner, 'Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  } else if (m.method === 'Target.receivedMessageFromTarget') {
    const from = targets.get(m.params.sessionId);
    if (from) handle(from.path, JSON.parse(m.params.message));
  }
}
cdp.on('Target.attachedToTarget', (params) => handle([], { method: 'Target.attachedToTarget', params }));
cdp.on('Target.receivedMessageFromTarget', (params) =>
  handle([], { method: 'Target.receivedMessageFromTarget', params }),
);
await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });

const progress = async () => Number(await id('train.progress').getAttribute('aria-valuenow'));
await id('train.start').click();
// The warm-up: Chromium compiles the hot wasm to its optimising tier in the first seconds.
const warm = Math.max(Number(batch) * 50, 3000);
await page.waitForFunction(
  (n) => Number(document.querySelector('[data-testid="train.progress"]')?.getAttribute('aria-valuenow')) >= n,
  warm,
  { timeout: 300000 },
);
const workers = [...targets.values()].filter((t) => /trainer|kernelHelper/.test(t.url));
if (!workers.some((t) => /trainer/.test(t.url))) throw new Error('the trainer worker was not found');
for (const t of workers) {
  await send(t.path, 'Profiler.enable');
  await send(t.path, 'Profiler.setSamplingInterval', { interval: 100 });
}
const p0 = await progress();
const t0 = Date.now();
for (const t of workers) await send(t.path, 'Profiler.start');
await new Promise((r) => setTimeout(r, secs * 1000));
const profiles = [];
for (const t of workers)
  profiles.push({ url: t.url, path: t.path, profile: (await send(t.path, 'Profiler.stop')).profile });
emit({
  metric: 'page_profile_run',
  preset,
  dataset,
  batch: Number(batch),
  seconds: secs,
  samples_per_s: Math.round(((await progress()) - p0) / ((Date.now() - t0) / 1000)),
});

/** Reads an unsigned LEB128 number at `at` in `bytes`: [value, where the next field starts]. */
function leb(bytes, at) {
  let value = 0;
  for (let shift = 0; ; shift += 7) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return [value, at];
  }
}

/**
 * A wasm module's exported functions by function index (imports counted first, as V8's `wasm-function[N]`
 * counts them): the names its import and export sections give. Neither this project's kernels nor tfjs's
 * build keeps a name section, so a profile names their functions only by index. Written by hand: the two
 * sections' layout is a few lines of the wasm spec, and no package here reads them.
 */
function exportNames(bytes) {
  const names = new Map();
  let imported = 0;
  const text = (at) => {
    const [length, from] = leb(bytes, at);
    return [new TextDecoder().decode(bytes.subarray(from, from + length)), from + length];
  };
  for (let at = 8; at < bytes.length;) {
    const id = bytes[at];
    const [size, start] = leb(bytes, at + 1);
    let p = start;
    if (id === 2 || id === 7) {
      let count;
      [count, p] = leb(bytes, p);
      for (let e = 0; e < count; e++) {
        let name;
        if (id === 2) [, p] = text(p); // the import's module
        [name, p] = text(p);
        const kind = bytes[p++];
        if (id === 7) {
          let index;
          [index, p] = leb(bytes, p);
          if (kind === 0) names.set(index, name);
        } else if (kind === 0) {
          [, p] = leb(bytes, p); // its type
          imported++;
        } else if (kind === 1 || kind === 2) {
          if (kind === 1) p++; // a table's element type
          const flags = bytes[p++];
          [, p] = leb(bytes, p);
          if (flags & 1) [, p] = leb(bytes, p);
        } else p += 2; // a global's type and mutability
      }
    }
    at = start + size;
  }
  return { names, imported };
}

/**
 * Names for the wasm functions in a worker's profile: each wasm module's bytes (the debugger's script source)
 * read for its exports. The key: `url index`.
 */
async function wasmNames(path, profile) {
  const scripts = new Map();
  // A module compiled from bytes is wasm://wasm/<hash>; one compiled as it streams in (tfjs's) keeps its URL.
  for (const n of profile.nodes)
    if (/^wasm:\/\/|\.wasm$/.test(n.callFrame.url)) scripts.set(n.callFrame.url, n.callFrame.scriptId);
  if (scripts.size === 0) return new Map();
  await send(path, 'Debugger.enable');
  const names = new Map();
  for (const [url, scriptId] of scripts) {
    const source = await send(path, 'Debugger.getScriptSource', { scriptId });
    if (!source?.bytecode) continue;
    const bytes = Buffer.from(source.bytecode, 'base64');
    const { names: exported } = exportNames(bytes);
    // Which module: this project's kernels export gemm; others are named by their file (tfjs's, without
    // Vite's hash).
    const file = url.startsWith('wasm://')
      ? 'wasm'
      : url
          .split('/')
          .pop()
          .replace(/-[\w-]{8}\.wasm$/, '.wasm');
    const module = [...exported.values()].includes('gemm') ? 'kernels.wasm' : file;
    for (const [index, name] of exported) names.set(`${url} ${index}`, `${name} (${module})`);
    names.set(url, module);
  }
  await send(path, 'Debugger.disable');
  return names;
}

/** A V8 CPU profile's self time (µs) by function and place, wasm functions by their export names. */
function selfTimes(profile, wasm) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const label = ({ functionName, url, lineNumber }) => {
    const index = /^wasm-function\[(\d+)\]$/.exec(functionName)?.[1];
    if (index !== undefined)
      return wasm.get(`${url} ${index}`) ?? `${functionName} (${wasm.get(url) ?? 'wasm'}, not exported)`;
    return `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber}`;
  };
  // timeDeltas[i] is the time before sample i: sample i's own time is the next delta.
  profile.samples.forEach((nodeId, i) => {
    const key = label(byId.get(nodeId).callFrame);
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
  });
  return self;
}
for (const { url, path, profile } of profiles) {
  const self = selfTimes(profile, await wasmNames(path, profile));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  emit({
    metric: 'page_profile',
    worker: url
      .split('/')
      .pop()
      .replace(/-[\w-]{8}\.js$/, ''),
    profiled_ms: Math.round(total / 1000),
    functions: [...self]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([what, us]) => ({ what, ms: +(us / 1000).toFixed(1), share: +((100 * us) / total).toFixed(1) })),
  });
}
await app.close();
process.exit(0);
