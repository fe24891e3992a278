import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JS module without types
import { mulberry32 as scriptRng } from './rng.mjs';
import { mulberry32 } from '../../src/model/rng';

describe('scripts/lib/rng.mjs', () => {
  it('yields the same sequence as the app for the same seed', () => {
    for (const seed of [0, 1, 42, 2 ** 31 + 5]) {
      const a = scriptRng(seed) as () => number;
      const b = mulberry32(seed);
      for (let i = 0; i < 50; i++) expect(a()).toBe(b());
    }
  });
});
