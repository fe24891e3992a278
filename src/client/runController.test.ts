import { describe, expect, it, vi } from 'vitest';
import { createRunController, type AutoBackend, type RunControllerOptions } from './runController';
import { createAppStore } from '../store/useAppStore';
import { DEFAULT_CONFIG } from '../shared/config';
import type { BackendName, FromWorker, ToWorker } from '../shared/protocol';
import { commonActivation } from '../model/spec';
import { recipeById, recipeConfig } from '../shared/recipes';
import { addTestRun, progressEvent, MNIST_INFO } from '../../test/helpers/testRuns';

/** "Auto" with a kept choice for every network (the probe's own behaviour is tested with the chooser). */
const measured: AutoBackend = { known: () => ({ chosen: 'cpu' }), measure: async () => ({ chosen: 'cpu' }) };

/** A controller over a fresh store with MNIST_INFO ready, posting into a list (the fake worker). */
function setup(auto: AutoBackend = measured, options?: RunControllerOptions) {
  const store = createAppStore();
  store.getState().datasetReady(MNIST_INFO);
  const posted: ToWorker[] = [];
  const runs = createRunController((m) => posted.push(m), store, auto, options);
  let updates = 0;
  store.subscribe(() => updates++);
  const countUpdates = (f: () => void) => {
    const before = updates;
    f();
    return updates - before;
  };
  return { store, posted, runs, countUpdates };
}

const trains = (posted: ToWorker[]) =>
  posted.filter((m): m is Extract<ToWorker, { type: 'train' }> => m.type === 'train');

