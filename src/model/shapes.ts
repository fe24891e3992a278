import { hasKernel, type LayerSpec, type ModelSpec } from './spec';
import { describeLayer } from './describe';

/** The most trainable parameters a network may have: weights plus optimizer state must fit a browser tab. */
export const PARAM_BUDGET = 5_000_000;

/** One row of the model summary. `params` counts all weights; `trainable` excludes BatchNorm's moving statistics. */
export interface LayerInfo {
  index: number;
  label: string;
  outputShape: number[];
  params: number;
  trainable: number;
  /** Multiply-adds per sample (conv and dense weights; BatchNorm's scale per element). */
  macs: number;
}

/** Result of shape inference: rows for the layers before the first error, totals, and that error. */
export interface ShapeReport {
  layers: LayerInfo[];
  totalParams: number;
  trainableParams: number;
  totalMacs: number;
  error: { layerIndex: number; message: string } | null;
}

type Step = { shape: number[]; params: number; trainable?: number; macs: number } | string;

function convOut(size: number, kernel: number, stride: number, padding: 'same' | 'valid'): number {
  return padding === 'same' ? Math.ceil(size / stride) : Math.floor((size - kernel) / stride) + 1;
}

const isInt = (v: number, min: number) => Number.isInteger(v) && v >= min;

function image(shape: number[], what: string): string | null {
  return shape.length === 3
    ? null
    : `${what} needs an image (HxWxC) input, but gets a flat vector of ${shape[0]}; move it before the Flatten`;
}

function conv(l: Extract<LayerSpec, { kind: 'conv2d' }>, shape: number[]): Step {
  const bad = image(shape, 'Conv2D');
  if (bad) return bad;
  if (!isInt(l.filters, 1)) return 'filters must be a whole number of at least 1';
  if (!isInt(l.kernelSize, 1) || !isInt(l.strides, 1))
    return 'kernel size and stride must be whole numbers of at least 1';
  const [h, w, c] = shape;
  if (l.kernelSize > h || l.kernelSize > w)
    return `kernel ${l.kernelSize}x${l.kernelSize} is larger than its ${h}x${w} input`;
  const oh = convOut(h, l.kernelSize, l.strides, l.padding);
  const ow = convOut(w, l.kernelSize, l.strides, l.padding);
  const weights = l.kernelSize * l.kernelSize * c * l.filters;
  return { shape: [oh, ow, l.filters], params: weights + l.filters, macs: oh * ow * weights };
}

function pool(l: Extract<LayerSpec, { kind: 'pool' }>, shape: number[]): Step {
  const bad = image(shape, 'Pooling');
  if (bad) return bad;
  if (!isInt(l.poolSize, 1) || !isInt(l.strides, 1)) return 'pool size and stride must be whole numbers of at least 1';
  const [h, w, c] = shape;
  if (l.poolSize > h || l.poolSize > w) return `pool ${l.poolSize}x${l.poolSize} is larger than its ${h}x${w} input`;
  return {
    shape: [convOut(h, l.poolSize, l.strides, 'valid'), convOut(w, l.poolSize, l.strides, 'valid'), c],
    params: 0,
    macs: 0,
  };
}

function initError(l: LayerSpec): string | null {
  if (!('init' in l) || l.init.kind !== 'normal') return null;
  return l.init.std > 0 && Number.isFinite(l.init.mean) ? null : 'the normal initialiser needs a std above 0';
}

function l2Error(l: LayerSpec): string | null {
  if (!hasKernel(l) || l.l2 === undefined) return null;
  return l.l2 >= 0 && l.l2 <= 1 ? null : `this layer's L2 must be between 0 and 1 (got ${l.l2})`;
}

