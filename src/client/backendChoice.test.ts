import { describe, expect, it } from 'vitest';
import { BackendChooser, createProbeCache, networkKind, PROBE_BATCH, type ProbePort } from './backendChoice';
import { createAppStore } from '../store/useAppStore';
import { presetLayers } from '../model/presets';
import { withHiddenActivation, withPooling, type ModelSpec } from '../model/spec';
import { FakeProbeWorker, memoryStorage } from '../../test/helpers/fakeProbe';

const lenet: ModelSpec = { inputShape: [28, 28, 1], classes: 10, layers: presetLayers('lenet5') };

function setup(storage = memoryStorage(), environment = 'Chromium | app 1 | tfjs 4.22 | 2 cores') {
  const store = createAppStore();
  const workers: FakeProbeWorker[] = [];
  const chooser = new BackendChooser(store, createProbeCache(storage, environment), () => {
    const w = new FakeProbeWorker();
    workers.push(w);
    return w as unknown as ProbePort;
  });
  return { store, workers, chooser, storage };
}

describe('the kind of network a measurement stands for', () => {
  it('is the mix of layer kinds: activation, pooling and sizes do not change it; a BatchNorm does', () => {
    const kind = networkKind(lenet.layers);
    expect(kind).toBe('conv2d+dense+flatten+output+pool');
    expect(networkKind(withPooling(withHiddenActivation(lenet.layers, 'sigmoid'), 'avg'))).toBe(kind);
    expect(networkKind(lenet.layers.map((l) => (l.kind === 'dense' ? { ...l, units: 7 } : l)))).toBe(kind);
    expect(networkKind(presetLayers('mlp-bn'))).toBe('batchnorm+dense+flatten+output');
  });
});

describe('choosing a backend for Auto', () => {
  it('measures in a worker of its own, shows progress, keeps the choice and answers from it afterwards', async () => {
    const { store, workers, chooser } = setup();
    expect(chooser.known(lenet)).toBeNull();
    const done = chooser.measure(lenet);
    expect(workers).toHaveLength(1);
    expect(workers[0].asked).toEqual([{ type: 'probe', spec: lenet, batchSize: PROBE_BATCH, seed: 1 }]);
    expect(store.getState().probe.state).toBe('measuring');
    workers[0].send({ type: 'probeProgress', results: [{ backend: 'webgpu', samplesPerSec: 12, note: '' }] });
    expect(store.getState().probe.results).toHaveLength(1);
    workers[0].choose('wasm');
    await expect(done).resolves.toMatchObject({ chosen: 'wasm' });
    expect(workers[0].terminated).toBe(true);
    expect(store.getState().probe).toMatchObject({ state: 'done', measuredAt: expect.any(Number) });
    const sigmoid = { ...lenet, layers: withHiddenActivation(lenet.layers, 'sigmoid') };
    expect(chooser.known(sigmoid)?.chosen).toBe('wasm');
  });

  it('keeps the choice across page loads, but not across builds or browsers', async () => {
    const first = setup();
    const done = first.chooser.measure(lenet);
    first.workers[0].choose('webgl');
    await done;
    expect(setup(first.storage).chooser.known(lenet)?.chosen).toBe('webgl');
    expect(setup(first.storage, 'Chromium | app 2 | tfjs 4.22 | 2 cores').chooser.known(lenet)).toBeNull();
  });

  it('a second ask for the same kind joins the measurement under way', () => {
    const { workers, chooser } = setup();
    const a = chooser.measure(lenet);
    const b = chooser.measure({ ...lenet, layers: withPooling(lenet.layers, 'avg') });
    expect(a).toBe(b);
    expect(workers).toHaveLength(1);
  });

  it('cancelling stops the worker, keeps nothing, and the waiting promise says so', async () => {
    const { store, workers, chooser } = setup();
    const done = chooser.measure(lenet);
    chooser.cancel();
    await expect(done).rejects.toThrow(/cancelled/);
    expect(workers[0].terminated).toBe(true);
    expect(chooser.known(lenet)).toBeNull();
    expect(store.getState().probe.state).toBe('idle');
  });

  it('measuring again forgets the kept choice; a failure is shown with its reason', async () => {
    const { store, workers, chooser } = setup();
    const first = chooser.measure(lenet);
    workers[0].choose('wasm');
    await first;
    const again = chooser.remeasure(lenet);
    expect(chooser.known(lenet)).toBeNull();
    workers[1].send({ type: 'probeFailed', message: 'No backend could train this model in this browser.' });
    await expect(again).rejects.toThrow('No backend could train');
    expect(store.getState().probe).toMatchObject({
      state: 'failed',
      message: 'No backend could train this model in this browser.',
    });
  });

  it('a probe worker that dies is reported, not waited on forever', async () => {
    const { workers, chooser } = setup();
    const done = chooser.measure(lenet);
    workers[0].onerror?.call(workers[0] as unknown as Worker, { message: 'out of memory' } as ErrorEvent);
    await expect(done).rejects.toThrow('The backend probe stopped (out of memory).');
  });
});
