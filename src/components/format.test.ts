import { describe, expect, it } from 'vitest';
import { fmtInt } from './format';

describe('fmtInt', () => {
  it('groups thousands with commas as en-US does', () => {
    expect([0, 7, 999, 1000, 61706, 1234567, 60000000].map(fmtInt)).toEqual(['0', '7', '999', '1,000', '61,706', '1,234,567', '60,000,000']);
  });
  it('rounds, and keeps the sign outside the groups', () => {
    expect(fmtInt(2855.6)).toBe('2,856');
    expect(fmtInt(-1234)).toBe('-1,234');
    expect(fmtInt(-999)).toBe('-999');
  });
});
