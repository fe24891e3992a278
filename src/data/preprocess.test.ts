import { describe, expect, it } from 'vitest';
import { centreOfMass, coverRect, inkBounds, preprocessDigit, resampleArea, rgbaToBytes } from './preprocess';

function canvas(w: number, h: number, fill: (x: number, y: number) => number): Float32Array {
  const a = new Float32Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) a[y * w + x] = fill(x, y);
  return a;
}

describe('canvas preprocessing', () => {
  it('finds the ink bounding box, or null when blank', () => {
    const img = canvas(10, 10, (x, y) => (x >= 2 && x <= 4 && y >= 5 && y <= 8 ? 1 : 0));
    expect(inkBounds(img, 10, 10)).toEqual({ x: 2, y: 5, w: 3, h: 4 });
    expect(inkBounds(new Float32Array(100), 10, 10)).toBeNull();
    expect(preprocessDigit(new Float32Array(100), 10, 10)).toBeNull();
  });

  it('area-averages: a 4x4 checkerboard halves to uniform 0.5 grey', () => {
    const img = canvas(4, 4, (x, y) => ((x + y) % 2 ? 1 : 0));
    expect(Array.from(resampleArea(img, 4, 0, 0, 4, 4, 2, 2))).toEqual([0.5, 0.5, 0.5, 0.5]);
  });

  it('area-averages with fractional footprints: 3 px to 2 px', () => {
    const out = resampleArea(new Float32Array([1, 0, 0]), 3, 0, 0, 3, 1, 2, 1);
    expect(out[0]).toBeCloseTo(2 / 3);
    expect(out[1]).toBeCloseTo(0);
  });

  it('computes the centre of mass in pixel-centre coordinates', () => {
    const img = canvas(4, 4, (x, y) => (x === 3 && y === 0 ? 1 : 0));
    expect(centreOfMass(img, 4, 4)).toEqual({ x: 3.5, y: 0.5 });
  });

  it('scales a tall stroke so its long side is 20 px, keeps aspect, centres its mass', () => {
    // A 20 px wide, 200 px tall bar in the top-left corner of a 280x280 drawing.
    const img = canvas(280, 280, (x, y) => (x < 20 && y < 200 ? 1 : 0));
    const out = preprocessDigit(img, 280, 280)!;
    const b = inkBounds(out, 28, 28, 0.5)!;
    expect(b.h).toBe(20);
    expect(b.w).toBe(2);
    const com = centreOfMass(out, 28, 28);
    expect(Math.abs(com.x - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(com.y - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.max(...out)).toBeLessThanOrEqual(1);
  });

  it('anti-aliases: a thin diagonal stroke yields intermediate grey levels', () => {
    const img = canvas(280, 280, (x, y) => (Math.abs(x - y) < 12 && x > 40 && x < 240 ? 1 : 0));
    const out = preprocessDigit(img, 280, 280)!;
    const greys = Array.from(out).filter((v) => v > 0.05 && v < 0.95);
    expect(greys.length).toBeGreaterThan(10);
  });
});

describe('image file preprocessing', () => {
  it('keeps RGB or converts to luma', () => {
    const rgba = Uint8ClampedArray.from([255, 0, 0, 255, 10, 20, 30, 255]);
    expect(Array.from(rgbaToBytes(rgba, 3))).toEqual([255, 0, 0, 10, 20, 30]);
    expect(Array.from(rgbaToBytes(rgba, 1))).toEqual([76, 18]);
  });

  it('covers the target by cropping the centre of the longer side', () => {
    expect(coverRect(64, 32, 32, 32)).toEqual({ x: 16, y: 0, w: 32, h: 32 });
    expect(coverRect(100, 200, 32, 32)).toEqual({ x: 0, y: 50, w: 100, h: 100 });
    expect(coverRect(32, 32, 32, 32)).toEqual({ x: 0, y: 0, w: 32, h: 32 });
  });
});
