import { describe, expect, it } from 'vitest';
import { compareRow, configDiff } from './compare';
import { trainedBy } from './runLabels';
import { DEFAULT_CONFIG } from '../shared/config';
import { newRun } from './runsSlice';
import { createAppStore } from './useAppStore';
import { lenet5, presetLayers } from '../model/presets';
import type { EpochMetrics } from '../model/train';
import { addTestRun } from '../../test/helpers/testRuns';

const epoch = (epochNo: number, trainAcc: number, testAcc: number): EpochMetrics => ({
  epoch: epochNo,
  trainLoss: 1,
  trainAcc,
  testLoss: 1,
  testAcc,
  seconds: 10,
  samplesPerSec: 500,
  numTensors: 20,
});

describe('comparing runs', () => {
  it("the config diff names only what differs, with each run's value", () => {
    const a = { config: { ...DEFAULT_CONFIG, layers: lenet5('sigmoid', 'max') } };
    const b = { config: { ...DEFAULT_CONFIG, layers: lenet5('relu', 'max') } };
    expect(configDiff([a, b])).toEqual([{ aspect: 'activation', name: 'Activation', values: ['sigmoid', 'ReLU'] }]);
    const c = { config: { ...b.config, batchSize: 32, optimizer: 'adamw' as const } };
    expect(configDiff([a, b, c]).map((d) => [d.aspect, d.values])).toEqual([
      ['activation', ['sigmoid', 'ReLU', 'ReLU']],
      ['optimizer', ['Adam', 'Adam', 'AdamW']],
      ['batchSize', ['batch 64', 'batch 64', 'batch 32']],
    ]);
    expect(configDiff([a])).toEqual([]);
    expect(configDiff([a, a])).toEqual([]);
  });

  it('a different network beyond activation and pooling shows as an architecture difference', () => {
    const a = { config: DEFAULT_CONFIG };
    const b = { config: { ...DEFAULT_CONFIG, preset: 'mlp' as const, layers: presetLayers('mlp') } };
    const rows = configDiff([a, b]);
    expect(rows.map((d) => d.aspect)).toEqual(['preset', 'activation', 'pooling', 'architecture']);
    expect(rows.at(-1)!.values[1]).toBe('Flatten → Dense 100, ReLU → Dense 30, ReLU → Output 10, softmax');
  });

  it('the table row has final and best test accuracy, the train-test gap, size, time and speed', () => {
    const run = {
      ...newRun(3, DEFAULT_CONFIG, 61706, 1_000),
      epochs: [epoch(1, 0.9, 0.95), epoch(2, 0.99, 0.97), epoch(3, 0.995, 0.96)],
      endedAt: 91_000,
      samplesPerSec: 512,
    };
    expect(compareRow(run)).toEqual({
      id: 3,
      finalTestAcc: 0.96,
      bestTestAcc: 0.97,
      gap: 0.995 - 0.96,
      params: 61706,
      seconds: 90,
      samplesPerSec: 512,
    });
    expect(compareRow(newRun(4, DEFAULT_CONFIG, null, 0), 5_000)).toMatchObject({
      finalTestAcc: null,
      bestTestAcc: null,
      gap: null,
      seconds: 5,
    });
  });

  it("fork copies a run's whole config and seed into the settings", () => {
    const store = createAppStore();
    const forked = {
      ...DEFAULT_CONFIG,
      seed: 1234,
      batchSize: 32,
      layers: lenet5('sigmoid', 'avg'),
      preset: 'custom' as const,
    };
    addTestRun(store, 1, forked);
    store.getState().setConfig({ seed: 5, batchSize: 256 });
    store.getState().forkRun(1);
    expect(store.getState().config).toEqual(forked);
    expect(store.getState().config).not.toBe(forked);
    expect(store.getState().layerKeys).toHaveLength(forked.layers.length);
  });
});

describe('where runs trained', () => {
  it('adds a "Trained by" row when a run came from an exported script, and none between browser backends', () => {
    const config = DEFAULT_CONFIG;
    const browser = { config, backend: 'wasm' as const };
    const torch = {
      config,
      backend: null,
      engine: {
        name: 'pytorch' as const,
        version: '1.13.1',
        device: 'cpu',
        processes: 2,
        nodes: 1,
        amp: false,
        hardware: 'CPU',
      },
    };
    expect(configDiff([browser, { config, backend: 'webgl' as const }])).toEqual([]);
    expect(configDiff([browser, torch])).toEqual([
      { aspect: 'trainedBy', name: 'Trained by', values: ['browser (wasm)', 'PyTorch 1.13.1, 2 processes (cpu)'] },
    ]);
    expect(
      trainedBy({
        ...torch,
        engine: { ...torch.engine, name: 'keras', version: '3.15 (jax)', processes: 1, nodes: 1 },
      }),
    ).toBe('Keras 3.15 (jax), 1 process (cpu)');
    expect(trainedBy({ engine: { ...torch.engine, processes: 8, nodes: 2, device: 'cuda', amp: true } })).toBe(
      'PyTorch 1.13.1, 8 processes on 2 machines (cuda, AMP)',
    );
  });
});
