import type { AppState } from './useAppStore';
import { presetSpec, withHiddenActivation, withPooling, type ModelSpec } from '../model/spec';
import type { Config } from './configSlice';
import { OPTIMIZER_NAMES } from '../model/optimizerIds';

/** The model spec the current config describes, for the dataset's input shape. */
export function specFor(config: Pick<Config, 'preset' | 'activation' | 'pooling'>, inputShape: [number, number, number] = [28, 28, 1], classes = 10): ModelSpec {
  return withPooling(withHiddenActivation(presetSpec(config.preset, inputShape, classes), config.activation), config.pooling);
}

/** Why Train is disabled right now, or null when it may start. */
export function trainBlocker(s: AppState): string | null {
  if (s.status === 'running' || s.status === 'paused') return 'A run is in progress.';
  if (s.datasetState !== 'ready' || !s.datasetInfo) return 'The dataset is not ready.';
  const bad = Object.values(s.fieldErrors)[0];
  if (bad) return `Fix the highlighted field: ${bad}`;
  if (s.config.batchSize > s.config.trainSize) return 'Batch size cannot exceed the number of training samples.';
  if (s.config.trainSize > s.datasetInfo.trainCount) return `Training size is larger than the ${s.datasetInfo.trainCount} samples available.`;
  return null;
}

const LABELS: Partial<Record<keyof Config, (c: Config) => string>> = {
  datasetId: (c) => c.datasetId,
  preset: (c) => c.preset,
  activation: (c) => ({ relu: 'ReLU', sigmoid: 'sigmoid', tanh: 'tanh' })[c.activation],
  pooling: (c) => c.pooling,
  optimizer: (c) => OPTIMIZER_NAMES[c.optimizer],
  batchSize: (c) => `batch ${c.batchSize}`,
  learningRate: (c) => `lr ${c.learningRate}`,
  epochs: (c) => `${c.epochs} ep`,
  trainSize: (c) => `${c.trainSize} samples`,
  seed: (c) => `seed ${c.seed}`,
  backend: (c) => c.backend,
};

/**
 * Labels runs by what differs between them ("sigmoid · max" vs "ReLU · avg"); activation and
 * pooling are always named so one run still reads well. Returns labels in run order.
 */
export function runLabels(configs: Config[]): string[] {
  const keys = (Object.keys(LABELS) as (keyof Config)[]).filter(
    (k) => k === 'activation' || k === 'pooling' || configs.some((c) => c[k] !== configs[0][k]),
  );
  const labels = configs.map((c) => keys.map((k) => LABELS[k]!(c)).join(' · '));
  return labels.map((l, i) => (labels.indexOf(l) !== i || labels.lastIndexOf(l) !== i ? `${l} #${i + 1}` : l));
}
