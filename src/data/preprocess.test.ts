import { describe, expect, it } from 'vitest';
import { centreOfMass, coverRect, inkBounds, rgbaToBytes } from './preprocess';

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
  });

  it('computes the centre of mass in pixel-centre coordinates', () => {
    const img = canvas(4, 4, (x, y) => (x === 3 && y === 0 ? 1 : 0));
    expect(centreOfMass(img, 4, 4)).toEqual({ x: 3.5, y: 0.5 });
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
