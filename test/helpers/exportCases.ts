// Experiments the export tests generate scripts for: every preset on the dataset it is made for,
// and two layer-editor networks that hold every layer kind and option between them.
import { DEFAULT_CONFIG, type Config } from '../../src/shared/config';
import { presetLayers, PRESETS, presetTitle } from '../../src/model/presets';
import type { LayerSpec } from '../../src/model/spec';
import type { ScriptInput } from '../../src/shared/export/scripts';

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
const CIFAR = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];
export const MNIST_DATASET = {
  id: 'mnist',
  name: 'MNIST',
  imageShape: [28, 28, 1] as [number, number, number],
  classes: DIGITS,
};
export const CIFAR_DATASET = {
  id: 'cifar10',
  name: 'CIFAR-10',
  imageShape: [32, 32, 3] as [number, number, number],
  classes: CIFAR,
};

/** Conv (same with stride 2, valid), BN on images and on vectors, every activation, both pools, dropout, flatten, per-layer L2, every initialiser. */
export const EVERY_KIND_FLAT: LayerSpec[] = [
  {
    kind: 'conv2d',
    filters: 4,
    kernelSize: 3,
    strides: 2,
    padding: 'same',
    activation: 'lecunTanh',
    init: { kind: 'heNormal' },
    l2: 0.001,
  },
  {
    kind: 'conv2d',
    filters: 6,
    kernelSize: 4,
    strides: 1,
    padding: 'same',
    activation: 'linear',
    init: { kind: 'lecunNormal' },
  },
  { kind: 'batchnorm', activation: 'relu' },
  { kind: 'pool', op: 'avg', poolSize: 2, strides: 2 },
  {
    kind: 'conv2d',
    filters: 5,
    kernelSize: 2,
    strides: 1,
    padding: 'valid',
    activation: 'leakyRelu',
    init: { kind: 'normal', mean: 0, std: 0.1 },
  },
  { kind: 'pool', op: 'max', poolSize: 2, strides: 1 },
  { kind: 'dropout', rate: 0.1 },
  { kind: 'flatten' },
  { kind: 'dense', units: 12, activation: 'sigmoid', init: { kind: 'glorotUniform' } },
  { kind: 'dense', units: 8, activation: 'linear', init: { kind: 'glorotUniform' } },
  { kind: 'batchnorm', activation: 'tanh' },
  { kind: 'dense', units: 8, activation: 'leakyRelu', init: { kind: 'zeros' } },
  { kind: 'output', init: { kind: 'glorotUniform' }, l2: 0 },
];

/** Global average pooling before the classifier, with a ReLU conv and a BN that stays linear. */
export const EVERY_KIND_GAP: LayerSpec[] = [
  {
    kind: 'conv2d',
    filters: 6,
    kernelSize: 3,
    strides: 1,
    padding: 'same',
    activation: 'relu',
    init: { kind: 'glorotUniform' },
  },
  { kind: 'batchnorm', activation: 'linear' },
  {
    kind: 'conv2d',
    filters: 8,
    kernelSize: 3,
    strides: 2,
    padding: 'valid',
    activation: 'tanh',
    init: { kind: 'heNormal' },
  },
  { kind: 'gap' },
  { kind: 'output', init: { kind: 'glorotUniform' } },
];

export interface ExportCase {
  id: string;
  input: ScriptInput;
}

const make = (id: string, config: Config, dataset: ScriptInput['dataset'], title: string): ExportCase => ({
  id,
  input: { config, dataset, title, appVersion: '0.0.0-test' },
});

/** Every preset, on MNIST unless it is made for CIFAR-10, plus the two every-kind networks (with L2 and AdaBelief/NAdam). */
export function exportCases(): ExportCase[] {
  const presets = PRESETS.map((p) => {
    const cifar = p.id === 'cifar-lenet';
    const layers = presetLayers(p.id);
    return make(
      p.id,
      { ...DEFAULT_CONFIG, preset: p.id, layers, datasetId: cifar ? 'cifar10' : 'mnist' },
      cifar ? CIFAR_DATASET : MNIST_DATASET,
      presetTitle(p.id, layers),
    );
  });
  return [
    ...presets,
    make(
      'every-kind-flat',
      {
        ...DEFAULT_CONFIG,
        preset: 'custom',
        layers: EVERY_KIND_FLAT,
        l2: 0.0005,
        optimizer: 'adabelief',
        loss: 'mse',
        learningRate: 0.01,
      },
      MNIST_DATASET,
      'Custom network',
    ),
    make(
      'every-kind-gap',
      {
        ...DEFAULT_CONFIG,
        preset: 'custom',
        layers: EVERY_KIND_GAP,
        optimizer: 'nadam',
        datasetId: 'cifar10',
        colorMode: 'gray',
      },
      CIFAR_DATASET,
      'Custom network (gray)',
    ),
  ];
}
