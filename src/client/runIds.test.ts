import { describe, expect, it } from 'vitest';
import { createRunIds } from './runIds';
import { memoryStorage } from '../../test/helpers/fakeProbe';

describe('run numbers', () => {
  it('two tabs over the same history never hand out the same number', () => {
    const shared = memoryStorage();
    const [tabA, tabB] = [createRunIds(shared), createRunIds(shared)];
    // Both loaded runs 1-4 from the history.
    const given = [tabA(4), tabB(4), tabA(4), tabB(4), tabB(4)];
    expect(given).toEqual([5, 6, 7, 8, 9]);
  });

  it('numbers after the runs a tab holds, and keeps counting without storage', () => {
    const next = createRunIds(null);
    expect(next(0)).toBe(1);
    expect(next(0)).toBe(2);
    expect(next(10)).toBe(11);
  });
});
