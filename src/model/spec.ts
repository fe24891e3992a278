/** Activations the global toggle offers for every hidden layer. */
export type Activation = 'sigmoid' | 'relu' | 'tanh';
/**
 * Every activation a hidden layer can carry. `lecunTanh` is LeCun's scaled tanh, 1.7159·tanh(2x/3);
 * `leakyRelu` uses slope 0.01 for negative inputs. The output layer is always softmax.
 */
export type LayerActivation = Activation | 'lecunTanh' | 'leakyRelu' | 'linear';
/** Pooling operation: max or average. */
export type PoolOp = 'max' | 'avg';
export type Padding = 'same' | 'valid';

/** Kernel initialiser; biases always start at zero. `normal` draws N(mean, std²). */
export type Init =
  | { kind: 'glorotUniform' }
  | { kind: 'heNormal' }
  | { kind: 'lecunNormal' }
  | { kind: 'normal'; mean: number; std: number }
  | { kind: 'zeros' };

/** 2-D convolution, NHWC. `kernelSize` and `strides` are square. */
export interface Conv2DSpec {
  kind: 'conv2d';
  filters: number;
  kernelSize: number;
  strides: number;
  padding: Padding;
  activation: LayerActivation;
  init: Init;
  /** This layer's L2 penalty on its kernel; overrides the global value when set. */
  l2?: number;
}
/** Square pooling window with its stride. */
export interface PoolSpec {
  kind: 'pool';
  op: PoolOp;
  poolSize: number;
  strides: number;
}
/** Flattens HWC to one vector. */
export interface FlattenSpec {
  kind: 'flatten';
}
/** Fully connected layer. */
export interface DenseSpec {
  kind: 'dense';
  units: number;
  activation: LayerActivation;
  init: Init;
  /** This layer's L2 penalty on its kernel; overrides the global value when set. */
  l2?: number;
}
/** Drops a fraction `rate` (0 ≤ rate < 1) of its inputs while training; identity at test time. */
export interface DropoutSpec {
  kind: 'dropout';
  rate: number;
}
/** Batch normalisation over the last axis, followed by `activation` (so BN can sit before it). */
export interface BatchNormSpec {
  kind: 'batchnorm';
  activation: LayerActivation;
}
/** Averages each channel over height and width: HxWxC → C. */
export interface GlobalAvgPoolSpec {
  kind: 'gap';
}
/** The classifier: one unit per class of the dataset, softmax. Must be the last layer. */
export interface OutputSpec {
  kind: 'output';
  init: Init;
  /** This layer's L2 penalty on its kernel; overrides the global value when set. */
  l2?: number;
}
export type LayerSpec =
  Conv2DSpec | PoolSpec | FlattenSpec | DenseSpec | DropoutSpec | BatchNormSpec | GlobalAvgPoolSpec | OutputSpec;
export type LayerKind = LayerSpec['kind'];
/** A layer with trainable weights: the ones training health measures. */
export type WeightedSpec = Extract<LayerSpec, { kind: 'conv2d' | 'dense' | 'output' | 'batchnorm' }>;
/** Whether a layer has trainable weights (a kernel, or BatchNorm's gamma). */
export const hasWeights = (l: LayerSpec): l is WeightedSpec =>
  l.kind === 'conv2d' || l.kind === 'dense' || l.kind === 'output' || l.kind === 'batchnorm';

/** A sequential network for an input [height, width, channels] and a number of classes. */
export interface ModelSpec {
  inputShape: [number, number, number];
  classes: number;
  layers: LayerSpec[];
}

/** True when a layer carries a hidden activation (the global toggle's reach). */
export function hasActivation(l: LayerSpec): l is Conv2DSpec | DenseSpec | BatchNormSpec {
  return l.kind === 'conv2d' || l.kind === 'dense' || l.kind === 'batchnorm';
}

/** True when a layer has a kernel (and so can carry an L2 penalty). */
export function hasKernel(l: LayerSpec): l is Conv2DSpec | DenseSpec | OutputSpec {
  return l.kind === 'conv2d' || l.kind === 'dense' || l.kind === 'output';
}

/**
 * The L2 coefficient of each kernel in model order: the layer's own value when set, else `global`.
 * This is the order of the kernels in the built model's weights.
 */
export function kernelL2(layers: LayerSpec[], global: number): number[] {
  return layers.filter(hasKernel).map((l) => l.l2 ?? global);
}

/**
 * Returns a copy with every non-linear hidden activation set to `activation`. Linear layers stay
 * linear, so a conv/dense feeding a BatchNorm keeps its activation after the BN.
 */
export function withHiddenActivation(layers: LayerSpec[], activation: LayerActivation): LayerSpec[] {
  return layers.map((l) => (hasActivation(l) && l.activation !== 'linear' ? { ...l, activation } : l));
}

/** Returns a copy with every pooling layer set to `op`. */
export function withPooling(layers: LayerSpec[], op: PoolOp): LayerSpec[] {
  return layers.map((l) => (l.kind === 'pool' ? { ...l, op } : l));
}

/** The activation every non-linear hidden layer shares, `mixed` if they differ, `none` if there are none. */
export function commonActivation(layers: LayerSpec[]): LayerActivation | 'mixed' | 'none' {
  const acts = new Set(
    layers
      .filter(hasActivation)
      .map((l) => l.activation)
      .filter((a) => a !== 'linear'),
  );
  return acts.size === 0 ? 'none' : acts.size === 1 ? [...acts][0] : 'mixed';
}

/** The pooling op every pooling layer shares, `mixed` if they differ, `none` if there are none. */
export function commonPooling(layers: LayerSpec[]): PoolOp | 'mixed' | 'none' {
  const ops = new Set(layers.flatMap((l) => (l.kind === 'pool' ? [l.op] : [])));
  return ops.size === 0 ? 'none' : ops.size === 1 ? [...ops][0] : 'mixed';
}

/** A new layer of `kind` with sensible defaults, as the editor's "Add layer" inserts it. */
export function defaultLayer(kind: LayerKind): LayerSpec {
  const init: Init = { kind: 'glorotUniform' };
  switch (kind) {
    case 'conv2d':
      return { kind, filters: 8, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu', init };
    case 'pool':
      return { kind, op: 'max', poolSize: 2, strides: 2 };
    case 'flatten':
      return { kind };
    case 'dense':
      return { kind, units: 32, activation: 'relu', init };
    case 'dropout':
      return { kind, rate: 0.25 };
    case 'batchnorm':
      return { kind, activation: 'linear' };
    case 'gap':
      return { kind };
    case 'output':
      return { kind, init };
  }
}
