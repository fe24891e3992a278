import { describe, expect, it } from 'vitest';
import { grayscaleDataset, inputShapeFor, luma, toGrayImages } from './grayscale';
import type { RawDataset } from './shards';

describe('grayscale', () => {
  it('converts RGB pixels with BT.601 weights', () => {
    expect(luma(255, 0, 0)).toBe(76);
    expect(luma(0, 255, 0)).toBe(150);
    expect(luma(0, 0, 255)).toBe(29);
    expect(Array.from(toGrayImages(Uint8Array.from([255, 255, 255, 10, 20, 30])))).toEqual([255, 18]);
  });

  it('turns a colour dataset into one channel and leaves gray ones alone', () => {
    const split = { labels: Uint8Array.from([3]), images: new Uint8Array(2 * 2 * 3).fill(200) };
    const ds = {
      manifest: { imageShape: [2, 2, 3] },
      train: split,
      test: split,
      fromCache: false,
    } as unknown as RawDataset;
    const g = grayscaleDataset(ds);
    expect(g.manifest.imageShape).toEqual([2, 2, 1]);
    expect(Array.from(g.train.images)).toEqual([200, 200, 200, 200]);
    expect(g.train.labels).toBe(split.labels);
    const gray = { ...ds, manifest: { imageShape: [2, 2, 1] } } as unknown as RawDataset;
    expect(grayscaleDataset(gray)).toBe(gray);
    expect(inputShapeFor([32, 32, 3], 'gray')).toEqual([32, 32, 1]);
    expect(inputShapeFor([28, 28, 1], 'gray')).toEqual([28, 28, 1]);
    expect(inputShapeFor([32, 32, 3], 'rgb')).toEqual([32, 32, 3]);
  });
});
