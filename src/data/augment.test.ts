import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { drawTransform, NO_AUGMENT, thicken, transformInto, WARP_GRID, type SampleTransform } from './augment';
import { makeBatch, previewImages } from './batches';

const W = 28;
/** A 28x28 image with one bright pixel at (x, y). */
function dot(x: number, y: number): Uint8Array {
  const img = new Uint8Array(W * W);
  img[y * W + x] = 255;
  return img;
}
function apply(img: Uint8Array, t: Partial<SampleTransform>, c = 1, w = W): Float32Array {
  const out = new Float32Array(img.length);
  transformInto(
    img,
    img.length / w / c,
    w,
    c,
    { angle: 0, dx: 0, dy: 0, flip: false, ...t },
    out,
    0,
    Array(c).fill(1),
    Array(c).fill(0),
  );
  return out;
}
const brightest = (a: Float32Array) => {
  const i = a.indexOf(Math.max(...a));
  return [i % W, Math.floor(i / W)];
};

describe('augmentation', () => {
  it('shifts by whole pixels exactly, filling with black', () => {
    const out = apply(dot(20, 14), { dx: 3, dy: -2 });
    expect(brightest(out)).toEqual([23, 12]);
    expect(out.reduce((a, b) => a + b, 0)).toBe(255);
    expect(apply(dot(27, 0), { dx: 1 }).reduce((a, b) => a + b, 0)).toBe(0);
  });

  it('rotates about the image centre: 90° takes (20, 14) to (13, 20)', () => {
    const out = apply(dot(20, 14), { angle: Math.PI / 2 });
    expect(brightest(out)).toEqual([13, 20]);
    expect(out[20 * W + 13]).toBeCloseTo(255, 6);
  });

  it('flips left-right, channel by channel', () => {
    expect(brightest(apply(dot(3, 9), { flip: true }))).toEqual([24, 9]);
    const rgb = Uint8Array.from([10, 20, 30, 40, 50, 60]); // 1x2 RGB
    expect(Array.from(apply(rgb, { flip: true }, 3, 2))).toEqual([40, 50, 60, 10, 20, 30]);
  });

  it('draws transforms from (seed, epoch, index) alone, within the configured ranges', () => {
    const cfg = { ...NO_AUGMENT, rotation: 15, shift: 2, flip: true, cropPadding: 0 };
    expect(drawTransform(cfg, 42, 1, 7)).toEqual(drawTransform(cfg, 42, 1, 7));
    expect(drawTransform(cfg, 42, 1, 7)).not.toEqual(drawTransform(cfg, 42, 1, 8));
    expect(drawTransform(cfg, 42, 1, 7)).not.toEqual(drawTransform(cfg, 42, 2, 7));
    expect(drawTransform(cfg, 42, 1, 7)).not.toEqual(drawTransform(cfg, 43, 1, 7));
    const ts = Array.from({ length: 2000 }, (_, i) => drawTransform(cfg, 1, 1, i));
    const deg = ts.map((t) => (t.angle * 180) / Math.PI);
    expect(Math.max(...deg)).toBeLessThanOrEqual(15);
    expect(Math.min(...deg)).toBeGreaterThanOrEqual(-15);
    expect(Math.max(...deg) - Math.min(...deg)).toBeGreaterThan(28);
    expect(new Set(ts.map((t) => t.dx))).toEqual(new Set([-2, -1, 0, 1, 2]));
    const flips = ts.filter((t) => t.flip).length;
    expect(flips).toBeGreaterThan(900);
    expect(flips).toBeLessThan(1100);
    expect(drawTransform(NO_AUGMENT, 1, 1, 5)).toEqual({
      angle: 0,
      dx: 0,
      dy: 0,
      flip: false,
      scale: 1,
      shear: 0,
      thicken: 0,
      warp: null,
    });
    const crop = Array.from({ length: 500 }, (_, i) => drawTransform({ ...NO_AUGMENT, cropPadding: 4 }, 1, 1, i).dy);
    expect(new Set(crop)).toEqual(new Set([-4, -3, -2, -1, 0, 1, 2, 3, 4]));
  });

  it('augments a batch the same way for the same seed and epoch, whatever the batch size', () => {
    const split = {
      images: Uint8Array.from({ length: 4 * 784 }, (_, i) => (i * 7) % 256),
      labels: Uint8Array.from([0, 1, 2, 3]),
    };
    const augment = {
      config: { ...NO_AUGMENT, rotation: 20, shift: 2, flip: false, cropPadding: 0 },
      seed: 9,
      epoch: 3,
    };
    const order = [3, 1, 0, 2];
    const whole = makeBatch(split, order, 0, 4, [28, 28, 1], 4, { augment });
    const half = makeBatch(split, order, 2, 4, [28, 28, 1], 4, { augment });
    const plain = makeBatch(split, order, 0, 4, [28, 28, 1], 4);
    expect(Array.from(half.xs.dataSync())).toEqual(Array.from(whole.xs.dataSync()).slice(2 * 784));
    expect(Array.from(plain.xs.dataSync())).not.toEqual(Array.from(whole.xs.dataSync()));
    const preview = previewImages(split, order, 0, 2, [28, 28, 1], augment);
    const scaled = Array.from(whole.xs.dataSync().slice(0, 2 * 784), (v) => Math.round(v * 255));
    expect(Array.from(preview)).toEqual(scaled);
    tf.dispose([whole.xs, whole.ys, half.xs, half.ys, plain.xs, plain.ys]);
  });
});

