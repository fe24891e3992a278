import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from './registry';
import { forwardPadding } from './conv2dGradWasm';
import { simdKernels, unloadSimdKernels } from './simd/simdKernels';
import { KERNEL_CASES, loadTestKernels } from '../../../test/helpers/simdKernels';
import { mulberry32 } from '../../model/rng';

const random = (n: number, seed: number) => {
  const r = mulberry32(seed);
  return Float32Array.from({ length: n }, () => r() * 2 - 1);
};

/** Gradients of sum(conv2d(x, f) * g) w.r.t. x and f on the current backend. */
function grads(
  xShape: [number, number, number, number],
  fShape: [number, number, number, number],
  stride: number,
  pad: 'same' | 'valid',
  fused = false,
): Float32Array[] {
  return tf.tidy(() => {
    const x = tf.tensor4d(
      random(
        xShape.reduce((a, b) => a * b),
        1,
      ),
      xShape,
    );
    const f = tf.tensor4d(
      random(
        fShape.reduce((a, b) => a * b),
        2,
      ),
      fShape,
    );
    const g = tf.grads((xi: tf.Tensor, fi: tf.Tensor) => {
      // tfjs-layers convolutions with a bias and no fusable activation take the fused op, whose
      // gradient calls the backprop kernels directly.
      const y = fused
        ? tf.fused.conv2d({
            x: xi as tf.Tensor4D,
            filter: fi as tf.Tensor4D,
            strides: stride,
            pad,
            bias: tf.ones([fShape[3]]),
          })
        : tf.conv2d(xi as tf.Tensor4D, fi as tf.Tensor4D, stride, pad);
      return tf.sum(tf.mul(y, tf.tensor(random(y.size, 3), y.shape)));
    });
    return g([x, f]).map((t) => t.dataSync() as Float32Array);
  });
}

describe('forwardPadding', () => {
  it('gives the padding tfjs used for stride-1 convolutions', () => {
    expect(forwardPadding('valid', 14, 14, 5, 5, 10, 10)).toEqual([0, 0, 0, 0]);
    expect(forwardPadding('same', 28, 28, 5, 5, 28, 28)).toEqual([2, 2, 2, 2]);
    // An even kernel pads one more at the bottom/right, as TensorFlow does.
    expect(forwardPadding('same', 8, 8, 4, 4, 8, 8)).toEqual([1, 2, 1, 2]);
    expect(forwardPadding(1, 6, 6, 3, 3, 6, 6)).toEqual([1, 1, 1, 1]);
  });
});

const CASES = [
  ['LeNet conv1 (same 5x5)', [4, 28, 28, 1], [5, 5, 1, 6], 1, 'same'],
  ['LeNet conv2 (valid 5x5)', [4, 14, 14, 6], [5, 5, 6, 16], 1, 'valid'],
  ['even kernel, same (asymmetric padding)', [3, 8, 7, 2], [4, 4, 2, 3], 1, 'same'],
  ['1x1 convolution', [2, 6, 6, 5], [1, 1, 5, 4], 1, 'valid'],
  ['valid 3x3, 5 channels, odd sizes (runs of 15 floats)', [3, 9, 11, 5], [3, 3, 5, 7], 1, 'valid'],
  ['valid 4x2 kernel, 1 image', [1, 7, 6, 3], [4, 2, 3, 9], 1, 'valid'],
  ["fused conv + bias (the sigmoid/tanh layers' path)", [3, 12, 12, 2], [5, 5, 2, 4], 1, 'same', true],
  ['stride 2 (native input kernel, JS filter loop)', [2, 9, 9, 3], [3, 3, 3, 4], 2, 'same'],
] as const;

async function expectSameAsCpu(
  xs: readonly number[],
  fs: readonly number[],
  stride: number,
  pad: 'same' | 'valid',
  fused = false,
) {
  await tf.setBackend('cpu');
  const expected = grads([...xs] as Shape, [...fs] as Shape, stride, pad, fused);
  await tf.setBackend('wasm');
  const before = tf.memory().numTensors;
  const actual = grads([...xs] as Shape, [...fs] as Shape, stride, pad, fused);
  expect(tf.memory().numTensors).toBe(before);
  for (const [i, e] of expected.entries()) {
    expect(actual[i].length).toBe(e.length);
    let maxErr = 0;
    for (let j = 0; j < e.length; j++) maxErr = Math.max(maxErr, Math.abs(actual[i][j] - e[j]));
    expect(maxErr).toBeLessThan(1e-3);
    expect(Math.max(...e.map(Math.abs))).toBeGreaterThan(0.1);
  }
}
type Shape = [number, number, number, number];

describe('Conv2D input and filter gradients on wasm', () => {
  beforeAll(() => registerWasmTrainingKernels());

  it.each(CASES)('%s matches the cpu backend', (_n, xs, fs, stride, pad, fused: boolean = false) =>
    expectSameAsCpu(xs, fs, stride, pad, fused),
  );
});

// With the SIMD kernels in tfjs's memory (the page's) and in their own: an unpadded convolution's input
// gradient is scattered (convInputGrad), every other stride-1 one a forward convolution. Plain and relaxed builds.
describe.each(KERNEL_CASES)('Conv2D gradients with the SIMD kernels (%s, %s build)', (mode, build) => {
  beforeAll(async () => {
    registerWasmTrainingKernels();
    await loadTestKernels(mode, build);
  });
  afterAll(() => unloadSimdKernels());

  it.each(CASES)('%s matches the cpu backend', async (_n, xs, fs, stride, pad, fused: boolean = false) => {
    const k = simdKernels()!;
    const scatter = vi.spyOn(k, 'convInputGrad');
    await expectSameAsCpu(xs, fs, stride, pad, fused);
    expect(scatter).toHaveBeenCalledTimes(stride === 1 && pad === 'valid' ? 1 : 0);
    scatter.mockRestore();
  });
});
