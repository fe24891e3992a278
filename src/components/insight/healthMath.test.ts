import { describe, expect, it } from 'vitest';
import {
  gradientHeadline,
  gradientRatio,
  healthSeries,
  histogramPath,
  logAxis,
  ratioWords,
  sci,
  stepAxis,
} from './healthMath';
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

  it('gives a log axis the whole decades holding every line, a tick at each, and a stand-in with no data', () => {
    expect(
      logAxis([
        { step: 10, l0: 0.004, l5: 1 },
        { step: 20, l0: 0.01, l5: 2.5 },
      ]),
    ).toEqual({ domain: [0.001, 10], ticks: [0.001, 0.01, 0.1, 1, 10] });
    // A value on a power of ten is its own end; one decade at least.
    expect(logAxis([{ step: 1, l0: 1, l1: 1 }])).toEqual({ domain: [1, 10], ticks: [1, 10] });
    expect(logAxis([{ step: 1, l0: 0.01, l1: 0.1 }])).toEqual({ domain: [0.01, 0.1], ticks: [0.01, 0.1] });
    // Past six decades, a tick at every other one.
    expect(logAxis([{ step: 1, l0: 2e-8, l1: 5 }])).toEqual({
      domain: [1e-8, 10],
      ticks: [1e-8, 1e-6, 1e-4, 0.01, 1],
    });
    expect(logAxis([{ step: 5000 }])).toEqual({ domain: [0.1, 1], ticks: [0.1, 1] });
    expect(logAxis([{ step: 1, l0: 0 }])).toEqual({ domain: [0.1, 1], ticks: [0.1, 1] });
  });

  it('ends the steps axis at the round number at or above the last step', () => {
    expect(stepAxis([{ step: 50 }, { step: 937 }])).toEqual({
      domain: [0, 1000],
      ticks: [0, 200, 400, 600, 800, 1000],
    });
    expect(stepAxis([{ step: 10 }])).toEqual({ domain: [0, 10], ticks: [0, 2, 4, 6, 8, 10] });
    expect(stepAxis([])).toEqual({ domain: [0, 1], ticks: [0, 1] });
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

describe('histogramPath', () => {
  it('draws each non-empty bin as a bar in its slot, as tall as its count relative to the largest', () => {
    // Four slots of 10 px in a 40 x 20 box: bars 9.5 px wide; heights 20 (4/4), 5 (1/4), none, 10 (2/4).
    expect(histogramPath([4, 1, 0, 2], 40, 20)).toBe('M0,20v-20h9.5v20zM10,20v-5h9.5v5zM30,20v-10h9.5v10z');
  });
  it('keeps a bar at least a pixel tall and wide', () => {
    expect(histogramPath([1000, 1], 1, 20)).toBe('M0,20v-20h1v20zM0.5,20v-1h1v1z');
  });
  it('draws nothing without counts', () => {
    expect(histogramPath([], 72, 20)).toBe('');
    expect(histogramPath([0, 0], 72, 20)).toBe('');
  });
});
