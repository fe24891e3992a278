import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { buildModel } from './build';
import { createOptimizer, setLearningRate } from './optimizers';
import { IMPLEMENTED_OPTIMIZERS } from './optimizerIds';
import { sampleLosses, train, trainStep, type EpochMetrics, type ProgressReport, type TrainOptions } from './train';
import { bandData, tinyMlp } from '../../test/helpers/bandData';
import type { ModelSpec } from './spec';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const go = async () => false;

async function run(spec: ModelSpec, opts: Partial<TrainOptions>, optimizer = 'adam' as const, lr = 0.01) {
  const data = bandData(200, 50);
  const model = buildModel(spec, 3);
  const opt = createOptimizer(optimizer, lr);
  const batches: ProgressReport[] = [];
  const epochs: EpochMetrics[] = [];
  await train(
    model,
    opt,
    data,
    { epochs: 1, batchSize: 20, trainSize: 200, seed: 5, reportEveryMs: 0, learningRate: lr, ...opts },
    { onProgress: (r) => batches.push(r), onEpochEnd: (m) => epochs.push(m), checkpoint: go },
  );
  opt.dispose();
  model.dispose();
  return { losses: batches.flatMap((b) => b.loss), batches, epochs };
}

describe('training options', () => {
  it('MSE and cross-entropy give the known values for one prediction', () => {
    // logits [ln 1, ln 3] → softmax [0.25, 0.75]; target class 1.
    const ys = tf.tensor2d([[0, 1]]);
    const logits = tf.tensor2d([[0, Math.log(3)]]);
    const ce = sampleLosses('crossEntropy', ys, logits).dataSync()[0];
    const mse = sampleLosses('mse', ys, logits).dataSync()[0];
    expect(ce).toBeCloseTo(-Math.log(0.75), 5);
    expect(mse).toBeCloseTo((0.25 ** 2 + 0.25 ** 2) / 2, 6);
    tf.dispose([ys, logits]);
  });

  it('the L2 penalty is minimised but not reported: same first loss, smaller weights after', async () => {
    const data = bandData(40, 0);
    const order = Int32Array.from({ length: 40 }, (_, i) => i);
    const norm = async (l2: number) => {
      const model = buildModel(tinyMlp, 3);
      const opt = createOptimizer('sgd', 0.1);
      const first: number[] = [];
      for (let i = 0; i < 10; i++) {
        const { xs, ys } = data.batch('train', order, (i % 2) * 20, (i % 2) * 20 + 20);
        const [loss, acc] = trainStep(model, opt, xs, ys, { l2 });
        first.push(loss.dataSync()[0]);
        tf.dispose([xs, ys, loss, acc]);
      }
      const n = tf.tidy(() => tf.sum(tf.square(model.getWeights()[0])).dataSync()[0]);
      model.dispose();
      opt.dispose();
      return { first: first[0], n };
    };
    const plain = await norm(0);
    const decayed = await norm(0.1); // each step also shrinks w by 2·lr·l2 = 2%
    expect(decayed.first).toBeCloseTo(plain.first, 6);
    expect(decayed.n).toBeLessThan(plain.n * 0.9);
  });

  it('a schedule sets the rate of every optimizer per epoch and reports it', async () => {
    for (const id of IMPLEMENTED_OPTIMIZERS) {
      const opt = createOptimizer(id, 0.1) as tf.Optimizer & { learningRate?: number; cfg?: { learningRate: number } };
      setLearningRate(opt, 0.025);
      expect(opt.getConfig().learningRate ?? opt.cfg?.learningRate ?? opt.learningRate, id).toBe(0.025);
      opt.dispose();
    }
    const r = await run(tinyMlp, { epochs: 3, schedule: { kind: 'step', every: 1, gamma: 0.5 } }, 'adam', 0.02);
    expect(r.epochs.map((e) => e.lr)).toEqual([0.02, 0.01, 0.005]);
    expect(new Set(r.batches.map((b) => b.lr))).toEqual(new Set([0.02, 0.01, 0.005]));
  });

  it('a step with a schedule-changed rate moves the weights by the new rate (SGD)', () => {
    const w = tf.variable(tf.tensor1d([1]));
    const opt = createOptimizer('sgd', 1);
    setLearningRate(opt, 0.25);
    opt.minimize(() => tf.sum(tf.mul(w, 2)) as tf.Scalar); // gradient 2
    expect(w.dataSync()[0]).toBeCloseTo(0.5, 6);
    tf.dispose(w);
    opt.dispose();
  });

  it('full batch: one step per epoch over the whole training set', async () => {
    const r = await run(tinyMlp, { epochs: 3, batchSize: 200 });
    expect(r.losses).toHaveLength(3);
    expect(r.losses[2]).toBeLessThan(r.losses[0]);
  });

  it('batch size 1 works', async () => {
    const r = await run(tinyMlp, { trainSize: 30, batchSize: 1 });
    expect(r.losses).toHaveLength(30);
  });

  it('is reproducible: same config and seed give the same loss for the first 50 batches, even with dropout', async () => {
    const withDropout: ModelSpec = {
      ...tinyMlp,
      layers: [tinyMlp.layers[0], tinyMlp.layers[1], { kind: 'dropout', rate: 0.5 }, tinyMlp.layers[2]],
    };
    const opts = { epochs: 5, batchSize: 20, trainSize: 200 };
    const a = await run(withDropout, opts);
    const b = await run(withDropout, opts);
    expect(a.losses.length).toBe(50);
    expect(b.losses).toEqual(a.losses);
    const c = await run(withDropout, { ...opts, seed: 6 });
    expect(c.losses).not.toEqual(a.losses);
  });
});
