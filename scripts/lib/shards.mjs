// Writes a dataset as gzip'd shards plus manifest.json, the format src/data/manifest.ts reads.
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export const SHARD_SIZE = 10_000;
export const MANIFEST_VERSION = 1;

/**
 * Packs one split into shards. Shard bytes, before gzip: `count` label bytes, then
 * `count * H * W * C` pixel bytes (row-major HWC, uint8).
 */
function writeSplit(dir, split, labels, images, pixelsPerImage) {
  const count = labels.length;
  const shards = [];
  for (let start = 0, i = 0; start < count; start += SHARD_SIZE, i++) {
    const n = Math.min(SHARD_SIZE, count - start);
    const raw = new Uint8Array(n + n * pixelsPerImage);
    raw.set(labels.subarray(start, start + n), 0);
    raw.set(images.subarray(start * pixelsPerImage, (start + n) * pixelsPerImage), n);
    const gz = gzipSync(raw, { level: 9 });
    const file = `${split}-${String(i).padStart(2, '0')}.shard`;
    writeFileSync(join(dir, file), gz);
    shards.push({ file, count: n, bytes: gz.byteLength, sha256: createHash('sha256').update(gz).digest('hex') });
  }
  return { count, shards };
}

/**
 * Writes `<outDir>/<id>/manifest.json` and shards for a dataset held in memory.
 * @param {{ id: string, name: string, source: string, imageShape: number[], classes: string[],
 *   train: { labels: Uint8Array, images: Uint8Array }, test: { labels: Uint8Array, images: Uint8Array } }} ds
 */
export function writeDataset(outDir, ds) {
  const dir = join(outDir, ds.id);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const pixels = ds.imageShape.reduce((a, b) => a * b, 1);
  const manifest = {
    version: MANIFEST_VERSION,
    id: ds.id,
    name: ds.name,
    source: ds.source,
    imageShape: ds.imageShape,
    classes: ds.classes,
    splits: {
      train: writeSplit(dir, 'train', ds.train.labels, ds.train.images, pixels),
      test: writeSplit(dir, 'test', ds.test.labels, ds.test.images, pixels),
    },
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 1));
  return manifest;
}