describe('the run controller', () => {
  it('starts a run: lists it, posts the spec and the training settings, and numbers runs after the ones kept', () => {
    const { store, posted, runs } = setup();
    addTestRun(store, 4, DEFAULT_CONFIG);
    const id = runs.start();
    expect(id).toBe(5);
    const [train] = trains(posted);
    expect(train).toMatchObject({
      runId: 5,
      backend: 'cpu',
      spec: { inputShape: [28, 28, 1], classes: 10 },
      config: { epochs: 3, batchSize: 64, seed: 42, earlyStopping: null },
    });
    const s = store.getState();
    expect([s.currentRunId, s.status, s.phase]).toEqual([5, 'running', 'starting']);
    expect(s.runs.find((r) => r.id === 5)?.params).toBe(61706);
  });

  it('labels a run with the recipe the settings were loaded from, marked modified once a setting changed', () => {
    const { store, runs } = setup();
    const recipe = recipeById('lenet5-99')!;
    store.getState().replaceConfig(recipeConfig(recipe, 'cpu'), recipe.id);
    const first = runs.start()!;
    store.getState().runEnded({ type: 'runEnded', runId: first, status: 'done' });
    store.getState().setConfig({ batchSize: 32 });
    const second = runs.start()!;
    const byId = (id: number) => store.getState().runs.find((r) => r.id === id)!;
    expect(byId(first)).toMatchObject({ recipe: 'lenet5-99', recipeModified: false });
    expect(byId(second)).toMatchObject({ recipe: 'lenet5-99', recipeModified: true });
    // A fork takes its run's recipe along; a config from elsewhere (a share link) has none.
    store.getState().forkRun(first);
    expect(store.getState().recipeId).toBe('lenet5-99');
    store.getState().replaceConfig(DEFAULT_CONFIG);
    expect(store.getState().recipeId).toBeNull();
    store.getState().runEnded({ type: 'runEnded', runId: second, status: 'done' });
    expect(byId(runs.start()!).recipe).toBeUndefined();
  });

  it('refuses to start what cannot train, posting nothing', () => {
    const { store, posted, runs } = setup();
    store.getState().setConfig({ batchSize: 500, trainSize: 100 });
    expect(runs.start()).toBeNull();
    expect(posted).toEqual([]);
  });

  it('turns each run event into one store update, and drops events of an older run', () => {
    const { store, runs, countUpdates } = setup();
    const id = runs.start()!;
    const events: FromWorker[] = [
      { type: 'runStarted', runId: id, backend: 'wasm', threads: 1, samplesTotal: 180000, stats: null },
      progressEvent(id, 0, [2.3, 2.1], [0.1, 0.2], 900),
      { type: 'paused', runId: id },
      { type: 'resumed', runId: id },
      {
        type: 'epoch',
        runId: id,
        metrics: {
          epoch: 1,
          trainLoss: 0.5,
          trainAcc: 0.9,
          testLoss: 0.4,
          testAcc: 0.95,
          seconds: 20,
          samplesPerSec: 3000,
          numTensors: 32,
        },
      },
      { type: 'runEnded', runId: id, status: 'done' },
    ];
    for (const e of events) expect(countUpdates(() => expect(runs.receive(e)).toBe(true))).toBe(1);
    const run = store.getState().runs.find((r) => r.id === id)!;
    expect([run.backend, run.batchLoss, run.epochs.length, run.status]).toEqual(['wasm', [2.3, 2.1], 1, 'done']);
    expect(countUpdates(() => runs.receive(progressEvent(id - 1, 0, [9], [0], 1)))).toBe(0);
    expect(runs.receive({ type: 'datasetProgress', datasetId: 'mnist', loadedBytes: 1, totalBytes: 2 })).toBe(false);
  });

  it('pauses, resumes and stops the current run', () => {
    const { posted, runs } = setup();
    const id = runs.start()!;
    runs.pause();
    runs.resume();
    runs.stop();
    expect(posted.slice(1)).toEqual([
      { type: 'pause', runId: id },
      { type: 'resume', runId: id },
      { type: 'stop', runId: id },
    ]);
  });

  it('runs a sweep member by member, each next run beginning in the update that ends the last, then shows exactly its runs', () => {
    const { store, posted, runs, countUpdates } = setup();
    addTestRun(store, 1, DEFAULT_CONFIG);
    runs.startSweep('activation', ['sigmoid', 'relu']);
    expect(trains(posted).map((t) => [t.runId, commonActivation(t.spec.layers)])).toEqual([[2, 'sigmoid']]);
    expect(countUpdates(() => runs.receive({ type: 'runEnded', runId: 2, status: 'done' }))).toBe(1);
    expect(trains(posted).map((t) => [t.runId, commonActivation(t.spec.layers)])).toEqual([
      [2, 'sigmoid'],
      [3, 'relu'],
    ]);
    expect(store.getState().currentRunId).toBe(3);
    runs.receive({ type: 'runEnded', runId: 3, status: 'done' });
    expect(trains(posted)).toHaveLength(2);
    const s = store.getState();
    expect(s.runs.map((r) => r.shown)).toEqual([false, true, true]);
    expect(s.sweep).toBeNull();
    expect(s.sweepMessage).toBe('Sweep of activation (sigmoid, relu) finished: its 2 runs are compared below.');
  });

  it('a stopped member ends the sweep; cancelling stops the run and drops the rest', () => {
    const { store, posted, runs } = setup();
    runs.startSweep('pooling', ['max', 'avg']);
    runs.receive({ type: 'runEnded', runId: 1, status: 'stopped' });
    expect(trains(posted)).toHaveLength(1);
    expect(store.getState().sweepMessage).toBe('Sweep cancelled after 1 of 2 runs.');
    runs.startSweep('pooling', ['max', 'avg']);
    runs.cancelSweep();
    expect(posted.at(-1)).toEqual({ type: 'stop', runId: 2 });
    expect(store.getState().sweep).toBeNull();
  });
});

describe('the run controller while a run trains', () => {
  it('starts no second run and no sweep', () => {
    const { posted, runs } = setup();
    runs.start();
    expect(runs.start()).toBeNull();
    runs.startSweep('pooling', ['max', 'avg']);
    expect(trains(posted)).toHaveLength(1);
  });
});

