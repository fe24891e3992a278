import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { inspectPrediction } from './inspect';
import { buildModel } from './build';
import { presetLayers } from './presets';
import { withHiddenActivation } from './spec';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('inside a prediction', () => {
  it('gives one output per playground layer (activation layers folded in), with conv kernels', async () => {
    const layers = withHiddenActivation(presetLayers('lenet5'), 'lecunTanh'); // separate activation layers
    const model = buildModel({ inputShape: [28, 28, 1], classes: 10, layers }, 1);
    const input = tf.randomUniform([1, 28, 28, 1]) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    const r = await inspectPrediction(model, input);
    expect(r.layers.map((l) => l.shape)).toEqual([
      [28, 28, 6],
      [14, 14, 6],
      [10, 10, 16],
      [5, 5, 16],
      [400],
      [120],
      [84],
      [10],
    ]);
    expect(r.layers[0].filters!.shape).toEqual([5, 5, 1, 6]);
    expect(r.layers[1].filters).toBeUndefined();
    // Activation folded in: the first output is tanh-like (LeCun's: within ±1.7159).
    expect(Math.max(...r.layers[0].values.map(Math.abs))).toBeLessThanOrEqual(1.7159 + 1e-6);
    expect(r.saliency).toHaveLength(784);
    expect(Math.max(...r.saliency)).toBeCloseTo(1, 6);
    expect(tf.memory().numTensors).toBe(before);
    input.dispose();
    model.dispose();
  });

  it("the saliency of a linear model's logit is its weights (in magnitude, scaled to the largest)", async () => {
    const model = buildModel(
      { inputShape: [2, 2, 1], classes: 2, layers: [{ kind: 'flatten' }, { kind: 'output', init: { kind: 'zeros' } }] },
      1,
    );
    const w = [0.5, -2, 1, 0, /* class 1 */ 3, 0, 0, 0];
    // Dense kernel is [in=4, out=2]: column 0 = class 0's weights.
    model.layers[2].setWeights([
      tf.tensor2d([
        [w[0], w[4]],
        [w[1], w[5]],
        [w[2], w[6]],
        [w[3], w[7]],
      ]),
      tf.tensor1d([0, 0]),
    ]);
    const input = tf.tensor4d([1, 1, 1, 1], [1, 2, 2, 1]);
    const r = await inspectPrediction(model, input, 0);
    expect(Array.from(r.saliency)).toEqual([0.25, 1, 0.5, 0]);
    expect(r.top).toBe(0);
    input.dispose();
    model.dispose();
  });
});
