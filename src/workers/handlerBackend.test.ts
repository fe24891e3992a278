// In a file of its own: the wasm backend must not have started in this process before the test.
import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { handlerHarness, trainMsg } from '../../test/helpers/handlerHarness';
import { saveModelFiles } from './modelFiles';

it('a model loaded as a run on wasm starts: both start wasm, and the run trains on it (not on the fallback)', async () => {
  await tf.setBackend('cpu');
  const model = tf.sequential({
    layers: [tf.layers.flatten({ inputShape: [28, 28, 1] }), tf.layers.dense({ units: 10 })],
  });
  const files = await saveModelFiles(model, {
    pixel: { scale: [1 / 255], offset: [0] },
    datasetId: 'toy',
    classes: [],
  });
  model.dispose();
  const { handle, events, until } = handlerHarness();
  handle({ type: 'loadDataset', datasetId: 'toy', baseUrl: '/x' });
  await until((e) => e.type === 'datasetReady');
  expect(tf.engine().registry.wasm).toBeUndefined();
  // The load's "wasm, else cpu" and the run's wasm, both while wasm is still starting (it compiles its module).
  handle({ type: 'loadModel', requestId: 1, modelJson: files.modelJson, weights: files.weights });
  handle({ ...trainMsg(2, { epochs: 1 }), backend: 'wasm' });
  let during = '';
  await until((e) => {
    if (e.type === 'progress') during ||= tf.getBackend();
    return e.type === 'runEnded';
  });
  expect(events.find((e) => e.type === 'runEnded')).toMatchObject({ status: 'done' });
  expect(events.find((e) => e.type === 'runStarted')).toMatchObject({ backend: 'wasm' });
  expect(during).toBe('wasm');
  expect(tf.getBackend()).toBe('wasm');
});
