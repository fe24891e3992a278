// Where a training step's time goes, kernel by kernel, on tfjs's wasm backend with this project's kernels,
// in Node (the same V8 and the same wasm as the page's worker, one thread). Prints one JSON line per case:
// samples/s of whole steps, then every kernel's share of a profiled step, largest first.
//   npx tsx scripts/profile.ts [--case lenet5|lenet5-1998|cifar-lenet|compact-cnn] [--batch 64] [--steps 40]
//     [--detail Multiply]   also every call of that kernel: its time and input shapes
//     [--threads 2]         this project's kernels split over that many threads (worker_threads), as in the page
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from '../src/workers/kernels/registry';
import { shareTapeSaves } from '../src/model/tapeSaves';
import { loadSimdKernels, tfHeap } from '../src/workers/kernels/simd/simdKernels';
import { buildModel } from '../src/model/build';
import { presetLayers, type PresetId } from '../src/model/presets';
import { createOptimizer } from '../src/model/optimizers';
import { trainStep, type LossId } from '../src/model/train';
import { stepBatch } from './lib/stepBatch';
import { loadThreadedKernels } from '../test/helpers/kernelThreads';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const preset = opt('--case', 'lenet5') as PresetId;
const batch = Number(opt('--batch', '64'));
const steps = Number(opt('--steps', batch === 1 ? '400' : '40'));
const loss: LossId = preset === 'lenet5-1998' ? 'mse' : 'crossEntropy';

await tf.setBackend('wasm');
registerWasmTrainingKernels();
shareTapeSaves();
const threads = Number(opt('--threads', '1'));
if (threads > 1) {
  if (!(await loadThreadedKernels(threads))) throw new Error(`could not start ${threads} kernel threads`);
} else
  await loadSimdKernels(
    readFileSync('src/workers/kernels/simd/kernels.wasm'),
    args.includes('--copies') ? null : tfHeap(tf.backend()),
  );
const { shape, xs, ys } = stepBatch(preset, batch);
const model = buildModel({ inputShape: shape, classes: 10, layers: presetLayers(preset) }, 1);
const optimizer = createOptimizer(preset === 'lenet5-1998' ? 'sgd' : 'adam', 1e-3);
const step = () => tf.dispose(trainStep(model, optimizer, xs, ys, { loss }));

for (let i = 0; i < 10; i++) step();
const t0 = performance.now();
for (let i = 0; i < steps; i++) step();
const ms = (performance.now() - t0) / steps;
const info = await tf.profile(step);
const byKernel = new Map<string, { ms: number; calls: number }>();
for (const k of info.kernels) {
  const e = byKernel.get(k.name) ?? { ms: 0, calls: 0 };
  e.ms += Number(k.kernelTimeMs);
  e.calls += 1;
  byKernel.set(k.name, e);
}
const kernelMs = [...byKernel.values()].reduce((a, e) => a + e.ms, 0);
console.log(
  JSON.stringify({
    metric: 'step_profile',
    case: preset,
    batch,
    threads,
    samples_per_sec: Math.round((batch * 1000) / ms),
    step_ms: +ms.toFixed(3),
    kernel_calls: info.kernels.length,
    kernels_ms: +kernelMs.toFixed(3),
    kernels: [...byKernel.entries()]
      .sort((a, b) => b[1].ms - a[1].ms)
      .map(([name, e]) => `${name} ×${e.calls}: ${e.ms.toFixed(3)} ms`),
    ...(args.includes('--detail')
      ? {
          detail: info.kernels
            .filter((k) => k.name === opt('--detail', ''))
            .sort((a, b) => Number(b.kernelTimeMs) - Number(a.kernelTimeMs))
            .map((k) => `${Number(k.kernelTimeMs).toFixed(3)} ms ${JSON.stringify(k.inputShapes)}`),
        }
      : {}),
  }),
);
// The kernel threads (worker_threads) would keep Node running.
process.exit(0);
