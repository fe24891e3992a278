import { describe, expect, it } from 'vitest';
import { channelStats, pixelTransform } from './normalize';

describe('normalisation', () => {
  it('computes per-channel mean and std in [0, 1] units over the chosen samples', () => {
    // Two 2-pixel RGB images; channel 0 is 0 or 255, channel 1 is always 51, channel 2 is 0, 102, 204, 255.
    const images = Uint8Array.from([0, 51, 0, 255, 51, 102, 0, 51, 204, 255, 51, 255]);
    const s = channelStats(images, 6, 3, [0, 1]);
    expect(s.mean[0]).toBeCloseTo(0.5, 10);
    expect(s.std[0]).toBeCloseTo(0.5, 10);
    expect(s.mean[1]).toBeCloseTo(0.2, 10);
    expect(s.std[1]).toBeCloseTo(0, 10);
    expect(s.mean[2]).toBeCloseTo((0 + 0.4 + 0.8 + 1) / 4, 10);
    expect(channelStats(images, 6, 3, [1]).mean[2]).toBeCloseTo(0.9, 10);
  });

  it('maps raw pixels to the documented ranges', () => {
    const apply = (t: ReturnType<typeof pixelTransform>, v: number) => v * t.scale[0] + t.offset[0];
    expect([0, 255].map((v) => apply(pixelTransform('none', 1), v))).toEqual([0, 255]);
    expect([0, 255].map((v) => apply(pixelTransform('unit', 1), v))).toEqual([0, 1]);
    expect([0, 255].map((v) => apply(pixelTransform('centered', 1), v))).toEqual([-0.5, 0.5]);
    const std = pixelTransform('standardize', 1, { mean: [0.1307], std: [0.3081] });
    expect(apply(std, 0)).toBeCloseTo(-0.1307 / 0.3081, 6);
    expect(apply(std, 255)).toBeCloseTo((1 - 0.1307) / 0.3081, 6);
    expect(() => pixelTransform('standardize', 1)).toThrow(/statistics/);
  });

  it('standardised data has mean 0 and std 1 per channel', () => {
    const images = Uint8Array.from({ length: 300 }, (_, i) => (i * 37) % 256);
    const s = channelStats(
      images,
      30,
      3,
      Array.from({ length: 10 }, (_, i) => i),
    );
    const t = pixelTransform('standardize', 3, s);
    for (let c = 0; c < 3; c++) {
      const xs = Array.from(images)
        .filter((_, j) => j % 3 === c)
        .map((v) => v * t.scale[c] + t.offset[c]);
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
      expect(mean).toBeCloseTo(0, 6);
      expect(sd).toBeCloseTo(1, 6);
    }
  });
});
