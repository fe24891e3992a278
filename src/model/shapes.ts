import type { LayerSpec, ModelSpec } from './spec';

/** One row of the model summary: a layer's output shape and trainable parameter count. */
export interface LayerInfo {
  index: number;
  label: string;
  outputShape: number[];
  params: number;
}

/** Result of shape inference: per-layer rows and the total, or the first error found. */
export interface ShapeReport {
  layers: LayerInfo[];
  totalParams: number;
  error: { layerIndex: number; message: string } | null;
}

function convOut(size: number, kernel: number, stride: number, padding: 'same' | 'valid'): number {
  return padding === 'same' ? Math.ceil(size / stride) : Math.floor((size - kernel) / stride) + 1;
}

function describe(l: LayerSpec): string {
  switch (l.kind) {
    case 'conv2d':
      return `Conv ${l.filters}@${l.kernelSize}x${l.kernelSize} ${l.padding}, ${l.activation}`;
    case 'pool':
      return `${l.op === 'max' ? 'Max' : 'Avg'} pool ${l.poolSize}x${l.poolSize}`;
    case 'flatten':
      return 'Flatten';
    case 'dense':
      return `Dense ${l.units}, ${l.activation}`;
  }
}

/** Output shape and params of one layer, or an error message if the input cannot feed it. */
function step(l: LayerSpec, shape: number[]): { shape: number[]; params: number } | string {
  switch (l.kind) {
    case 'conv2d': {
      if (shape.length !== 3) return 'Conv2D needs an image (HxWxC) input, not a flat vector';
      const [h, w, c] = shape;
      if (l.padding === 'valid' && (l.kernelSize > h || l.kernelSize > w))
        return `kernel ${l.kernelSize}x${l.kernelSize} is larger than its ${h}x${w} input`;
      const oh = convOut(h, l.kernelSize, l.strides, l.padding);
      const ow = convOut(w, l.kernelSize, l.strides, l.padding);
      return { shape: [oh, ow, l.filters], params: l.kernelSize * l.kernelSize * c * l.filters + l.filters };
    }
    case 'pool': {
      if (shape.length !== 3) return 'pooling needs an image (HxWxC) input, not a flat vector';
      const [h, w, c] = shape;
      if (l.poolSize > h || l.poolSize > w) return `pool ${l.poolSize}x${l.poolSize} is larger than its ${h}x${w} input`;
      return { shape: [convOut(h, l.poolSize, l.strides, 'valid'), convOut(w, l.poolSize, l.strides, 'valid'), c], params: 0 };
    }
    case 'flatten':
      return { shape: [shape.reduce((a, b) => a * b, 1)], params: 0 };
    case 'dense': {
      if (shape.length !== 1) return 'Dense needs a flat vector: add a Flatten layer before it';
      if (l.units < 1) return 'Dense needs at least one unit';
      return { shape: [l.units], params: shape[0] * l.units + l.units };
    }
  }
}

/** Infers every layer's output shape and parameter count without building anything. */
export function inferShapes(spec: ModelSpec): ShapeReport {
  let shape: number[] = [...spec.inputShape];
  const layers: LayerInfo[] = [];
  for (const [index, l] of spec.layers.entries()) {
    const r = step(l, shape);
    if (typeof r === 'string') {
      return { layers, totalParams: layers.reduce((a, x) => a + x.params, 0), error: { layerIndex: index, message: r } };
    }
    shape = r.shape;
    layers.push({ index, label: describe(l), outputShape: r.shape, params: r.params });
  }
  return { layers, totalParams: layers.reduce((a, x) => a + x.params, 0), error: null };
}

/** Formats a shape the way the summary shows it: `28x28x6`. */
export function formatShape(shape: number[]): string {
  return shape.join('x');
}
