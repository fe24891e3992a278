import type { Init, LayerActivation, LayerSpec } from './spec';

/** Display names of the hidden activations. */
export const ACTIVATION_NAMES: Record<LayerActivation, string> = {
  relu: 'ReLU',
  sigmoid: 'sigmoid',
  tanh: 'tanh',
  lecunTanh: 'LeCun tanh',
  leakyRelu: 'leaky ReLU',
  linear: 'linear',
};

/** Display names of the layer kinds, as the editor's "Add layer" lists them. */
export const LAYER_NAMES: Record<LayerSpec['kind'], string> = {
  conv2d: 'Conv2D',
  pool: 'Pooling',
  flatten: 'Flatten',
  dense: 'Dense',
  dropout: 'Dropout',
  batchnorm: 'BatchNorm',
  gap: 'Global avg pool',
  output: 'Output (softmax)',
};

/** Short name of an initialiser: `Glorot uniform`, `N(0.01, 0.1)`. */
export function describeInit(init: Init): string {
  switch (init.kind) {
    case 'glorotUniform':
      return 'Glorot uniform';
    case 'heNormal':
      return 'He normal';
    case 'lecunNormal':
      return 'LeCun normal';
    case 'normal':
      return `N(${init.mean}, ${init.std})`;
    case 'zeros':
      return 'zeros';
  }
}

/** One-line description of a layer for the summary: `Conv 6@5x5 same, ReLU`. */
export function describeLayer(l: LayerSpec, classes: number): string {
  const act = (a: LayerActivation) => (a === 'linear' ? '' : `, ${ACTIVATION_NAMES[a]}`);
  switch (l.kind) {
    case 'conv2d':
      return `Conv ${l.filters}@${l.kernelSize}x${l.kernelSize}${l.strides > 1 ? `/${l.strides}` : ''} ${l.padding}${act(l.activation)}`;
    case 'pool':
      return `${l.op === 'max' ? 'Max' : 'Avg'} pool ${l.poolSize}x${l.poolSize}${l.strides !== l.poolSize ? `/${l.strides}` : ''}`;
    case 'flatten':
      return 'Flatten';
    case 'dense':
      return `Dense ${l.units}${act(l.activation)}`;
    case 'dropout':
      return `Dropout ${l.rate}`;
    case 'batchnorm':
      return `BatchNorm${act(l.activation)}`;
    case 'gap':
      return 'Global avg pool';
    case 'output':
      return `Output ${classes}, softmax`;
  }
}
