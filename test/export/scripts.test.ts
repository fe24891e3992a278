// The exported scripts, run for real: every preset and every layer kind, on PyTorch and on Keras,
// for a few batches; their run files through the page's import parser, their saved models through
// the page's loader; and the page's saved models (the starters, quantised) through the scripts.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { exportScript, scriptFileName, type ScriptEngine } from '../../src/shared/export/scripts';
import { exportPlan } from '../../src/shared/export/plan';
import { sweepShellScript } from '../../src/shared/export/sweepScript';
import { sweepConfigs } from '../../src/store/sweep';
import { commonActivation } from '../../src/model/spec';
import { inputShapeFor } from '../../src/data/grayscale';
import { parseRunFile } from '../../src/store/runFile';
import { loadModelFiles, saveModelFiles } from '../../src/workers/modelFiles';
import { buildModel, predictProbs } from '../../src/model/build';
import { lenet5 } from '../../src/model/presets';
import { permutation } from '../../src/model/rng';
import { drawTransform, transformInto, NO_AUGMENT } from '../../src/data/augment';
import { CIFAR_DATASET, exportCases, MNIST_DATASET, type ExportCase } from '../helpers/exportCases';
import { BUILT_IN_DATASETS } from '../../src/shared/export/datasets';
import {
  engineReady,
  KERAS_PYTHON,
  MNIST_DIR,
  run,
  runAsync,
  SHARED_DATASETS,
  torchrun,
  TORCH_PYTHON,
} from '../helpers/python';
// @ts-expect-error: a plain .mjs helper of the dataset script
import { readIdx } from '../../scripts/lib/idx.mjs';

const torchOk = engineReady(TORCH_PYTHON, 'torch');
const kerasOk = engineReady(KERAS_PYTHON, 'keras');
const PY = { pytorch: TORCH_PYTHON, keras: KERAS_PYTHON };
let dir = '';
let cifarDir = '';
let cifarTest: Uint8Array;

/**
 * A small CIFAR-10 in the official binary layout whose classes differ in colour (so a few batches
 * can learn them): 6 x 200 records of 1 label byte, then 1,024 red, green and blue bytes.
 */
function writeCifarFixture(folder: string) {
  mkdirSync(folder, { recursive: true });
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) / 65536;
  const batch = (n: number) => {
    const out = new Uint8Array(n * 3073);
    for (let i = 0; i < n; i++) {
      const label = i % 10;
      out[i * 3073] = label;
      for (let c = 0; c < 3; c++)
        for (let p = 0; p < 1024; p++)
          out[i * 3073 + 1 + c * 1024 + p] = Math.min(255, Math.floor(((label * (c + 3)) % 10) * 22 + rand() * 60));
    }
    return out;
  };
  for (let b = 1; b <= 5; b++) writeFileSync(join(folder, `data_batch_${b}.bin`), batch(200));
  const test = batch(200);
  writeFileSync(join(folder, 'test_batch.bin'), test);
  cifarTest = test;
}

/** The first `n` test images of a case's dataset as the page feeds them (HWC, pixel map applied). */
function testImages(c: ExportCase, n: number, pixel: { scale: number[]; offset: number[] }): tf.Tensor4D {
  const [h, w] = c.input.dataset.imageShape;
  const shape = inputShapeFor(c.input.dataset.imageShape, c.input.config.colorMode);
  let raw: Uint8Array;
  if (c.input.dataset.id === 'mnist') raw = readIdx(join(MNIST_DIR, 't10k-images-idx3-ubyte')).data.slice(0, n * h * w);
  else {
    raw = new Uint8Array(n * h * w * 3);
    for (let i = 0; i < n; i++)
      for (let p = 0; p < 1024; p++)
        for (let ch = 0; ch < 3; ch++) raw[i * 3072 + p * 3 + ch] = cifarTest[i * 3073 + 1 + ch * 1024 + p];
    if (shape[2] === 1)
      raw = raw
        .filter((_, k) => k % 3 === 0)
        .map((r, k) => Math.round(0.299 * r + 0.587 * raw[3 * k + 1] + 0.114 * raw[3 * k + 2]));
  }
  const x = Float32Array.from(raw, (v, k) => v * pixel.scale[k % shape[2]] + pixel.offset[k % shape[2]]);
  return tf.tensor4d(x, [n, ...shape]);
}

