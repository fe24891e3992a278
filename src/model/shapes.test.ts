import { describe, expect, it } from 'vitest';
import { inferShapes, formatShape } from './shapes';
import { lenet5, withHiddenActivation, withPooling, type ModelSpec } from './spec';

describe('shape inference', () => {
  it('gives LeNet-5 the Keras parameter counts and shapes', () => {
    const r = inferShapes(lenet5());
    expect(r.error).toBeNull();
    expect(r.layers.map((l) => formatShape(l.outputShape))).toEqual(
      ['28x28x6', '14x14x6', '10x10x16', '5x5x16', '400', '120', '84', '10']);
    expect(r.layers.filter((l) => l.params > 0).map((l) => l.params)).toEqual([156, 2416, 48120, 10164, 850]);
    expect(r.totalParams).toBe(61706);
  });

  it('adapts to a 32x32x3 input', () => {
    const r = inferShapes(lenet5([32, 32, 3]));
    expect(formatShape(r.layers[0].outputShape)).toBe('32x32x6');
    expect(r.layers[0].params).toBe(5 * 5 * 3 * 6 + 6);
    expect(formatShape(r.layers[4].outputShape)).toBe('576');
  });

  it('explains impossible layers at the layer that breaks', () => {
    const tooBig: ModelSpec = { inputShape: [4, 4, 1], layers: [{ kind: 'conv2d', filters: 2, kernelSize: 5, strides: 1, padding: 'valid', activation: 'relu' }] };
    expect(inferShapes(tooBig).error).toEqual({ layerIndex: 0, message: 'kernel 5x5 is larger than its 4x4 input' });
    const noFlatten: ModelSpec = { inputShape: [28, 28, 1], layers: [{ kind: 'dense', units: 10, activation: 'softmax' }] };
    expect(inferShapes(noFlatten).error?.message).toMatch(/add a Flatten/);
    const poolFlat: ModelSpec = { inputShape: [28, 28, 1], layers: [{ kind: 'flatten' }, { kind: 'pool', op: 'max', poolSize: 2, strides: 2 }] };
    expect(inferShapes(poolFlat).error).toEqual({ layerIndex: 1, message: 'pooling needs an image (HxWxC) input, not a flat vector' });
  });

  it('toggles change every hidden activation and pooling layer but not the output', () => {
    const s = withPooling(withHiddenActivation(lenet5(), 'sigmoid'), 'avg');
    const acts = s.layers.flatMap((l) => ('activation' in l ? [l.activation] : []));
    expect(acts).toEqual(['sigmoid', 'sigmoid', 'sigmoid', 'sigmoid', 'softmax']);
    expect(s.layers.filter((l) => l.kind === 'pool').every((l) => l.kind === 'pool' && l.op === 'avg')).toBe(true);
  });
});
