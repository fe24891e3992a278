import type { AppState } from './useAppStore';
import { commonActivation, commonPooling, withHiddenActivation, withPooling, type ModelSpec } from '../model/spec';
import { ACTIVATION_NAMES, describeLayer } from '../model/describe';
import { inferShapes, MEMORY_BUDGET_GB, trainingMemoryBytes } from '../model/shapes';
import type { Config } from '../shared/config';
import { OPTIMIZER_NAMES } from '../model/optimizerIds';
import { NORMALIZATION_NAMES } from '../data/normalize';
import { inputShapeFor } from '../data/grayscale';
import { augments, type AugmentConfig } from '../data/augment';
import { trainingCount } from '../model/split';
import { shapeProblem } from '../shared/specProblem';

/** A short name for an augmentation setting, e.g. "aug rot ±15° shift 2px". */
export function augmentLabel(a: AugmentConfig): string {
  if (!augments(a)) return 'no augmentation';
  const parts = [a.rotation > 0 && `rot ±${a.rotation}°`, a.shift > 0 && `shift ${a.shift}px`, a.flip && 'flip',
    a.cropPadding > 0 && `crop pad ${a.cropPadding}`].filter(Boolean);
  return `aug ${parts.join(' ')}`;
}

/** The model spec the current config describes, for the dataset's input shape and classes. */
export function specFor(config: Pick<Config, 'layers'> & Partial<Pick<Config, 'colorMode'>>,
  imageShape: [number, number, number] = [28, 28, 1], classes = 10): ModelSpec {
  return { inputShape: inputShapeFor(imageShape, config.colorMode ?? 'rgb'), classes, layers: config.layers };
}

/** Whether a run holds the worker: training, or paused and able to resume. */
export const runActive = (s: Pick<AppState, 'status'>) => s.status === 'running' || s.status === 'paused';

/** Why Train is disabled right now, or null when it may start. */
export function trainBlocker(s: AppState): string | null {
  if (runActive(s)) return 'A run is in progress.';
  if (s.datasetState !== 'ready' || !s.datasetInfo) return 'The dataset is not ready.';
  const bad = Object.values(s.fieldErrors)[0];
  if (bad) return `Fix the highlighted field: ${bad}`;
  const info = s.datasetInfo;
  const report = inferShapes(specFor(s.config, info.imageShape, info.classes.length));
  const problem = shapeProblem(report);
  if (problem) return problem;
  const gb = trainingMemoryBytes(report, s.config.batchSize) / 1e9;
  if (gb > MEMORY_BUDGET_GB) return `A batch of ${s.config.batchSize} needs about ${gb.toFixed(1)} GB for this network's activations, over the ${MEMORY_BUDGET_GB} GB a tab can use: lower the batch size or shrink the layers.`;
  if (s.config.batchSize > s.config.trainSize) return 'Batch size cannot exceed the number of training samples.';
  if (s.config.trainSize > s.datasetInfo.trainCount) return `Training size is larger than the ${s.datasetInfo.trainCount} samples available.`;
  if (s.config.earlyStopping && s.config.validationSplit === 0) return 'Early stopping watches the validation loss: set a validation split above 0, or turn early stopping off.';
  const trainPart = trainingCount(s.config.trainSize, s.config.validationSplit);
  if (s.config.validationSplit > 0 && s.config.batchSize > trainPart) return `Batch size cannot exceed the ${trainPart} samples left for training after the validation split.`;
  return null;
}

/** What a run label or config diff can name: a config field, or a property of the layers. */
export type ConfigAspect = keyof Config | 'activation' | 'pooling' | 'architecture';

/** Short descriptions of each aspect of a config, as run labels and config diffs show them. */
export const LABELS: Partial<Record<ConfigAspect, (c: Config) => string>> = {
  datasetId: (c) => c.datasetId,
  preset: (c) => c.preset,
  activation: (c) => {
    const a = commonActivation(c.layers);
    return a === 'mixed' ? 'mixed activations' : a === 'none' ? 'linear' : ACTIVATION_NAMES[a];
  },
  pooling: (c) => {
    const p = commonPooling(c.layers);
    return p === 'mixed' ? 'mixed pooling' : p === 'none' ? 'no pooling' : p;
  },
  optimizer: (c) => OPTIMIZER_NAMES[c.optimizer],
  loss: (c) => (c.loss === 'mse' ? 'MSE' : 'cross-entropy'),
  l2: (c) => `L2 ${c.l2}`,
  normalization: (c) => `input ${NORMALIZATION_NAMES[c.normalization]}`,
  augment: (c) => augmentLabel(c.augment),
  colorMode: (c) => (c.colorMode === 'gray' ? 'grayscale' : 'RGB'),
  validationSplit: (c) => `val ${Math.round(c.validationSplit * 100)}%`,
  earlyStopping: (c) => (c.earlyStopping ? `early stop (patience ${c.patience})` : 'no early stop'),
  schedule: (c) => (c.schedule.kind === 'constant' ? 'constant lr' : `${c.schedule.kind} lr`),
  batchSize: (c) => `batch ${c.batchSize}`,
  learningRate: (c) => `lr ${c.learningRate}`,
  epochs: (c) => `${c.epochs} ep`,
  trainSize: (c) => `${c.trainSize} samples`,
  seed: (c) => `seed ${c.seed}`,
  backend: (c) => c.backend,
  architecture: (c) => {
    const shape = withHiddenActivation(withPooling(c.layers, 'max'), 'relu').map((l) => describeLayer(l, 10)).join(' → ');
    return c.preset === 'custom' ? `custom: ${shape}` : shape;
  },
};

/** Display names of the aspects, for the config diff. */
export const ASPECT_NAMES: Record<ConfigAspect, string> = {
  datasetId: 'Dataset', preset: 'Preset', layers: 'Layers', activation: 'Activation', pooling: 'Pooling', optimizer: 'Optimizer',
  optimizerParams: 'Optimizer settings', loss: 'Loss', l2: 'L2', normalization: 'Normalisation', augment: 'Augmentation',
  validationSplit: 'Validation split', earlyStopping: 'Early stopping', patience: 'Patience', schedule: 'LR schedule',
  batchSize: 'Batch size', learningRate: 'Learning rate', epochs: 'Epochs', trainSize: 'Training samples', seed: 'Seed',
  backend: 'Backend', architecture: 'Architecture', colorMode: 'Colour',
};

/**
 * Labels runs by what differs between them ("sigmoid · max" vs "ReLU · avg"); activation and
 * pooling are always named so one run still reads well. Returns labels in run order.
 */
export function runLabels(configs: Config[]): string[] {
  const keys = (Object.keys(LABELS) as ConfigAspect[]).filter((k) => k !== 'architecture').filter(
    (k) => k === 'activation' || (k === 'pooling' && configs.some((c) => commonPooling(c.layers) !== 'none'))
      || configs.some((c) => LABELS[k]!(c) !== LABELS[k]!(configs[0])),
  );
  const labels = configs.map((c) => keys.map((k) => LABELS[k]!(c)).join(' · '));
  return labels.map((l, i) => (labels.indexOf(l) !== i || labels.lastIndexOf(l) !== i ? `${l} #${i + 1}` : l));
}
