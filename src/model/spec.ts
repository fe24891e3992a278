/** Hidden-layer activations the playground offers (the output layer is always softmax). */
export type Activation = 'sigmoid' | 'relu' | 'tanh';
/** Every activation a layer can carry; `softmax` only on the output layer. */
export type LayerActivation = Activation | 'linear' | 'softmax';
/** Pooling operation: max or average. */
export type PoolOp = 'max' | 'avg';
export type Padding = 'same' | 'valid';

/** 2-D convolution, NHWC. `kernelSize` and `strides` are square. */
export interface Conv2DSpec {
  kind: 'conv2d';
  filters: number;
  kernelSize: number;
  strides: number;
  padding: Padding;
  activation: LayerActivation;
}
/** Square pooling window; `strides` defaults to the window in the presets. */
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
}
export type LayerSpec = Conv2DSpec | PoolSpec | FlattenSpec | DenseSpec;

/** A sequential network: input shape [height, width, channels] and its layers in order. */
export interface ModelSpec {
  inputShape: [number, number, number];
  layers: LayerSpec[];
}

/** Architecture presets, keyed by the ids the preset picker uses. */
export type PresetId = 'lenet5';

/** LeNet-5 (LeCun et al. 1998) as Keras writes it: 61,706 parameters on 28x28x1. */
export function lenet5(inputShape: [number, number, number] = [28, 28, 1], activation: Activation = 'relu',
  pool: PoolOp = 'max', classes = 10): ModelSpec {
  return {
    inputShape,
    layers: [
      { kind: 'conv2d', filters: 6, kernelSize: 5, strides: 1, padding: 'same', activation },
      { kind: 'pool', op: pool, poolSize: 2, strides: 2 },
      { kind: 'conv2d', filters: 16, kernelSize: 5, strides: 1, padding: 'valid', activation },
      { kind: 'pool', op: pool, poolSize: 2, strides: 2 },
      { kind: 'flatten' },
      { kind: 'dense', units: 120, activation },
      { kind: 'dense', units: 84, activation },
      { kind: 'dense', units: classes, activation: 'softmax' },
    ],
  };
}

/** Preset ids with their display names. */
export const PRESETS: { id: PresetId; name: string }[] = [{ id: 'lenet5', name: 'LeNet-5' }];

/** Builds a preset for a dataset's input shape and class count. */
export function presetSpec(id: PresetId, inputShape: [number, number, number], classes: number): ModelSpec {
  switch (id) {
    case 'lenet5':
      return lenet5(inputShape, 'relu', 'max', classes);
  }
}

/** Returns a copy with every hidden (non-output) activation set to `activation`. */
export function withHiddenActivation(spec: ModelSpec, activation: Activation): ModelSpec {
  return {
    ...spec,
    layers: spec.layers.map((l) =>
      (l.kind === 'conv2d' || l.kind === 'dense') && l.activation !== 'softmax' ? { ...l, activation } : l,
    ),
  };
}

/** Returns a copy with every pooling layer set to `op`. */
export function withPooling(spec: ModelSpec, op: PoolOp): ModelSpec {
  return { ...spec, layers: spec.layers.map((l) => (l.kind === 'pool' ? { ...l, op } : l)) };
}
