import { ACTIVATION_NAMES } from './describe';
import { commonActivation, commonPooling, type Activation, type Init, type LayerSpec, type PoolOp } from './spec';

/** Architecture presets, keyed by the ids the preset picker uses. */
export type PresetId = 'lenet5' | 'lenet5-1998' | 'mlp' | 'mlp-bn' | 'cifar-lenet' | 'compact-cnn';

const glorot: Init = { kind: 'glorotUniform' };
const he: Init = { kind: 'heNormal' };
/** The MLP experiment's initialisation, N(0.01, 0.1²). */
const mlpInit: Init = { kind: 'normal', mean: 0.01, std: 0.1 };

/**
 * LeNet-5 (LeCun et al. 1998) as Keras writes it: conv 6@5x5 same → pool → conv 16@5x5 → pool →
 * dense 120 → 84 → output. 61,706 parameters on 28x28x1 with 10 classes.
 */
export function lenet5(activation: Activation = 'relu', op: PoolOp = 'max'): LayerSpec[] {
  return [
    { kind: 'conv2d', filters: 6, kernelSize: 5, strides: 1, padding: 'same', activation, init: glorot },
    { kind: 'pool', op, poolSize: 2, strides: 2 },
    { kind: 'conv2d', filters: 16, kernelSize: 5, strides: 1, padding: 'valid', activation, init: glorot },
    { kind: 'pool', op, poolSize: 2, strides: 2 },
    { kind: 'flatten' },
    { kind: 'dense', units: 120, activation, init: glorot },
    { kind: 'dense', units: 84, activation, init: glorot },
    { kind: 'output', init: glorot },
  ];
}

/** MLP 784-100-30-10 with sigmoid and N(0.01, 0.1) weights; with `batchNorm`, BN sits before each sigmoid. */
export function mlp(batchNorm: boolean): LayerSpec[] {
  const hidden = (units: number): LayerSpec[] =>
    batchNorm
      ? [
          { kind: 'dense', units, activation: 'linear', init: mlpInit },
          { kind: 'batchnorm', activation: 'sigmoid' },
        ]
      : [{ kind: 'dense', units, activation: 'sigmoid', init: mlpInit }];
  return [{ kind: 'flatten' }, ...hidden(100), ...hidden(30), { kind: 'output', init: mlpInit }];
}

/** The CIFAR-10 LeNet variant: 3x3 convs 16 (padded) and 32, max pooling, dense 224 and 96 with dropout, ReLU. */
export function cifarLenet(): LayerSpec[] {
  return [
    { kind: 'conv2d', filters: 16, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu', init: he },
    { kind: 'pool', op: 'max', poolSize: 2, strides: 2 },
    { kind: 'conv2d', filters: 32, kernelSize: 3, strides: 1, padding: 'valid', activation: 'relu', init: he },
    { kind: 'pool', op: 'max', poolSize: 2, strides: 2 },
    { kind: 'flatten' },
    { kind: 'dense', units: 224, activation: 'relu', init: he },
    { kind: 'dropout', rate: 0.5 },
    { kind: 'dense', units: 96, activation: 'relu', init: he },
    { kind: 'dropout', rate: 0.5 },
    { kind: 'output', init: glorot },
  ];
}

/**
 * A compact MNIST CNN under 10,000 parameters: 3x3 convs with BatchNorm and light dropout after each
 * block, max pooling once the receptive field reaches 5, a 1x1 transition, global average pooling,
 * then the classifier (a dense on the pooled channels is the 1x1 conv of the source).
 */
export function compactCnn(): LayerSpec[] {
  const block = (filters: number, kernelSize = 3): LayerSpec[] => [
    { kind: 'conv2d', filters, kernelSize, strides: 1, padding: 'valid', activation: 'linear', init: he },
    { kind: 'batchnorm', activation: 'relu' },
    { kind: 'dropout', rate: 0.05 },
  ];
  return [
    ...block(10),
    ...block(16),
    { kind: 'pool', op: 'max', poolSize: 2, strides: 2 },
    ...block(10, 1),
    ...block(16),
    ...block(16),
    ...block(16),
    { kind: 'gap' },
    { kind: 'output', init: glorot },
  ];
}

/**
 * Preset ids with display names, the short name the picker combines with the current toggles
 * ("LeNet-5, tanh, avg") and the one-line description the picker shows.
 */
export const PRESETS: { id: PresetId; name: string; short: string; about: string }[] = [
  {
    id: 'lenet5',
    name: 'LeNet-5 (modern: ReLU, max pool)',
    short: 'LeNet-5',
    about: 'LeCun 1998 shapes with ReLU and max pooling; 61,706 parameters.',
  },
  {
    id: 'lenet5-1998',
    name: 'LeNet-5 (1998: tanh, avg pool)',
    short: 'LeNet-5 (1998)',
    about: 'The paper-era network: tanh and average pooling.',
  },
  {
    id: 'mlp',
    name: 'MLP 784-100-30-10 (sigmoid)',
    short: 'MLP 784-100-30-10',
    about: 'A plain multilayer perceptron with N(0.01, 0.1) weights.',
  },
  {
    id: 'mlp-bn',
    name: 'MLP 784-100-30-10 + BatchNorm',
    short: 'MLP 784-100-30-10 + BatchNorm',
    about: 'The same MLP with BatchNorm before each sigmoid: trains much faster.',
  },
  {
    id: 'cifar-lenet',
    name: 'CIFAR LeNet (3x3 convs, dropout)',
    short: 'CIFAR LeNet',
    about: 'LeNet adapted to 32x32 colour: convs 16/32, dense 224/96, dropout.',
  },
  {
    id: 'compact-cnn',
    name: 'Compact CNN (<10k params, BN, GAP)',
    short: 'Compact CNN',
    about: 'BatchNorm, dropout and global average pooling in under 10,000 parameters.',
  },
];

/** The layers of a preset. Presets are shape-agnostic: the dataset supplies input shape and classes. */
export function presetLayers(id: PresetId): LayerSpec[] {
  switch (id) {
    case 'lenet5':
      return lenet5('relu', 'max');
    case 'lenet5-1998':
      return lenet5('tanh', 'avg');
    case 'mlp':
      return mlp(false);
    case 'mlp-bn':
      return mlp(true);
    case 'cifar-lenet':
      return cifarLenet();
    case 'compact-cnn':
      return compactCnn();
  }
}

/**
 * The picker's text for the chosen preset as the layers now stand: its short name with the
 * activation and pooling the global toggles set, e.g. "LeNet-5, tanh, avg" after two toggles.
 */
export function presetTitle(id: PresetId, layers: LayerSpec[]): string {
  const preset = PRESETS.find((p) => p.id === id);
  if (!preset) return id;
  const act = commonActivation(layers);
  const pool = commonPooling(layers);
  const parts = [
    act === 'mixed' ? 'mixed activations' : act === 'none' ? null : ACTIVATION_NAMES[act],
    pool === 'mixed' ? 'mixed pooling' : pool === 'none' ? null : pool,
  ].filter(Boolean);
  return [preset.short, ...parts].join(', ');
}
