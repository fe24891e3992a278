// A training step of older code against this checkout's, in one process, alternating timed windows so that
// the machine's load (other runs, tests) falls on both alike. Prints the median of the per-round ratios
// (old time / new time) and each side's best and median step. Not a test; a tool for before/after claims.
//   git worktree add --detach ../old <commit> && ln -s "$PWD/node_modules" ../old/ && (cd ../old && npm run build:wasm)
//   npx tsx scripts/step_ab.ts --old ../old [--case lenet5-1998] [--batch 1] [--rounds 16]
// Both sides share one tfjs engine: the old side runs with tfjs's own tape saves (engine.clone) and without
// the tanh/sigmoid gradient kernel, which this checkout adds globally; other kernels are this checkout's.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from '../src/workers/kernels/registry';
import { loadSimdKernels } from '../src/workers/kernels/simd/simdKernels';
import { buildModel } from '../src/model/build';
import { presetLayers, type PresetId } from '../src/model/presets';
import { createOptimizer } from '../src/model/optimizers';
import { trainStep } from '../src/model/train';
import { shareTapeSaves } from '../src/model/tapeSaves';
import { ACTIVATION_GRAD } from '../src/model/activationGradient';
import { stepBatch } from './lib/stepBatch';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const oldRoot = resolve(opt('--old', ''));
const preset = opt('--case', 'lenet5-1998') as PresetId;
const batch = Number(opt('--batch', '1'));
const rounds = Number(opt('--rounds', '16'));
const old = {
  build: (await import(`${oldRoot}/src/model/build.ts`)).buildModel as typeof buildModel,
  optimizer: (await import(`${oldRoot}/src/model/optimizers.ts`)).createOptimizer as typeof createOptimizer,
  step: (await import(`${oldRoot}/src/model/train.ts`)).trainStep as typeof trainStep,
};

await tf.setBackend('wasm');
registerWasmTrainingKernels();
await loadSimdKernels(readFileSync('src/workers/kernels/simd/kernels.wasm'));
const engine = tf.engine() as unknown as { clone: unknown };
const tfjsClone = engine.clone;
shareTapeSaves();
const sharedClone = engine.clone;
const activationGrad = tf.getKernel(ACTIVATION_GRAD, 'wasm')!;
const asOld = () => {
  engine.clone = tfjsClone;
  if (tf.getKernel(ACTIVATION_GRAD, 'wasm')) tf.unregisterKernel(ACTIVATION_GRAD, 'wasm');
};
const asNew = () => {
  engine.clone = sharedClone;
  if (!tf.getKernel(ACTIVATION_GRAD, 'wasm')) tf.registerKernel(activationGrad);
};

const is1998 = preset === 'lenet5-1998';
const { shape, xs, ys } = stepBatch(preset, batch);
const side = (s: { build: typeof buildModel; optimizer: typeof createOptimizer; step: typeof trainStep }) => {
  const model = s.build({ inputShape: shape, classes: 10, layers: presetLayers(preset) }, 1);
  const o = s.optimizer(is1998 ? 'sgd' : preset === 'compact-cnn' ? 'momentum' : 'adam', 1e-3);
  return () => tf.dispose(s.step(model, o, xs, ys, { loss: is1998 ? 'mse' : 'crossEntropy' }));
};
const oldStep = side(old);
const newStep = side({ build: buildModel, optimizer: createOptimizer, step: trainStep });
const steps = batch === 1 ? 300 : batch <= 16 ? 40 : 8;
const time = (f: () => void) => {
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) f();
  return (performance.now() - t0) / steps;
};
asOld();
for (let i = 0; i < 30; i++) oldStep();
asNew();
for (let i = 0; i < 30; i++) newStep();
const olds: number[] = [];
const news: number[] = [];
for (let r = 0; r < rounds; r++) {
  asOld();
  olds.push(time(oldStep));
  asNew();
  news.push(time(newStep));
}
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const ms = (v: number) => +v.toFixed(3);
console.log(
  JSON.stringify({
    metric: 'step_ab',
    case: preset,
    batch,
    speedup_median: +median(olds.map((o, i) => o / news[i])).toFixed(3),
    old_best_ms: ms(Math.min(...olds)),
    new_best_ms: ms(Math.min(...news)),
    old_median_ms: ms(median(olds)),
    new_median_ms: ms(median(news)),
  }),
);
