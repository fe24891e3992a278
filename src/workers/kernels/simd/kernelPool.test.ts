import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from '../registry';
import { unloadSimdKernels, type SimdKernels } from './simdKernels';
import { Worker } from 'node:worker_threads';
import { BEAT_AT, BEATING_AT, PAGE_BUSY_BYTES } from '../../../shared/protocol';
import {
  MIN_SPLIT_WORK,
  PAGE_FRAME_WAIT_MS,
  SPLITS,
  newControl,
  poolCaller,
  stopHelpers,
  waitForPageFrame,
  waitForStuckPage,
  PAGE_STUCK_MS,
  PAGE_STUCK_WAIT_MS,
  yieldToPage,
  type HelperInit,
} from './kernelPool';
import { loadThreadedKernels } from '../../../../test/helpers/kernelThreads';
import { mulberry32 } from '../../../model/rng';
import { buildModel } from '../../../model/build';
import { presetLayers, type PresetId } from '../../../model/presets';
import { createOptimizer } from '../../../model/optimizers';
import { trainStep } from '../../../model/train';
import { stepBatch } from '../../../../scripts/lib/stepBatch';
import { loadTestKernels } from '../../../../test/helpers/simdKernels';

afterEach(() => unloadSimdKernels());

/** Fills `count` floats at `at` with seeded values in [-1, 1). */
function fill(k: SimdKernels, at: number, count: number, seed: number) {
  const r = mulberry32(seed);
  k.f32(at, count).forEach((_, i, a) => (a[i] = r() * 2 - 1));
}

/**
 * Each splittable kernel on a large input (so that it is split) and on a small one (so that it is not),
 * with the kernels `k`: the output floats. Inputs are seeded: the same for every `k`.
 */
function runAll(k: SimdKernels): Record<string, Float32Array> {
  const out: Record<string, Float32Array> = {};
  {
    // LeNet-5's conv2 at batch 64 (15M multiply-adds), and with 13 filters (a partial block of 8).
    for (const [n, oc] of [
      [64, 16],
      [7, 13],
    ]) {
      const [h, w, c, kh, kw] = [14, 14, 6, 5, 5];
      const [oh, ow, ocp] = [h - kh + 1, w - kw + 1, Math.ceil(oc / 8) * 8];
      const [xp, wp, bp, o] = k.scratch([n * h * w * c, kh * kw * c * ocp, ocp, n * oh * ow * oc]);
      fill(k, xp, n * h * w * c, 1);
      fill(k, wp, kh * kw * c * ocp, 2);
      fill(k, bp, ocp, 3);
      k.convForward(xp, wp, bp, o, n, oh, ow, h, w, kh, kw, c, oc, ocp, 1, 0, h);
      out[`convForward ${n}x${oc}`] = k.f32(o, n * oh * ow * oc).slice();
    }
  }
  {
    const [n, h, w, c, oc, kh, kw] = [64, 12, 12, 6, 16, 5, 5];
    const [oh, ow] = [h - kh + 1, w - kw + 1];
    const [xp, dy, o] = k.scratch([n * h * w * c, n * oh * ow * oc, kh * kw * c * oc]);
    fill(k, xp, n * h * w * c, 4);
    fill(k, dy, n * oh * ow * oc, 5);
    for (const six of [0, 1]) {
      k.filterGrad(xp, dy, o, n, oh, ow, h, w, kh, kw, c, oc, six);
      out[`filterGrad ${six}`] = k.f32(o, kh * kw * c * oc).slice();
    }
  }
  {
    const [n, oh, w4, oc, kh, kw] = [64, 28, 28, 6, 5, 5];
    const [ph, pw] = [oh + kh - 1, w4 + kw - 1];
    const [xp, dyT, o] = k.scratch([n * ph * pw, oc * n * oh * w4, kh * kw * oc]);
    fill(k, xp, n * ph * pw, 6);
    fill(k, dyT, oc * n * oh * w4, 7);
    k.filterGradC1(xp, dyT, o, n, oh, w4, ph, pw, oc, kh, kw);
    out.filterGradC1 = k.f32(o, kh * kw * oc).slice();
  }
  {
    // LeNet-5's conv2 input gradient at batch 64 (15M multiply-adds), and a padded one (taps falling outside).
    for (const [n, h, w, top, left] of [
      [64, 14, 14, 0, 0],
      [9, 12, 11, 2, 1],
    ]) {
      const [c, oc, kh, kw] = [6, 16, 5, 5];
      const [oh, ow] = [h - kh + 1 + 2 * top, w - kw + 1 + 2 * left];
      const taps = kh * kw * c;
      const [dy, wt, dx, cols] = k.scratch([n * oh * ow * oc, oc * taps, n * h * w * c, n * oh * ow * taps]);
      fill(k, dy, n * oh * ow * oc, 10);
      fill(k, wt, oc * taps, 11);
      k.convInputGrad(dy, wt, dx, cols, n, oh, ow, oc, kh, kw, c, h, w, top, left);
      out[`convInputGrad ${n}`] = k.f32(dx, n * h * w * c).slice();
    }
  }
  {
    const [n, h, w, c] = [128, 28, 28, 6];
    const [x, g, dx] = k.scratch([n * h * w * c, (n * h * w * c) / 4, n * h * w * c]);
    fill(k, x, n * h * w * c, 8);
    fill(k, g, (n * h * w * c) / 4, 9);
    k.maxPoolGrad2x2(x, g, dx, n, h, w, c, h / 2, w / 2);
    out.maxPoolGrad2x2 = k.f32(dx, n * h * w * c).slice();
  }
  for (const [ta, tb] of [
    [0, 0],
    [1, 0],
    [0, 1],
  ]) {
    const [m, kk, n] = [64, 400, 120];
    const [a, b, o] = k.scratch([m * kk, kk * n, m * n]);
    fill(k, a, m * kk, 10);
    fill(k, b, kk * n, 11);
    k.matMulSmall(a, b, o, m, kk, n, ta, tb);
    out[`matMulSmall ${ta}${tb}`] = k.f32(o, m * n).slice();
    if (tb) continue;
    k.gemm(a, b, o, m, kk, n, ta);
    out[`gemm ${ta}`] = k.f32(o, m * n).slice();
  }
  return out;
}

