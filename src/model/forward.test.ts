import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { buildModel } from './build';
import { PRESETS, presetLayers } from './presets';
import { applyLayers, inferLogits } from './forward';
import { mulberry32 } from './rng';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('applyLayers', () => {
  // Two models from one seed: one through model.apply, one through applyLayers; dropout draws its k-th mask
  // from seed + k, so both see the same masks, and BatchNorm updates its moving statistics in both.
  it.each(PRESETS.map((p) => p.id))('%s: the same outputs, gradients and moving statistics as model.apply', (id) => {
    const shape: [number, number, number] = id === 'cifar-lenet' ? [32, 32, 3] : [28, 28, 1];
    const spec = { inputShape: shape, classes: 10, layers: presetLayers(id) };
    const [a, b] = [buildModel(spec, 7), buildModel(spec, 7)];
    const rand = mulberry32(5);
    const x = tf.tensor4d(Float32Array.from({ length: 3 * shape[0] * shape[1] * shape[2] }, rand), [3, ...shape]);
    const lossOf = (m: tf.Sequential, f: (x: tf.Tensor) => tf.Tensor) =>
      tf.variableGrads(
        () => tf.sum(tf.square(f(x))) as tf.Scalar,
        m.trainableWeights.map((w) => w.read() as tf.Variable),
      );
    const ga = lossOf(a, (x) => a.apply(x, { training: true }) as tf.Tensor);
    const gb = lossOf(b, (x) => applyLayers(b, x, true));
    expect(gb.value.dataSync()[0]).toBe(ga.value.dataSync()[0]);
    const names = Object.keys(ga.grads);
    expect(names.length).toBe(a.trainableWeights.length);
    names.forEach((n, i) => expect(gb.grads[Object.keys(gb.grads)[i]].arraySync()).toEqual(ga.grads[n].arraySync()));
    a.weights.forEach((w, i) => expect(b.weights[i].read().arraySync()).toEqual(w.read().arraySync()));
    const inference = [a.predict(x) as tf.Tensor, applyLayers(b, x, false)];
    expect(inference[1].arraySync()).toEqual(inference[0].arraySync());
    tf.dispose([x, ga.value, gb.value, ...Object.values(ga.grads), ...Object.values(gb.grads), ...inference]);
    a.dispose();
    b.dispose();
  });
});

describe('inferLogits', () => {
  // 70 images: more than predict's slices of 32, and not a multiple of them.
  it.each(PRESETS.map((p) => p.id))('%s: the logits model.predict gives, in one pass', (id) => {
    const shape: [number, number, number] = id === 'cifar-lenet' ? [32, 32, 3] : [28, 28, 1];
    const model = buildModel({ inputShape: shape, classes: 10, layers: presetLayers(id) }, 3);
    const rand = mulberry32(8);
    const x = tf.tensor4d(Float32Array.from({ length: 70 * shape[0] * shape[1] * shape[2] }, rand), [70, ...shape]);
    const expected = (model.predict(x) as tf.Tensor).dataSync();
    const actual = tf.tidy(() => inferLogits(model, x).dataSync());
    expect(actual.length).toBe(700);
    actual.forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThan(1e-5 * Math.max(1, Math.abs(expected[i]))));
    expect(new Set(Array.from(actual)).size).toBeGreaterThan(100);
    x.dispose();
    model.dispose();
  });
});
