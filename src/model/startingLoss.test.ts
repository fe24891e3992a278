import { describe, expect, it } from 'vitest';
import { startingLossMessage } from './startingLoss';
import type { ModelSpec } from './spec';

const spec: ModelSpec = {
  inputShape: [28, 28, 1],
  classes: 10,
  layers: [
    { kind: 'flatten' },
    { kind: 'dense', units: 8, activation: 'relu', init: { kind: 'heNormal' } },
    { kind: 'output', init: { kind: 'normal', mean: 1, std: 0.2421116 } },
  ],
};

describe('the message for a loss out of range at step 1', () => {
  it('names the layer with a hand-set normal init and unnormalised inputs, not the learning rate', () => {
    expect(startingLossMessage(696.4, spec, 'none')).toBe(
      'The loss is already 696 at step 1, before any weight was updated, so the learning rate is not the cause: ' +
        "the network's starting outputs are too large (Layer 3 starts from N(1, 0.242); the inputs are not normalised (None (0-255))). " +
        'Use a standard initialiser (Glorot, He or LeCun) or normalise the inputs.',
    );
  });

  it('says NaN or infinite, and names nothing when no setting stands out', () => {
    const plain = {
      ...spec,
      layers: spec.layers.slice(0, 2).concat({ kind: 'output', init: { kind: 'glorotUniform' } }),
    };
    expect(startingLossMessage(null, plain, 'unit')).toBe(
      'The loss is NaN or infinite at step 1, before any weight was updated, so the learning rate is not the cause: ' +
        "the network's starting outputs are too large. Use a standard initialiser (Glorot, He or LeCun) or normalise the inputs.",
    );
  });
});