describe('kernel calls split over threads', () => {
  it('large calls are split and small ones are not (by the work each call reports)', () => {
    expect(SPLITS.convForward([0, 0, 0, 0, 64, 10, 10, 14, 14, 5, 5, 6, 16, 16, 1])).toEqual({
      range: 640,
      work: 64 * 10 * 10 * 5 * 5 * 6 * 16,
    });
    expect(SPLITS.convForward([0, 0, 0, 0, 1, 10, 10, 14, 14, 5, 5, 6, 16, 16, 1]).work).toBeLessThan(MIN_SPLIT_WORK);
    expect(SPLITS.filterGrad([0, 0, 0, 64, 8, 8, 12, 12, 5, 5, 6, 16, 0])).toEqual({
      range: 5 * 5 * 2,
      work: 64 * 8 * 8 * 5 * 5 * 6 * 16,
    });
    // Six channels in one block of six; ten in one of six and one of four.
    expect(SPLITS.filterGrad([0, 0, 0, 64, 8, 8, 12, 12, 5, 5, 6, 16, 1])).toEqual({
      range: 5 * 5,
      work: 64 * 8 * 8 * 5 * 5 * 6 * 16,
    });
    expect(SPLITS.filterGrad([0, 0, 0, 64, 8, 8, 12, 12, 5, 5, 10, 16, 1]).range).toBe(5 * 5 * 2);
    expect(() => newControl(0)).toThrow(/kernel threads/);
  });

  /** A 64 x 400 x 120 product in `memory` (a dense layer at batch 64): its pointers and the one-thread result. */
  async function gemmCase(memory: WebAssembly.Memory) {
    const bytes = readFileSync(new URL('./kernels-shared.wasm', import.meta.url));
    const module = await WebAssembly.compile(bytes);
    const e = (await WebAssembly.instantiate(module, { env: { memory } })).exports as unknown as Record<
      string,
      (...a: number[]) => void
    >;
    const [m, k, n] = [64, 400, 120];
    const f32 = (at: number, count: number) => new Float32Array(memory.buffer, at, count);
    const [a, b, o] = [1024, 1024 + m * k * 4 + 64, 1024 + (m * k + k * n) * 4 + 128];
    f32(a, m * k).forEach((_, i, v) => (v[i] = Math.sin(i)));
    f32(b, k * n).forEach((_, i, v) => (v[i] = Math.cos(i)));
    e.gemm(a, b, o, m, k, n, 0, 0, m);
    const expected = f32(o, m * n).slice();
    f32(o, m * n).fill(0);
    return { module, e, args: [a, b, o, m, k, n, 0], out: () => f32(o, m * n), expected };
  }

  it('a helper that never wakes costs nothing: the caller claims every chunk itself', async () => {
    const memory = new WebAssembly.Memory({ initial: 64, maximum: 16384, shared: true });
    const { e, args, out, expected } = await gemmCase(memory);
    // Two threads, but no helper started: nobody else claims a chunk.
    const call = poolCaller(e, newControl(2), 2);
    const t0 = performance.now();
    call('gemm', args);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(out()).toEqual(expected);
  });

  it('while the page is busy, calls run on the calling thread alone and wake no helper', async () => {
    const memory = new WebAssembly.Memory({ initial: 64, maximum: 16384, shared: true });
    const { e, args, out, expected } = await gemmCase(memory);
    const control = newControl(2);
    const wakes = () => Atomics.load(new Int32Array(control), 0);
    const flag = new SharedArrayBuffer(4);
    yieldToPage(flag);
    try {
      const call = poolCaller(e, control, 2);
      Atomics.store(new Int32Array(flag), 0, 1);
      call('gemm', args);
      expect(wakes()).toBe(0);
      expect(out()).toEqual(expected);
      out().fill(0);
      Atomics.store(new Int32Array(flag), 0, 0);
      call('gemm', args);
      expect(wakes()).toBe(1);
      expect(out()).toEqual(expected);
    } finally {
      yieldToPage(null);
    }
  });

  it('between steps, waits for a large frame of the page to be painted, and only for that', () => {
    const flag = new SharedArrayBuffer(4);
    const up = new Int32Array(flag);
    expect(waitForPageFrame()).toBe(false);
    yieldToPage(flag);
    try {
      expect(waitForPageFrame()).toBe(false);
      // An ordinary frame: the helpers sleep, the trainer goes on.
      Atomics.store(up, 0, 1);
      const t0 = performance.now();
      expect(waitForPageFrame()).toBe(false);
      // A large one (nobody lowers the flag here: the wait ends at its limit).
      Atomics.store(up, 0, 2);
      expect(waitForPageFrame()).toBe(true);
      expect(performance.now() - t0).toBeGreaterThanOrEqual(PAGE_FRAME_WAIT_MS - 1);
    } finally {
      yieldToPage(null);
    }
  });

  it('between steps, waits for a page whose heartbeat stopped moving, once each time it is stuck', async () => {
    const flag = new SharedArrayBuffer(PAGE_BUSY_BYTES);
    const view = new Int32Array(flag);
    expect(waitForStuckPage(0)).toBe(false);
    yieldToPage(flag);
    try {
      // Not beating (no run, or a hidden page): a still count means nothing.
      expect(waitForStuckPage(0)).toBe(false);
      expect(waitForStuckPage(1000)).toBe(false);
      Atomics.store(view, BEATING_AT, 1);
      expect(waitForStuckPage(1000)).toBe(false);
      // Beating: a count that moves is a free page.
      Atomics.add(view, BEAT_AT, 1);
      expect(waitForStuckPage(1000 + PAGE_STUCK_MS)).toBe(false);
      expect(waitForStuckPage(1000 + 2 * PAGE_STUCK_MS - 1)).toBe(false);
      // Still for PAGE_STUCK_MS: stuck (nobody beats here: the wait ends at its limit).
      const t0 = performance.now();
      expect(waitForStuckPage(1000 + 2 * PAGE_STUCK_MS)).toBe(true);
      expect(performance.now() - t0).toBeGreaterThanOrEqual(PAGE_STUCK_WAIT_MS - 1);
      // Still stuck after the wait: the trainer goes on until the page beats again.
      expect(waitForStuckPage(5000)).toBe(false);
      Atomics.add(view, BEAT_AT, 1);
      expect(waitForStuckPage(5000)).toBe(false);
      // A beat (from another thread: this one blocks while it waits) ends the wait at once.
      const page = new Worker(
        `const { workerData: f, parentPort } = require('node:worker_threads');
         const v = new Int32Array(f);
         parentPort.postMessage('ready');
         setTimeout(() => { Atomics.add(v, ${BEAT_AT}, 1); Atomics.notify(v, ${BEAT_AT}); }, 20);`,
        { eval: true, workerData: flag },
      );
      try {
        await new Promise((resolve) => page.once('message', resolve));
        const t1 = performance.now();
        expect(waitForStuckPage(5000 + PAGE_STUCK_MS)).toBe(true);
        expect(performance.now() - t1).toBeLessThan(PAGE_STUCK_WAIT_MS - 20);
      } finally {
        await page.terminate();
      }
    } finally {
      yieldToPage(null);
    }
  });

  it('a helper whose chunk fails costs a second pass, not the result: the caller does the call itself and splits no more', async () => {
    const memory = new WebAssembly.Memory({ initial: 64, maximum: 16384, shared: true });
    const { module, e, args, out, expected } = await gemmCase(memory);
    const control = newControl(2);
    // A helper on a memory of one page: every chunk it claims reads out of bounds and traps.
    const worker = new Worker(new URL('../../../../test/helpers/kernelHelperNode.mjs', import.meta.url));
    const small = new WebAssembly.Memory({ initial: 1, maximum: 16384, shared: true });
    const ready = new Promise((resolve) => worker.once('message', resolve));
    worker.postMessage({ module, memory: small, control, index: 1 } satisfies HelperInit);
    await ready;
    try {
      const call = poolCaller(e, control, 2);
      // Until the helper has claimed (and failed) a chunk, calls may finish without it.
      for (let i = 0; i < 200 && !Atomics.load(new Int32Array(control), 3); i++) {
        call('gemm', args);
        expect(out()).toEqual(expected);
        out().fill(0);
      }
      expect(Atomics.load(new Int32Array(control), 3)).toBe(1);
      call('gemm', args);
      expect(out()).toEqual(expected);
    } finally {
      stopHelpers(control);
      await worker.terminate();
    }
  });

  it.each([
    [2, 'plain'],
    [3, 'plain'],
    [2, 'relaxed'],
  ] as const)(
    'give the same floats on %i threads as on one (each output computed as one thread does; %s build)',
    async (t, build) => {
      const one = await loadTestKernels('inPlace', build);
      const expected = runAll(one!);
      const k = await loadThreadedKernels(t, build);
      expect(k?.threads).toBe(t);
      const actual = runAll(k!);
      expect(Object.keys(actual)).toEqual(Object.keys(expected));
      for (const name of Object.keys(expected)) {
        expect(actual[name], name).toEqual(expected[name]);
        expect(
          expected[name].reduce((m, v) => Math.max(m, Math.abs(v)), 0),
          name,
        ).toBeGreaterThan(0.5);
      }
    },
  );

  it.each(['lenet5', 'cifar-lenet', 'compact-cnn'] as const)(
    "%s: one training step's weights come out the same on 1 and 2 threads",
    async (preset: PresetId) => {
      await tf.setBackend('wasm');
      registerWasmTrainingKernels();
      const step = () => {
        const { shape, xs, ys } = stepBatch(preset, 32);
        const model = buildModel({ inputShape: shape, classes: 10, layers: presetLayers(preset) }, 7);
        const optimizer = createOptimizer('sgd', 0.1);
        tf.dispose(trainStep(model, optimizer, xs, ys, { loss: 'crossEntropy' }));
        const weights = model.getWeights().map((w) => w.dataSync().slice());
        tf.dispose([xs, ys]);
        model.dispose();
        return weights;
      };
      await loadTestKernels();
      const initial = (() => {
        const { shape } = stepBatch(preset, 1);
        const m = buildModel({ inputShape: shape, classes: 10, layers: presetLayers(preset) }, 7);
        const w = m.getWeights().map((t) => t.dataSync().slice());
        m.dispose();
        return w;
      })();
      const expected = step();
      await loadThreadedKernels(2);
      const actual = step();
      expect(actual.length).toBe(expected.length);
      // The step moved the weights, and both thread counts moved them alike (within 1e-5 relative).
      expect(expected.some((w, i) => w.some((v, j) => v !== initial[i][j]))).toBe(true);
      actual.forEach((w, i) =>
        w.forEach((v, j) => expect(Math.abs(v - expected[i][j])).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(v)))),
      );
    },
  );
});
