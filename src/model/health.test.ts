import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { deadShare, histogram, l2norm, measureHealth, saturatedShare } from './health';
import { buildModel } from './build';
import type { ModelSpec } from './spec';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('health arithmetic', () => {
  it('norms, histograms, dead and saturated shares with known answers', () => {
    expect(l2norm([3, 4])).toBe(5);
    expect(histogram([0, 1, 2, 3], 2)).toEqual({ min: 0, max: 3, counts: [2, 2] });
    expect(histogram([5, 5, 5], 3)).toEqual({ min: 5, max: 5, counts: [3, 0, 0] });
    // Two units, values interleaved by unit (channels last): unit 0 fires once, unit 1 never.
    expect(deadShare([1, -1, 0, 0], 2)).toBe(0.5);
    expect(deadShare([0.1, 0.2], 2)).toBe(0);
    expect(saturatedShare([5, -5, 0.1, 3], 4)).toBe(0.5);
  });
});

describe('measuring a network on a probe batch', () => {
  const spec = (activation: 'relu' | 'sigmoid'): ModelSpec => ({
    inputShape: [1, 1, 2],
    classes: 2,
    layers: [
      { kind: 'flatten' },
      { kind: 'dense', units: 2, activation, init: { kind: 'zeros' } },
      { kind: 'output', init: { kind: 'zeros' } },
    ],
  });

  it('gives the gradient norm of a hand-computed network, the weight norm and the update since last time', async () => {
    const model = buildModel(spec('relu'), 1);
    // Hidden: unit 0 is x0 + 1 (always positive), unit 1 is -x0 - 1 (never positive).
    model.layers[2].setWeights([
      tf.tensor2d([
        [1, -1],
        [0, 0],
      ]),
      tf.tensor1d([1, -1]),
    ]);
    model.layers[3].setWeights([
      tf.tensor2d([
        [1, 0],
        [0, 1],
      ]),
      tf.tensor1d([0, 0]),
    ]);
    const probe = { xs: tf.tensor4d([1, 2], [1, 1, 1, 2]), ys: tf.tensor2d([[1, 0]]) };
    const previous = new Map([[2, new Float32Array(4)]]);
    const { layers } = await measureHealth(model, spec('relu'), probe, 'crossEntropy', previous);
    const [hidden, out] = layers;
    expect(hidden.layer).toBe(1);
    expect(out.layer).toBe(2);
    // hidden = [2, 0]; logits = [2, 0]; softmax - y = [p0 - 1, p1] = [-p1, p1] with p1 = 1/(1+e^2).
    const p1 = 1 / (1 + Math.exp(2));
    // dW_out = hiddenᵀ (softmax - y) = [[2·-p1, 2·p1], [0, 0]]
    expect(out.gradNorm).toBeCloseTo(2 * p1 * Math.SQRT2, 6);
    expect(out.weightNorm).toBeCloseTo(Math.SQRT2, 6);
    expect(out.updateRatio).toBeCloseTo(1, 6); // from all-zero kernels to the identity
    expect(hidden.updateRatio).toBeNull();
    expect(hidden.dead).toBe(0.5);
    expect(hidden.saturated).toBe(0);
    expect(out.dead).toBe(0);
    expect(hidden.activations).toEqual(histogram([2, 0]));
    tf.dispose([probe.xs, probe.ys]);
    model.dispose();
  });

  it('counts sigmoid units past |4| as saturated', async () => {
    const model = buildModel(spec('sigmoid'), 1);
    model.layers[2].setWeights([
      tf.tensor2d([
        [10, 0.1],
        [0, 0],
      ]),
      tf.tensor1d([0, 0]),
    ]);
    const probe = { xs: tf.tensor4d([1, 2], [1, 1, 1, 2]), ys: tf.tensor2d([[1, 0]]) };
    const { layers } = await measureHealth(model, spec('sigmoid'), probe, 'crossEntropy', null);
    // pre-activations 10 and 0.1: one of two past 4.
    expect(layers[0].saturated).toBe(0.5);
    expect(layers[0].dead).toBe(0);
    tf.dispose([probe.xs, probe.ys]);
    model.dispose();
  });

  it('leaves no tensor behind', async () => {
    const spec: ModelSpec = {
      inputShape: [8, 8, 1],
      classes: 3,
      layers: [
        {
          kind: 'conv2d',
          filters: 2,
          kernelSize: 3,
          strides: 1,
          padding: 'same',
          activation: 'relu',
          init: { kind: 'glorotUniform' },
        },
        { kind: 'batchnorm', activation: 'tanh' },
        { kind: 'flatten' },
        { kind: 'output', init: { kind: 'glorotUniform' } },
      ],
    };
    const model = buildModel(spec, 3);
    const probe = {
      xs: tf.randomUniform([4, 8, 8, 1]),
      ys: tf.oneHot(tf.tensor1d([0, 1, 2, 0], 'int32'), 3).toFloat(),
    };
    const before = tf.memory().numTensors;
    const { layers } = await measureHealth(model, spec, probe, 'crossEntropy', null);
    expect(layers.map((l) => l.kind)).toEqual(['conv2d', 'batchnorm', 'output']);
    expect(layers[1].bn).toEqual({ meanAbsMean: 0, meanVariance: 1 });
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([probe.xs, probe.ys]);
    model.dispose();
  });
});