describe('the run controller on Auto', () => {
  /** An Auto that has measured nothing yet; `finish` ends the measurement with `chosen`. */
  function unmeasured() {
    let kept: BackendName | null = null;
    let finish: (b: BackendName) => void = () => undefined;
    let fail: (e: Error) => void = () => undefined;
    const measure = vi.fn(
      () =>
        new Promise<{ chosen: BackendName }>((resolve, reject) => {
          finish = (b) => {
            kept = b;
            resolve({ chosen: b });
          };
          fail = reject;
        }),
    );
    const auto: AutoBackend = { known: () => (kept ? { chosen: kept } : null), measure };
    return { auto, measure, finish: (b: BackendName) => finish(b), fail: (e: Error) => fail(e) };
  }

  it('a never-measured kind of network waits for the measurement, then trains on the choice; the next run starts at once', async () => {
    const probe = unmeasured();
    const { store, posted, runs } = setup(probe.auto);
    const id = runs.start()!;
    expect(store.getState().phase).toBe('probing');
    expect(trains(posted)).toHaveLength(0);
    probe.finish('wasm');
    await vi.waitFor(() => expect(trains(posted)).toHaveLength(1));
    expect(trains(posted)[0]).toMatchObject({ runId: id, backend: 'wasm' });
    expect(store.getState().phase).toBe('starting');
    expect(store.getState().runs.find((r) => r.id === id)?.probeMs).toBeGreaterThanOrEqual(0);
    runs.receive({ type: 'runEnded', runId: id, status: 'done' });
    store.getState().setGlobalActivation('sigmoid');
    runs.start();
    expect(trains(posted).map((t) => t.backend)).toEqual(['wasm', 'wasm']);
    expect(probe.measure).toHaveBeenCalledTimes(1);
  });

  it("posts a run's train command once the page has painted its start; Stop before that ends it on the page", () => {
    const paints: (() => void)[] = [];
    const { store, posted, runs } = setup(measured, { afterPaint: (fn) => paints.push(fn) });
    const id = runs.start()!;
    expect(store.getState().phase).toBe('starting');
    expect(store.getState().runs.find((r) => r.id === id)?.status).toBe('running');
    expect(posted).toEqual([]);
    paints.shift()!();
    expect(trains(posted)).toMatchObject([{ runId: id, backend: 'cpu' }]);

    store.getState().runEnded({ type: 'runEnded', runId: id, status: 'done' }, null);
    const next = runs.start()!;
    // Pause and Stop before the paint: the worker never hears of the run, and the run ends stopped at once.
    runs.pause();
    runs.stop();
    expect(store.getState().runs.find((r) => r.id === next)?.status).toBe('stopped');
    expect(store.getState().status).toBe('stopped');
    // A run started before the stopped one's paint is posted at its own paint, not at that one.
    const third = runs.start()!;
    paints.shift()!();
    expect(posted.filter((m) => 'runId' in m && m.runId !== id)).toEqual([]);
    paints.shift()!();
    expect(trains(posted).map((t) => t.runId)).toEqual([id, third]);
  });

  it('a backend picked by hand never waits', () => {
    const probe = unmeasured();
    const { store, posted, runs } = setup(probe.auto);
    store.getState().setConfig({ backend: 'webgl' });
    runs.start();
    expect(trains(posted)[0].backend).toBe('webgl');
    expect(probe.measure).not.toHaveBeenCalled();
  });

  it('Stop while waiting ends the run at once, and the late measurement starts nothing', async () => {
    const probe = unmeasured();
    const { store, posted, runs } = setup(probe.auto);
    const id = runs.start()!;
    runs.stop();
    expect(store.getState().runs.find((r) => r.id === id)?.status).toBe('stopped');
    expect(store.getState().status).toBe('stopped');
    probe.finish('wasm');
    await new Promise((r) => setTimeout(r, 0));
    expect(trains(posted)).toHaveLength(0);
  });

  it('a measurement that finds no working backend ends the run with its reason', async () => {
    const probe = unmeasured();
    const { store, runs } = setup(probe.auto);
    runs.start();
    probe.fail(new Error('No backend could train this model in this browser.'));
    await vi.waitFor(() => expect(store.getState().status).toBe('error'));
    expect(store.getState().trainError).toBe('No backend could train this model in this browser.');
  });
});
