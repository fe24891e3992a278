import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { UnfusedConv2D } from './layers';
import { mulberry32 } from './rng';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const rand = (n: number, seed: number) => Float32Array.from({ length: n }, mulberry32(seed)).map((v) => v * 2 - 1);

describe('UnfusedConv2D', () => {
  it.each(['relu', 'linear', 'sigmoid', 'tanh'] as const)(
    '%s: output and gradients (input, kernel, bias) equal conv2d + bias + activation as separate ops',
    (activation) => {
      const layer = new UnfusedConv2D({ filters: 4, kernelSize: 3, padding: 'same', activation });
      const x = tf.tensor4d(rand(2 * 6 * 6 * 3, 1), [2, 6, 6, 3]);
      const kernel = tf.tensor4d(rand(3 * 3 * 3 * 4, 2), [3, 3, 3, 4]);
      const bias = tf.tensor1d([0.3, -0.2, 0, 0.1]);
      layer.apply(x); // builds the weights
      layer.setWeights([kernel, bias]);
      const upstream = tf.tensor4d(rand(2 * 6 * 6 * 4, 3), [2, 6, 6, 4]);
      const act = (t: tf.Tensor) => (activation === 'linear' ? t : tf[activation](t));
      const reference = (xi: tf.Tensor, k: tf.Tensor, b: tf.Tensor) =>
        tf.sum(
          tf.mul(act(tf.add(tf.conv2d(xi as tf.Tensor4D, k as tf.Tensor4D, 1, 'same'), b)), upstream),
        ) as tf.Scalar;
      const [dx, dk, db] = tf.grads(reference)([x, kernel, bias]);
      const layerLoss = (xi: tf.Tensor) => tf.sum(tf.mul(layer.apply(xi) as tf.Tensor, upstream)) as tf.Scalar;
      expect(layerLoss(x).dataSync()[0]).toBeCloseTo(reference(x, kernel, bias).dataSync()[0], 4);
      const { grads } = tf.variableGrads(() => layerLoss(x));
      const [wk, wb] = layer.trainableWeights.map((w) => grads[w.originalName]);
      const pairs: [tf.Tensor, tf.Tensor][] = [
        [tf.grad(layerLoss)(x), dx],
        [wk, dk],
        [wb, db],
      ];
      for (const [a, e] of pairs) {
        expect(a.shape).toEqual(e.shape);
        const ev = e.dataSync();
        a.dataSync().forEach((v, j) => expect(v).toBeCloseTo(ev[j], 4));
        expect(Math.max(...Array.from(ev, Math.abs))).toBeGreaterThan(0.01);
      }
    },
  );

  it('a first layer does not compute the gradient of its input images', async () => {
    const layer = new UnfusedConv2D({ filters: 4, kernelSize: 3, activation: 'relu' });
    const x = tf.tensor4d(rand(2 * 6 * 6 * 1, 3), [2, 6, 6, 1]);
    layer.apply(x);
    const kernels = async (f: () => void) => (await tf.profile(f)).kernels.map((k) => k.name);
    const ran = await kernels(() => {
      tf.variableGrads(() => tf.sum(layer.apply(x) as tf.Tensor) as tf.Scalar);
    });
    expect(ran).toContain('Conv2DBackpropFilter');
    expect(ran).not.toContain('Conv2DBackpropInput');
    // ...while a layer fed by another computes it.
    const ran2 = await kernels(() => {
      tf.variableGrads(
        () => tf.sum(layer.apply(tf.mul(x, layer.trainableWeights[1].read().mean())) as tf.Tensor) as tf.Scalar,
      );
    });
    expect(ran2).toContain('Conv2DBackpropInput');
  });
});
