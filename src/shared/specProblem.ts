// Why a network cannot train: the page checks it before Train, the worker again before it builds.
import { inferShapes, type ShapeReport } from '../model/shapes';
import type { ModelSpec } from '../model/spec';

/** The shape report's first problem in words, e.g. "Layer 3: kernel 5x5 is larger than its 2x2 input.", or null. */
export function shapeProblem(report: Pick<ShapeReport, 'error'>): string | null {
  const { error } = report;
  return error ? `Layer ${error.layerIndex + 1}: ${error.message}.` : null;
}

/** Why `spec` cannot train on a dataset of `imageShape` images and `classes` classes, or null. */
export function specProblem(spec: ModelSpec, imageShape: readonly number[], classes: number): string | null {
  if (spec.inputShape.join('x') !== imageShape.join('x') || spec.classes !== classes) {
    return `The network expects ${spec.inputShape.join('x')} inputs and ${spec.classes} classes, but the dataset has ${imageShape.join('x')} and ${classes}. Pick the preset again.`;
  }
  return shapeProblem(inferShapes(spec));
}