function writeScript(c: ExportCase, engine: ScriptEngine): string {
  const file = join(dir, scriptFileName(c.input, engine));
  writeFileSync(file, exportScript(c.input, engine));
  return file;
}

/** A TCP port nothing listens on now (the OS picks it). */
const freePort = () =>
  new Promise<number>((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => done(port));
    });
  });

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

beforeAll(async () => {
  await tf.setBackend('cpu');
  dir = mkdtempSync(join(tmpdir(), 'nn-export-'));
  cifarDir = join(dir, 'cifar-10-batches-bin');
  writeCifarFixture(cifarDir);
});

const PYTHON_TIMEOUT = 180_000;

describe.each([
  ['pytorch', torchOk],
  ['keras', kerasOk],
] as const)('the %s script', (engine, ready) => {
  it.skipIf(!ready).each(exportCases().map((c) => [c.id, c] as const))(
    '%s: counts the parameters, trains with a falling loss, and writes a run file and a model the page reads',
    async (id, c) => {
      const file = writeScript(c, engine);
      const out = join(dir, `${id}-${engine}.json`);
      const model = join(dir, `${id}-${engine}-model`);
      const data = c.input.dataset.id === 'mnist' ? MNIST_DIR : dir;
      const r = run(PY[engine], [
        file,
        '--data',
        data,
        '--epochs',
        '1',
        '--train-size',
        '960',
        '--batch-size',
        '32',
        '--out',
        out,
        '--save-tfjs',
        model,
        '--predict',
        '5',
      ]);
      expect(r.status, r.stderr).toBe(0);
      const spec = {
        inputShape: inputShapeFor(c.input.dataset.imageShape, c.input.config.colorMode),
        classes: 10,
        layers: c.input.config.layers,
      };
      expect(r.lines[0].params).toBe(exportPlan(spec, 0, 1).params);
      const epoch = r.lines.find((l) => l.epoch === 1)!;
      expect(Number.isFinite(epoch.train_loss)).toBe(true);
      expect(epoch.test_acc as number).toBeGreaterThanOrEqual(0);
      // The run file: the page's own parser accepts it, with the engine and the command line's settings.
      const parsed = parseRunFile(readFileSync(out, 'utf8'));
      expect(parsed.ok, parsed.ok ? '' : parsed.message).toBe(true);
      const runRecord = parsed.ok ? parsed.runs[0] : null;
      expect(runRecord!.engine?.name).toBe(engine);
      expect(runRecord!.config.trainSize).toBe(960);
      expect(runRecord!.config.layers).toEqual(c.input.config.layers);
      const losses = runRecord!.batchLoss;
      expect(losses).toHaveLength(30);
      expect(mean(losses.slice(-6))).toBeLessThan(mean(losses.slice(0, 6)));
      // The saved model: the page's loader builds it and predicts what the script printed.
      const loaded = await loadModelFiles(
        readFileSync(join(model, 'model.json'), 'utf8'),
        new Uint8Array(readFileSync(join(model, 'model.weights.bin'))).buffer,
      );
      expect(loaded.meta?.datasetId).toBe(c.input.dataset.id);
      const xs = testImages(c, 5, loaded.meta!.pixel);
      const probs = predictProbs(loaded.model, xs);
      const want = tf.tensor2d(r.lines.find((l) => l.probs)!.probs as number[][]);
      expect(tf.max(tf.abs(tf.sub(probs, want))).dataSync()[0]).toBeLessThan(1e-4);
      tf.dispose([xs, probs, want]);
      loaded.model.dispose();
    },
    // A Python process that imports its framework and trains: tens of seconds on a quiet machine, more
    // beside other work (a 60 s limit timed out with a browser run and a PyTorch run on the same cores).
    PYTHON_TIMEOUT,
  );
});

