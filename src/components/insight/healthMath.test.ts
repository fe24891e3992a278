import { describe, expect, it } from 'vitest';
import { gradientHeadline, gradientRatio, healthSeries, logDomain, ratioWords, sci } from './healthMath';
import type { HealthSample, LayerHealth } from '../../model/health';
import { presetLayers } from '../../model/presets';

const hist = { min: 0, max: 0, counts: [] };
const layer = (i: number, kind: LayerHealth['kind'], gradNorm: number): LayerHealth => ({
  layer: i,
  kind,
  weightNorm: 1,
  gradNorm,
  updateRatio: 0.01,
  dead: 0,
  saturated: 0,
  weights: hist,
  grads: hist,
  activations: hist,
});
const sample = (first: number, last: number): HealthSample => ({
  step: 10,
  epoch: 1,
  epochEnd: false,
  layers: [layer(0, 'conv2d', first), layer(5, 'dense', 1), layer(7, 'output', last)],
});

describe('training-health numbers', () => {
  it('says ratios in words', () => {
    expect(ratioWords(1 / 40)).toBe('1/40');
    expect(ratioWords(1 / 3)).toBe('1/3');
    expect(ratioWords(0.4)).toBe('1/2.5');
    expect(ratioWords(3.2)).toBe('3.2x');
    expect(ratioWords(12)).toBe('12x');
  });

  it("compares the first layer's gradient with the output layer's", () => {
    expect(gradientRatio(sample(0.05, 2))!.ratio).toBeCloseTo(0.025);
    expect(gradientHeadline(sample(0.05, 2), presetLayers('lenet5'))).toBe(
      "first conv gradient 1/40 of the output layer's",
    );
    expect(gradientHeadline(null, [])).toBeNull();
  });

  it('makes one line per layer, leaving out values a log scale cannot show', () => {
    const rows = healthSeries([sample(0.05, 2), { ...sample(0, 1), step: 20 }], 'gradNorm');
    expect(rows).toEqual([
      { step: 10, l0: 0.05, l5: 1, l7: 2 },
      { step: 20, l5: 1, l7: 1 },
    ]);
  });

  it('gives a log axis a range holding every line, a quarter wider each way, and a default with no data', () => {
    const [lo, hi] = logDomain([
      { step: 10, l0: 0.004, l5: 1 },
      { step: 20, l0: 0.01, l5: 2.5 },
    ]);
    expect(lo).toBeCloseTo(0.0032, 10);
    expect(hi).toBeCloseTo(3.125, 10);
    expect(logDomain([{ step: 5000 }])).toEqual([0.1, 1]);
  });
});

describe('sci', () => {
  it('writes three digits near 1 and powers of ten far from it', () => {
    expect([0, 0.214, 14.93, 999.4, 0.01, 3.14e-5, 1234, -0.5].map(sci)).toEqual([
      '0',
      '0.214',
      '14.9',
      '999',
      '0.0100',
      '3.1e-5',
      '1.2e+3',
      '-5.0e-1',
    ]);
  });
});
