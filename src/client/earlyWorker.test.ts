import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CONFIG_STORAGE_KEY } from '../store/storageKey';

const storage = (value: string | null) => ({ getItem: (k: string) => (k === CONFIG_STORAGE_KEY ? value : null) });

/** A stand-in worker that can report a start-up error. */
function fakeWorker() {
  let onError: (() => void) | null = null;
  return {
    addEventListener: vi.fn((_t: string, f: () => void) => {
      onError = f;
    }),
    terminate: vi.fn(),
    fail: () => onError?.(),
  };
}

describe('the early worker', () => {
  // Each test gets the module fresh: it holds one early worker per page.
  let mod: typeof import('./earlyWorker');
  beforeEach(async () => {
    vi.resetModules();
    mod = await import('./earlyWorker');
  });

  it("reads the saved settings' dataset, falling back to MNIST", () => {
    expect(
      mod.storedDatasetId(storage(JSON.stringify({ state: { config: { datasetId: 'cifar10' } }, version: 2 }))),
    ).toBe('cifar10');
    expect(mod.storedDatasetId(storage(null))).toBe('mnist');
    expect(mod.storedDatasetId(storage('{not json'))).toBe('mnist');
    expect(mod.storedDatasetId(storage(JSON.stringify({ state: { config: { datasetId: '../../x' } } })))).toBe('mnist');
    expect(mod.storedDatasetId(null)).toBe('mnist');
  });

  it('is handed over once, for the dataset it is loading', () => {
    const w = fakeWorker();
    mod.startEarlyWorker('/datasets/mnist', () => w);
    expect(mod.takeEarlyWorker('/datasets/mnist')).toBe(w);
    expect(mod.takeEarlyWorker('/datasets/mnist')).toBeNull();
    expect(w.terminate).not.toHaveBeenCalled();
  });

  it('is stopped when the app wants another dataset', () => {
    const a = fakeWorker();
    mod.startEarlyWorker('/datasets/mnist', () => a);
    expect(mod.takeEarlyWorker('/datasets/fashion-mnist')).toBeNull();
    expect(a.terminate).toHaveBeenCalled();
  });

  it('is not handed over when it failed to start', () => {
    const a = fakeWorker();
    mod.startEarlyWorker('/datasets/mnist', () => a);
    a.fail();
    expect(mod.takeEarlyWorker('/datasets/mnist')).toBeNull();
    expect(a.terminate).toHaveBeenCalled();
  });

  it('is not started once the app has made its own', () => {
    const create = vi.fn(fakeWorker);
    expect(mod.takeEarlyWorker('/datasets/mnist')).toBeNull();
    mod.startEarlyWorker('/datasets/mnist', create);
    expect(create).not.toHaveBeenCalled();
  });
});
