import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { buildModel } from './build';
import { lenet5 as lenet5Layers } from './presets';
import type { ModelSpec } from './spec';
import { createOptimizer } from './optimizers';
import { DivergedError, NonFiniteLossError, train, type EpochMetrics, type ProgressReport } from './train';
import { bandData, tinyMlp } from '../../test/helpers/bandData';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const go = async () => false;
const lenet5 = (): ModelSpec => ({ inputShape: [28, 28, 1], classes: 10, layers: lenet5Layers() });

describe('train', () => {
  it('learns, reports batch points without gaps, and leaks no tensors across epochs', async () => {
    const data = bandData(400, 100);
    const model = buildModel(tinyMlp, 1);
    const opt = createOptimizer('adam', 0.003);
    const epochs: EpochMetrics[] = [];
    const reports: ProgressReport[] = [];
    const { status } = await train(
      model,
      opt,
      data,
      { epochs: 3, batchSize: 50, trainSize: 400, seed: 1, reportEveryMs: 0 },
      { onProgress: (r) => reports.push(r), onEpochEnd: (m) => epochs.push(m), checkpoint: go },
    );
    expect(status).toBe('done');
    expect(epochs.map((e) => e.epoch)).toEqual([1, 2, 3]);
    expect(epochs[2].testAcc).toBeGreaterThan(0.9);
    expect(epochs[2].trainLoss).toBeLessThan(epochs[0].trainLoss);
    expect(new Set(epochs.map((e) => e.numTensors)).size).toBe(1);
    const steps = reports.flatMap((r) => r.loss.map((_, i) => r.fromStep + i));
    expect(steps).toEqual(Array.from({ length: 24 }, (_, i) => i));
    expect(reports[reports.length - 1].samplesDone).toBe(1200);
    opt.dispose();
    model.dispose();
  });

  it('reads metrics back every 4 batches, so a GPU backend cannot queue far ahead of Stop, but reports on its cadence', async () => {
    const data = bandData(400, 100);
    const model = buildModel(tinyMlp, 1);
    const opt = createOptimizer('adam', 0.003);
    const reports: ProgressReport[] = [];
    const readBacks: number[] = [];
    const data0 = tf.Tensor.prototype.data;
    const spy = vi.spyOn(tf.Tensor.prototype, 'data').mockImplementation(function (this: tf.Tensor) {
      readBacks.push(this.size);
      return data0.call(this);
    });
    try {
      await train(
        model,
        opt,
        data,
        { epochs: 1, batchSize: 20, trainSize: 400, seed: 1, testSize: 100, reportEveryMs: 1e9 },
        { onProgress: (r) => reports.push(r), onEpochEnd: () => undefined, checkpoint: go },
      );
    } finally {
      spy.mockRestore();
    }
    // 20 batches: loss and accuracy of 4 batches at a time (8 values), then the test set's sums (2).
    expect(readBacks).toEqual([8, 8, 8, 8, 8, 2]);
    // One report at the epoch's end, with every step: at batch 1, a report per read-back was ~100 a second.
    expect(reports.map((r) => [r.fromStep, r.loss.length, r.acc.length, r.samplesDone])).toEqual([[0, 20, 20, 400]]);
    opt.dispose();
    model.dispose();
  });

  it('stops when asked, between batches, after waiting for the batches it queued', async () => {
    const data = bandData(200, 20);
    const model = buildModel(tinyMlp, 1);
    const opt = createOptimizer('sgd', 0.01);
    let calls = 0;
    const epochs: EpochMetrics[] = [];
    const readBacks: number[] = [];
    const data0 = tf.Tensor.prototype.data;
    const spy = vi.spyOn(tf.Tensor.prototype, 'data').mockImplementation(function (this: tf.Tensor) {
      readBacks.push(this.size);
      return data0.call(this);
    });
    const before = tf.memory().numTensors;
    let status: string;
    try {
      ({ status } = await train(
        model,
        opt,
        data,
        { epochs: 2, batchSize: 20, trainSize: 200, seed: 1, reportEveryMs: 1e9 },
        { onProgress: () => undefined, onEpochEnd: (m) => epochs.push(m), checkpoint: async () => ++calls > 3 },
      ));
    } finally {
      spy.mockRestore();
    }
    expect(status).toBe('stopped');
    expect(epochs).toHaveLength(0);
    // The 3 batches trained before Stop: their loss and accuracy (6 values) are waited for, then dropped.
    expect(readBacks).toEqual([6]);
    expect(tf.memory().numTensors).toBe(before);
    opt.dispose();
    model.dispose();
  });

  it('stops with a clear error when the loss diverges', async () => {
    const data = bandData(200, 20);
    const model = buildModel(tinyMlp, 1);
    const opt = createOptimizer('sgd', 1e30);
    const run = train(
      model,
      opt,
      data,
      { epochs: 1, batchSize: 20, trainSize: 200, seed: 1, reportEveryMs: 0 },
      { onProgress: () => undefined, onEpochEnd: () => undefined, checkpoint: go },
    );
    await expect(run).rejects.toThrow(NonFiniteLossError);
    await expect(run).rejects.toThrow(/lower learning rate/);
    opt.dispose();
    model.dispose();
  });

  it('stops when a finite loss explodes past 100x chance level', async () => {
    const data = bandData(200, 20);
    const model = buildModel(
      {
        ...tinyMlp,
        layers: tinyMlp.layers.map((l) => (l.kind === 'dense' && l.units === 32 ? { ...l, activation: 'tanh' } : l)),
      },
      1,
    );
    const opt = createOptimizer('sgd', 1000);
    const run = train(
      model,
      opt,
      data,
      { epochs: 1, batchSize: 20, trainSize: 200, seed: 1, reportEveryMs: 0 },
      { onProgress: () => undefined, onEpochEnd: () => undefined, checkpoint: go },
    );
    await expect(run).rejects.toThrow(DivergedError);
    await expect(run).rejects.toThrow(/exploded to .* \(chance level is 2\.30\)/);
    opt.dispose();
    model.dispose();
  });
});

describe('train on LeNet-5', () => {
  it('runs a few real LeNet-5 steps on the cpu backend with falling loss', async () => {
    const data = bandData(60, 20);
    const model = buildModel(lenet5(), 1);
    const opt = createOptimizer('adam', 0.003);
    const losses: number[] = [];
    await train(
      model,
      opt,
      data,
      { epochs: 1, batchSize: 10, trainSize: 60, seed: 1, testSize: 20, reportEveryMs: 0 },
      { onProgress: (r) => losses.push(...r.loss), onEpochEnd: () => undefined, checkpoint: go },
    );
    expect(losses).toHaveLength(6);
    expect(losses[5]).toBeLessThan(losses[0]);
    opt.dispose();
    model.dispose();
  });
});
