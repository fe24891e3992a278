import { describe, expect, it } from 'vitest';
import { createAppStore, restoreConfig, skipUnchangedWrites } from './useAppStore';
import { lenet5, presetLayers } from '../model/presets';
import { DEFAULT_CONFIG } from '../shared/config';
import { NO_AUGMENT } from '../data/augment';
import { newRun } from './runsSlice';
import { specFor, trainBlocker } from './selectors';
import { runLabels } from './runLabels';
import { inferShapes } from '../model/shapes';
import { addTestRun, progressEvent, MNIST_INFO } from '../../test/helpers/testRuns';

describe('store', () => {
  it('blocks Train until the dataset is ready and fields are valid', () => {
    const store = createAppStore();
    expect(trainBlocker(store.getState())).toMatch(/dataset is not ready/);
    store.getState().datasetReady(MNIST_INFO);
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
    addTestRun(store, 1, DEFAULT_CONFIG);
    addTestRun(store, 2, DEFAULT_CONFIG);
    s.runProgress(progressEvent(1, 0, [3, 2], [0.1, 0.2], 100));
    s.runProgress(progressEvent(1, 2, [1], [0.5], 120));
    expect(store.getState().runs[0].batchLoss).toEqual([3, 2, 1]);
    expect(store.getState().runs[1].batchLoss).toEqual([]);
    s.runEnded({ type: 'runEnded', runId: 1, status: 'done' });
    expect(store.getState().runs.map((r) => r.status)).toEqual(['done', 'running']);
  });

  it("begins a run in one update: the run is listed and current, the last run's progress is cleared", () => {
    const store = createAppStore();
    addTestRun(store, 1, DEFAULT_CONFIG);
    store.setState({
      currentRunId: 1,
      status: 'error',
      trainError: 'boom',
      epoch: 3,
      samplesDone: 640,
      currentLr: 0.01,
    });
    let updates = 0;
    const unsubscribe = store.subscribe(() => updates++);
    store.getState().beginRun(newRun(2, DEFAULT_CONFIG, 61706));
    unsubscribe();
    const s = store.getState();
    expect(updates).toBe(1);
    expect(s.runs.map((r) => [r.id, r.status, r.params])).toEqual([
      [1, 'running', null],
      [2, 'running', 61706],
    ]);
    expect([s.currentRunId, s.status, s.phase, s.trainError, s.epoch, s.samplesDone, s.currentLr]).toEqual([
      2,
      'running',
      'starting',
      null,
      0,
      0,
      null,
    ]);
  });

  it('labels runs by what differs between them', () => {
    const a = { ...DEFAULT_CONFIG, layers: lenet5('sigmoid', 'max') };
    const b = { ...DEFAULT_CONFIG, layers: lenet5('relu', 'avg') };
    expect(runLabels([a, b])).toEqual(['sigmoid · max', 'ReLU · avg']);
    expect(runLabels([a, { ...a, batchSize: 32 }])).toEqual(['sigmoid · max · batch 64', 'sigmoid · max · batch 32']);
    expect(runLabels([a, a])).toEqual(['sigmoid · max #1', 'sigmoid · max #2']);
    expect(runLabels([a, { ...a, optimizer: 'adabelief' }])).toEqual([
      'sigmoid · max · Adam',
      'sigmoid · max · AdaBelief',
    ]);
    expect(
      runLabels([a, { ...a, augment: { ...NO_AUGMENT, rotation: 15, shift: 2, flip: false, cropPadding: 0 } }]),
    ).toEqual(['sigmoid · max · no augmentation', 'sigmoid · max · aug rot ±15° shift 2px']);
    // At most four settings name a run.
    expect(runLabels([a, { ...a, normalization: 'standardize', validationSplit: 0.1, earlyStopping: true }])).toEqual([
      'sigmoid · max · input [0, 1] · val 0%',
      'sigmoid · max · input Mean/std · val 10%',
    ]);
    const m = { ...DEFAULT_CONFIG, preset: 'mlp' as const, layers: presetLayers('mlp') };
    expect(runLabels([m, { ...m, batchSize: 32 }])).toEqual(['sigmoid · batch 64', 'sigmoid · batch 32']);
    const mixed = {
      ...a,
      preset: 'custom' as const,
      layers: a.layers.map((l, i) => (i === 0 ? { ...l, activation: 'relu' as const } : l)),
    };
    expect(runLabels([a, mixed])).toEqual(['lenet5 · sigmoid · max', 'custom · mixed activations · max']);
  });

  it('global toggles set every hidden activation and pooling layer but leave linear layers linear', () => {
    const store = createAppStore();
    store.getState().setPreset('mlp-bn');
    store.getState().setGlobalActivation('tanh');
    const kinds = store.getState().config.layers.map((l) => ('activation' in l ? `${l.kind}:${l.activation}` : l.kind));
    expect(kinds).toEqual(['flatten', 'dense:linear', 'batchnorm:tanh', 'dense:linear', 'batchnorm:tanh', 'output']);
    store.getState().setPreset('lenet5');
    store.getState().setGlobalPooling('avg');
    const r = inferShapes(specFor(store.getState().config));
    expect(r.totalParams).toBe(61706);
    expect(r.layers[1].label).toBe('Avg pool 2x2');
    expect(store.getState().config.preset).toBe('lenet5');
  });

  it('gives every layer a key from the start, and an edit keeps them (so the editor never remounts a row mid-typing)', () => {
    const store = createAppStore();
    const keys = store.getState().layerKeys;
    expect(keys).toHaveLength(store.getState().config.layers.length);
    store.getState().updateLayer(0, { filters: 7 });
    expect(store.getState().layerKeys).toEqual(keys);
  });

  it('edits layers: add before the output, duplicate, move, remove, and marks the architecture custom', () => {
    const store = createAppStore();
    const s = store.getState();
    s.replaceLayers([{ kind: 'output', init: { kind: 'glorotUniform' } }]);
    s.addLayer('flatten');
    s.addLayer('dense');
    s.duplicateLayer(1);
    const kinds = () => store.getState().config.layers.map((l) => l.kind);
    expect(kinds()).toEqual(['flatten', 'dense', 'dense', 'output']);
    const keys = store.getState().layerKeys;
    s.moveLayer(3, 0);
    expect(kinds()).toEqual(['output', 'flatten', 'dense', 'dense']);
    expect(store.getState().layerKeys).toEqual([keys[3], keys[0], keys[1], keys[2]]);
    s.removeLayer(0);
    s.updateLayer(1, { units: 7 });
    expect(store.getState().config.layers[1]).toMatchObject({ kind: 'dense', units: 7 });
    expect(store.getState().config.preset).toBe('custom');
    expect(trainBlocker({ ...store.getState(), datasetState: 'ready', datasetInfo: MNIST_INFO })).toMatch(
      /^Layer 4: the network needs an output layer/,
    );
  });

  it('blocks Train when the network is invalid or its activations would not fit in memory', () => {
    const store = createAppStore();
    store.getState().datasetReady(MNIST_INFO);
    store.getState().updateLayer(5, { units: 0 });
    expect(trainBlocker(store.getState())).toBe('Layer 6: units must be a whole number of at least 1.');
    store.getState().setPreset('lenet5');
    store.getState().updateLayer(0, { filters: 1000 });
    store.getState().setConfig({ batchSize: 4096, trainSize: 60000 });
    expect(trainBlocker(store.getState())).toMatch(/^A batch of 4096 needs about \d+\.\d GB/);
  });

  it('restores an old saved config (preset + toggles) and falls back from damaged layers', () => {
    const old = restoreConfig({ preset: 'lenet5', activation: 'sigmoid', pooling: 'avg', epochs: 7 });
    expect(old.epochs).toBe(7);
    expect(old.layers).toEqual(lenet5('sigmoid', 'avg'));
    const damaged = restoreConfig({ preset: 'mlp', layers: [{ kind: 'conv9d' }] as never });
    expect(damaged.layers).toEqual(presetLayers('mlp'));
    const midEdit = restoreConfig({
      preset: 'custom',
      layers: [
        { kind: 'dropout', rate: 1 },
        { kind: 'output', init: { kind: 'zeros' } },
      ],
    });
    expect(midEdit.layers[0]).toEqual({ kind: 'dropout', rate: 1 });
  });
});

