import { describe, expect, it } from 'vitest';
import { renderPolylines, strokesToDigit, PEN_RADIUS } from './strokes';
import { centreOfMass, inkBounds } from './preprocess';

const line = (x0: number, y0: number, x1: number, y1: number, n = 10) =>
  Array.from({ length: n + 1 }, (_, i) => ({ x: x0 + ((x1 - x0) * i) / n, y: y0 + ((y1 - y0) * i) / n }));

describe('drawing strokes as MNIST does', () => {
  it('renders a pen of the given radius with anti-aliased edges', () => {
    const img = renderPolylines(
      [
        [
          [2, 5],
          [8, 5],
        ],
      ],
      10,
      1,
    );
    // Pixel centres at distance 0.5 are fully inked, at 1.5 not at all, between them in proportion.
    expect(img[5 * 10 + 5]).toBe(1);
    expect(img[4 * 10 + 5]).toBe(1);
    expect(img[3 * 10 + 5]).toBe(0);
    expect(img[5 * 10 + 0]).toBeCloseTo(0);
    expect(img[5 * 10 + 9]).toBeCloseTo(0);
  });

  it("a tall stroke fills 20 px, keeps its aspect and has MNIST's pen width whatever size it was drawn at", () => {
    const ink = (size: number) => {
      const img = strokesToDigit([line(100, 10, 100, 10 + size)])!;
      const b = inkBounds(img, 28, 28, 0.5)!;
      return { h: b.h, total: img.reduce((a, v) => a + v, 0) };
    };
    const small = ink(40);
    const large = ink(250);
    expect(small.h).toBe(20);
    expect(large.h).toBe(20);
    // Same ink either way: about 20 px long times the pen's width.
    expect(small.total).toBeCloseTo(large.total, 1);
    expect(small.total / 20).toBeGreaterThan(2 * PEN_RADIUS - 0.3);
    expect(small.total / 20).toBeLessThan(2 * PEN_RADIUS + 0.6);
  });

  it('centres the mass at the middle', () => {
    const img = strokesToDigit([line(0, 0, 30, 0), line(0, 0, 0, 90)])!;
    const c = centreOfMass(img, 28, 28);
    expect(c.x).toBeCloseTo(14, 0);
    expect(c.y).toBeCloseTo(14, 0);
  });

  it('a dot is a round blob in the middle; no strokes is nothing', () => {
    const img = strokesToDigit([[{ x: 5, y: 5 }]])!;
    expect(img[14 * 28 + 14]).toBeGreaterThan(0.5); // inked where the centre of mass is
    expect(inkBounds(img, 28, 28, 0.5)!.w).toBeLessThanOrEqual(3);
    expect(strokesToDigit([])).toBeNull();
  });
});
