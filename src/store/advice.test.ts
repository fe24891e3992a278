import { describe, expect, it } from 'vitest';
import { stuckAdvice } from './advice';
import { DEFAULT_CONFIG } from '../shared/config';
import { withHiddenActivation } from '../model/spec';

const epoch = (testAcc: number, trainLoss: number) => ({
  epoch: 1,
  trainLoss,
  trainAcc: testAcc,
  testLoss: trainLoss,
  testAcc,
  seconds: 1,
  samplesPerSec: 1,
  numTensors: 1,
});

describe('advice for a run stuck at chance', () => {
  it('names the plateau and what to try for sigmoid at a classroom budget', () => {
    const run = {
      id: 3,
      config: { ...DEFAULT_CONFIG, layers: withHiddenActivation(DEFAULT_CONFIG.layers, 'sigmoid') },
      epochs: [epoch(0.096, 2.3026)],
    };
    expect(stuckAdvice(run, 10)).toBe(
      'Run 3 is at chance after epoch 1: 9.6% test accuracy, loss 2.30 (chance is 2.30). It may be stuck rather than slow: ' +
        'sigmoid networks sit on a plateau at first. Try more epochs or training samples, a higher learning rate (now 0.001), ' +
        'ReLU, which does not saturate.',
    );
  });

  it('says nothing above 1.5x chance or before the first epoch', () => {
    expect(stuckAdvice({ id: 1, config: DEFAULT_CONFIG, epochs: [epoch(0.16, 2.2)] }, 10)).toBeNull();
    expect(stuckAdvice({ id: 1, config: DEFAULT_CONFIG, epochs: [] }, 10)).toBeNull();
  });

  it('suggests momentum or Adam for plain SGD', () => {
    expect(
      stuckAdvice({ id: 1, config: { ...DEFAULT_CONFIG, optimizer: 'sgd' }, epochs: [epoch(0.1, 2.3)] }, 10),
    ).toMatch(/momentum or Adam\.$/);
  });
});
