import { describe, expect, it } from 'vitest';
import { epochRows, valueAxis } from './epochSeries';
import type { EpochMetrics } from '../../model/train';

const epoch = (n: number, trainLoss: number, testAcc: number, val?: number): EpochMetrics => ({
  epoch: n,
  trainLoss,
  trainAcc: 0.5,
  testLoss: trainLoss / 2,
  testAcc,
  seconds: 1,
  samplesPerSec: 1,
  numTensors: 0,
  ...(val === undefined ? {} : { valLoss: val, valAcc: 0.25 }),
});

describe('epochRows', () => {
  it('makes one row per epoch with a key per run line and reference curve', () => {
    const rows = epochRows(
      'acc',
      [[epoch(1, 2, 0.9), epoch(2, 1, 0.95)], [epoch(1, 3, 0.8, 2)]],
      [4, 7],
      [{ key: 'native-x', values: [91, 96, 97], label: 'x' }],
    );
    expect(rows.data).toEqual([
      { epoch: 1, 'native-x': 91, train4: 50, test4: 90, train7: 50, test7: 80, val7: 25 },
      { epoch: 2, 'native-x': 96, train4: 50, test4: 95 },
      { epoch: 3, 'native-x': 97 },
    ]);
    expect(rows.ids).toEqual([4, 7]);
    expect(rows.withVal).toEqual([7]);
  });

  it('plots losses as they are', () => {
    expect(epochRows('loss', [[epoch(1, 2, 0.9)]], [1], []).data).toEqual([{ epoch: 1, train1: 2, test1: 1 }]);
  });

  it('has no rows without runs or curves', () => {
    expect(epochRows('loss', [], [], []).data).toEqual([]);
  });
});

describe('valueAxis', () => {
  it('ends a loss axis at the round number at or above the highest loss of either layer', () => {
    const a = epochRows('loss', [[epoch(1, 0.3, 0.9)]], [1], []);
    const b = epochRows('loss', [[epoch(1, 0.45, 0.9)]], [2], []);
    expect(valueAxis('loss', [a, b], [])).toEqual({ domain: [0, 0.5], ticks: [0, 0.1, 0.2, 0.3, 0.4, 0.5] });
  });

  it('stands in 0-2.5 for a loss axis with nothing to draw, and ignores non-finite losses', () => {
    expect(valueAxis('loss', [], [])).toEqual({ domain: [0, 2.5], ticks: [0, 0.5, 1, 1.5, 2, 2.5] });
    const diverged = epochRows('loss', [[epoch(1, Infinity, 0.1)]], [1], []);
    expect(valueAxis('loss', [diverged], []).domain).toEqual([0, 2.5]);
  });

  it('ends an accuracy axis at 100% and starts it below the lowest value and reference line', () => {
    const a = epochRows('acc', [[epoch(1, 1, 0.97)]], [1], []);
    expect(valueAxis('acc', [a], [99])).toEqual({ domain: [50, 100], ticks: [50, 60, 70, 80, 90, 100] });
    expect(valueAxis('acc', [a], [35]).domain).toEqual([20, 100]);
  });
});
