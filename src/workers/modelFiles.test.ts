import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { buildModel, predictProbs } from '../model/build';
import { presetLayers } from '../model/presets';
import { withHiddenActivation } from '../model/spec';
import { loadModelFiles, saveModelFiles, ModelFileError } from './modelFiles';

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