function step(l: LayerSpec, shape: number[], classes: number): Step {
  const bad = initError(l) ?? l2Error(l);
  if (bad) return bad;
  const size = shape.reduce((a, b) => a * b, 1);
  switch (l.kind) {
    case 'conv2d':
      return conv(l, shape);
    case 'pool':
      return pool(l, shape);
    case 'flatten':
      return shape.length === 1
        ? 'the input is already flat: remove this Flatten'
        : { shape: [size], params: 0, macs: 0 };
    case 'gap': {
      const bad = image(shape, 'Global average pooling');
      return bad ?? { shape: [shape[2]], params: 0, macs: 0 };
    }
    case 'dense':
    case 'output': {
      if (shape.length !== 1)
        return `Dense needs a flat vector but gets ${shape.join('x')}: add a Flatten (or global average pooling) before it`;
      const units = l.kind === 'output' ? classes : l.units;
      if (!isInt(units, 1)) return 'units must be a whole number of at least 1';
      return { shape: [units], params: shape[0] * units + units, macs: shape[0] * units };
    }
    case 'dropout':
      if (!(l.rate >= 0 && l.rate < 1)) return `dropout rate must be at least 0 and below 1 (got ${l.rate})`;
      return { shape, params: 0, macs: 0 };
    case 'batchnorm': {
      const c = shape[shape.length - 1];
      return { shape, params: 4 * c, trainable: 2 * c, macs: size };
    }
  }
}

function structureError(layers: LayerSpec[]): { layerIndex: number; message: string } | null {
  const out = layers.findIndex((l) => l.kind === 'output');
  if (out === -1)
    return { layerIndex: layers.length, message: 'the network needs an output layer at the end: add one' };
  if (out !== layers.length - 1)
    return { layerIndex: out, message: 'the output layer must be the last layer: move it to the end' };
  return null;
}

/**
 * Infers every layer's output shape, parameters and multiply-adds without building anything, and
 * finds the first layer that cannot work (with a message saying how to fix it). Never throws.
 */
export function inferShapes(spec: ModelSpec): ShapeReport {
  let shape: number[] = [...spec.inputShape];
  const layers: LayerInfo[] = [];
  const totals = () => ({
    totalParams: layers.reduce((a, x) => a + x.params, 0),
    trainableParams: layers.reduce((a, x) => a + x.trainable, 0),
    totalMacs: layers.reduce((a, x) => a + x.macs, 0),
  });
  for (const [index, l] of spec.layers.entries()) {
    const r = step(l, shape, spec.classes);
    if (typeof r === 'string') return { layers, ...totals(), error: { layerIndex: index, message: r } };
    if (r.shape.some((d) => d < 1)) {
      return {
        layers,
        ...totals(),
        error: {
          layerIndex: index,
          message: `this layer shrinks the image to ${r.shape.join('x')}: use smaller kernels or strides, or fewer layers`,
        },
      };
    }
    shape = r.shape;
    layers.push({
      index,
      label: describeLayer(l, spec.classes),
      outputShape: r.shape,
      params: r.params,
      trainable: r.trainable ?? r.params,
      macs: r.macs,
    });
  }
  const t = totals();
  const error =
    structureError(spec.layers) ??
    (t.totalParams > PARAM_BUDGET
      ? {
          layerIndex: layers.reduce((m, x) => (x.params > layers[m].params ? x.index : m), 0),
          message: `the network has ${t.totalParams.toLocaleString('en-US')} parameters, over the ${PARAM_BUDGET.toLocaleString('en-US')} budget a browser tab can train: shrink the largest layer (marked)`,
        }
      : null);
  return { layers, ...t, error };
}

/** The most memory a training batch's activations may take, in GB. */
export const MEMORY_BUDGET_GB = 1.5;

/**
 * Rough bytes a training step needs for activations: every layer output as float32, kept for the
 * backward pass and matched by a gradient of the same size, plus weights, gradients and two
 * optimizer slots.
 */
export function trainingMemoryBytes(report: ShapeReport, batchSize: number): number {
  const perSample = report.layers.reduce((a, l) => a + l.outputShape.reduce((x, y) => x * y, 1), 0);
  return 4 * (2 * perSample * batchSize + 4 * report.totalParams);
}

/** Formats a shape the way the summary shows it: `28x28x6`. */
export function formatShape(shape: number[]): string {
  return shape.join('x');
}
