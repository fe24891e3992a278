// fast-check generators for what a person, a link or a file can put in the settings: mostly
// sensible values, with the odd zero, negative, fraction, NaN or absurd size mixed in.
import fc from 'fast-check';
import type { Init, LayerActivation, LayerSpec } from '../../src/model/spec';
import { DEFAULT_CONFIG, type Config } from '../../src/shared/config';
import { OPTIMIZER_NAMES, type OptimizerId } from '../../src/model/optimizerIds';
import { NORMALIZATION_NAMES, type NormalizationId } from '../../src/data/normalize';

const odd = fc.constantFrom(0, -1, 1.5, Number.NaN, 1e9);
/** A count: usually 1..max, sometimes broken. */
const count = (max: number) =>
  fc.oneof({ weight: 40, arbitrary: fc.integer({ min: 1, max }) }, { weight: 1, arbitrary: odd });
const real = (min: number, max: number) =>
  fc.oneof(
    { weight: 40, arbitrary: fc.double({ min, max, noNaN: true }) },
    { weight: 1, arbitrary: fc.constantFrom(-1, Number.NaN, max * 10) },
  );

const activation: fc.Arbitrary<LayerActivation> = fc.constantFrom(
  'sigmoid',
  'relu',
  'tanh',
  'lecunTanh',
  'leakyRelu',
  'linear',
);
const init: fc.Arbitrary<Init> = fc.oneof(
  fc.constantFrom<Init>({ kind: 'glorotUniform' }, { kind: 'heNormal' }, { kind: 'lecunNormal' }, { kind: 'zeros' }),
  fc.record({ kind: fc.constant('normal' as const), mean: real(-1, 1), std: real(0.001, 1) }),
);
const l2 = fc.option(real(0, 0.01), { nil: undefined });

const conv = fc.record({
  kind: fc.constant('conv2d' as const),
  filters: count(12),
  kernelSize: count(9),
  strides: count(3),
  padding: fc.constantFrom('same' as const, 'valid' as const),
  activation,
  init,
  l2,
});
const pool = fc.record({
  kind: fc.constant('pool' as const),
  op: fc.constantFrom('max' as const, 'avg' as const),
  poolSize: count(4),
  strides: count(4),
});
const dense = fc.record({ kind: fc.constant('dense' as const), units: count(64), activation, init, l2 });
const dropout = fc.record({ kind: fc.constant('dropout' as const), rate: real(0, 0.9) });
const batchnorm = fc.record({ kind: fc.constant('batchnorm' as const), activation });
const output = fc.record({ kind: fc.constant('output' as const), init, l2 });
const anyLayer: fc.Arbitrary<LayerSpec> = fc.oneof(
  conv,
  pool,
  fc.constant({ kind: 'flatten' as const }),
  dense,
  dropout,
  batchnorm,
  fc.constant({ kind: 'gap' as const }),
  output,
);

/**
 * A layer stack: mostly shaped as people build them (convolutions, then flatten or global
 * pooling, then dense layers, then the output), sometimes any layers in any order.
 */
const layers: fc.Arbitrary<LayerSpec[]> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .tuple(
        fc.array(fc.oneof(conv, conv, pool, batchnorm, dropout), { maxLength: 4 }),
        fc.constantFrom({ kind: 'flatten' as const }, { kind: 'gap' as const }),
        fc.array(fc.oneof(dense, dense, dropout, batchnorm), { maxLength: 3 }),
        output,
      )
      .map(([features, bridge, head, out]) => [...features, bridge, ...head, out]),
  },
  { weight: 1, arbitrary: fc.array(anyLayer, { minLength: 1, maxLength: 6 }) },
);

/** A whole config; sizes small enough that a config that passes trains in well under a second on the cpu backend. */
export const configArb: fc.Arbitrary<Config> = fc.record({
  ...Object.fromEntries(Object.entries(DEFAULT_CONFIG).map(([k, v]) => [k, fc.constant(v)])),
  datasetId: fc.constant('toy'),
  preset: fc.constant('custom' as const),
  layers,
  epochs: count(5),
  batchSize: count(32),
  learningRate: real(1e-5, 1),
  trainSize: count(240),
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  optimizer: fc.constantFrom(...(Object.keys(OPTIMIZER_NAMES) as OptimizerId[])),
  optimizerParams: fc.record({
    momentum: real(0, 0.99),
    nesterov: fc.boolean(),
    rho: real(0, 0.99),
    beta1: real(0, 0.99),
    beta2: real(0.5, 0.9999),
    epsilon: real(1e-8, 1e-3),
    weightDecay: real(0, 0.1),
  }),
  schedule: fc.oneof(
    fc.constant({ kind: 'constant' as const }),
    fc.record({ kind: fc.constant('step' as const), every: count(3), gamma: real(0.1, 1) }),
    fc.record({ kind: fc.constant('exponential' as const), gamma: real(0.5, 1) }),
    fc.record({ kind: fc.constant('cosine' as const), minLr: real(0, 1e-3) }),
  ),
  loss: fc.constantFrom('crossEntropy' as const, 'mse' as const),
  l2: real(0, 0.01),
  validationSplit: real(0, 0.5),
  earlyStopping: fc.boolean(),
  patience: count(5),
  normalization: fc.constantFrom(...(Object.keys(NORMALIZATION_NAMES) as NormalizationId[])),
  augment: fc.record({
    rotation: real(0, 30),
    shift: real(0, 4),
    flip: fc.boolean(),
    cropPadding: real(0, 4),
    scale: real(0, 20),
    slant: real(0, 20),
    thickness: fc.integer({ min: 0, max: 3 }),
    elastic: real(0, 4),
  }),
}) as fc.Arbitrary<Config>;