describe.skipIf(!torchOk)('the PyTorch script and the page', () => {
  const lenet = exportCases().find((c) => c.id === 'lenet5')!;

  it("evaluates a model the page saved: the same probabilities on 100 test images, and the starter's quantised weights", async () => {
    const file = writeScript(lenet, 'pytorch');
    const model = buildModel({ inputShape: [28, 28, 1], classes: 10, layers: lenet5() }, 9);
    const pixel = { scale: [1 / 255], offset: [0] };
    const saved = await saveModelFiles(model, { pixel, datasetId: 'mnist', classes: MNIST_DATASET.classes });
    const folder = join(dir, 'page-model');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'model.json'), saved.modelJson);
    writeFileSync(join(folder, 'model.weights.bin'), new Uint8Array(saved.weights));
    const r = run(TORCH_PYTHON, [file, '--data', MNIST_DIR, '--init-from', folder, '--eval-only', '--predict', '100']);
    expect(r.status, r.stderr).toBe(0);
    const xs = testImages(lenet, 100, pixel);
    const page = predictProbs(model, xs);
    const script = tf.tensor2d(r.lines.find((l) => l.probs)!.probs as number[][]);
    expect(tf.max(tf.abs(tf.sub(page, script))).dataSync()[0]).toBeLessThan(1e-4);
    tf.dispose([xs, page, script]);
    model.dispose();

    const starter = run(TORCH_PYTHON, [
      file,
      '--data',
      MNIST_DIR,
      '--init-from',
      'public/starters/mnist',
      '--eval-only',
    ]);
    expect(starter.status, starter.stderr).toBe(0);
    const meta = JSON.parse(readFileSync('public/starters/mnist/model.json', 'utf8')).userDefinedMetadata.nnPlayground
      .starter;
    expect(Math.abs((starter.lines[1].test_acc as number) - meta.testAcc)).toBeLessThanOrEqual(0.0005);
  });

  it('refuses a model of another network with a message that says which layer differs', () => {
    const mlp = exportCases().find((c) => c.id === 'mlp')!;
    const r = run(TORCH_PYTHON, [
      writeScript(mlp, 'pytorch'),
      '--data',
      MNIST_DIR,
      '--init-from',
      'public/starters/mnist',
      '--eval-only',
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/error: The model has 5 layers with weights; this network has 3/);
  });

  it('says what to pass when --data holds no dataset, and --help lists every flag', () => {
    const file = writeScript(lenet, 'pytorch');
    const r = run(TORCH_PYTHON, [file, '--data', dir + '/nothing-here', '--epochs', '1']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no such file or folder. Pass a folder with train-images-idx3-ubyte');
    const help = run(TORCH_PYTHON, [file, '--help']);
    for (const flag of [
      '--data',
      '--epochs',
      '--train-size',
      '--batch-size',
      '--lr',
      '--seed',
      '--device',
      '--out',
      '--save-tfjs',
      '--init-from',
      '--eval-only',
    ])
      expect(help.stdout).toContain(flag);
  });

  it('shuffles and augments exactly as the page: the same epoch order and the same augmented pixels', () => {
    const c = { ...lenet, input: { ...lenet.input, config: { ...lenet.input.config } } };
    const file = writeScript(c, 'pytorch');
    const augment = { ...NO_AUGMENT, rotation: 12, shift: 2, scale: 10, slant: 8, thickness: 1, elastic: 1.5 };
    const images = readIdx(join(MNIST_DIR, 't10k-images-idx3-ubyte')).data.slice(0, 3 * 784);
    const code = [
      'import importlib.util, json, sys, numpy as np',
      `spec = importlib.util.spec_from_file_location('s', ${JSON.stringify(file)}); s = importlib.util.module_from_spec(spec); spec.loader.exec_module(s)`,
      'imgs = np.frombuffer(bytes(json.loads(sys.stdin.read())), np.uint8).reshape(3, 28, 28, 1)',
      `out = s.augment_batch(imgs, np.array([5, 17, 40000]), 42, 3, json.loads(${JSON.stringify(JSON.stringify(augment))}), ([1 / 255], [0.0]))`,
      "print(json.dumps({'order': s.epoch_order(50, 42, 2).tolist(), 'aug': out.reshape(-1).tolist()}))",
    ].join('\n');
    const r = run(TORCH_PYTHON, ['-c', code], { input: JSON.stringify(Array.from(images)) });
    expect(r.status, r.stderr).toBe(0);
    expect(r.lines[0].order).toEqual(Array.from(permutation(50, 42 * 1000 + 2)));
    const want = new Float32Array(3 * 784);
    [5, 17, 40000].forEach((index, k) =>
      transformInto(
        images.subarray(k * 784, (k + 1) * 784),
        28,
        28,
        1,
        drawTransform(augment, 42, 3, index),
        want,
        k * 784,
        [1 / 255],
        [0],
      ),
    );
    const got = r.lines[0].aug as number[];
    expect(Math.max(...got.map((v, i) => Math.abs(v - want[i])))).toBeLessThan(1e-5);
  });
});

