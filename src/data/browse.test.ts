import { describe, expect, it } from 'vitest';
import { browseDataset, classCounts } from './browse';
import type { RawDataset } from './shards';

describe('dataset browser', () => {
  it('counts classes and takes the first images of each, class by class', () => {
    const labels = Uint8Array.from([1, 0, 1, 1, 2, 0]);
    const images = Uint8Array.from([10, 11, 12, 13, 14, 15]); // 1x1x1 images: pixel = 10 + index
    const ds = {
      manifest: { imageShape: [1, 1, 1], classes: ['a', 'b', 'c', 'd'] },
      train: { labels, images },
    } as unknown as RawDataset;
    expect(classCounts(labels, 4)).toEqual([2, 3, 1, 0]);
    const b = browseDataset(ds, 2);
    expect(b.shown).toEqual([2, 2, 1, 0]);
    expect(Array.from(b.images)).toEqual([11, 15, 10, 12, 14]);
    expect(b.trainCounts).toEqual([2, 3, 1, 0]);
  });
});