describe('augmentation for drawings', () => {
  const centre = 13.5;
  const total = (a: Float32Array) => a.reduce((s, v) => s + v, 0);

  it('scales about the centre (13.5): a point 3.5 px right of it moves to 5.25 px at 150%', () => {
    const out = apply(dot(17, 14), { scale: 1.5 });
    expect(brightest(out)).toEqual([19, 14]);
    const row = Array.from(out.subarray(14 * W, 15 * W));
    const mean = row.reduce((a, v, x) => a + v * x, 0) / row.reduce((a, v) => a + v, 0);
    expect(mean).toBeCloseTo(centre + 3.5 * 1.5, 0);
  });

  it('slants: x moves by shear · (y - centre)', () => {
    const img = new Uint8Array(W * W);
    for (let x = 10; x < 18; x++) img[22 * W + x] = 255; // a horizontal bar 8.5 px below the centre
    const out = apply(img, { shear: 0.5 });
    const row = Array.from(out.subarray(22 * W, 23 * W));
    const mean = row.reduce((a, v, x) => a + v * x, 0) / row.reduce((a, v) => a + v, 0);
    expect(mean).toBeCloseTo(13.5 + 0.5 * 8.5, 1);
  });

  it('thickens a pixel into a plus, thins a 3x3 block to its centre', () => {
    expect(thicken(dot(5, 5), W, W, 1).reduce((a, v) => a + (v > 0 ? 1 : 0), 0)).toBe(5);
    const block = new Uint8Array(W * W);
    for (let y = 4; y <= 6; y++) for (let x = 4; x <= 6; x++) block[y * W + x] = 200;
    const thin = thicken(block, W, W, -1);
    expect(Array.from(thin).filter((v) => v > 0)).toEqual([200]);
    expect(thin[5 * W + 5]).toBe(200);
    expect(total(apply(dot(5, 5), { thicken: 1 }))).toBe(5 * 255);
  });

  it('an elastic warp with the same offset everywhere is a shift', () => {
    const warp = Float32Array.from({ length: 2 * WARP_GRID * WARP_GRID }, (_, i) => (i % 2 === 0 ? 2 : -1));
    const out = apply(dot(10, 10), { warp });
    expect(brightest(out)).toEqual([12, 9]);
    expect(total(out)).toBeCloseTo(255, 3);
  });

  it('draws each transform within its range, and leaves the older transforms as they were', () => {
    const old = { ...NO_AUGMENT, rotation: 15, shift: 2, flip: false, cropPadding: 0 };
    const cfg = { ...NO_AUGMENT, ...old, scale: 20, slant: 10, thickness: 1, elastic: 2 };
    for (let i = 0; i < 200; i++) {
      const t = drawTransform(cfg, 7, 1, i);
      const before = drawTransform({ ...NO_AUGMENT, ...old }, 7, 1, i);
      expect([t.angle, t.dx, t.dy, t.flip]).toEqual([before.angle, before.dx, before.dy, before.flip]);
      expect(t.scale!).toBeGreaterThanOrEqual(0.8);
      expect(t.scale!).toBeLessThanOrEqual(1.2);
      expect(Math.abs(t.shear!)).toBeLessThanOrEqual(Math.tan((10 * Math.PI) / 180) + 1e-12);
      expect([-1, 0, 1]).toContain(t.thicken);
      expect(t.warp!.every((v) => Math.abs(v) <= 2)).toBe(true);
    }
  });
});
