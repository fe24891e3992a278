import { describe, expect, it } from 'vitest';
import { epochOrder, plannedSamples, trainingCount, validationCount } from './split';

describe('train/validation split', () => {
  it('holds out the rounded share, always leaving one training sample', () => {
    expect(validationCount(60000, 0.1)).toBe(6000);
    expect(validationCount(1000, 0.0125)).toBe(13);
    expect(validationCount(1, 0.5)).toBe(0);
    expect(validationCount(2, 0.5)).toBe(1);
    expect(validationCount(640, 0)).toBe(0);
  });

  it('plans epochs × the samples left to train on', () => {
    expect(plannedSamples({ epochs: 3, trainSize: 60000, validationSplit: 0 })).toBe(180000);
    expect(plannedSamples({ epochs: 2, trainSize: 60000, validationSplit: 0.1 })).toBe(108000);
  });
});

describe('epoch order', () => {
  it('is a permutation fixed by seed and epoch, different across epochs', () => {
    const a = epochOrder(100, 7, 1);
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(epochOrder(100, 7, 1)).toEqual(a);
    expect(epochOrder(100, 7, 2)).not.toEqual(a);
    expect(epochOrder(100, 8, 1)).not.toEqual(a);
  });

  it('counts the samples left to train on after the split', () => {
    expect(trainingCount(1000, 0.1)).toBe(900);
    expect(trainingCount(1, 0.5)).toBe(1);
  });
});
