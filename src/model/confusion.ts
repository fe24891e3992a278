/**
 * Evaluation of a classifier's test predictions: confusion matrix, per-class accuracy and the
 * examples behind a cell. Pure functions over label and prediction arrays.
 */

/** counts[t][p]: test samples of true class t predicted as p. */
export function confusionMatrix(labels: ArrayLike<number>, predicted: ArrayLike<number>, classes: number): number[][] {
  const m = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < labels.length; i++) m[labels[i]][predicted[i]]++;
  return m;
}

/** Accuracy of each true class (row), or null for a class with no samples. */
export function perClassAccuracy(matrix: number[][]): (number | null)[] {
  return matrix.map((row, t) => {
    const n = row.reduce((a, b) => a + b, 0);
    return n ? row[t] / n : null;
  });
}

/**
 * Indices of test samples with true class `t` predicted as `p` (or every misclassified sample
 * when both are null), most confident prediction first, at most `limit`. `probs` holds
 * `classes` probabilities per sample.
 */
export function cellSamples(
  labels: ArrayLike<number>,
  predicted: ArrayLike<number>,
  probs: ArrayLike<number>,
  classes: number,
  t: number | null,
  p: number | null,
  limit: number,
): number[] {
  const hits: number[] = [];
  for (let i = 0; i < labels.length; i++) {
    const match = t === null ? labels[i] !== predicted[i] : labels[i] === t && predicted[i] === p;
    if (match) hits.push(i);
  }
  const conf = (i: number) => probs[i * classes + predicted[i]];
  return hits.sort((a, b) => conf(b) - conf(a) || a - b).slice(0, limit);
}
