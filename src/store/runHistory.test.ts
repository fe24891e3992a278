import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createAppStore } from './useAppStore';
import { DEFAULT_CONFIG } from '../shared/config';
import { newRun } from './runsSlice';
import { historyErrorMessage, modelsToDrop, openRunHistory, syncRunsToHistory, type RunHistory } from './runHistory';
import { addTestRun, progressEvent } from '../../test/helpers/testRuns';

let dbCount = 0;
const freshHistory = () => openRunHistory(`test-${++dbCount}`);
const settle = (ms = 30) => new Promise((r) => setTimeout(r, ms));

describe('run history in IndexedDB', () => {
  it('stores runs with their metrics and brings a run cut off by a reload back as interrupted', async () => {
    const history = await freshHistory();
    const done = {
      ...newRun(1, DEFAULT_CONFIG, 61706, 1000),
      status: 'done' as const,
      batchLoss: [2.5, 1.25],
      batchAcc: [0.125, 0.5],
      endedAt: 2000,
    };
    const running = { ...newRun(2, { ...DEFAULT_CONFIG, seed: 7 }, null, 3000), batchLoss: [2.25] };
    await history.put(running);
    await history.put(done);
    const loaded = await history.loadAll();
    expect(loaded.map((r) => [r.id, r.status])).toEqual([
      [1, 'done'],
      [2, 'interrupted'],
    ]);
    expect(loaded[0]).toEqual(done);
    expect(loaded[1].config.seed).toBe(7);
    expect(loaded[1].batchLoss).toEqual([2.25]);
    expect(loaded[1].endedAt).toBeGreaterThan(0);
    await history.delete(1);
    expect((await history.loadAll()).map((r) => r.id)).toEqual([2]);
    history.close();
  });

  it('follows the store: new, renamed, starred and ended runs are written at once, metrics on a cadence, deleted runs removed', async () => {
    const history = await freshHistory();
    const store = createAppStore();
    const stop = syncRunsToHistory(store, history, 50);
    const s = store.getState();
    addTestRun(store, 1, DEFAULT_CONFIG);
    await settle();
    expect((await history.loadAll()).map((r) => r.id)).toEqual([1]);
    s.runProgress(progressEvent(1, 0, [2, 1.5], [0.1, 0.3], 500));
    await settle(10);
    expect((await history.loadAll())[0].batchLoss).toEqual([]); // not yet: metrics wait for the cadence
    await settle(80);
    expect((await history.loadAll())[0]).toMatchObject({ batchLoss: [2, 1.5], samplesPerSec: 500 });
    s.renameRun(1, '  baseline ');
    s.toggleStar(1);
    s.runEnded({ type: 'runEnded', runId: 1, status: 'done' });
    await settle();
    expect((await history.loadAll())[0]).toMatchObject({ name: 'baseline', starred: true, status: 'done' });
    s.deleteRun(1);
    await settle();
    expect(await history.loadAll()).toEqual([]);
    stop();
    history.close();
  });

  it("restores the history into a fresh store before this session's runs, and reports a full disk in words", async () => {
    const history = await freshHistory();
    await history.put({ ...newRun(4, DEFAULT_CONFIG), status: 'done' });
    const store = createAppStore();
    addTestRun(store, 5, DEFAULT_CONFIG);
    store.getState().restoreRuns(await history.loadAll());
    expect(store.getState().runs.map((r) => r.id)).toEqual([4, 5]);
    const full: RunHistory = {
      ...history,
      put: () => Promise.reject(Object.assign(new Error('quota'), { name: 'QuotaExceededError' })),
    };
    syncRunsToHistory(store, full);
    store.getState().renameRun(5, 'x');
    await settle();
    expect(store.getState().historyError).toMatch(
      /^Browser storage is full, so new runs are not being saved\. Delete old runs/,
    );
    expect(historyErrorMessage(new Error('boom'))).toMatch(/\(boom\)/);
    history.close();
  });
});

describe('kept models', () => {
  it('are stored beside the runs and listed by run', async () => {
    const history = await freshHistory();
    await history.putModel({ runId: 3, modelJson: '{}', weights: new Uint8Array([1, 2, 3]).buffer, savedAt: 5 });
    expect(await history.modelIds()).toEqual([3]);
    const kept = await history.getModel(3);
    expect(new Uint8Array(kept!.weights)).toEqual(new Uint8Array([1, 2, 3]));
    await history.deleteModel(3);
    expect(await history.getModel(3)).toBeNull();
  });

  it("past the budget the oldest unstarred models go first; starred ones stay; a deleted run's model goes", () => {
    const runs = [1, 2, 3, 4, 5].map((id) => ({ id, starred: id === 1 }));
    expect(modelsToDrop(runs, [1, 2, 3, 4, 5], 2)).toEqual([2, 3]);
    expect(modelsToDrop(runs, [1, 4, 5], 2)).toEqual([]);
    expect(modelsToDrop(runs.slice(1), [1, 4, 5], 2)).toEqual([1]);
  });
});
