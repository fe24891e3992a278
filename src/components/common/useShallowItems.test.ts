import { describe, expect, it } from 'vitest';
import { shallow } from 'zustand/shallow';
import { sameItems } from './useShallowItems';

describe('sameItems', () => {
  const run = { id: 1 };
  it('compares arrays item by item, by identity', () => {
    expect(sameItems([1, 'a', run], [1, 'a', run])).toBe(true);
    expect(sameItems([run], [{ id: 1 }])).toBe(false);
    expect(sameItems([1, 2], [1, 2, 3])).toBe(false);
    expect(sameItems([NaN], [NaN])).toBe(true);
    expect(sameItems([0], [-0])).toBe(false);
    expect(sameItems([], [])).toBe(true);
  });
  it('compares plain objects key by key', () => {
    expect(sameItems({ a: 1, b: run }, { b: run, a: 1 })).toBe(true);
    expect(sameItems({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameItems({ a: 1, b: undefined }, { a: 1 })).toBe(false);
    expect(sameItems({ a: 1 }, { a: 2 })).toBe(false);
  });
  it('never calls an array equal to an object, nor anything to null', () => {
    expect(sameItems([1], { 0: 1 })).toBe(false);
    expect(sameItems({ 0: 1 }, [1])).toBe(false);
    expect(sameItems(null, [])).toBe(false);
    expect(sameItems(undefined, [])).toBe(false);
    expect(sameItems(3, 3)).toBe(true);
  });
  it("agrees with zustand's shallow on the arrays and objects the page's selectors return", () => {
    const cases: [unknown, unknown][] = [
      [
        [1, 2, 3],
        [1, 2, 3],
      ],
      [
        [1, 2, 3],
        [1, 2, 4],
      ],
      [[run, run], [run]],
      [
        { a: 1, b: [run] },
        { a: 1, b: [run] },
      ],
      [
        { a: 1, b: 'x' },
        { a: 1, b: 'x' },
      ],
    ];
    for (const [a, b] of cases) expect(sameItems(a, b)).toBe(shallow(a, b));
  });
});
