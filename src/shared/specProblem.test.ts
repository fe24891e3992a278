import { describe, expect, it } from 'vitest';
import { shapeProblem, specProblem } from './specProblem';
import { presetLayers } from '../model/presets';
import type { ModelSpec } from '../model/spec';

const lenet: ModelSpec = { inputShape: [28, 28, 1], classes: 10, layers: presetLayers('lenet5') };

describe('why a network cannot train', () => {
  it('names the layer that breaks, 1-based, as the page and the worker both say it', () => {
    expect(shapeProblem({ error: { layerIndex: 2, message: 'kernel 5x5 is larger than its 2x2 input' } })).toBe(
      'Layer 3: kernel 5x5 is larger than its 2x2 input.',
    );
    expect(shapeProblem({ error: null })).toBeNull();
  });

  it('accepts LeNet-5 on MNIST and refuses it on 32x32x3 images or 100 classes', () => {
    expect(specProblem(lenet, [28, 28, 1], 10)).toBeNull();
    expect(specProblem(lenet, [32, 32, 3], 10)).toMatch(
      /expects 28x28x1 inputs and 10 classes, but the dataset has 32x32x3 and 10/,
    );
    expect(specProblem(lenet, [28, 28, 1], 100)).toMatch(/Pick the preset again/);
  });

  it('reports a layer that shrinks the image away', () => {
    const spec: ModelSpec = { ...lenet, inputShape: [8, 8, 1] };
    expect(specProblem(spec, [8, 8, 1], 10)).toMatch(/^Layer 3: kernel 5x5 is larger than its 4x4 input\.$/);
  });
});
