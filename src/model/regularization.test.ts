import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { buildModel } from './build';
import { createOptimizer } from './optimizers';
import { train, trainStep, type TrainData } from './train';
import { EarlyStopper } from './earlyStopping';
import { bandData, tinyMlp } from '../../test/helpers/bandData';
import { kernelL2 } from './spec';
import { presetLayers } from './presets';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Weights after `steps` SGD steps with the given L2 on the tiny MLP (two kernels). */
function weightsAfter(l2: number | number[], steps = 3): Float32Array[] {
  const data = bandData(20, 0);
  const model = buildModel(tinyMlp, 3);
  const opt = createOptimizer('sgd', 0.1);
  const order = Int32Array.from({ length: 20 }, (_, i) => i);
  for (let i = 0; i < steps; i++) {
    const { xs, ys } = data.batch('train', order, 0, 20);
    tf.dispose([xs, ys, ...trainStep(model, opt, xs, ys, { l2 })]);
  }
  const out = model.getWeights().map((w) => w.dataSync() as Float32Array);
  model.dispose();
  opt.dispose();
  return out;
}

describe('per-layer L2', () => {
  it("lists one coefficient per kernel in model order, a layer's own value overriding the global one", () => {
    const layers = presetLayers('lenet5');
    expect(kernelL2(layers, 1e-4)).toEqual([1e-4, 1e-4, 1e-4, 1e-4, 1e-4]);
    layers[0] = { ...layers[0], l2: 1e-2 } as (typeof layers)[0];
    expect(kernelL2(layers, 0)).toEqual([1e-2, 0, 0, 0, 0]);
  });

  it('a list equal to the global value trains identically; a zero entry leaves that kernel unpenalised', () => {
    const global = weightsAfter(0.05);
    expect(weightsAfter([0.05, 0.05])).toEqual(global);
    const firstOnly = weightsAfter([0.05, 0]);
    const none = weightsAfter(0);
    // Weights are [kernel1, bias1, kernel2, bias2]. After one step each kernel has moved by its own penalty only.
    const one = (l2: number | number[]) => weightsAfter(l2, 1);
    expect(one([0.05, 0])[0]).toEqual(one(0.05)[0]);
    expect(one([0.05, 0])[2]).toEqual(one(0)[2]);
    expect(firstOnly[0]).not.toEqual(none[0]);
    expect(() => weightsAfter([0.05])).toThrow(/2 kernels/);
  });
});

describe('validation split and early stopping', () => {
  it('never trains on the held-out samples and evaluates them every epoch', async () => {
    const data = bandData(100, 20);
    const seen = { train: new Set<number>(), val: new Set<number>() };
    const spy: TrainData = {
      ...data,
      batch: (split, order, from, to, epoch) => {
        if (split === 'train')
          for (let i = from; i < to; i++) seen[epoch === undefined ? 'val' : 'train'].add(order[i]);
        return data.batch(split, order, from, to, epoch);
      },
    };
    const model = buildModel(tinyMlp, 1);
    const opt = createOptimizer('adam', 0.01);
    const epochs: number[] = [];
    await train(
      model,
      opt,
      spy,
      { epochs: 2, batchSize: 10, trainSize: 100, validationCount: 25, seed: 1 },
      { onProgress: () => undefined, onEpochEnd: (m) => epochs.push(m.valLoss!), checkpoint: async () => false },
    );
    expect([...seen.train].sort((a, b) => a - b)).toEqual(Array.from({ length: 75 }, (_, i) => i));
    expect([...seen.val].sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => 75 + i));
    expect(epochs.every((v) => v > 0)).toBe(true);
    model.dispose();
    opt.dispose();
  });

  it('stops after `patience` epochs without improvement and restores the best weights', () => {
    const model = buildModel(tinyMlp, 1);
    const stopper = new EarlyStopper(2);
    const before = model.getWeights().map((w) => Array.from(w.dataSync()));
    expect(stopper.update(model, 1, 0.5)).toBe(false);
    model.setWeights(model.getWeights().map((w) => tf.zerosLike(w)));
    expect(stopper.update(model, 2, 0.6)).toBe(false);
    expect(stopper.update(model, 3, 0.4)).toBe(false); // improves: patience restarts, these (zero) weights are now best
    expect(stopper.update(model, 4, 0.45)).toBe(false);
    expect(stopper.update(model, 5, 0.41)).toBe(true);
    expect(stopper.bestEpoch).toBe(3);
    model.setWeights(before.map((w, i) => tf.tensor(w, model.getWeights()[i].shape)));
    stopper.restore(model);
    expect(model.getWeights().every((w) => w.dataSync().every((v) => v === 0))).toBe(true);
    stopper.dispose();
    model.dispose();
  });
});
