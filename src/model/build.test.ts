import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { buildModel, predictProbs } from './build';
import { inferShapes } from './shapes';
import { lenet5, presetLayers, PRESETS } from './presets';
import type { LayerSpec, ModelSpec } from './spec';
import { createOptimizer } from './optimizers';
import { trainStep } from './train';
import { bandData } from '../../test/helpers/bandData';
import { dropoutMask, LecunTanh, SeededDropout } from './layers';
import { mulberry32 } from './rng';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const spec = (layers: LayerSpec[], inputShape: [number, number, number] = [28, 28, 1]): ModelSpec => ({
  inputShape,
  classes: 10,
  layers,
});

describe('buildModel', () => {
  it('builds LeNet-5 with 61,706 parameters, matching shape inference layer by layer', () => {
    const model = buildModel(spec(lenet5()), 1);
    expect(model.countParams()).toBe(61706);
    const inferred = inferShapes(spec(lenet5())).layers;
    const layers = model.layers.filter((l) => l.getClassName() !== 'InputLayer');
    expect(layers).toHaveLength(8);
    layers.forEach((l, i) => {
      expect(l.outputShape.slice(1)).toEqual(inferred[i].outputShape);
      expect(l.countParams()).toBe(inferred[i].params);
    });
    model.dispose();
  });

  it.each(PRESETS.map((p) => p.id))(
    'preset %s builds with the inferred parameter counts and trains a few batches',
    (id) => {
      const s = spec(presetLayers(id));
      const report = inferShapes(s);
      const model = buildModel(s, 7);
      expect(model.countParams()).toBe(report.totalParams);
      expect(model.trainableWeights.reduce((a, w) => a + w.shape.reduce((x: number, y) => x * (y ?? 1), 1), 0)).toBe(
        report.trainableParams,
      );
      expect(model.outputs[0].shape).toEqual([null, 10]);
      // Small batches keep the plain-JS cpu backend quick; the wasm tests cover real sizes.
      const data = bandData(16, 0);
      const order = Int32Array.from({ length: 16 }, (_, i) => i);
      const optimizer = createOptimizer('adam', 0.01);
      const losses: number[] = [];
      for (let step = 0; step < 3; step++) {
        const { xs, ys } = data.batch('train', order, (step % 2) * 8, (step % 2) * 8 + 8);
        const [loss, acc] = trainStep(model, optimizer, xs, ys);
        losses.push(loss.dataSync()[0]);
        tf.dispose([xs, ys, loss, acc]);
      }
      expect(losses.every(Number.isFinite)).toBe(true);
      optimizer.dispose();
      model.dispose();
    },
  );

  it('same seed, same initial weights; different seed, different weights', () => {
    const w = (seed: number) => {
      const m = buildModel(spec(lenet5()), seed);
      const v = m.getWeights()[0].dataSync().slice();
      m.dispose();
      return v;
    };
    expect(Array.from(w(3))).toEqual(Array.from(w(3)));
    expect(Array.from(w(3))).not.toEqual(Array.from(w(4)));
  });

  it('initialises weights as asked: N(mean, std), zeros, He normal; biases at zero', () => {
    const layers: LayerSpec[] = [
      { kind: 'flatten' },
      { kind: 'dense', units: 200, activation: 'relu', init: { kind: 'normal', mean: 0.01, std: 0.1 } },
      { kind: 'dense', units: 50, activation: 'relu', init: { kind: 'heNormal' } },
      { kind: 'output', init: { kind: 'zeros' } },
    ];
    const model = buildModel(spec(layers), 3);
    const [k1, b1, k2, , k3] = model.getWeights().map((t) => Array.from(t.dataSync()));
    const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
    const std = (a: number[]) => {
      const m = mean(a);
      return Math.sqrt(mean(a.map((v) => (v - m) ** 2)));
    };
    expect(mean(k1)).toBeCloseTo(0.01, 2);
    expect(std(k1)).toBeCloseTo(0.1, 2);
    expect(b1.every((v) => v === 0)).toBe(true);
    // He normal: truncated normal with std sqrt(2 / fanIn) = 0.1 before truncation (≈0.088 after), fanIn 200.
    expect(std(k2)).toBeGreaterThan(0.07);
    expect(std(k2)).toBeLessThan(0.1);
    expect(k3.every((v) => v === 0)).toBe(true);
    model.dispose();
  });

  it('predicts probabilities that sum to 1', () => {
    const model = buildModel(spec(lenet5()), 1);
    const p = tf.tidy(() => predictProbs(model, tf.zeros([2, 28, 28, 1])).arraySync());
    p.forEach((row) => expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5));
    model.dispose();
  });

  it('BatchNorm learns moving statistics in training and uses them at inference', () => {
    const model = buildModel(spec(presetLayers('mlp-bn')), 2);
    const bn = model.layers.find((l) => l.getClassName() === 'BatchNormalization')!;
    const movingMean = () => Array.from(bn.getWeights()[2].dataSync());
    expect(movingMean().every((v) => v === 0)).toBe(true);
    const data = bandData(32, 0);
    const { xs, ys } = data.batch(
      'train',
      Int32Array.from({ length: 32 }, (_, i) => i),
      0,
      32,
    );
    const optimizer = createOptimizer('sgd', 0.1);
    tf.dispose(trainStep(model, optimizer, xs, ys));
    expect(movingMean().some((v) => v !== 0)).toBe(true);
    tf.dispose([xs, ys]);
    optimizer.dispose();
    model.dispose();
  });
});