describe.skipIf(!torchOk)('the PyTorch script under torchrun (DistributedDataParallel, gloo)', () => {
  const lenet = exportCases().find((c) => c.id === 'lenet5')!;
  const args = (out: string) => ['--data', MNIST_DIR, '--epochs', '1', '--train-size', '6000', '--out', out];

  it(
    'trains the same experiment in 1 and in 2 processes to within a point of test accuracy, and both run files import',
    { timeout: PYTHON_TIMEOUT },
    () => {
      const file = writeScript(lenet, 'pytorch');
      const one = run(TORCH_PYTHON, [file, ...args(join(dir, 'k1.json'))]);
      const two = run(TORCH_PYTHON, [
        ...torchrun(),
        '--standalone',
        '--nproc_per_node',
        '2',
        file,
        ...args(join(dir, 'k2.json')),
      ]);
      expect(one.status, one.stderr).toBe(0);
      expect(two.status, two.stderr).toBe(0);
      // Only rank 0 prints: one parameter line and one epoch line.
      expect(two.lines.filter((l) => 'params' in l)).toHaveLength(1);
      expect(two.lines.filter((l) => 'epoch' in l)).toHaveLength(1);
      expect(two.lines[0]).toMatchObject({ params: 61706, processes: 2 });
      const acc = (r: typeof one) => r.lines.find((l) => l.epoch === 1)!.test_acc as number;
      expect(acc(one)).toBeGreaterThan(0.85);
      expect(Math.abs(acc(one) - acc(two))).toBeLessThanOrEqual(0.01);
      for (const [f, processes] of [
        ['k1.json', 1],
        ['k2.json', 2],
      ] as const) {
        const parsed = parseRunFile(readFileSync(join(dir, f), 'utf8'));
        expect(parsed.ok && parsed.runs[0].engine).toMatchObject({ name: 'pytorch', processes, nodes: 1 });
        expect(parsed.ok && parsed.runs[0].samplesPerSec).toBeGreaterThan(0);
      }
    },
  );

  it(
    'runs as two nodes on this machine (two torchrun processes meeting at one address)',
    { timeout: 180_000 },
    async () => {
      const file = writeScript(lenet, 'pytorch');
      const port = String(await freePort());
      const node = (rank: number) =>
        runAsync(TORCH_PYTHON, [
          ...torchrun(),
          '--nnodes',
          '2',
          '--node_rank',
          String(rank),
          '--nproc_per_node',
          '1',
          '--master_addr',
          '127.0.0.1',
          '--master_port',
          port,
          file,
          '--data',
          MNIST_DIR,
          '--epochs',
          '1',
          '--train-size',
          '2000',
          '--out',
          join(dir, `node${rank}.json`),
        ]);
      const [first, second] = await Promise.all([node(0), node(1)]);
      expect(first.status, first.stderr).toBe(0);
      expect(second.status, second.stderr).toBe(0);
      expect(first.lines[0]).toMatchObject({ processes: 2 });
      expect(second.lines).toHaveLength(0); // rank 1 prints nothing and writes nothing
      const parsed = parseRunFile(readFileSync(join(dir, 'node0.json'), 'utf8'));
      expect(parsed.ok && parsed.runs[0].engine).toMatchObject({ processes: 2, nodes: 2 });
      expect(existsSync(join(dir, 'node1.json'))).toBe(false);
    },
  );

  it('refuses a global batch the processes cannot share evenly, naming the nearest that works', () => {
    const file = writeScript(lenet, 'pytorch');
    const r = run(TORCH_PYTHON, [
      ...torchrun(),
      '--standalone',
      '--nproc_per_node',
      '2',
      file,
      '--data',
      MNIST_DIR,
      '--batch-size',
      '65',
    ]);
    expect(r.status).not.toBe(0);
    expect(r.stdout + r.stderr).toContain(
      'error: --batch-size 65 is the global batch and does not split evenly across 2 processes: use 64 (or 66).',
    );
  });
});

