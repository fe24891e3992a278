import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { quantizeWeights, toFloat16 } from './quantize';

describe('weight quantisation', () => {
  it('encodes IEEE half floats', () => {
    expect(toFloat16(1)).toBe(0x3c00);
    expect(toFloat16(0.5)).toBe(0x3800);
    expect(toFloat16(-2)).toBe(0xc000);
    expect(toFloat16(65504)).toBe(0x7bff);
    expect(toFloat16(1e6)).toBe(0x7c00);
    expect(toFloat16(2 ** -24)).toBe(0x0001);
    expect(toFloat16(0)).toBe(0);
  });

  it("round-trips through tfjs's own decoder within each format's step", async () => {
    const values = Float32Array.from({ length: 200 }, (_, i) => Math.sin(i) * 0.3 - 0.05);
    const bias = new Float32Array(4);
    const specs = [
      { name: 'k', shape: [10, 20], dtype: 'float32' },
      { name: 'b', shape: [4], dtype: 'float32' },
    ];
    const data = new Float32Array([...values, ...bias]).buffer;
    for (const [q, tol] of [
      ['float16', 2e-4],
      ['uint16', 1e-5],
      ['uint8', 0.35 / 255 + 1e-6],
    ] as const) {
      const { specs: qs, data: bytes } = quantizeWeights(specs, data, q);
      const decoded = tf.io.decodeWeights(bytes.buffer.slice(0) as ArrayBuffer, qs as tf.io.WeightsManifestEntry[]);
      const k = decoded.k.dataSync();
      values.forEach((v, i) => expect(Math.abs(k[i] - v)).toBeLessThanOrEqual(tol));
      expect(Array.from(decoded.b.dataSync())).toEqual([0, 0, 0, 0]);
    }
    expect(quantizeWeights(specs, data, 'uint8').data.byteLength).toBe(204);
    expect(quantizeWeights(specs, data, 'float16').data.byteLength).toBe(408);
  });

  it('quantises a layer too large to spread into Math.min arguments (CIFAR LeNet has a ~460k-weight dense layer)', () => {
    const n = 1_200_000;
    const w = Float32Array.from({ length: n }, (_, i) => (i % 1001) / 1000 - 0.5); // -0.5 .. 0.5
    const { specs, data } = quantizeWeights([{ name: 'big', shape: [n], dtype: 'float32' }], w.buffer, 'uint8');
    expect(data.byteLength).toBe(n);
    const { min, scale } = specs[0].quantization!;
    expect(min! + 255 * scale!).toBeCloseTo(0.5, 2);
    expect(min!).toBeCloseTo(-0.5, 2);
  });
});
