import { describe, expect, it } from 'vitest';
import { downsample, etaSeconds, pointsPerLine, smooth, stepTimes } from './metrics';
import { mulberry32, permutation } from './rng';

describe('metrics helpers', () => {
  it('smooths with a bias-corrected EMA', () => {
    const s = smooth([1, 3], 0.5);
    expect(s[0]).toBeCloseTo(1);
    expect(s[1]).toBeCloseTo((0.25 + 1.5) / 0.75);
    expect(smooth([2, 2, 2], 0.9).every((v) => Math.abs(v - 2) < 1e-9)).toBe(true);
  });
  it('downsamples to at most max points plus the last', () => {
    const pts = Array.from({ length: 1000 }, (_, i) => i);
    const d = downsample(pts, 100);
    expect(d.length).toBeLessThanOrEqual(101);
    expect(d[0]).toBe(0);
    expect(d[d.length - 1]).toBe(999);
    expect(downsample([1, 2], 10)).toEqual([1, 2]);
  });
  it('computes ETA from the rate', () => {
    expect(etaSeconds(1000, 500)).toBe(2);
    expect(etaSeconds(1000, 0)).toBe(Infinity);
  });
  it('seeded permutations are permutations and repeat for the same seed', () => {
    const a = permutation(100, 7);
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(Array.from(permutation(100, 7))).toEqual(Array.from(a));
    expect(Array.from(permutation(100, 8))).not.toEqual(Array.from(a));
    expect(mulberry32(1)()).toBe(mulberry32(1)());
  });
});

describe('stepTimes', () => {
  it('interpolates each step\'s end time between progress reports', () => {
    expect(stepTimes([[2, 100], [6, 300]], 6)).toEqual([50, 100, 150, 200, 250, 300]);
    expect(stepTimes([[2, 100]], 3)).toEqual([50, 100, 100]);
    expect(stepTimes([], 2)).toEqual([0, 0]);
  });
});

describe('pointsPerLine', () => {
  it('shares a point budget between lines, 300 at most and 60 at least per line', () => {
    expect(pointsPerLine(0)).toBe(300);
    expect(pointsPerLine(1)).toBe(300);
    expect(pointsPerLine(2)).toBe(300);
    expect(pointsPerLine(4)).toBe(180);
    expect(pointsPerLine(10)).toBe(72);
    expect(pointsPerLine(30)).toBe(60);
    expect(pointsPerLine(3, 300)).toBe(100);
  });
});