describe.skipIf(!torchOk)('a sweep exported as one shell script', () => {
  it('trains every member in turn and leaves one run file per member for Import runs', () => {
    const lenet = exportCases().find((c) => c.id === 'lenet5')!;
    const members = sweepConfigs(lenet.input.config, 'activation', ['relu', 'sigmoid']).map((config, i) => ({
      label: `activation ${['relu', 'sigmoid'][i]}`,
      input: { ...lenet.input, config },
    }));
    const folder = join(dir, 'sweep');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'sweep.sh'), sweepShellScript(members));
    const r = run('bash', ['sweep.sh', '--data', MNIST_DIR, '--epochs', '1', '--train-size', '640'], {
      cwd: folder,
      env: { ...process.env, PYTHON: TORCH_PYTHON },
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.lines.filter((l) => 'epoch' in l)).toHaveLength(2);
    const files = readdirSync(join(folder, 'sweep-runs')).sort();
    expect(files).toEqual(['1-activation-relu.json', '2-activation-sigmoid.json']);
    const acts = files.map((f) => {
      const parsed = parseRunFile(readFileSync(join(folder, 'sweep-runs', f), 'utf8'));
      return parsed.ok ? commonActivation(parsed.runs[0].config.layers) : null;
    });
    expect(acts).toEqual(['relu', 'sigmoid']);
  });
});

