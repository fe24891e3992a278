import { describe, expect, it } from 'vitest';
import { fmtInt, fmtWhen } from './format';

describe('fmtInt', () => {
  it('groups thousands with commas as en-US does', () => {
    expect([0, 7, 999, 1000, 61706, 1234567, 60000000].map(fmtInt)).toEqual([
      '0',
      '7',
      '999',
      '1,000',
      '61,706',
      '1,234,567',
      '60,000,000',
    ]);
  });
  it('rounds, and keeps the sign outside the groups', () => {
    expect(fmtInt(2855.6)).toBe('2,856');
    expect(fmtInt(-1234)).toBe('-1,234');
    expect(fmtInt(-999)).toBe('-999');
  });
});

describe('fmtWhen', () => {
  it('writes local day, month, hours and minutes as en-GB does', () => {
    expect(fmtWhen(new Date(2026, 10, 23, 7, 5).getTime())).toBe('23 Nov, 07:05');
    expect(fmtWhen(new Date(2027, 0, 1, 0, 0).getTime())).toBe('1 Jan, 00:00');
    expect(fmtWhen(new Date(2026, 11, 31, 23, 59).getTime())).toBe('31 Dec, 23:59');
  });
});
