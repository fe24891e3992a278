import { describe, expect, it } from 'vitest';
import { createEarlyLoader } from './earlyLoader';
import { MAX_THREADS, prefetchUrlOf, threadsOf, trainerWorkerName } from '../shared/workerName';
import type { RawDataset } from '../data/shards';

/** A fake loader: records calls, and lets the test report progress and finish each load. */
function fakeLoad() {
  const calls: {
    base: string;
    progress: (l: number, t: number) => void;
    resolve: (d: RawDataset) => void;
    reject: (e: Error) => void;
  }[] = [];
  const load = (base: string, progress: (l: number, t: number) => void) =>
    new Promise<RawDataset>((resolve, reject) => calls.push({ base, progress, resolve, reject }));
  return { calls, load };
}
const dataset = (name: string) => ({ manifest: { name } }) as unknown as RawDataset;

describe('createEarlyLoader', () => {
  it('hands an early load over to the handler once, with the progress so far and after', async () => {
    const { calls, load } = fakeLoad();
    const early = createEarlyLoader(load);
    early.start('/datasets/mnist');
    early.start('/datasets/mnist'); // a repeat does not load twice
    expect(calls.map((c) => c.base)).toEqual(['/datasets/mnist']);
    calls[0].progress(10, 100);
    calls[0].progress(40, 100);
    const seen: [number, number][] = [];
    const taken = early.loader('/datasets/mnist', (l, t) => seen.push([l, t]));
    expect(calls).toHaveLength(1);
    calls[0].progress(100, 100);
    calls[0].resolve(dataset('MNIST'));
    expect((await taken).manifest.name).toBe('MNIST');
    expect(seen).toEqual([
      [40, 100],
      [100, 100],
    ]);
    // Taken once: the next request (e.g. after a worker restart) loads afresh.
    void early.loader('/datasets/mnist', () => undefined);
    expect(calls).toHaveLength(2);
  });

  it('loads directly what was never started early, and forgets the early loads it did not ask for', async () => {
    const { calls, load } = fakeLoad();
    const early = createEarlyLoader(load);
    early.start('/datasets/cifar10');
    const direct = early.loader('/datasets/mnist', () => undefined);
    expect(calls.map((c) => c.base)).toEqual(['/datasets/cifar10', '/datasets/mnist']);
    calls[1].resolve(dataset('MNIST'));
    expect((await direct).manifest.name).toBe('MNIST');
    calls[0].resolve(dataset('CIFAR-10'));
    void early.loader('/datasets/cifar10', () => undefined);
    expect(calls.map((c) => c.base)).toEqual(['/datasets/cifar10', '/datasets/mnist', '/datasets/cifar10']);
  });

  it('passes an early failure on to the handler', async () => {
    const { calls, load } = fakeLoad();
    const early = createEarlyLoader(load);
    early.start('/datasets/mnist');
    calls[0].reject(new Error('manifest.json is missing'));
    await new Promise((r) => setTimeout(r, 0));
    await expect(early.loader('/datasets/mnist', () => undefined)).rejects.toThrow('manifest.json is missing');
  });
});

describe('trainerWorkerName', () => {
  it('round-trips a dataset URL with a query of its own', () => {
    const url = 'http://localhost:4173/sub dir/datasets/mnist?x=1&y=2';
    expect(trainerWorkerName(url)).toMatch(/^trainer\?prefetch=/);
    expect(prefetchUrlOf(trainerWorkerName(url))).toBe(url);
  });
  it('gives null for a name without one', () => {
    expect(prefetchUrlOf('trainer')).toBeNull();
    expect(prefetchUrlOf('trainer?other=1')).toBeNull();
  });
  it('carries a thread count beside the URL, and reads anything else as the default (0)', () => {
    const url = 'http://localhost:4173/datasets/mnist?threads=9';
    expect(threadsOf(trainerWorkerName(url, 3))).toBe(3);
    expect(prefetchUrlOf(trainerWorkerName(url, 3))).toBe(url);
    expect(trainerWorkerName(url, 0)).toBe(trainerWorkerName(url));
    expect(threadsOf(trainerWorkerName(url))).toBe(0);
    for (const bad of ['x', '-1', '1.5', String(MAX_THREADS + 1), ''])
      expect(threadsOf(`trainer?threads=${bad}`)).toBe(0);
    expect(threadsOf(`trainer?threads=${MAX_THREADS}`)).toBe(MAX_THREADS);
  });
});
