// Image sources for the dataset script (Node): the official CIFAR-10 binary records and
// image-folder trees (one folder per class, PNG or JPEG of any size), decoded with sharp.
import { readdirSync, readFileSync, statSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join, extname, basename } from 'node:path';
import { tmpdir } from 'node:os';
import sharp from 'sharp';
import * as tar from 'tar';
import { mulberry32 } from './rng.mjs';

/** The CIFAR-10 classes in the standard label order. */
export const CIFAR_CLASSES = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];
const CIFAR_RECORD = 1 + 3072;
const IMAGE_EXT = new Set(['.png', '.jpg', '.jpeg']);

/**
 * Parses official CIFAR-10 binary records (1 label byte, then 1,024 red, 1,024 green and 1,024
 * blue bytes, row-major) into labels and HWC-interleaved images.
 * @param {Uint8Array} bytes a whole number of records
 */
export function parseCifarRecords(bytes) {
  if (bytes.length % CIFAR_RECORD !== 0)
    throw new Error(`not CIFAR-10 binary records: ${bytes.length} bytes is not a multiple of ${CIFAR_RECORD}`);
  const n = bytes.length / CIFAR_RECORD;
  const labels = new Uint8Array(n);
  const images = new Uint8Array(n * 3072);
  for (let i = 0; i < n; i++) {
    const rec = i * CIFAR_RECORD;
    labels[i] = bytes[rec];
    if (labels[i] > 9) throw new Error(`record ${i} has label ${labels[i]}; CIFAR-10 labels are 0-9`);
    for (let p = 0; p < 1024; p++) {
      for (let c = 0; c < 3; c++) images[i * 3072 + p * 3 + c] = bytes[rec + 1 + c * 1024 + p];
    }
  }
  return { labels, images };
}

/** Reads the official layout (data_batch_1..5.bin, test_batch.bin) from a folder, searching one level down. */
export function readCifarBinaryDir(dir) {
  const inner = existsSync(join(dir, 'test_batch.bin')) ? dir : join(dir, 'cifar-10-batches-bin');
  if (!existsSync(join(inner, 'test_batch.bin'))) return null;
  const concat = (files) => Buffer.concat(files.map((f) => readFileSync(join(inner, f))));
  return {
    imageShape: [32, 32, 3],
    classes: CIFAR_CLASSES,
    train: parseCifarRecords(concat([1, 2, 3, 4, 5].map((i) => `data_batch_${i}.bin`))),
    test: parseCifarRecords(concat(['test_batch.bin'])),
  };
}

const subdirs = (dir) =>
  readdirSync(dir)
    .filter((d) => statSync(join(dir, d)).isDirectory())
    .sort();
const imagesIn = (dir) =>
  readdirSync(dir)
    .filter((f) => IMAGE_EXT.has(extname(f).toLowerCase()))
    .sort();

/**
 * Lists an image-folder tree: `train/<class>/*` and `test/<class>/*`, or just `<class>/*` (then
 * every `testEvery`-th image of each class is held out for test). Classes: `classOrder` when given
 * (e.g. CIFAR-10's), else the folder names sorted.
 */
export function listImageFolder(root, { classOrder, testEvery = 6 } = {}) {
  const hasSplits = existsSync(join(root, 'train')) && existsSync(join(root, 'test'));
  const classRoot = hasSplits ? join(root, 'train') : root;
  const classes = classOrder ?? subdirs(classRoot);
  if (classes.length < 2)
    throw new Error(`${root}: an image folder needs one sub-folder per class (at least 2), found ${classes.length}`);
  const split = { train: [], test: [] };
  for (const [label, name] of classes.entries()) {
    if (hasSplits) {
      for (const s of ['train', 'test']) {
        const dir = join(root, s, name);
        if (!existsSync(dir)) throw new Error(`${dir} is missing: every class needs a folder in train/ and test/`);
        split[s].push(...imagesIn(dir).map((f) => ({ path: join(dir, f), label })));
      }
    } else {
      imagesIn(join(root, name)).forEach((f, i) =>
        split[(i + 1) % testEvery === 0 ? 'test' : 'train'].push({ path: join(root, name, f), label }),
      );
    }
  }
  if (split.train.length === 0 || split.test.length === 0)
    throw new Error(`${root}: no PNG or JPEG images found for ${split.train.length ? 'test' : 'training'}`);
  return { classes, split };
}

/**
 * Decodes and resizes images to size x size (cover: centre crop after scaling), RGB or grayscale,
 * `concurrency` at a time, reporting progress.
 */
export async function decodeImages(items, { size, channels, onProgress = () => {}, concurrency = 16 }) {
  const px = size * size * channels;
  const labels = new Uint8Array(items.length);
  const images = new Uint8Array(items.length * px);
  let next = 0,
    done = 0;
  async function worker() {
    while (next < items.length) {
      const i = next++;
      const img = sharp(items[i].path).resize(size, size, { fit: 'cover' }).removeAlpha().toColourspace('srgb');
      const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
      if (info.channels !== 3 || data.length !== size * size * 3)
        throw new Error(`${items[i].path}: decoded to ${info.channels} channels, ${data.length} bytes`);
      // Gray uses the same BT.601 luma as the page's grayscale mode.
      images.set(
        channels === 3
          ? data
          : data
              .filter((_, k) => k % 3 === 0)
              .map((r, k) => Math.round(0.299 * r + 0.587 * data[3 * k + 1] + 0.114 * data[3 * k + 2])),
        i * px,
      );
      labels[i] = items[i].label;
      if (++done % 5000 === 0 || done === items.length) onProgress(done, items.length);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { labels, images };
}

/**
 * A seeded shuffle (mulberry32 + Fisher-Yates) of a copy of `items`: folder trees list images class
 * by class, and "the first N training samples" must be a mix of classes, as in MNIST.
 */
export function shuffled(items, seed = 1) {
  const rand = mulberry32(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Reads an image-folder dataset (see {@link listImageFolder}) into memory at `size` x `size` x `channels`, each split shuffled. */
export async function readImageFolder(root, { size = 32, channels = 3, classOrder, onProgress } = {}) {
  const { classes, split: sorted } = listImageFolder(root, { classOrder });
  const split = { train: shuffled(sorted.train, 1), test: shuffled(sorted.test, 2) };
  const total = split.train.length + split.test.length;
  const train = await decodeImages(split.train, { size, channels, onProgress: (d) => onProgress?.(d, total) });
  const test = await decodeImages(split.test, {
    size,
    channels,
    onProgress: (d) => onProgress?.(split.train.length + d, total),
  });
  return { imageShape: [size, size, channels], classes, train, test };
}

/** Extracts a .tar.gz into a fresh temporary folder; the caller removes it with `cleanup()`. */
export async function extractArchive(file) {
  const dir = mkdtempSync(join(tmpdir(), `${basename(file)}-`));
  await tar.x({ file, cwd: dir });
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Finds the folder inside an extracted archive that holds the dataset (the archive may wrap it in one folder). */
export function datasetRoot(dir) {
  const entries = readdirSync(dir);
  if (entries.length === 1 && statSync(join(dir, entries[0])).isDirectory() && !existsSync(join(dir, 'train')))
    return join(dir, entries[0]);
  return dir;
}
