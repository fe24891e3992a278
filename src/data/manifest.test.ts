import { describe, expect, it } from 'vitest';
import { parseDatasetIndex, parseManifest, splitShard } from './manifest';

const good = () => ({
  version: 1,
  id: 'mnist',
  name: 'MNIST',
  source: 'x',
  imageShape: [28, 28, 1],
  classes: ['0', '1'],
  splits: {
    train: { count: 3, shards: [{ file: 'train-00.shard', count: 3, bytes: 10, sha256: 'a'.repeat(64) }] },
    test: { count: 1, shards: [{ file: 'test-00.shard', count: 1, bytes: 5, sha256: 'b'.repeat(64) }] },
  },
});

describe('manifest', () => {
  it('accepts a well-formed manifest', () => {
    expect(parseManifest(good()).splits.train.count).toBe(3);
  });
  it('rejects counts that do not add up, bad hashes, odd file names and bad shapes', () => {
    const a = good();
    a.splits.train.count = 4;
    expect(() => parseManifest(a)).toThrow(/shards hold 3/);
    const b = good();
    b.splits.test.shards[0].sha256 = 'xyz';
    expect(() => parseManifest(b)).toThrow(/malformed/);
    const c = good();
    c.splits.test.shards[0].file = '../../etc/passwd';
    expect(() => parseManifest(c)).toThrow(/malformed/);
    const d = good();
    d.imageShape = [28, 28];
    expect(() => parseManifest(d)).toThrow(/imageShape/);
    expect(() => parseManifest({ ...good(), version: 2 })).toThrow(/version/);
  });
  it('splits a shard into labels and pixels and checks its size', () => {
    const raw = new Uint8Array([4, 5, 1, 2, 3, 4, 5, 6, 7, 8]);
    const { labels, images } = splitShard(raw, 2, 4);
    expect(Array.from(labels)).toEqual([4, 5]);
    expect(Array.from(images)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(() => splitShard(raw, 2, 5)).toThrow(/expected 12/);
  });
  it('parses the dataset index and rejects unknown states', () => {
    expect(
      parseDatasetIndex({ datasets: [{ id: 'a', name: 'A', state: 'ready', fix: 'npm run datasets' }] })[0].id,
    ).toBe('a');
    expect(() => parseDatasetIndex({ datasets: [{ id: 'a', name: 'A', state: 'maybe', fix: '' }] })).toThrow();
  });
});
