// "Export as PyTorch / Keras": one self-contained Python file per experiment. The Python lives in
// py/*.py (real files, readable and checked by running them in the tests); this module fills in
// the experiment: its settings, the network's code, and the TensorFlow.js topology it saves.
import type { Config } from '../config';
import { inputShapeFor } from '../../data/grayscale';
import { exportPlan } from './plan';
import { pyLiteral } from './pyLiteral';
import common from './py/common.py?raw';
import torchMain from './py/torch_main.py?raw';
import kerasMain from './py/keras_main.py?raw';

/** The scripts' engines. */
export type ScriptEngine = 'pytorch' | 'keras';

/** What a script is made of: the settings, the dataset they train on, and names for the header. */
export interface ScriptInput {
  config: Config;
  dataset: { id: string; name: string; imageShape: [number, number, number]; classes: string[] };
  /** The network's title as the page shows it, e.g. "LeNet-5 (ReLU, max pooling)". */
  title: string;
  appVersion: string;
}

const ENGINE_NAME: Record<ScriptEngine, string> = { pytorch: 'PyTorch', keras: 'Keras 3' };

/** A file name for the script: `lenet-5-relu-max-pooling-mnist-pytorch.py`. */
export function scriptFileName(input: ScriptInput, engine: ScriptEngine): string {
  const slug = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60);
  return `${slug(input.title) || 'network'}-${slug(input.dataset.id)}-${engine}.py`;
}

function header(input: ScriptInput, engine: ScriptEngine, params: number): string {
  const { config, dataset } = input;
  const file = scriptFileName(input, engine);
  const run =
    engine === 'pytorch'
      ? [
          `  python3 ${file} --data DIR --out run.json`,
          `  torchrun --standalone --nproc_per_node 2 ${file} --data DIR --out run.json   # DistributedDataParallel; the batch is global`,
          `  python3 ${file} --init-from DIR --eval-only   # evaluate a model the page saved (Save model)`,
          "On Debian 12 (PyTorch 1.13 on Python 3.11) torchrun needs '--redirects 2 --tee 2' before the file name (a",
          'launcher bug PyTorch 2.0 fixed).',
        ]
      : [
          `  python3 ${file} --data DIR --out run.json   # any Keras 3 backend: KERAS_BACKEND=jax|torch|tensorflow`,
          `  python3 ${file} --init-from DIR --eval-only   # evaluate a model the page saved (Save model)`,
        ];
  const needs =
    engine === 'pytorch'
      ? 'a Python that can import torch and numpy (Debian: /usr/bin/python3 with python3-torch, or a venv made\nwith --system-site-packages)'
      : 'a Python with keras>=3 and a backend (pip install keras jax), and numpy';
  return [
    '#!/usr/bin/env python3',
    `"""${input.title} on ${dataset.name}, exported from nn-playground ${input.appVersion} as a ${ENGINE_NAME[engine]} script.`,
    '',
    `The same network (${params.toLocaleString('en-US')} trainable parameters), data pipeline (files, training-set size, validation split,`,
    'shuffle, augmentation, normalisation) and training (optimizer, L2 per layer, loss, learning-rate schedule, early',
    "stopping) as the playground's settings in CONFIG below. Weights start from the same initialisers with this",
    "engine's own random numbers, so runs match the page's statistically, not bit for bit.",
    '',
    `Needs ${needs}; image folders also need Pillow. Examples:`,
    ...run,
    'Standard output: JSON lines, the parameter count first, then one line per epoch. --out writes a run file for the',
    'playground\'s "Import runs"; --save-tfjs writes a model its "Load model" reads. --help lists every option.',
    '"""',
    `APP_VERSION = ${JSON.stringify(input.appVersion)}`,
    `# The playground's settings (the command line overrides epochs, trainSize, batchSize, learningRate and seed).`,
    `CONFIG = ${pyLiteral(config)}`,
    `DATASET = ${pyLiteral({ id: dataset.id, name: dataset.name, image_shape: dataset.imageShape, classes: dataset.classes })}`,
    `INPUT_SHAPE = ${pyLiteral(inputShapeFor(dataset.imageShape, config.colorMode))}  # height, width, channels`,
  ].join('\n');
}

/** The self-contained Python file that runs `input`'s experiment on `engine`. */
export function exportScript(input: ScriptInput, engine: ScriptEngine): string {
  const { config, dataset } = input;
  const spec = {
    inputShape: inputShapeFor(dataset.imageShape, config.colorMode),
    classes: dataset.classes.length,
    layers: config.layers,
  };
  const plan = exportPlan(spec, config.l2, config.seed);
  const constants = [
    `PARAMS = ${plan.params}`,
    '# The weighted layers as TensorFlow.js files hold them (name, class, weight shapes), in order.',
    `TFJS_LAYERS = ${pyLiteral(plan.weighted)}`,
    '# The network as TensorFlow.js saves it (the output ends in softmax, as an exported classifier should).',
    `TFJS_TOPOLOGY = ${pyLiteral(plan.topology)}`,
    '# Kernel initialisers and L2 coefficients per weighted layer, as the page set them.',
    `INITS = ${pyLiteral(plan.inits)}`,
    `KERNEL_L2 = ${pyLiteral(plan.kernelL2)}`,
  ].join('\n');
  const body =
    engine === 'pytorch'
      ? torchMain.replace(
          '# @@BUILD_MODEL@@',
          [
            'def build_model():',
            `    """${input.title}: ${plan.params.toLocaleString('en-US')} trainable parameters; input NCHW, layers named as in TensorFlow.js."""`,
            '    return nn.Sequential(OrderedDict([',
            ...plan.torch.map((l) => `        ${l}`),
            '    ]))',
          ].join('\n'),
        )
      : kerasMain.replace(
          '# @@BUILD_MODEL@@',
          [
            'def build_model():',
            `    """${input.title}: ${plan.params.toLocaleString('en-US')} trainable parameters; the output gives logits."""`,
            '    return keras.Sequential([',
            `        keras.Input(shape=${pyLiteral(spec.inputShape)}),`,
            ...plan.keras.map((l) => `        ${l},`),
            `    ], name='sequential_1')`,
          ].join('\n'),
        );
  return [header(input, engine, plan.params), constants, common.trimEnd(), body].join('\n\n');
}
