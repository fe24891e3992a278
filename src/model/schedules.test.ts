import { describe, expect, it } from 'vitest';
import { formatScheduleList, LENET_PAPER_SCHEDULE, lrAt, parseScheduleList, scheduleCurve } from './schedules';

describe('learning-rate schedules', () => {
  it('constant, step, exponential: known values per epoch', () => {
    expect(scheduleCurve({ kind: 'constant' }, 0.01, 3)).toEqual([0.01, 0.01, 0.01]);
    expect(scheduleCurve({ kind: 'step', every: 2, gamma: 0.5 }, 0.1, 5)).toEqual([0.1, 0.1, 0.05, 0.05, 0.025]);
    const exp = scheduleCurve({ kind: 'exponential', gamma: 0.9 }, 1, 3);
    [1, 0.9, 0.81].forEach((v, i) => expect(exp[i]).toBeCloseTo(v, 12));
  });

  it('cosine goes from the base rate to the minimum over the run', () => {
    const c = scheduleCurve({ kind: 'cosine', minLr: 0 }, 0.1, 5);
    [0.1, 0.0853553, 0.05, 0.0146447, 0].forEach((v, i) => expect(c[i]).toBeCloseTo(v, 6));
    expect(lrAt({ kind: 'cosine', minLr: 0.001 }, 0.1, 1, 1)).toBe(0.1);
  });

  it("the LeNet paper's list: 0.0005 ×2, 0.0002 ×3, 0.00005 ×4, then 0.00001", () => {
    expect(scheduleCurve(LENET_PAPER_SCHEDULE, 0.123, 12)).toEqual([
      0.0005, 0.0005, 0.0002, 0.0002, 0.0002, 0.00005, 0.00005, 0.00005, 0.00005, 0.00001, 0.00001, 0.00001,
    ]);
  });

  it('parses and formats the list text form, refusing malformed text', () => {
    const text = '0.0005x2, 0.0002x3, 0.00005x4, 0.00001';
    expect(parseScheduleList(text)).toEqual(
      LENET_PAPER_SCHEDULE.kind === 'list' ? LENET_PAPER_SCHEDULE.segments : null,
    );
    expect(formatScheduleList(parseScheduleList(text)!)).toBe(text);
    expect(parseScheduleList('0.01 × 3')).toEqual([{ lr: 0.01, epochs: 3 }]);
    expect(parseScheduleList('')).toBeNull();
    expect(parseScheduleList('fast, slow')).toBeNull();
    expect(parseScheduleList('0.01x0')).toBeNull();
    expect(parseScheduleList('-0.1')).toBeNull();
  });
});
