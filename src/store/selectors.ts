// Values derived from the store's state, for components and the client.
import type { AppState } from './useAppStore';
import type { ModelSpec } from '../model/spec';
import { inferShapes, MEMORY_BUDGET_GB, trainingMemoryBytes, type ShapeReport } from '../model/shapes';
import type { Config } from '../shared/config';
import type { DatasetInfo } from '../shared/protocol';
import { inputShapeFor } from '../data/grayscale';
import { trainingCount } from '../model/split';
import { shapeProblem } from '../shared/specProblem';

/** The model spec the current config describes, for the dataset's input shape and classes. */
export function specFor(
  config: Pick<Config, 'layers'> & Partial<Pick<Config, 'colorMode'>>,
  imageShape: [number, number, number] = [28, 28, 1],
  classes = 10,
): ModelSpec {
  return { inputShape: inputShapeFor(imageShape, config.colorMode ?? 'rgb'), classes, layers: config.layers };
}

/** Whether the dataset's images are 28x28 grayscale, so a drawing can be the model's input (the drawing pad shows). */
export const drawsDigits = (s: AppState) => (s.datasetInfo?.imageShape ?? [28, 28, 1]).join('x') === '28x28x1';

/** Whether a run holds the worker: training, or paused and able to resume. */
export const runActive = (s: Pick<AppState, 'status'>) => s.status === 'running' || s.status === 'paused';

let lastReport: {
  layers: Config['layers'];
  colorMode: Config['colorMode'];
  info: DatasetInfo | null;
  report: ShapeReport;
} | null = null;

/**
 * Shape inference of `config`'s layers on the dataset's input (MNIST's when none is loaded).
 * Remembers the last answer: every store update re-runs the selectors that call this, and the
 * layers rarely change between them.
 */
export function shapeReportOf(config: Pick<Config, 'layers' | 'colorMode'>, info: DatasetInfo | null): ShapeReport {
  const { layers, colorMode } = config;
  if (lastReport && lastReport.layers === layers && lastReport.colorMode === colorMode && lastReport.info === info)
    return lastReport.report;
  const report = inferShapes(specFor(config, info?.imageShape, info?.classes.length));
  lastReport = { layers, colorMode, info, report };
  return report;
}

/** Why Train is disabled right now, or null when it may start. */
export function trainBlocker(s: AppState): string | null {
  return runActive(s) ? 'A run is in progress.' : configProblem(s, s.config);
}

/** Why `config` cannot train on the loaded dataset with the fields as typed, or null (whether a run is in progress aside). */
export function configProblem(
  s: Pick<AppState, 'datasetState' | 'datasetInfo' | 'fieldErrors'>,
  config: Config,
): string | null {
  if (s.datasetState !== 'ready' || !s.datasetInfo) return 'The dataset is not ready.';
  const bad = Object.values(s.fieldErrors)[0];
  if (bad) return `Fix the highlighted field: ${bad}`;
  const report = shapeReportOf(config, s.datasetInfo);
  const problem = shapeProblem(report);
  if (problem) return problem;
  const gb = trainingMemoryBytes(report, config.batchSize) / 1e9;
  if (gb > MEMORY_BUDGET_GB)
    return `A batch of ${config.batchSize} needs about ${gb.toFixed(1)} GB for this network's activations, over the ${MEMORY_BUDGET_GB} GB a tab can use: lower the batch size or shrink the layers.`;
  if (config.batchSize > config.trainSize) return 'Batch size cannot exceed the number of training samples.';
  if (config.trainSize > s.datasetInfo.trainCount)
    return `Training size is larger than the ${s.datasetInfo.trainCount} samples available.`;
  if (config.earlyStopping && config.validationSplit === 0)
    return 'Early stopping watches the validation loss: set a validation split above 0, or turn early stopping off.';
  const trainPart = trainingCount(config.trainSize, config.validationSplit);
  if (config.validationSplit > 0 && config.batchSize > trainPart)
    return `Batch size cannot exceed the ${trainPart} samples left for training after the validation split.`;
  return null;
}