describe('custom layers', () => {
  it("LeCun's scaled tanh is 1.7159·tanh(2x/3)", () => {
    const y = tf.tidy(() => new LecunTanh({}).apply(tf.tensor1d([0, 1, -3, 100])) as tf.Tensor);
    const expected = [0, 1.7159 * Math.tanh(2 / 3), 1.7159 * Math.tanh(-2), 1.7159];
    Array.from(y.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
    y.dispose();
  });

  it('seeded dropout draws a new mask each call, the same sequence for the same seed, and is identity at inference', () => {
    const masks = (seed: number) => {
      const layer = new SeededDropout({ rate: 0.5, seed });
      const x = tf.ones([1000]);
      const out = [0, 1].map(() => {
        const y = layer.apply(x, { training: true }) as tf.Tensor;
        const v = Array.from(y.dataSync());
        y.dispose();
        return v;
      });
      const inference = layer.apply(x) as tf.Tensor;
      expect(Array.from(inference.dataSync()).every((v) => v === 1)).toBe(true);
      tf.dispose([x, inference]);
      return out;
    };
    const [a1, a2] = masks(5);
    const [b1, b2] = masks(5);
    expect(a1).toEqual(b1);
    expect(a2).toEqual(b2);
    expect(a1).not.toEqual(a2);
    const kept = a1.filter((v) => v !== 0);
    expect(kept.every((v) => Math.abs(v - 2) < 1e-6)).toBe(true);
    expect(kept.length).toBeGreaterThan(430);
    expect(kept.length).toBeLessThan(570);
  });

  it('a dropout mask is mulberry32(seed) drawn per element: 0 below the rate, else 1 / (1 - rate)', () => {
    for (const [seed, rate] of [
      [7, 0.05],
      [-3, 0.5],
      [2 ** 31 + 5, 0.25],
    ]) {
      const r = mulberry32(seed);
      const expected = Array.from({ length: 4000 }, () => (r() < rate ? 0 : Math.fround(1 / (1 - rate))));
      const mask = dropoutMask([40, 100], rate, seed);
      expect(mask.shape).toEqual([40, 100]);
      expect(Array.from(mask.dataSync())).toEqual(expected);
      mask.dispose();
    }
  });
});
