// Training steps on 1 kernel thread against N, in one process, alternating timed windows so that the
// machine's load falls on both alike (Node worker_threads as the page's helper workers). Prints the
// median step of each side and their ratio. Not a test; a tool for claims about threads.
//   npx tsx scripts/threads_ab.ts [--case lenet5] [--batch 64] [--threads 2] [--rounds 6]
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from '../src/workers/kernels/registry';
import { shareTapeSaves } from '../src/model/tapeSaves';
import { unloadSimdKernels } from '../src/workers/kernels/simd/simdKernels';
import { buildModel } from '../src/model/build';
import { presetLayers, type PresetId } from '../src/model/presets';
import { createOptimizer } from '../src/model/optimizers';
import { trainStep } from '../src/model/train';
import { stepBatch } from './lib/stepBatch';
import { loadThreadedKernels } from '../test/helpers/kernelThreads';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const preset = opt('--case', 'lenet5') as PresetId;
const batch = Number(opt('--batch', '64'));
const threads = Number(opt('--threads', '2'));
const rounds = Number(opt('--rounds', '6'));

await tf.setBackend('wasm');
registerWasmTrainingKernels();
shareTapeSaves();
const { shape, xs, ys } = stepBatch(preset, batch);
const model = buildModel({ inputShape: shape, classes: 10, layers: presetLayers(preset) }, 1);
const is1998 = preset === 'lenet5-1998';
const optimizer = createOptimizer(is1998 ? 'sgd' : 'adam', 1e-3);
const step = () => tf.dispose(trainStep(model, optimizer, xs, ys, { loss: is1998 ? 'mse' : 'crossEntropy' }));
const steps = batch === 1 ? 300 : batch <= 16 ? 60 : 15;
const times: Record<number, number[]> = { 1: [], [threads]: [] };
for (let r = 0; r < rounds; r++) {
  for (const t of [1, threads]) {
    if (!(await loadThreadedKernels(t))) throw new Error(`could not start ${t} kernel threads`);
    for (let i = 0; i < 3; i++) step();
    const t0 = performance.now();
    for (let i = 0; i < steps; i++) step();
    times[t].push((performance.now() - t0) / steps);
    unloadSimdKernels();
  }
}
const median = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];
const [one, many] = [median(times[1]), median(times[threads])];
console.log(
  JSON.stringify({
    metric: 'threads_ab',
    case: preset,
    batch,
    threads,
    step_ms_1: +one.toFixed(3),
    [`step_ms_${threads}`]: +many.toFixed(3),
    speedup: +(one / many).toFixed(2),
    samples_per_sec_1: Math.round((batch * 1000) / one),
    [`samples_per_sec_${threads}`]: Math.round((batch * 1000) / many),
  }),
);
// The kernel threads would keep Node running.
process.exit(0);
