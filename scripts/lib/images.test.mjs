import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { execSync } from 'node:child_process';
import sharp from 'sharp';
import {
  CIFAR_CLASSES,
  datasetRoot,
  extractArchive,
  listImageFolder,
  parseCifarRecords,
  readCifarBinaryDir,
  readImageFolder,
  shuffled,
} from './images.mjs';

/** One official CIFAR-10 record: label, then 1,024 R, 1,024 G, 1,024 B bytes. */
function record(label, r, g, b) {
  return Uint8Array.from([label, ...new Array(1024).fill(r), ...new Array(1024).fill(g), ...new Array(1024).fill(b)]);
}

describe('CIFAR-10 binary records', () => {
  it('turns planar R, G, B records into interleaved HWC images', () => {
    const rec = record(7, 10, 20, 30);
    rec[1 + 5] = 99; // red of pixel 5
    rec[1 + 2048 + 1023] = 77; // blue of the last pixel
    const { labels, images } = parseCifarRecords(Uint8Array.from([...rec, ...record(2, 1, 2, 3)]));
    expect(Array.from(labels)).toEqual([7, 2]);
    expect(Array.from(images.subarray(0, 6))).toEqual([10, 20, 30, 10, 20, 30]);
    expect(Array.from(images.subarray(15, 18))).toEqual([99, 20, 30]);
    expect(images[3071]).toBe(77);
    expect(Array.from(images.subarray(3072, 3075))).toEqual([1, 2, 3]);
    expect(() => parseCifarRecords(new Uint8Array(3000))).toThrow(/not a multiple of 3073/);
    expect(() => parseCifarRecords(record(12, 0, 0, 0))).toThrow(/label 12/);
  });

  it('reads the official folder layout, wrapped in cifar-10-batches-bin as the archive has it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cifar-bin-'));
    const inner = join(dir, 'cifar-10-batches-bin');
    mkdirSync(inner);
    for (let i = 1; i <= 5; i++) writeFileSync(join(inner, `data_batch_${i}.bin`), record(i, i, 0, 0));
    writeFileSync(join(inner, 'test_batch.bin'), record(9, 0, 0, 9));
    execSync(`tar -czf ${join(dir, 'c.tar.gz')} -C ${dir} cifar-10-batches-bin`);
    const { dir: out, cleanup } = await extractArchive(join(dir, 'c.tar.gz'));
    const ds = readCifarBinaryDir(datasetRoot(out));
    cleanup();
    expect(ds.imageShape).toEqual([32, 32, 3]);
    expect(ds.classes).toEqual(CIFAR_CLASSES);
    expect(Array.from(ds.train.labels)).toEqual([1, 2, 3, 4, 5]);
    expect(Array.from(ds.test.images.subarray(0, 3))).toEqual([0, 0, 9]);
  });
});

describe('image folders', () => {
  async function tree() {
    const root = mkdtempSync(join(tmpdir(), 'images-'));
    const colours = { cats: [200, 50, 50], dogs: [50, 50, 200] };
    for (const [name, [r, g, b]] of Object.entries(colours)) {
      mkdirSync(join(root, name));
      for (let i = 0; i < 6; i++) {
        // Any size: 40x20 PNGs and 16x16 JPEGs, resized to 8x8.
        const img = sharp({
          create: { width: i % 2 ? 40 : 16, height: i % 2 ? 20 : 16, channels: 3, background: { r, g, b } },
        });
        await (i % 2 ? img.png() : img.jpeg({ quality: 95, chromaSubsampling: '4:4:4' })).toFile(
          join(root, name, `${i}.${i % 2 ? 'png' : 'jpg'}`),
        );
      }
    }
    writeFileSync(join(root, 'cats', 'notes.txt'), 'not an image');
    return root;
  }

  it('lists classes from folder names and holds every sixth image out for test', async () => {
    const { classes, split } = listImageFolder(await tree());
    expect(classes).toEqual(['cats', 'dogs']);
    expect(split.train).toHaveLength(10);
    expect(split.test).toHaveLength(2);
    expect(split.test.map((x) => x.label)).toEqual([0, 1]);
  });

  it('decodes PNG and JPEG of any size to the chosen size, RGB or gray, shuffled so classes mix', async () => {
    const ds = await readImageFolder(await tree(), { size: 8, channels: 3 });
    expect(ds.imageShape).toEqual([8, 8, 3]);
    expect(ds.train.images).toHaveLength(10 * 64 * 3);
    ds.train.labels.forEach((label, i) => {
      const px = Array.from(ds.train.images.subarray(i * 192, i * 192 + 3));
      const want = label === 0 ? [200, 50, 50] : [50, 50, 200];
      px.forEach((v, c) => expect(Math.abs(v - want[c])).toBeLessThanOrEqual(3));
    });
    expect(new Set(Array.from(ds.train.labels.subarray(0, 4))).size).toBe(2);
    const gray = await readImageFolder(await tree(), { size: 8, channels: 1 });
    expect(gray.imageShape).toEqual([8, 8, 1]);
    expect(Math.abs(gray.test.images[0] - (gray.test.labels[0] === 0 ? 95 : 59))).toBeLessThanOrEqual(3);
  });

  it('refuses a folder without class folders', () => {
    const root = mkdtempSync(join(tmpdir(), 'flat-'));
    writeFileSync(join(root, 'a.png'), '');
    expect(() => listImageFolder(root)).toThrow(/one sub-folder per class/);
    expect(shuffled([1, 2, 3, 4], 1)).toEqual(shuffled([1, 2, 3, 4], 1));
  });
});
