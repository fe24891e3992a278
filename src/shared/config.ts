import type { LayerSpec } from '../model/spec';
import { presetLayers, type PresetId } from '../model/presets';
import { DEFAULT_OPTIMIZER_PARAMS, type OptimizerId, type OptimizerParams } from '../model/optimizerIds';
import type { Schedule } from '../model/schedules';
import type { LossId } from '../model/train';
import type { BackendChoice } from './protocol';
import { NO_AUGMENT, type AugmentConfig } from '../data/augment';
import type { NormalizationId } from '../data/normalize';

/** What the person has set up: dataset, architecture knobs and hyperparameters. Persisted. */
export interface Config {
  datasetId: string;
  /** The preset the layers came from, or `custom` once edited by hand. */
  preset: PresetId | 'custom';
  /** The architecture (input shape and class count come from the dataset). */
  layers: LayerSpec[];
  epochs: number;
  batchSize: number;
  learningRate: number;
  trainSize: number;
  seed: number;
  optimizer: OptimizerId;
  optimizerParams: OptimizerParams;
  schedule: Schedule;
  loss: LossId;
  l2: number;
  /** Fraction of the training samples held out for validation (0 = none). */
  validationSplit: number;
  earlyStopping: boolean;
  /** Epochs without a better validation loss before early stopping ends the run. */
  patience: number;
  normalization: NormalizationId;
  augment: AugmentConfig;
  /** Colour datasets: train on RGB or on grayscale input. Ignored for gray datasets. */
  colorMode: 'rgb' | 'gray';
  backend: BackendChoice;
}

export const DEFAULT_CONFIG: Config = {
  datasetId: 'mnist',
  preset: 'lenet5',
  layers: presetLayers('lenet5'),
  epochs: 3,
  batchSize: 64,
  learningRate: 0.001,
  trainSize: 60000,
  seed: 42,
  optimizer: 'adam',
  optimizerParams: DEFAULT_OPTIMIZER_PARAMS,
  schedule: { kind: 'constant' },
  loss: 'crossEntropy',
  l2: 0,
  validationSplit: 0,
  earlyStopping: false,
  patience: 3,
  normalization: 'unit',
  augment: NO_AUGMENT,
  colorMode: 'rgb',
  backend: 'auto',
};
