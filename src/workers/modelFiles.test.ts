import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildModel, predictProbs } from '../model/build';
import { presetLayers } from '../model/presets';
import { withHiddenActivation } from '../model/spec';
import type { SeededDropout } from '../model/layers';
import { exportTopology, importTopology, loadModelFiles, saveModelFiles, ModelFileError } from './modelFiles';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('model files', () => {
  it('saves in the TensorFlow.js layers format and loads back with the same predictions and metadata, custom layers included', async () => {
    // LeNet-5 1998 with LeCun's scaled tanh and dropout: both custom layers must serialise.
    const layers = withHiddenActivation(presetLayers('lenet5-1998'), 'lecunTanh');
    layers.splice(6, 0, { kind: 'dropout', rate: 0.25 });
    const model = buildModel({ inputShape: [28, 28, 1], classes: 10, layers }, 3);
    const meta = { pixel: { scale: [1 / 255], offset: [-0.5] }, datasetId: 'mnist', classes: [...'0123456789'] };
    const files = await saveModelFiles(model, meta);
    const json = JSON.parse(files.modelJson);
    expect(json.format).toBe('layers-model');
    expect(json.weightsManifest[0].paths).toEqual(['model.weights.bin']);
    expect(files.weights.byteLength).toBe(61706 * 4);
    const loaded = await loadModelFiles(files.modelJson, files.weights);
    expect(loaded.meta).toEqual(meta);
    // The file says Dropout (stock tfjs knows it); the page builds its seeded dropout from it again.
    expect(json.modelTopology.config.layers.map((l: { class_name: string }) => l.class_name)).toContain('Dropout');
    const dropout = loaded.model.layers.find((l) => l.getClassName() === 'SeededDropout') as SeededDropout | undefined;
    expect(dropout?.seed).toBe(3 + 6000);
    expect(dropout?.rate).toBe(0.25);
    const x = tf.randomUniform([2, 28, 28, 1], 0, 1, 'float32', 5) as tf.Tensor4D;
    const [a, b] = [predictProbs(model, x), predictProbs(loaded.model, x)];
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    tf.dispose([x, a, b]);
    model.dispose();
    loaded.model.dispose();
  });

  it('loads the shipped starters, quantised weights and all, with their metadata', async () => {
    for (const id of ['mnist', 'fashion-mnist', 'cifar10']) {
      const dir = new URL(`../../public/starters/${id}/`, import.meta.url);
      const loaded = await loadModelFiles(
        readFileSync(new URL('model.json', dir), 'utf8'),
        new Uint8Array(readFileSync(new URL('model.weights.bin', dir))).buffer,
      );
      expect(loaded.meta?.datasetId).toBe(id);
      expect(loaded.meta?.classes).toHaveLength(10);
      loaded.model.dispose();
    }
  });

  it('explains files that are not a model', async () => {
    await expect(loadModelFiles('{', new ArrayBuffer(0))).rejects.toThrow(ModelFileError);
    await expect(loadModelFiles('{"a":1}', new ArrayBuffer(0))).rejects.toThrow(/not a TensorFlow\.js layers model/);
    const model = buildModel({ inputShape: [28, 28, 1], classes: 10, layers: presetLayers('mlp') }, 1);
    const files = await saveModelFiles(model, {
      pixel: { scale: [1 / 255], offset: [0] },
      datasetId: 'mnist',
      classes: [],
    });
    await expect(loadModelFiles(files.modelJson, new ArrayBuffer(16))).rejects.toThrow(
      /weights file belongs to this model\.json/,
    );
    model.dispose();
  });
});

describe('model files for people outside the page', () => {
  const stock = async (files: { modelJson: string; weights: ArrayBuffer }, x: tf.Tensor4D) => {
    const dir = mkdtempSync(join(tmpdir(), 'stock-'));
    writeFileSync(join(dir, 'model.json'), files.modelJson);
    writeFileSync(join(dir, 'model.weights.bin'), new Uint8Array(files.weights));
    writeFileSync(join(dir, 'input.json'), JSON.stringify({ shape: x.shape, data: Array.from(x.dataSync()) }));
    const r = spawnSync(process.execPath, ['test/helpers/stockTfjs.mjs', dir, join(dir, 'input.json')], {
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(r.stderr);
    return (JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { outputs: number[][] }).outputs;
  };

  it('saves a classifier that gives probabilities in stock TensorFlow.js, and the page applies softmax once', async () => {
    const model = buildModel({ inputShape: [28, 28, 1], classes: 10, layers: presetLayers('cifar-lenet') }, 4);
    const files = await saveModelFiles(model, {
      pixel: { scale: [1 / 255], offset: [0] },
      datasetId: 'mnist',
      classes: [],
    });
    const layers = JSON.parse(files.modelJson).modelTopology.config.layers;
    expect(layers.at(-1).config.activation).toBe('softmax');
    expect(layers.map((l: { class_name: string }) => l.class_name)).not.toContain('SeededDropout');
    const x = tf.randomUniform([3, 28, 28, 1], 0, 1, 'float32', 2) as tf.Tensor4D;
    const want = predictProbs(model, x);
    const outside = await stock(files, x);
    outside.forEach((row) => expect(Math.abs(row.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-5));
    expect(tf.max(tf.abs(tf.sub(want, tf.tensor2d(outside)))).dataSync()[0]).toBeLessThan(1e-6);
    const loaded = await loadModelFiles(files.modelJson, files.weights);
    const inPage = predictProbs(loaded.model, x);
    expect(tf.max(tf.abs(tf.sub(want, inPage))).dataSync()[0]).toBeLessThan(1e-6);
    tf.dispose([x, want, inPage]);
    model.dispose();
    loaded.model.dispose();
  });

  it('still loads files saved before the softmax was written (a linear output), with the same probabilities', async () => {
    const model = buildModel({ inputShape: [28, 28, 1], classes: 10, layers: presetLayers('lenet5') }, 6);
    const files = await saveModelFiles(model, {
      pixel: { scale: [1 / 255], offset: [0] },
      datasetId: 'mnist',
      classes: [],
    });
    const json = JSON.parse(files.modelJson);
    json.modelTopology.config.layers.at(-1).config.activation = 'linear';
    const old = await loadModelFiles(JSON.stringify(json), files.weights);
    const x = tf.randomUniform([2, 28, 28, 1], 0, 1, 'float32', 8) as tf.Tensor4D;
    const [a, b] = [predictProbs(model, x), predictProbs(old.model, x)];
    expect(tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]).toBeLessThan(1e-6);
    expect(exportTopology(importTopology(json.modelTopology))).toEqual(exportTopology(json.modelTopology));
    tf.dispose([x, a, b]);
    model.dispose();
    old.model.dispose();
  });
});