describe('restoring saved settings through the config schema', () => {
  it('keeps every valid field and replaces each invalid one by its default, nested settings field by field', () => {
    const c = restoreConfig({
      epochs: 9,
      batchSize: -4,
      learningRate: 'fast' as never,
      schedule: { kind: 'warp' } as never,
      normalization: 'zscore' as never,
      colorMode: 'cmyk' as never,
      preset: 'resnet' as never,
      optimizerParams: { beta1: 0.8, beta2: 7 } as never,
      augment: { rotation: 10 } as never,
    });
    expect(c.epochs).toBe(9);
    expect(c.batchSize).toBe(DEFAULT_CONFIG.batchSize);
    expect(c.learningRate).toBe(DEFAULT_CONFIG.learningRate);
    expect(c.schedule).toEqual(DEFAULT_CONFIG.schedule);
    expect(c.normalization).toBe(DEFAULT_CONFIG.normalization);
    expect(c.colorMode).toBe('rgb');
    expect(c.preset).toBe('lenet5');
    expect(c.optimizerParams).toEqual({ ...DEFAULT_CONFIG.optimizerParams, beta1: 0.8 });
    expect(c.augment).toEqual({ ...DEFAULT_CONFIG.augment, rotation: 10 });
  });

  it("gives the defaults for nothing stored, and never shares the defaults' objects", () => {
    const c = restoreConfig(undefined);
    expect(c).toEqual(DEFAULT_CONFIG);
    c.layers.push({ kind: 'flatten' });
    expect(DEFAULT_CONFIG.layers).toHaveLength(8);
  });
});

describe('skipUnchangedWrites', () => {
  it('writes a value once, again after it changed, and again after it was changed or removed elsewhere', () => {
    const data = new Map<string, string>();
    const writes: string[] = [];
    const inner = {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => (writes.push(v), void data.set(k, v)),
      removeItem: (k: string) => void data.delete(k),
    };
    const s = skipUnchangedWrites(inner);
    s.setItem('k', 'a');
    s.setItem('k', 'a');
    s.setItem('k', 'b');
    s.setItem('k', 'b');
    expect(writes).toEqual(['a', 'b']);
    data.set('k', 'other tab');
    s.setItem('k', 'b');
    data.delete('k');
    s.setItem('k', 'b');
    expect(writes).toEqual(['a', 'b', 'b', 'b']);
    expect(s.getItem('k')).toBe('b');
  });
});
