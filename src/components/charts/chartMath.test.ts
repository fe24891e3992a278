import { describe, expect, it } from 'vitest';
import {
  axisTicks,
  percentAxis,
  downsample,
  keptIndices,
  etaSeconds,
  hoverGrid,
  linePath,
  nearestPoint,
  niceCeil,
  pointsPerLine,
  smooth,
  stepTimes,
} from './chartMath';
import { mulberry32, permutation } from '../../model/rng';

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
  it('names the indices it keeps, so long series are built for those only', () => {
    expect(keptIndices(10, 4)).toEqual([0, 3, 6, 9]);
    expect(keptIndices(11, 4)).toEqual([0, 3, 6, 9, 10]);
    expect(keptIndices(3, 10)).toEqual([0, 1, 2]);
    expect(keptIndices(0, 10)).toEqual([]);
    expect(
      downsample(
        Array.from({ length: 11 }, (_, i) => i * 10),
        4,
      ),
    ).toEqual([0, 30, 60, 90, 100]);
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
  it("interpolates each step's end time between progress reports", () => {
    expect(
      stepTimes(
        [
          [2, 100],
          [6, 300],
        ],
        6,
      ),
    ).toEqual([50, 100, 150, 200, 250, 300]);
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

describe('niceCeil', () => {
  it('rounds up to 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten', () => {
    expect(niceCeil(2.31)).toBe(2.5);
    expect(niceCeil(2.5)).toBe(2.5);
    expect(niceCeil(2.6)).toBe(3);
    expect(niceCeil(0.7)).toBe(0.8);
    expect(niceCeil(1)).toBe(1);
    expect(niceCeil(1.01)).toBe(1.2);
    expect(niceCeil(8.5)).toBe(10);
    expect(niceCeil(19_200)).toBe(20_000);
    expect(niceCeil(180_000)).toBe(200_000);
    expect(niceCeil(60_000)).toBe(60_000);
    expect(niceCeil(6_400)).toBe(8_000);
    expect(niceCeil(0.3)).toBe(0.3);
    expect(niceCeil(0.31)).toBe(0.4);
    expect(niceCeil(0)).toBe(0);
    expect(niceCeil(-3)).toBe(0);
    expect(niceCeil(Number.NaN)).toBe(0);
  });
});

describe('nearestPoint', () => {
  const pts = [{ x: 64 }, { x: 128 }, { x: 192 }, { x: 256 }];
  it('finds the point with the closest x', () => {
    expect(nearestPoint(pts, 64)).toBe(pts[0]);
    expect(nearestPoint(pts, 100)).toBe(pts[1]);
    expect(nearestPoint(pts, 90)).toBe(pts[0]);
    expect(nearestPoint(pts, 256)).toBe(pts[3]);
    expect(nearestPoint(pts, 300)).toBe(pts[3]);
    expect(nearestPoint(pts, 10)).toBe(pts[0]);
  });
  it('has nothing to say beyond the ends by more than one spacing, or for no points', () => {
    expect(nearestPoint(pts, 321)).toBeNull();
    expect(nearestPoint(pts, -1)).toBeNull();
    expect(nearestPoint([], 5)).toBeNull();
    expect(nearestPoint(pts, Number.NaN)).toBeNull();
    expect(nearestPoint([{ x: 64 }], 100)).toEqual({ x: 64 });
    expect(nearestPoint([{ x: 64 }], 129)).toBeNull();
  });
});

describe('axisTicks', () => {
  it('steps from 0 to a round end by a round step, 3 to 5 intervals where one fits', () => {
    expect(axisTicks(60_000)).toEqual([0, 20_000, 40_000, 60_000]);
    expect(axisTicks(200_000)).toEqual([0, 50_000, 100_000, 150_000, 200_000]);
    expect(axisTicks(800)).toEqual([0, 200, 400, 600, 800]);
    expect(axisTicks(3)).toEqual([0, 1, 2, 3]);
    expect(axisTicks(8_000)).toEqual([0, 2_000, 4_000, 6_000, 8_000]);
    expect(axisTicks(1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(axisTicks(6)).toEqual([0, 2, 4, 6]);
    expect(axisTicks(2.5)).toEqual([0, 0.5, 1, 1.5, 2, 2.5]);
    expect(axisTicks(1.2)).toEqual([0, 0.3, 0.6, 0.9, 1.2]);
    expect(axisTicks(7)).toEqual([0, 2, 4, 6]);
    expect(axisTicks(0)).toEqual([]);
  });
});

describe('the accuracy axis', () => {
  it('ends at 100% and starts at the data rounded down to ten', () => {
    expect(percentAxis([97.2, 98.4, 91.03])).toEqual({ domain: [90, 100], ticks: [90, 100] });
    expect(percentAxis([67.7, 95])).toEqual({ domain: [60, 100], ticks: [60, 70, 80, 90, 100] });
    expect(percentAxis([9.6, 11])).toEqual({ domain: [0, 100], ticks: [0, 20, 40, 60, 80, 100] });
    expect(percentAxis([35, 99])).toEqual({ domain: [20, 100], ticks: [20, 40, 60, 80, 100] });
    expect(percentAxis([])).toEqual({ domain: [0, 100], ticks: [0, 20, 40, 60, 80, 100] });
  });
});

describe('lines drawn by hand', () => {
  const sx = (v: number) => 10 * v;
  const sy = (v: number) => 100 - v;
  it('maps each point through the scales into one path', () => {
    expect(
      linePath(
        [
          { x: 0, y: 0 },
          { x: 1, y: 2.5 },
          { x: 2.25, y: 50 },
        ],
        sx,
        sy,
      ),
    ).toBe('M0,100L10,97.5L22.5,50');
  });
  it('skips points that are not finite or that a scale cannot place, joining their neighbours', () => {
    const pts = [
      { x: 0, y: 1 },
      { x: 1, y: NaN },
      { x: 2, y: Infinity },
      { x: 3, y: 4 },
    ];
    expect(linePath(pts, sx, sy)).toBe('M0,99L30,96');
    expect(linePath(pts, (v) => (v === 0 ? undefined : sx(v)), sy)).toBe('M30,96');
    expect(linePath([], sx, sy)).toBe('');
  });
  it('rounds pixels to a tenth', () => {
    expect(linePath([{ x: 1 / 3, y: 0 }], sx, sy)).toBe('M3.3,100');
  });
  it('spreads tooltip stops evenly over the axis, both ends included', () => {
    expect(hoverGrid(10, 5)).toEqual([{ x: 0 }, { x: 2.5 }, { x: 5 }, { x: 7.5 }, { x: 10 }]);
    expect(hoverGrid(60000)).toHaveLength(241);
    expect(hoverGrid(0)).toEqual([]);
  });
});
