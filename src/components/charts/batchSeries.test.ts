import { describe, expect, it } from 'vitest';
import { plannedEnd, seriesOf } from './batchSeries';
import { DEFAULT_CONFIG } from '../../shared/config';
import { newRun, type Run } from '../../store/runsSlice';

const run = (over: Partial<Run>): Run => ({ ...newRun(1, { ...DEFAULT_CONFIG, batchSize: 64 }, 1000, 0), ...over });

describe('batch chart series', () => {
  it('smooths, places each batch at the samples seen after it, and remembers the highest value', () => {
    const s = seriesOf(run({ batchLoss: [2, 1, 1, 1] }), 'seen', 100);
    expect(s.points.map((p) => p.x)).toEqual([64, 128, 192, 256]);
    expect(s.points[0].y).toBeCloseTo(2);
    expect(s.points[1].y).toBeCloseTo((0.9 * 0.1 * 2 + 0.1) / (1 - 0.81));
    expect(s.top).toBeCloseTo(2);
  });

  it('against time, places each batch at its interpolated second', () => {
    const s = seriesOf(
      run({
        batchLoss: [1, 1, 1, 1],
        timeline: [
          [2, 1000],
          [4, 3000],
        ],
      }),
      'time',
      100,
    );
    expect(s.points.map((p) => p.x)).toEqual([0.5, 1, 2, 3]);
  });

  it("keeps at most max points, and makes a run object's series once per axis and budget", () => {
    const r = run({ batchLoss: Array.from({ length: 1000 }, (_, i) => 1 / (i + 1)) });
    const s = seriesOf(r, 'seen', 100);
    expect(s.points.length).toBeLessThanOrEqual(101);
    expect(s.points.at(-1)!.x).toBe(64_000);
    expect(seriesOf(r, 'seen', 100)).toBe(s);
    expect(seriesOf(r, 'seen', 50)).not.toBe(s);
    expect(seriesOf({ ...r }, 'seen', 50)).not.toBe(seriesOf(r, 'seen', 50));
  });

  it("ends the x axis where the training run will end, or at a finished run's last point", () => {
    // 2 epochs of 3,200 samples: 6,400 planned.
    const config = { ...DEFAULT_CONFIG, batchSize: 64, trainSize: 3200, epochs: 2, validationSplit: 0 };
    const training = run({ config, status: 'running', batchLoss: [1, 1], samplesPerSec: 64, timeline: [[2, 4000]] });
    expect(plannedEnd(training, 'seen')).toBe(6400);
    // 4 s so far, 6,272 samples to go at 64 samples/s.
    expect(plannedEnd(training, 'time')).toBeCloseTo(4 + 98);
    const done = run({ config, status: 'done', batchLoss: [1, 1, 1], timeline: [[3, 9000]] });
    expect(plannedEnd(done, 'seen')).toBe(192);
    expect(plannedEnd(done, 'time')).toBe(9);
    expect(plannedEnd(run({ config, status: 'running', batchLoss: [1], timeline: [[1, 500]] }), 'time')).toBe(0.5);
    // A 10% validation split holds 320 of the 3,200 samples out of each epoch.
    expect(plannedEnd({ ...training, config: { ...config, validationSplit: 0.1 } }, 'seen')).toBe(2 * 2880);
  });
});
