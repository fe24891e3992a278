import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from './registry';
import { buildModel } from '../../model/build';
import { presetLayers, type PresetId } from '../../model/presets';
import { applyLayers } from '../../model/forward';
import { BIAS_ADD } from '../../model/biasAdd';
import { mulberry32 } from '../../model/rng';

/** Every weight's gradient of a cross-entropy loss through applyLayers, on the current backend. */
function gradients(preset: PresetId, batch: number): Float32Array[] {
  const model = buildModel({ inputShape: [28, 28, 1], classes: 10, layers: presetLayers(preset) }, 3);
  const rand = mulberry32(batch);
  const xs = tf.tensor4d(Float32Array.from({ length: batch * 784 }, rand), [batch, 28, 28, 1]);
  const ys = tf
    .oneHot(
      tf.tensor1d(
        Array.from({ length: batch }, (_, i) => (i * 7) % 10),
        'int32',
      ),
      10,
    )
    .toFloat();
  const { grads } = tf.variableGrads(
    () => tf.losses.softmaxCrossEntropy(ys, applyLayers(model as tf.Sequential, xs, true)) as tf.Scalar,
  );
  const out = model.trainableWeights.map((w) => grads[w.originalName].dataSync() as Float32Array);
  tf.dispose([xs, ys, ...Object.values(grads)]);
  model.dispose();
  return out;
}

it.each([
  ['lenet5-1998', 1],
  ['lenet5-1998', 16],
  ['mlp', 5],
] as const)(
  '%s at batch %i: dense bias adds in one kernel, gradients as tf.add gives on cpu',
  async (preset, batch) => {
    await tf.setBackend('cpu');
    const expected = gradients(preset, batch);
    registerWasmTrainingKernels();
    await tf.setBackend('wasm');
    const kernels = (await tf.profile(() => tf.dispose(gradients(preset, batch).length))).kernels.map((k) => k.name);
    expect(kernels.filter((k) => k === BIAS_ADD)).toHaveLength(3); // three dense layers, each with a bias
    const actual = gradients(preset, batch);
    expect(actual).toHaveLength(expected.length);
    actual.forEach((g, i) => {
      const scale = Math.max(1e-3, ...Array.from(expected[i], Math.abs));
      const err = Math.max(...Array.from(g, (v, j) => Math.abs(v - expected[i][j])));
      expect(err / scale, `weight ${i}`).toBeLessThan(1e-4);
    });
  },
);
