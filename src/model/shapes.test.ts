import { describe, expect, it } from 'vitest';
import { inferShapes, formatShape, PARAM_BUDGET, trainingMemoryBytes } from './shapes';
import { withHiddenActivation, withPooling, type LayerSpec, type ModelSpec } from './spec';
import { lenet5, presetLayers, type PresetId } from './presets';

const mnist = (layers: LayerSpec[]): ModelSpec => ({ inputShape: [28, 28, 1], classes: 10, layers });
const cifar = (layers: LayerSpec[]): ModelSpec => ({ inputShape: [32, 32, 3], classes: 10, layers });
const glorot = { kind: 'glorotUniform' } as const;
const out: LayerSpec = { kind: 'output', init: glorot };
const errorOf = (layers: LayerSpec[], input: [number, number, number] = [28, 28, 1]) =>
  inferShapes({ inputShape: input, classes: 10, layers }).error;

describe('shape inference', () => {
  it('gives LeNet-5 the Keras parameter counts, shapes and multiply-adds', () => {
    const r = inferShapes(mnist(lenet5()));
    expect(r.error).toBeNull();
    expect(r.layers.map((l) => formatShape(l.outputShape))).toEqual([
      '28x28x6',
      '14x14x6',
      '10x10x16',
      '5x5x16',
      '400',
      '120',
      '84',
      '10',
    ]);
    expect(r.layers.filter((l) => l.params > 0).map((l) => l.params)).toEqual([156, 2416, 48120, 10164, 850]);
    expect(r.totalParams).toBe(61706);
    // 28·28·25·6, 10·10·25·6·16, 400·120, 120·84, 84·10
    expect(r.layers.filter((l) => l.macs > 0).map((l) => l.macs)).toEqual([117600, 240000, 48000, 10080, 840]);
    expect(r.totalMacs).toBe(416520);
  });

  it.each<[PresetId, ModelSpec['inputShape'], number, number]>([
    ['lenet5', [28, 28, 1], 61706, 61706],
    ['lenet5-1998', [28, 28, 1], 61706, 61706],
    ['lenet5', [32, 32, 3], 83126, 83126], // 456 + 2,416 + 69,240 + 10,164 + 850
    ['mlp', [28, 28, 1], 81840, 81840], // 78,500 + 3,030 + 310
    ['mlp-bn', [28, 28, 1], 82360, 82100], // + BN 400 (200 trainable) + BN 120 (60)
    ['cifar-lenet', [32, 32, 3], 379114, 379114], // 448 + 4,640 + 351,456 + 21,600 + 970
    ['compact-cnn', [28, 28, 1], 8328, 8160], // convs 7,822 + BN 336 (168 trainable) + output 170
  ])('preset %s on %j has %i parameters (%i trainable)', (id, input, total, trainable) => {
    const r = inferShapes({ inputShape: input, classes: 10, layers: presetLayers(id) });
    expect(r.error).toBeNull();
    expect(r.totalParams).toBe(total);
    expect(r.trainableParams).toBe(trainable);
  });

  it('gives the compact CNN and CIFAR LeNet their shapes', () => {
    const shapes = (r: ReturnType<typeof inferShapes>) =>
      r.layers.filter((l) => l.params > 0 && l.trainable === l.params).map((l) => formatShape(l.outputShape));
    expect(shapes(inferShapes(mnist(presetLayers('compact-cnn'))))).toEqual([
      '26x26x10',
      '24x24x16',
      '12x12x10',
      '10x10x16',
      '8x8x16',
      '6x6x16',
      '10',
    ]);
    expect(shapes(inferShapes(cifar(presetLayers('cifar-lenet'))))).toEqual([
      '32x32x16',
      '14x14x32',
      '224',
      '96',
      '10',
    ]);
  });

  it('explains each impossible network at the layer that breaks', () => {
    const conv = (kernelSize: number, padding: 'same' | 'valid' = 'valid', strides = 1): LayerSpec => ({
      kind: 'conv2d',
      filters: 2,
      kernelSize,
      strides,
      padding,
      activation: 'relu',
      init: glorot,
    });
    expect(errorOf([conv(5), out], [4, 4, 1])).toEqual({
      layerIndex: 0,
      message: 'kernel 5x5 is larger than its 4x4 input',
    });
    expect(errorOf([{ kind: 'dense', units: 10, activation: 'relu', init: glorot }, out])).toEqual({
      layerIndex: 0,
      message: 'Dense needs a flat vector but gets 28x28x1: add a Flatten (or global average pooling) before it',
    });
    expect(errorOf([{ kind: 'flatten' }, { kind: 'pool', op: 'max', poolSize: 2, strides: 2 }, out])).toEqual({
      layerIndex: 1,
      message: 'Pooling needs an image (HxWxC) input, but gets a flat vector of 784; move it before the Flatten',
    });
    expect(errorOf([{ kind: 'flatten' }, { kind: 'dense', units: 0, activation: 'relu', init: glorot }, out])).toEqual({
      layerIndex: 1,
      message: 'units must be a whole number of at least 1',
    });
    expect(errorOf([{ kind: 'dropout', rate: 1 }, { kind: 'flatten' }, out])).toEqual({
      layerIndex: 0,
      message: 'dropout rate must be at least 0 and below 1 (got 1)',
    });
    expect(errorOf([{ kind: 'flatten' }, { kind: 'flatten' }, out])?.message).toBe(
      'the input is already flat: remove this Flatten',
    );
    expect(errorOf([{ kind: 'flatten' }, { kind: 'gap' }, out])?.layerIndex).toBe(1);
    expect(errorOf([conv(3, 'same', 0), out])?.message).toBe(
      'kernel size and stride must be whole numbers of at least 1',
    );
    expect(
      errorOf([
        { kind: 'flatten' },
        { kind: 'dense', units: 4, activation: 'relu', init: { kind: 'normal', mean: 0, std: 0 } },
        out,
      ])?.message,
    ).toBe('the normal initialiser needs a std above 0');
    expect(errorOf([{ kind: 'flatten' }])).toEqual({
      layerIndex: 1,
      message: 'the network needs an output layer at the end: add one',
    });
    expect(errorOf([out, { kind: 'flatten' }])).toEqual({
      layerIndex: 0,
      message: 'Dense needs a flat vector but gets 28x28x1: add a Flatten (or global average pooling) before it',
    });
    expect(errorOf([{ kind: 'flatten' }, out, { kind: 'dropout', rate: 0.1 }])).toEqual({
      layerIndex: 1,
      message: 'the output layer must be the last layer: move it to the end',
    });
    expect(
      errorOf([{ kind: 'flatten' }, { kind: 'dense', units: 4, activation: 'relu', init: glorot, l2: -1 }, out]),
    ).toEqual({ layerIndex: 1, message: "this layer's L2 must be between 0 and 1 (got -1)" });
  });

  it('refuses a network over the parameter budget, pointing at its largest layer', () => {
    const r = inferShapes(
      mnist([{ kind: 'flatten' }, { kind: 'dense', units: 8000, activation: 'relu', init: glorot }, out]),
    );
    expect(r.totalParams).toBeGreaterThan(PARAM_BUDGET);
    expect(r.error?.layerIndex).toBe(1);
    expect(r.error?.message).toMatch(/^the network has 6,360,010 parameters, over the 5,000,000 budget/);
  });

  it('estimates training memory from activations and weights', () => {
    const r = inferShapes(mnist(lenet5()));
    const perSample = 4704 + 1176 + 1600 + 400 + 400 + 120 + 84 + 10;
    expect(trainingMemoryBytes(r, 64)).toBe(4 * (2 * perSample * 64 + 4 * 61706));
  });

  it('global toggles change every non-linear hidden activation and pooling layer, never the output', () => {
    const s = withPooling(withHiddenActivation(presetLayers('compact-cnn'), 'sigmoid'), 'avg');
    const acts = s.flatMap((l) => ('activation' in l ? [`${l.kind}:${l.activation}`] : []));
    expect(new Set(acts)).toEqual(new Set(['conv2d:linear', 'batchnorm:sigmoid']));
    expect(s.filter((l) => l.kind === 'pool').every((l) => l.kind === 'pool' && l.op === 'avg')).toBe(true);
    expect(s.at(-1)).toEqual(out);
  });
});
