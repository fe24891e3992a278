import { describe, expect, it } from 'vitest';
import { cellSamples, confusionMatrix, perClassAccuracy } from './confusion';

describe('confusion matrix', () => {
  const labels = [0, 0, 1, 1, 1, 2];
  const predicted = [0, 1, 1, 1, 0, 0];
  // Probabilities of 3 classes per sample; the predicted class's probability is the confidence.
  const probs = [0.9, 0.05, 0.05, 0.3, 0.6, 0.1, 0.1, 0.8, 0.1, 0.2, 0.7, 0.1, 0.55, 0.4, 0.05, 0.95, 0.03, 0.02];

  it('counts true class by predicted class, and per-class accuracy by row', () => {
    const m = confusionMatrix(labels, predicted, 3);
    expect(m).toEqual([
      [1, 1, 0],
      [1, 2, 0],
      [1, 0, 0],
    ]);
    expect(perClassAccuracy(m)).toEqual([0.5, 2 / 3, 0]);
    expect(
      perClassAccuracy([
        [0, 0],
        [1, 1],
      ]),
    ).toEqual([null, 0.5]);
  });

  it("lists a cell's samples, or every mistake, most confident first", () => {
    expect(cellSamples(labels, predicted, probs, 3, 1, 1, 10)).toEqual([2, 3]);
    expect(cellSamples(labels, predicted, probs, 3, null, null, 10)).toEqual([5, 1, 4]);
    expect(cellSamples(labels, predicted, probs, 3, null, null, 2)).toEqual([5, 1]);
    expect(cellSamples(labels, predicted, probs, 3, 2, 1, 10)).toEqual([]);
  });
});
