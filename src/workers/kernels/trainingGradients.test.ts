import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { unloadSimdKernels } from './simd/simdKernels';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from './registry';
import { buildModel } from '../../model/build';
import { withHiddenActivation, type LayerSpec } from '../../model/spec';
import { lenet5, presetLayers, PRESETS } from '../../model/presets';
import { mulberry32 } from '../../model/rng';
import { KERNEL_CASES, loadTestKernels } from '../../../test/helpers/simdKernels';

/**
 * Loss gradients for every trainable weight on one batch of random images, on the current
 * backend. Random pixels avoid exact ties in max pooling, where backends may legitimately
 * route the gradient to different (equal) inputs.
 */
function gradients(layers: LayerSpec[], inputShape: [number, number, number] = [28, 28, 1]): Float32Array[] {
  const model = buildModel({ inputShape, classes: 10, layers }, 5);
  const rand = mulberry32(9);
  const size = inputShape[0] * inputShape[1] * inputShape[2];
  const xs = tf.tensor4d(Float32Array.from({ length: 16 * size }, rand), [16, ...inputShape]);
  const ys = tf
    .oneHot(
      tf.tensor1d(
        Array.from({ length: 16 }, (_, i) => i % 10),
        'int32',
      ),
      10,
    )
    .toFloat();
  const { grads } = tf.variableGrads(
    () => tf.losses.softmaxCrossEntropy(ys, model.apply(xs, { training: true }) as tf.Tensor) as tf.Scalar,
  );
  const out = model.trainableWeights.map((w) => grads[w.originalName].dataSync() as Float32Array);
  tf.dispose([xs, ys, ...Object.values(grads)]);
  model.dispose();
  return out;
}

async function expectSameOnWasm(layers: LayerSpec[], inputShape?: [number, number, number]) {
  await tf.setBackend('cpu');
  const expected = gradients(layers, inputShape);
  await tf.setBackend('wasm');
  const actual = gradients(layers, inputShape);
  expect(actual.length).toBe(expected.length);
  expect(actual.length).toBeGreaterThan(0);
  // A bias feeding a BatchNorm has a true gradient of 0; compare it on an absolute floor.
  const maxAbs = (a: Float32Array) => a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  actual.forEach((g, i) => {
    const scale = Math.max(1e-3, maxAbs(expected[i]));
    const maxErr = g.reduce((m, v, j) => Math.max(m, Math.abs(v - expected[i][j])), 0);
    expect(maxErr / scale, `weight ${i}`).toBeLessThan(1e-3);
  });
}

describe('every kernel training needs works on wasm', () => {
  beforeAll(() => registerWasmTrainingKernels());

  it.each([
    ['relu', 'max'],
    ['sigmoid', 'avg'],
    ['tanh', 'max'],
    ['tanh', 'avg'],
    ['sigmoid', 'max'],
    ['relu', 'avg'],
  ] as const)('LeNet-5 %s/%s gradients match the cpu backend', (act, pool) => expectSameOnWasm(lenet5(act, pool)));

  it.each(['lecunTanh', 'leakyRelu'] as const)('LeNet-5 with %s matches the cpu backend', (act) =>
    expectSameOnWasm(withHiddenActivation(lenet5(), act)),
  );

  it.each(PRESETS.map((p) => p.id))('preset %s matches the cpu backend', (id) =>
    expectSameOnWasm(presetLayers(id), id === 'cifar-lenet' ? [32, 32, 3] : [28, 28, 1]),
  );
});

// In tfjs's memory (the page's) and in a memory of their own (when their threads cannot share tfjs's); plain
// and relaxed (fused multiply-add) builds.
describe.each(KERNEL_CASES)('with the SIMD kernels loaded (%s, %s build)', (mode, build) => {
  beforeAll(async () => {
    registerWasmTrainingKernels();
    expect(await loadTestKernels(mode, build)).not.toBeNull();
  });
  afterAll(() => unloadSimdKernels());

  it.each([
    ['relu', 'max'],
    ['sigmoid', 'avg'],
    ['tanh', 'max'],
  ] as const)('LeNet-5 %s/%s gradients match the cpu backend', (act, pool) => expectSameOnWasm(lenet5(act, pool)));
});
