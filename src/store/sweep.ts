import type { Config } from '../shared/config';
import { withHiddenActivation, withPooling, type Activation, type PoolOp } from '../model/spec';
import { OPTIMIZER_NAMES, type OptimizerId } from '../model/optimizerIds';

/** The knobs a sweep can turn, one at a time. */
export type SweepKnob = 'activation' | 'pooling' | 'batchSize' | 'l2' | 'optimizer' | 'learningRate';

export const SWEEP_KNOBS: Record<SweepKnob, { name: string; example: string }> = {
  activation: { name: 'Activation', example: 'sigmoid, relu, tanh' },
  pooling: { name: 'Pooling', example: 'max, avg' },
  batchSize: { name: 'Batch size', example: '32, 64, 256, 512' },
  l2: { name: 'L2', example: '1e-2, 1e-4, 1e-6' },
  optimizer: { name: 'Optimizer', example: 'adam, adamw, nadam, adabelief' },
  learningRate: { name: 'Learning rate', example: '0.01, 0.001, 0.0001' },
};

/** One-click sweeps that reproduce the source experiments. */
export const SWEEP_RECIPES: { id: string; name: string; knob: SweepKnob; values: string }[] = [
  { id: 'activation', name: 'sigmoid vs ReLU', knob: 'activation', values: 'sigmoid, relu' },
  { id: 'pooling', name: 'max vs average pooling', knob: 'pooling', values: 'max, avg' },
  { id: 'batch', name: 'batch 32 / 64 / 256 / 512', knob: 'batchSize', values: '32, 64, 256, 512' },
  { id: 'l2', name: 'L2 1e-2 / 1e-4 / 1e-6', knob: 'l2', values: '1e-2, 1e-4, 1e-6' },
  {
    id: 'optimizers',
    name: 'Adam vs AdamW vs NAdam vs AdaBelief',
    knob: 'optimizer',
    values: 'adam, adamw, nadam, adabelief',
  },
];

const ACTIVATIONS: Activation[] = ['sigmoid', 'relu', 'tanh'];
const POOLS: PoolOp[] = ['max', 'avg'];

/** Checks one value for a knob; returns an error in words or null. */
function valueError(knob: SweepKnob, v: string): string | null {
  switch (knob) {
    case 'activation':
      return ACTIVATIONS.includes(v as Activation)
        ? null
        : `"${v}" is not an activation (use ${ACTIVATIONS.join(', ')})`;
    case 'pooling':
      return POOLS.includes(v as PoolOp) ? null : `"${v}" is not a pooling op (use max or avg)`;
    case 'optimizer':
      return v in OPTIMIZER_NAMES
        ? null
        : `"${v}" is not an optimizer (use ${Object.keys(OPTIMIZER_NAMES).join(', ')})`;
    case 'batchSize':
      return Number.isInteger(Number(v)) && Number(v) >= 1
        ? null
        : `batch size "${v}" must be a whole number of at least 1`;
    case 'l2':
      return Number.isFinite(Number(v)) && Number(v) >= 0 && Number(v) <= 1
        ? null
        : `L2 "${v}" must be a number from 0 to 1`;
    case 'learningRate':
      return Number(v) > 0 && Number(v) <= 10 ? null : `learning rate "${v}" must be above 0 and at most 10`;
  }
}

/** Parses a comma-separated list of values for `knob`: at least 2, at most 12, each valid, no repeats. */
export function parseSweepValues(knob: SweepKnob, text: string): { values: string[] } | { error: string } {
  const values = text
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
  if (values.length < 2)
    return { error: `List at least two values, comma-separated, e.g. ${SWEEP_KNOBS[knob].example}.` };
  if (values.length > 12) return { error: 'A sweep runs at most 12 values.' };
  const bad = values.map((v) => valueError(knob, v)).find((e) => e);
  if (bad) return { error: `${bad[0].toUpperCase()}${bad.slice(1)}.` };
  if (new Set(values.map((v) => (Number.isFinite(Number(v)) ? String(Number(v)) : v))).size !== values.length) {
    return { error: 'Each value should appear once.' };
  }
  return { values };
}

/** The configs a sweep trains: `base` with the knob set to each value, same seed and everything else. */
export function sweepConfigs(base: Config, knob: SweepKnob, values: string[]): Config[] {
  return values.map((v) => {
    switch (knob) {
      case 'activation':
        return { ...base, layers: withHiddenActivation(base.layers, v as Activation) };
      case 'pooling':
        return { ...base, layers: withPooling(base.layers, v as PoolOp) };
      case 'optimizer':
        return { ...base, optimizer: v as OptimizerId };
      case 'batchSize':
        return { ...base, batchSize: Number(v) };
      case 'l2':
        return { ...base, l2: Number(v) };
      case 'learningRate':
        return { ...base, learningRate: Number(v) };
    }
  });
}
