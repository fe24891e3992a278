// How runs and settings are named in legends, lists and the config diff.
import type { Config } from '../shared/config';
import { recipeLabel } from '../shared/recipes';
import type { Run } from './runsSlice';
import { commonActivation, commonPooling, withHiddenActivation, withPooling } from '../model/spec';
import { ACTIVATION_NAMES, describeLayer } from '../model/describe';
import { OPTIMIZER_NAMES } from '../model/optimizerIds';
import { NORMALIZATION_NAMES } from '../data/normalize';
import { augments, type AugmentConfig } from '../data/augment';

/** A short name for an augmentation setting, e.g. "aug rot ±15° shift 2px". */
export function augmentLabel(a: AugmentConfig): string {
  if (!augments(a)) return 'no augmentation';
  const parts = [
    a.rotation > 0 && `rot ±${a.rotation}°`,
    a.shift > 0 && `shift ${a.shift}px`,
    a.flip && 'flip',
    a.scale > 0 && `scale ±${a.scale}%`,
    a.slant > 0 && `slant ±${a.slant}°`,
    a.thickness > 0 && `width ±${a.thickness}px`,
    a.elastic > 0 && `elastic ${a.elastic}px`,
    a.cropPadding > 0 && `crop pad ${a.cropPadding}`,
  ].filter(Boolean);
  return `aug ${parts.join(' ')}`;
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
    const shape = withHiddenActivation(withPooling(c.layers, 'max'), 'relu')
      .map((l) => describeLayer(l, 10))
      .join(' → ');
    return c.preset === 'custom' ? `custom: ${shape}` : shape;
  },
};

/** Display names of the aspects, for the config diff. */
export const ASPECT_NAMES: Record<ConfigAspect, string> = {
  datasetId: 'Dataset',
  preset: 'Preset',
  layers: 'Layers',
  activation: 'Activation',
  pooling: 'Pooling',
  optimizer: 'Optimizer',
  optimizerParams: 'Optimizer settings',
  loss: 'Loss',
  l2: 'L2',
  normalization: 'Normalisation',
  augment: 'Augmentation',
  validationSplit: 'Validation split',
  earlyStopping: 'Early stopping',
  patience: 'Patience',
  schedule: 'LR schedule',
  batchSize: 'Batch size',
  learningRate: 'Learning rate',
  epochs: 'Epochs',
  trainSize: 'Training samples',
  seed: 'Seed',
  backend: 'Backend',
  architecture: 'Architecture',
  colorMode: 'Colour',
};

/** The most settings a label names; beyond that a run number tells runs apart. */
export const MAX_LABEL_PARTS = 4;

/**
 * Labels runs by what differs between them ("sigmoid · max" vs "ReLU · avg"); activation and
 * pooling are always named so one run still reads well. At most {@link MAX_LABEL_PARTS} settings
 * are named; runs whose labels still agree get "#n". Returns labels in run order.
 */
export function runLabels(configs: Config[]): string[] {
  const keys = (Object.keys(LABELS) as ConfigAspect[])
    .filter((k) => k !== 'architecture')
    .filter(
      (k) =>
        k === 'activation' ||
        (k === 'pooling' && configs.some((c) => commonPooling(c.layers) !== 'none')) ||
        configs.some((c) => LABELS[k]!(c) !== LABELS[k]!(configs[0])),
    )
    .slice(0, MAX_LABEL_PARTS);
  const labels = configs.map((c) => keys.map((k) => LABELS[k]!(c)).join(' · '));
  return labels.map((l, i) => (labels.indexOf(l) !== i || labels.lastIndexOf(l) !== i ? `${l} #${i + 1}` : l));
}

/** What labelling needs to know of a run. */
export type Labelled = {
  id: number;
  config: Config;
  name: string | null;
  recipe?: string | null;
  recipeModified?: boolean;
  shown: boolean;
};

/**
 * Every run's label: the name a person gave it, else its recipe's name, else what differs among
 * the runs on the charts (a run not on them is told apart from those that are).
 */
export function labelRuns(runs: Labelled[]): Map<number, string> {
  const shown = runs.filter((r) => r.shown);
  const auto = new Map<number, string>();
  runLabels(shown.map((r) => r.config)).forEach((l, i) => auto.set(shown[i].id, l));
  for (const r of runs) {
    if (!r.shown) auto.set(r.id, runLabels([...shown.map((x) => x.config), r.config]).at(-1)!);
  }
  return new Map(runs.map((r) => [r.id, r.name ?? recipeLabel(r) ?? auto.get(r.id)!]));
}

/** Where a run trained: "browser (wasm)", or the engine of an exported script, e.g. "PyTorch 1.13, 2 processes (cpu)". */
export function trainedBy(r: { backend?: string | null; engine?: Run['engine'] }): string {
  const e = r.engine;
  if (!e) return `browser${r.backend ? ` (${r.backend})` : ''}`;
  const procs = `${e.processes} process${e.processes === 1 ? '' : 'es'}${e.nodes > 1 ? ` on ${e.nodes} machines` : ''}`;
  return `${e.name === 'pytorch' ? 'PyTorch' : 'Keras'} ${e.version}, ${procs} (${e.device}${e.amp ? ', AMP' : ''})`;
}

/** Every setting of a config in words, for a run's hover text. */
export function describeConfig(c: Config): string {
  return (Object.keys(LABELS) as ConfigAspect[]).map((k) => `${ASPECT_NAMES[k]}: ${LABELS[k]!(c)}`).join('\n');
}
