import type { createAppStore } from '../../src/store/useAppStore';
import type { Config } from '../../src/shared/config';
import { newRun } from '../../src/store/runsSlice';

/**
 * For tests: lists a new running run in `store` without making it the current run (the app starts
 * runs with `beginRun`, which also resets the training status).
 */
export function addTestRun(store: ReturnType<typeof createAppStore>, id: number, config: Config) {
  store.setState((s) => ({ runs: [...s.runs, newRun(id, config)] }));
}

/** A progress event of run `runId` carrying batch points from `fromStep`, as the worker sends it. */
export const progressEvent = (
  runId: number,
  fromStep: number,
  loss: number[],
  acc: number[],
  samplesPerSec: number,
) => ({
  type: 'progress' as const,
  runId,
  epoch: 1,
  fromStep,
  loss,
  acc,
  samplesDone: fromStep + loss.length,
  samplesTotal: 1000,
  samplesPerSec,
  lr: null,
});

/** MNIST as the worker describes it once its shards are in. */
export const MNIST_INFO = {
  id: 'mnist',
  name: 'MNIST',
  trainCount: 60000,
  testCount: 10000,
  imageShape: [28, 28, 1] as [number, number, number],
  classes: [...'0123456789'],
  fromCache: false,
};
