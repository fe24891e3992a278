import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import './meanGradient';

const product = (xs: number[]) => xs.reduce((a, b) => a * b, 1);

const cases: [string, number[], number | number[] | undefined, boolean][] = [
  ['over the batch and pixels (BatchNorm)', [2, 3, 3, 4], [0, 1, 2], false],
  ['over one middle axis, keeping it', [2, 3, 4], [1], true],
  ['over everything', [3, 5], undefined, false],
  ['over a negative axis', [4, 6], -1, false],
];

describe('the gradient of a mean', () => {
  it.each(cases)('%s spreads each upstream value evenly over what it averaged', async (_n, shape, axis, keepDims) => {
    await tf.setBackend('cpu');
    const x = tf.tensor(
      Array.from({ length: product(shape) }, (_, i) => i),
      shape,
    );
    const out = tf.mean(x, axis, keepDims);
    // A distinct upstream value per output element: dx[i] must be dy[i's output] / (elements averaged).
    const dy = tf.tensor(
      Array.from({ length: out.size }, (_, i) => i + 1),
      out.shape,
    );
    const dx = tf.grad((t: tf.Tensor) => tf.mean(t, axis, keepDims))(x, dy);
    const axes = tf.util.parseAxisParam(axis ?? shape.map((_, i) => i), shape);
    const count = product(axes.map((a) => shape[a]));
    const strides = shape.map((_, i) => product(shape.slice(i + 1)));
    const kept = shape.map((d, i) => (axes.includes(i) ? 1 : d));
    const keptStrides = kept.map((_, i) => product(kept.slice(i + 1)));
    const dyv = dy.dataSync();
    const expected = Array.from({ length: x.size }, (_, flat) => {
      const at = shape.reduce(
        (o, d, i) => o + (axes.includes(i) ? 0 : Math.floor(flat / strides[i]) % d) * keptStrides[i],
        0,
      );
      return dyv[at] / count;
    });
    expect(dx.shape).toEqual(shape);
    expect(Array.from(dx.dataSync()).map((v) => v.toFixed(6))).toEqual(expected.map((v) => v.toFixed(6)));
    tf.dispose([x, out, dy, dx]);
  });
});
