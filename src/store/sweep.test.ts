import { describe, expect, it } from 'vitest';
import { parseSweepValues, sweepConfigs } from './sweep';
import { DEFAULT_CONFIG } from '../shared/config';
import { createAppStore } from './useAppStore';
import { commonActivation, commonPooling } from '../model/spec';
import { addTestRun } from '../../test/helpers/testRuns';

const ready = () => {
  const store = createAppStore();
  store.getState().datasetReady({
    id: 'mnist',
    name: 'MNIST',
    trainCount: 60000,
    testCount: 10000,
    imageShape: [28, 28, 1],
    classes: [...'0123456789'],
    fromCache: false,
  });
  return store;
};

describe('sweeps', () => {
  it('parses a value list per knob and explains a bad one', () => {
    expect(parseSweepValues('activation', 'sigmoid, relu')).toEqual({ values: ['sigmoid', 'relu'] });
    expect(parseSweepValues('l2', '1e-2,1e-4 , 1e-6')).toEqual({ values: ['1e-2', '1e-4', '1e-6'] });
    expect(parseSweepValues('activation', 'relu')).toEqual({
      error: 'List at least two values, comma-separated, e.g. sigmoid, relu, tanh.',
    });
    expect(parseSweepValues('activation', 'relu, swish')).toEqual({
      error: '"swish" is not an activation (use sigmoid, relu, tanh).',
    });
    expect(parseSweepValues('batchSize', '32, 6.5')).toEqual({
      error: 'Batch size "6.5" must be a whole number of at least 1.',
    });
    expect(parseSweepValues('learningRate', '0.1, 1e-1')).toEqual({ error: 'Each value should appear once.' });
    expect(parseSweepValues('optimizer', 'adam, lion')).toMatchObject({
      error: expect.stringMatching(/^"lion" is not an optimizer/),
    });
  });

  it('turns exactly one knob, keeping the seed and everything else', () => {
    const base = { ...DEFAULT_CONFIG, seed: 99 };
    const acts = sweepConfigs(base, 'activation', ['sigmoid', 'relu']);
    expect(acts.map((c) => commonActivation(c.layers))).toEqual(['sigmoid', 'relu']);
    expect(acts.every((c) => c.seed === 99 && commonPooling(c.layers) === 'max')).toBe(true);
    expect(sweepConfigs(base, 'pooling', ['avg']).map((c) => commonPooling(c.layers))).toEqual(['avg']);
    expect(sweepConfigs(base, 'batchSize', ['32', '512']).map((c) => c.batchSize)).toEqual([32, 512]);
    expect(sweepConfigs(base, 'l2', ['1e-4']).map((c) => c.l2)).toEqual([1e-4]);
    expect(sweepConfigs(base, 'optimizer', ['nadam']).map((c) => c.optimizer)).toEqual(['nadam']);
    expect(sweepConfigs(base, 'learningRate', ['0.01'])[0]).toEqual({ ...base, learningRate: 0.01 });
  });

  it('refuses to start when a value cannot train, saying which', () => {
    const store = ready();
    store.getState().setConfig({ trainSize: 256 });
    expect(store.getState().startSweep('batchSize', ['64', '512'])).toBe(false);
    expect(store.getState().sweepMessage).toBe(
      'The run with 512 cannot train: Batch size cannot exceed the number of training samples.',
    );
    expect(store.getState().sweep).toBeNull();
  });

  it('a cancelled sweep says how far it got and leaves the charts alone', () => {
    const store = ready();
    addTestRun(store, 1, DEFAULT_CONFIG);
    expect(store.getState().startSweep('activation', ['sigmoid', 'relu', 'tanh'])).toBe(true);
    store.getState().endSweep(false);
    expect(store.getState().sweepMessage).toBe('Sweep cancelled after 0 of 3 runs.');
    expect(store.getState().runs.map((r) => r.shown)).toEqual([true]);
  });
});
