import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { finishProbe, probeBackends } from './backends';
import type { FromWorker, ToWorker } from '../shared/protocol';
import { tinyMlp } from '../../test/helpers/bandData';
import { handlerHarness, trainMsg } from '../../test/helpers/handlerHarness';
import { NO_AUGMENT } from '../data/augment';
import { saveModelFiles } from './modelFiles';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const setup = handlerHarness;

describe('worker handler', () => {
  it('loads a dataset, trains a run end to end, then predicts with the trained model', async () => {
    const { handle, events, until } = setup();
    handle({ type: 'predict', requestId: 1, pixels: new Float32Array(784) });
    expect(events[0]).toMatchObject({ type: 'predictionUnavailable', requestId: 1 });
    handle({ type: 'loadDataset', datasetId: 'toy', baseUrl: '/x' });
    const ready = await until((e) => e.type === 'datasetReady');
    expect(ready).toMatchObject({ info: { trainCount: 200, testCount: 50, classes: [...'0123456789'] } });
    handle(trainMsg(7));
    const end = await until((e) => e.type === 'runEnded');
    expect(end).toEqual({ type: 'runEnded', runId: 7, status: 'done' });
    expect(events.find((e) => e.type === 'runStarted')).toMatchObject({ runId: 7, backend: 'cpu', samplesTotal: 400 });
    const epochs = events.filter((e) => e.type === 'epoch');
    expect(epochs).toHaveLength(2);
    // Health: a few measurements per epoch and one at each epoch's end, for every layer with weights.
    const health = events.flatMap((e) => (e.type === 'health' ? [e.sample] : []));
    expect(health.filter((h) => h.epochEnd).map((h) => h.epoch)).toEqual([1, 2]);
    expect(health.filter((h) => !h.epochEnd).map((h) => h.step)).toEqual([3, 6, 9, 12, 15, 18]);
    expect(health[0].layers.map((l) => [l.layer, l.kind])).toEqual([
      [1, 'dense'],
      [2, 'output'],
    ]);
    expect(health[0].layers[0].gradNorm).toBeGreaterThan(0);
    expect(health[1].layers[0].updateRatio).toBeGreaterThan(0);
    const tensors = epochs.map((e) => (e.type === 'epoch' ? e.metrics.numTensors : 0));
    expect(tensors[1]).toBe(tensors[0]);
    const progress = events.filter((e) => e.type === 'progress');
    expect(progress.reduce((n, e) => n + (e.type === 'progress' ? e.loss.length : 0), 0)).toBe(20);
    handle({ type: 'predict', requestId: 2, pixels: new Float32Array(784) });
    const p = await until((e) => e.type === 'prediction');
    expect(p?.type === 'prediction' && p.probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  });

  it('pauses, resumes and stops a run', async () => {
    const { handle, events, until } = setup();
    handle({ type: 'loadDataset', datasetId: 'toy', baseUrl: '/x' });
    handle(trainMsg(1, { epochs: 50 }));
    await until((e) => e.type === 'progress');
    handle({ type: 'pause', runId: 1 });
    await until((e) => e.type === 'paused');
    const count = events.length;
    await new Promise((r) => setTimeout(r, 200));
    expect(events.slice(count).some((e) => e.type === 'progress')).toBe(false);
    handle({ type: 'resume', runId: 1 });
    await until((e) => e.type === 'resumed');
    handle({ type: 'stop', runId: 1 });
    expect(await until((e) => e.type === 'runEnded')).toEqual({ type: 'runEnded', runId: 1, status: 'stopped' });
  });

  it('says paused where the loop stops: a pause that comes while a step is under way reports that step before it', async () => {
    // 200 samples in batches of 17: 12 steps an epoch, a health measurement every 3rd step, so the 12th step's comes
    // after its training and before the epoch's last progress report: the pause arrives mid-step.
    const { handle, events, until } = setup(undefined, (m, send) => {
      if (m.type === 'health' && m.sample.step === 12) send({ type: 'pause', runId: 1 });
    });
    handle({ type: 'loadDataset', datasetId: 'toy', baseUrl: '/x' });
    handle(trainMsg(1, { batchSize: 17 }));
    await until((e) => e.type === 'paused');
    const at = events.findIndex((e) => e.type === 'paused');
    const before = events.slice(0, at).filter((e) => e.type === 'progress');
    expect(before.reduce((n, e) => n + (e.type === 'progress' ? e.loss.length : 0), 0)).toBe(12);
    await new Promise((r) => setTimeout(r, 200));
    expect(events.slice(at).filter((e) => e.type === 'progress')).toEqual([]);
    handle({ type: 'stop', runId: 1 });
    expect(await until((e) => e.type === 'runEnded')).toEqual({ type: 'runEnded', runId: 1, status: 'stopped' });
  });

  it('refuses to train on a dataset that failed to load and says why', async () => {
    const { handle, until } = setup(async () => {
      throw new Error('MNIST: shard train-02.shard is corrupt (checksum mismatch)');
    });
    handle({ type: 'loadDataset', datasetId: 'mnist', baseUrl: '/x' });
    expect(await until((e) => e.type === 'datasetError')).toMatchObject({ message: expect.stringMatching(/corrupt/) });
    handle(trainMsg(3));
    const end = await until((e) => e.type === 'runEnded');
    expect(end).toMatchObject({ status: 'error', message: expect.stringMatching(/dataset is not loaded/) });
  });

  it('refuses an invalid spec or one built for another input shape, naming the problem', async () => {
    const { handle, until, events } = setup();
    handle({ type: 'loadDataset', datasetId: 'toy', baseUrl: '/x' });
    await until((e) => e.type === 'datasetReady');
    const noFlatten = { ...tinyMlp, layers: tinyMlp.layers.slice(1) };
    handle({ ...trainMsg(4), spec: noFlatten } as ToWorker);
    expect(await until((e) => e.type === 'runEnded' && e.runId === 4)).toMatchObject({
      status: 'error',
      message:
        'Training failed: Layer 1: Dense needs a flat vector but gets 28x28x1: add a Flatten (or global average pooling) before it.',
    });
    handle({ ...trainMsg(5), spec: { ...tinyMlp, inputShape: [32, 32, 3] } } as ToWorker);
    expect(await until((e) => e.type === 'runEnded' && e.runId === 5)).toMatchObject({
      status: 'error',
      message: expect.stringMatching(/^Training failed: The network expects 32x32x3 inputs/),
    });
    expect(events.some((e) => e.type === 'runStarted')).toBe(false);
  });

  it('predicts with a 3-channel model loaded without our metadata, scaling every channel to [0, 1]', async () => {
    const model = tf.sequential({
      layers: [tf.layers.flatten({ inputShape: [2, 2, 3] }), tf.layers.dense({ units: 3 })],
    });
    const files = await saveModelFiles(model, {
      pixel: { scale: [1, 1, 1], offset: [0, 0, 0] },
      datasetId: 'x',
      classes: [],
    });
    const json = JSON.parse(files.modelJson);
    delete json.userDefinedMetadata;
    const pixels = Float32Array.from({ length: 12 }, (_, i) => i / 12);
    const expected = Array.from(tf.softmax(model.predict(tf.tensor4d(pixels, [1, 2, 2, 3])) as tf.Tensor2D).dataSync());
    model.dispose();
    const { handle, until } = setup();
    handle({ type: 'loadModel', requestId: 1, modelJson: JSON.stringify(json), weights: files.weights });
    expect(await until((e) => e.type === 'modelLoaded' || e.type === 'modelFileError')).toMatchObject({
      type: 'modelLoaded',
      params: 39,
    });
    handle({ type: 'predict', requestId: 2, pixels });
    const p = await until((e) => e.type === 'prediction' || e.type === 'predictionUnavailable');
    expect(p.type).toBe('prediction');
    const probs = p.type === 'prediction' ? p.probs : [];
    probs.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
  });

  it("a model that finishes loading after a run started leaves the run's model alone", async () => {
    const model = tf.sequential({
      layers: [tf.layers.flatten({ inputShape: [28, 28, 1] }), tf.layers.dense({ units: 10 })],
    });
    const files = await saveModelFiles(model, {
      pixel: { scale: [1 / 255], offset: [0] },
      datasetId: 'toy',
      classes: [],
    });
    model.dispose();
    const { handle, until } = setup();
    handle({ type: 'loadDataset', datasetId: 'toy', baseUrl: '/x' });
    await until((e) => e.type === 'datasetReady');
    handle({ type: 'loadModel', requestId: 9, modelJson: files.modelJson, weights: files.weights });
    handle(trainMsg(11, { epochs: 1 }));
    expect(await until((e) => e.type === 'modelFileError' || e.type === 'modelLoaded')).toMatchObject({
      type: 'modelFileError',
      message: 'Stop the run before loading a model.',
    });
    expect(await until((e) => e.type === 'runEnded' && e.runId === 11)).toMatchObject({ status: 'done' });
  });

  it("fine-tunes on the person's drawings without forgetting the dataset, and undoes it", async () => {
    const { handle, events, until } = setup();
    handle({ type: 'loadDataset', datasetId: 'toy', baseUrl: '/x' });
    await until((e) => e.type === 'datasetReady');
    handle(trainMsg(21, { epochs: 3 }));
    await until((e) => e.type === 'runEnded' && e.runId === 21);
    // "Their handwriting": a band two rows lower than the dataset's 3 still means 3.
    const mine = new Uint8Array(784);
    mine.fill(255, (3 + 2 * 3) * 28, (4 + 2 * 3) * 28);
    const pixels = () => Float32Array.from(mine, (v) => v / 255);
    const top = async (id: number) => {
      handle({ type: 'predict', requestId: id, pixels: pixels() });
      const p = (await until((e) => e.type === 'prediction' && e.requestId === id)) as Extract<
        FromWorker,
        { type: 'prediction' }
      >;
      return p.probs.indexOf(Math.max(...p.probs));
    };
    const before = await top(31);
    const images = new Uint8Array(4 * 784);
    for (let i = 0; i < 4; i++) images.set(mine, i * 784);
    handle({ type: 'tune', requestId: 32, images, labels: new Uint8Array([3, 3, 3, 3]), steps: 40 });
    const tuned = (await until((e) => e.type === 'tuned' || e.type === 'tuneFailed')) as Extract<
      FromWorker,
      { type: 'tuned' }
    >;
    expect(tuned.type).toBe('tuned');
    expect(tuned.after!).toBeGreaterThan(0.9); // still reads the dataset
    expect(await top(33)).toBe(3);
    handle({ type: 'untune', requestId: 34 });
    await until((e) => e.type === 'untuned');
    expect(await top(35)).toBe(before);
    expect(events.some((e) => e.type === 'tuneFailed')).toBe(false);
  });

  it('ends a diverging run with a message suggesting a lower learning rate', async () => {
    const { handle, until } = setup();
    handle({ type: 'loadDataset', datasetId: 'toy', baseUrl: '/x' });
    handle({ ...trainMsg(4, { optimizer: 'sgd', learningRate: 1e30 }) });
    const end = await until((e) => e.type === 'runEnded');
    expect(end).toMatchObject({ status: 'error', message: expect.stringMatching(/NaN.*lower learning rate/) });
  });
});

describe('worker handler: data options', () => {
  const losses = (events: FromWorker[], runId: number) =>
    events.flatMap((e) => (e.type === 'progress' && e.runId === runId ? e.loss : []));
  const augment = { ...NO_AUGMENT, rotation: 15, shift: 2, flip: false, cropPadding: 0 };

  async function lossesOf(over: Parameters<typeof trainMsg>[1]) {
    const { handle, events, until } = setup();
    handle({ type: 'loadDataset', datasetId: 'toy', baseUrl: '/x' });
    handle(trainMsg(1, { epochs: 5, ...over }));
    await until((e) => e.type === 'runEnded');
    return losses(events, 1);
  }

  it('one seed fixes augmentation too: same config, same loss for the first 50 batches; another seed differs', async () => {
    const a = await lossesOf({ augment });
    const b = await lossesOf({ augment });
    expect(a).toHaveLength(50);
    expect(b).toEqual(a);
    expect(await lossesOf({ augment, seed: 2 })).not.toEqual(a);
    expect(await lossesOf({})).not.toEqual(a);
  });

  it("previews epoch 1's first batch deterministically, and shows live batches while training", async () => {
    const { handle, events, until } = setup();
    handle({ type: 'loadDataset', datasetId: 'toy', baseUrl: '/x' });
    await until((e) => e.type === 'datasetReady');
    const ask = (requestId: number, aug = augment) =>
      handle({
        type: 'preview',
        requestId,
        augment: aug,
        seed: 1,
        trainSize: 200,
        validationSplit: 0,
        count: 16,
        colorMode: 'rgb',
      });
    ask(1);
    ask(2);
    ask(3, NO_AUGMENT);
    const got = async (id: number) => {
      const e = await until((x) => x.type === 'preview' && x.requestId === id);
      return e.type === 'preview' ? e.preview : null!;
    };
    const [p1, p2, plain] = [await got(1), await got(2), await got(3)];
    expect(p1).toMatchObject({ count: 16, shape: [28, 28, 1], epoch: 1, batch: 1 });
    expect(p1.images).toHaveLength(16 * 784);
    expect(p2.images).toEqual(p1.images);
    expect(plain.images).not.toEqual(p1.images);
    // Without augmentation the preview is the raw training images in epoch 1's order: bands of 255.
    expect(new Set(plain.images)).toEqual(new Set([0, 255]));
    handle(trainMsg(2, { augment }));
    expect(await until((e) => e.type === 'batchPreview')).toMatchObject({
      runId: 2,
      preview: { epoch: 1, batch: 1, count: 16 },
    });
    await until((e) => e.type === 'runEnded');
    expect(events.find((e) => e.type === 'batchPreview' && e.preview.batch === 1)).toMatchObject({
      preview: { images: p1.images },
    });
  });

  it('holds out a validation split, reports its metrics, and stops early when the validation loss stalls', async () => {
    const { handle, events, until } = setup();
    handle({ type: 'loadDataset', datasetId: 'toy', baseUrl: '/x' });
    // SGD with a zero learning rate never improves: the best epoch is 1 and patience 2 ends the run after epoch 3.
    handle(
      trainMsg(1, {
        epochs: 10,
        validationSplit: 0.2,
        earlyStopping: { patience: 2 },
        optimizer: 'sgd',
        learningRate: 0,
      }),
    );
    const end = await until((e) => e.type === 'runEnded');
    expect(events.find((e) => e.type === 'runStarted')).toMatchObject({ samplesTotal: 10 * 160 });
    const epochs = events.flatMap((e) => (e.type === 'epoch' ? [e.metrics] : []));
    expect(epochs.map((m) => m.epoch)).toEqual([1, 2, 3]);
    expect(epochs[0].valLoss).toBeGreaterThan(0);
    expect(epochs[0].valAcc).toBeGreaterThanOrEqual(0);
    expect(losses(events, 1)).toHaveLength(3 * 8);
    expect(end).toMatchObject({
      status: 'done',
      note: expect.stringMatching(
        /^Stopped early after epoch 3: the validation loss had not improved for 2 epochs\. Kept the weights of epoch 1/,
      ),
    });
  });

  it("standardises with the training samples' mean and std and reports them", async () => {
    const { handle, events, until } = setup();
    handle({ type: 'loadDataset', datasetId: 'toy', baseUrl: '/x' });
    handle(trainMsg(1, { epochs: 1, normalization: 'standardize' }));
    await until((e) => e.type === 'runEnded');
    // Every toy image has one 28-pixel row of 255 out of 784: mean 1/28, std sqrt(1/28 - 1/28²).
    const started = events.find((e) => e.type === 'runStarted');
    const stats = started?.type === 'runStarted' ? started.stats : null;
    expect(stats?.mean[0]).toBeCloseTo(1 / 28, 6);
    expect(stats?.std[0]).toBeCloseTo(Math.sqrt(1 / 28 - 1 / 784), 6);
    expect(events.find((e) => e.type === 'runEnded')).toMatchObject({ status: 'done' });
  });
});

describe('backend choice', () => {
  it('picks the fastest backend and says why each other one was skipped', () => {
    const r = finishProbe([
      { backend: 'webgpu', samplesPerSec: null, note: 'WebGPU is not available in this browser' },
      { backend: 'wasm', samplesPerSec: 1400, note: '' },
      { backend: 'webgl', samplesPerSec: 140, note: '' },
      { backend: 'cpu', samplesPerSec: 66, note: '' },
    ]);
    expect(r.chosen).toBe('wasm');
    expect(r.results.map((x) => x.note)).toEqual([
      'WebGPU is not available in this browser',
      'chosen: fastest at 1,400 samples/s',
      'slower: 140 samples/s vs 1,400 samples/s on wasm',
      'slower: 66 samples/s vs 1,400 samples/s on wasm',
    ]);
  });

  it('prefers WebGPU when it is at least as fast', () => {
    const r = finishProbe([
      { backend: 'webgpu', samplesPerSec: 1400, note: '' },
      { backend: 'wasm', samplesPerSec: 1400, note: '' },
    ]);
    expect(r.chosen).toBe('webgpu');
    expect(() => finishProbe([{ backend: 'cpu', samplesPerSec: null, note: 'x' }])).toThrow(/No backend/);
  });

  it('does not time a backend it is told to skip, and shows why', async () => {
    const skipped = 'skipped: runs on a software renderer (swiftshader)';
    const timed: string[] = [];
    const r = await probeBackends(
      tinyMlp,
      () => ({
        xs: tf.zeros([4, 28, 28, 1]) as tf.Tensor4D,
        ys: tf.oneHot(tf.tensor1d([0, 1, 0, 1], 'int32'), 10).toFloat() as tf.Tensor2D,
      }),
      1,
      () => undefined,
      async (b) => {
        timed.push(b);
        return b === 'cpu' ? null : skipped;
      },
    );
    expect(timed).toEqual(['webgpu', 'wasm', 'webgl', 'cpu']);
    expect(r.chosen).toBe('cpu');
    expect(r.results.map((x) => [x.backend, x.samplesPerSec === null ? x.note : 'timed'])).toEqual([
      ['webgpu', skipped],
      ['wasm', skipped],
      ['webgl', skipped],
      ['cpu', 'timed'],
    ]);
  });
});
