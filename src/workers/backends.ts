import { simdKernels, simdKernelsFor } from './kernels/simd/simdKernels';
import * as tf from '@tensorflow/tfjs';
import type { BackendName, ProbeResult } from '../shared/protocol';
import type { ModelSpec } from '../model/spec';
import { buildModel } from '../model/build';
import { trainStep } from '../model/train';
import { softwareRenderer } from './softwareGpu';

/** Probe order; WebGPU is preferred on ties, so it is listed first. */
export const BACKENDS: BackendName[] = ['webgpu', 'wasm', 'webgl', 'cpu'];

/**
 * tfjs's backend is global to the worker and starting one is async: a second tf.setBackend while the first
 * is still starting makes tfjs drop the first start, and that call returns false. A model load's
 * "wasm, else cpu" and a run's explicit wasm arriving together so left the run training on the cpu backend
 * (~60x slower) while the page said wasm. Every backend change in a worker runs through this queue, one
 * at a time: `task` starts when the changes before it have finished.
 */
let queue: Promise<unknown> = Promise.resolve();
export function backendTask<T>(task: () => Promise<T>): Promise<T> {
  const p = queue.then(task);
  queue = p.catch(() => undefined);
  return p;
}

/** Switches tfjs to `name` (in turn: {@link backendTask}); returns an error text when it cannot start here. */
export function useBackend(name: BackendName): Promise<string | null> {
  return backendTask(() => switchBackend(name));
}

/** {@link useBackend} without the queue: only inside a {@link backendTask}. */
export async function switchBackend(name: BackendName): Promise<string | null> {
  if (!tf.findBackendFactory(name)) return 'not included in this build';
  if (name === 'webgpu' && !(globalThis.navigator as { gpu?: unknown } | undefined)?.gpu) {
    return 'WebGPU is not available in this browser';
  }
  try {
    const ok = await tf.setBackend(name);
    await tf.ready();
    // Train with this project's kernels from the first step (they load into the backend's memory, and start
    // their threads, once).
    if (name === 'wasm') await simdKernelsFor(tf.backend());
    return ok ? null : `${name} failed to initialise in this browser`;
  } catch (e) {
    return `${name} failed to initialise: ${(e as Error).message}`;
  }
}

/**
 * The threads `name` trains with once it runs: on wasm, the threads this project's kernels split their
 * large calls over (1 until they load, or where the page cannot share memory); 1 for the cpu backend,
 * null for the GPU backends (their work runs on the GPU).
 */
export function trainingThreads(name: BackendName): number | null {
  if (name === 'cpu') return 1;
  if (name !== 'wasm') return null;
  return simdKernels()?.threads ?? 1;
}

/** Batch for timing: real samples, so speed reflects the real run. */
export type BatchMaker = () => { xs: tf.Tensor4D; ys: tf.Tensor2D };

/**
 * Times real training steps of `spec` on the current backend: one warm-up step (shader
 * compilation, kernel set-up), then steps until ~1 s or 3 steps. Returns samples/s.
 */
export async function timeTraining(spec: ModelSpec, makeBatch: BatchMaker, seed: number): Promise<number> {
  const model = buildModel(spec, seed);
  const optimizer = tf.train.adam(1e-3);
  const { xs, ys } = makeBatch();
  const run = async () => {
    const [loss, acc] = trainStep(model, optimizer, xs, ys);
    await loss.data();
    loss.dispose();
    acc.dispose();
  };
  try {
    await run();
    const t0 = performance.now();
    let steps = 0;
    while (steps < 3 && (steps === 0 || performance.now() - t0 < 1000)) {
      await run();
      steps++;
    }
    return (steps * xs.shape[0]) / ((performance.now() - t0) / 1000);
  } finally {
    xs.dispose();
    ys.dispose();
    optimizer.dispose();
    model.dispose();
  }
}

/** Why `backend` is not timed here, or null to time it: a GPU backend on a software renderer is skipped. */
export async function softwareSkip(backend: BackendName): Promise<string | null> {
  const renderer = await softwareRenderer(backend);
  return renderer
    ? `skipped: runs on a software renderer (${renderer}), far slower than wasm on this CPU; pick it by hand to try it`
    : null;
}

/**
 * Measures every backend and picks the fastest that can train `spec`, preferring WebGPU when
 * it is at least as fast. `onResult` sees each result as it lands. Leaves tfjs on the winner.
 * `skip` says why a backend is not timed at all (by default: a GPU backend on a software renderer).
 */
export async function probeBackends(
  spec: ModelSpec,
  makeBatch: BatchMaker,
  seed: number,
  onResult: (results: ProbeResult[]) => void,
  skip: (backend: BackendName) => Promise<string | null> = softwareSkip,
): Promise<{ chosen: BackendName; results: ProbeResult[] }> {
  const results: ProbeResult[] = [];
  for (const backend of BACKENDS) {
    const skipped = await skip(backend);
    const err = skipped ?? (await useBackend(backend));
    if (err) {
      results.push({ backend, samplesPerSec: null, note: err });
    } else {
      try {
        results.push({ backend, samplesPerSec: await timeTraining(spec, makeBatch, seed), note: '' });
      } catch (e) {
        results.push({ backend, samplesPerSec: null, note: `cannot train this model: ${(e as Error).message}` });
      }
    }
    onResult(results.slice());
  }
  return finishProbe(results);
}

/** Picks the winner from probe results and writes a reason for every other backend. */
export function finishProbe(results: ProbeResult[]): { chosen: BackendName; results: ProbeResult[] } {
  const working = results.filter((r) => r.samplesPerSec !== null);
  if (working.length === 0) throw new Error('No backend could train this model in this browser.');
  const best = working.reduce((a, b) => (b.samplesPerSec! > a.samplesPerSec! ? b : a));
  const gpu = working.find((r) => r.backend === 'webgpu');
  const chosen = gpu && gpu.samplesPerSec! >= best.samplesPerSec! ? gpu : best;
  const rate = (v: number) => `${Math.round(v).toLocaleString('en-US')} samples/s`;
  const out = results.map((r) => ({
    ...r,
    note:
      r === chosen
        ? `chosen: fastest at ${rate(r.samplesPerSec!)}`
        : r.samplesPerSec === null
          ? r.note
          : `slower: ${rate(r.samplesPerSec)} vs ${rate(chosen.samplesPerSec!)} on ${chosen.backend}`,
  }));
  return { chosen: chosen.backend, results: out };
}
