import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from './registry';

it('a clone on wasm shares its buffer, and each copy outlives the other', async () => {
  registerWasmTrainingKernels();
  await tf.setBackend('wasm');
  const buffers = tf.memory().numDataBuffers;
  const a = tf.tensor1d([1, 2, 3]);
  const b = tf.clone(a);
  const c = tf.clone(b);
  expect(tf.memory().numDataBuffers - buffers).toBe(1); // one buffer, three tensors
  a.dispose();
  expect(Array.from(b.dataSync())).toEqual([1, 2, 3]);
  b.dispose();
  expect(Array.from(c.dataSync())).toEqual([1, 2, 3]);
  const d = tf.add(c, 1);
  c.dispose();
  expect(Array.from(d.dataSync())).toEqual([2, 3, 4]);
  d.dispose();
  expect(tf.memory().numDataBuffers).toBe(buffers);
});