describe.skipIf(!torchOk)('the datasets the scripts read', () => {
  const fashion = join(SHARED_DATASETS, 'fashion-mnist');

  it.skipIf(!existsSync(fashion))('reads gzip’d IDX files (Fashion-MNIST from ../shared/datasets)', () => {
    const c = exportCases().find((x) => x.id === 'lenet5')!;
    const input = {
      ...c.input,
      config: { ...c.input.config, datasetId: 'fashion-mnist' },
      dataset: BUILT_IN_DATASETS['fashion-mnist'],
    };
    const r = run(TORCH_PYTHON, [
      writeScript({ id: 'fashion', input }, 'pytorch'),
      '--data',
      fashion,
      '--epochs',
      '1',
      '--train-size',
      '2000',
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.lines.find((l) => l.epoch === 1)!.test_acc as number).toBeGreaterThan(0.5);
  });

  const jpegs = join(SHARED_DATASETS, 'cifar10-jpeg.tar.gz');
  it.skipIf(!existsSync(jpegs))(
    'reads the CIFAR-10 JPEG copy as it comes (a .tar.gz of image folders), decoding only the images a run uses',
    { timeout: 240_000 },
    () => {
      const c = exportCases().find((x) => x.id === 'cifar-lenet')!;
      const r = run(TORCH_PYTHON, [writeScript(c, 'pytorch'), '--data', jpegs, '--epochs', '1', '--train-size', '500']);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toContain('decoding 500 train images');
      expect(r.stderr).toContain('decoding 10,000 test images');
      expect(Number.isFinite(r.lines.find((l) => l.epoch === 1)!.test_loss)).toBe(true);
    },
  );

  it('reads an image-folder tree (train/<class>/*, test/<class>/*), in the classes’ standard order', () => {
    const root = join(dir, 'images');
    // Ten classes of 32x32 PNGs whose colour says the class, written with Pillow.
    const make = [
      'import os, sys; from PIL import Image',
      `root = ${JSON.stringify(root)}`,
      `classes = ${JSON.stringify(CIFAR_DATASET.classes)}`,
      'for split, n in (("train", 40), ("test", 6)):',
      '    for k, name in enumerate(classes):',
      '        os.makedirs(os.path.join(root, split, name), exist_ok=True)',
      '        for i in range(n):',
      '            Image.new("RGB", (32, 32), (k * 25, 255 - k * 25, (i * 7) % 255)).save(os.path.join(root, split, name, f"{i:04d}.png"))',
    ].join('\n');
    expect(run(TORCH_PYTHON, ['-c', make]).status).toBe(0);
    const c = exportCases().find((x) => x.id === 'cifar-lenet')!;
    const r = run(TORCH_PYTHON, [
      writeScript(c, 'pytorch'),
      '--data',
      root,
      '--epochs',
      '3',
      '--train-size',
      '400',
      '--batch-size',
      '20',
      '--lr',
      '0.003',
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('decoding 400 train images');
    expect(r.lines.at(-1)!.test_acc as number).toBeGreaterThan(0.5); // the colour gives the class away
  });
});

describe.skipIf(!torchOk)('validation and early stopping in the scripts', () => {
  it('stops as the page does: after `patience` epochs without a better validation loss, restoring the best weights', () => {
    const lenet = exportCases().find((c) => c.id === 'lenet5')!;
    const file = writeScript(lenet, 'pytorch');
    const code = [
      'import importlib.util, json',
      `spec = importlib.util.spec_from_file_location('s', ${JSON.stringify(file)}); s = importlib.util.module_from_spec(spec); spec.loader.exec_module(s)`,
      'stop, said, loaded = s.EarlyStopper(2, 6), [], []',
      'for epoch, loss in enumerate([1.0, 0.8, 0.9, 0.95, 0.5], 1):',
      '    said.append(stop.update(epoch, loss, lambda: f"weights {epoch}"))',
      '    if said[-1]: break',
      "print(json.dumps({'said': said, 'message': stop.restore(epoch, loaded.append, said[-1]), 'loaded': loaded}))",
    ].join('\n');
    const r = run(TORCH_PYTHON, ['-c', code]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.lines[0]).toEqual({
      said: [null, null, null, 'Stopped early after epoch 4: the best validation loss was at epoch 2.'],
      message: 'Stopped early after epoch 4: the best validation loss was at epoch 2. Restored the weights of epoch 2.',
      loaded: ['weights 2'],
    });
  });

  for (const [engine, ready] of [
    ['pytorch', torchOk],
    ['keras', kerasOk],
  ] as const)
    it.skipIf(!ready)(`${engine}: a run with a validation split reports its validation metrics each epoch`, () => {
      const lenet = exportCases().find((c) => c.id === 'lenet5')!;
      const config = { ...lenet.input.config, validationSplit: 0.25, earlyStopping: true, patience: 1 };
      const file = writeScript({ id: 'val', input: { ...lenet.input, config } }, engine);
      const r = run(PY[engine], [file, '--data', MNIST_DIR, '--epochs', '2', '--train-size', '640']);
      expect(r.status, r.stderr).toBe(0);
      const epochs = r.lines.filter((l) => 'epoch' in l);
      expect(epochs.length).toBeGreaterThanOrEqual(1);
      for (const e of epochs) expect(Number.isFinite(e.val_loss) && Number.isFinite(e.val_acc)).toBe(true);
    });
});
