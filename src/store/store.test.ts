import { describe, expect, it } from 'vitest';
import { createAppStore } from './useAppStore';
import { DEFAULT_CONFIG } from './configSlice';
import { runLabels, specFor, trainBlocker } from './selectors';
import { inferShapes } from '../model/shapes';

const ready = { id: 'mnist', name: 'MNIST', trainCount: 60000, testCount: 10000, imageShape: [28, 28, 1] as [number, number, number],
  classes: [...'0123456789'], fromCache: false };

describe('store', () => {
  it('blocks Train until the dataset is ready and fields are valid', () => {
    const store = createAppStore();
    expect(trainBlocker(store.getState())).toMatch(/dataset is not ready/);
    store.getState().setDatasetReady(ready);
    expect(trainBlocker(store.getState())).toBeNull();
    store.getState().setFieldError('epochs', 'Epochs must be at least 1.');
    expect(trainBlocker(store.getState())).toMatch(/Epochs must be at least 1/);
    store.getState().setFieldError('epochs', null);
    store.getState().setConfig({ batchSize: 500, trainSize: 100 });
    expect(trainBlocker(store.getState())).toMatch(/Batch size cannot exceed/);
  });

  it('appends only new batch points and keeps runs separate', () => {
    const store = createAppStore();
    const s = store.getState();
    s.addRun(1, DEFAULT_CONFIG);
    s.addRun(2, DEFAULT_CONFIG);
    s.appendBatches(1, 0, [3, 2], [0.1, 0.2]);
    s.appendBatches(1, 2, [1], [0.5]);
    expect(store.getState().runs[0].batchLoss).toEqual([3, 2, 1]);
    expect(store.getState().runs[1].batchLoss).toEqual([]);
    s.endRun(1, 'done');
    expect(store.getState().runs.map((r) => r.status)).toEqual(['done', 'running']);
  });

  it('labels runs by what differs between them', () => {
    const a = { ...DEFAULT_CONFIG, activation: 'sigmoid' as const, pooling: 'max' as const };
    const b = { ...DEFAULT_CONFIG, activation: 'relu' as const, pooling: 'avg' as const };
    expect(runLabels([a, b])).toEqual(['sigmoid · max', 'ReLU · avg']);
    expect(runLabels([a, { ...a, batchSize: 32 }])).toEqual(['sigmoid · max · batch 64', 'sigmoid · max · batch 32']);
    expect(runLabels([a, a])).toEqual(['sigmoid · max #1', 'sigmoid · max #2']);
    expect(runLabels([a, { ...a, optimizer: 'adabelief' }])).toEqual(['sigmoid · max · Adam', 'sigmoid · max · AdaBelief']);
  });

  it('derives the spec from the toggles', () => {
    const r = inferShapes(specFor({ preset: 'lenet5', activation: 'tanh', pooling: 'avg' }));
    expect(r.totalParams).toBe(61706);
    expect(r.layers[1].label).toBe('Avg pool 2x2');
    expect(r.layers[0].label).toMatch(/tanh/);
  });
});
