// What the worker does when a request fails in a way no answer covers: the page must hear of it.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { createHandler } from './handler';
import { throwLater } from './throwLater';
import type { DatasetSlot } from './datasetSlot';
import type { FromWorker, ToWorker } from '../shared/protocol';
import { NO_AUGMENT } from '../data/augment';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

afterEach(() => {
  vi.useRealTimers();
});

/** A dataset slot whose dataset cannot be read (as if the worker's memory or storage failed under it). */
const brokenSlot = (): DatasetSlot => ({
  load: () => undefined,
  current: () => Promise.reject(new Error('the dataset could not be read')),
});

/** A handler on {@link brokenSlot}, with what it posts and what it hands to `uncaught`. */
function brokenHandler() {
  const events: FromWorker[] = [];
  const uncaught: unknown[] = [];
  const handle = createHandler(
    (m) => events.push(m),
    brokenSlot(),
    (e) => uncaught.push(e),
  );
  return { events, uncaught, handle };
}

describe('worker handler: unexpected failures', () => {
  it('hands a request that fails and has no answer for it to `uncaught` (the worker crash the page shows)', async () => {
    const { events, uncaught, handle } = brokenHandler();
    const requests: ToWorker[] = [
      { type: 'browse', requestId: 1, perClass: 2 },
      { type: 'testImages', requestId: 2, indices: [0, 1] },
      {
        type: 'preview',
        requestId: 4,
        augment: NO_AUGMENT,
        seed: 1,
        trainSize: 100,
        validationSplit: 0,
        count: 4,
        colorMode: 'rgb',
      },
    ];
    for (const r of requests) handle(r);
    await vi.waitFor(() => expect(uncaught).toHaveLength(requests.length));
    expect(uncaught.map((e) => (e as Error).message)).toEqual(requests.map(() => 'the dataset could not be read'));
    expect(events).toEqual([]);
  });

  it('answers a save or an evaluation that fails with its own reply and the reason', async () => {
    const { events, uncaught, handle } = brokenHandler();
    handle({ type: 'saveModel', requestId: 9 });
    handle({ type: 'evaluate', requestId: 10 });
    await vi.waitFor(() => expect(events).toHaveLength(2));
    expect(events).toEqual([
      { type: 'modelFileError', requestId: 9, message: 'The model could not be saved: the dataset could not be read' },
      { type: 'evaluationUnavailable', requestId: 10, reason: 'The evaluation failed: the dataset could not be read' },
    ]);
    expect(uncaught).toEqual([]);
  });
});

describe('throwLater', () => {
  it('throws outside the promise, on the next timer, an Error as it is and anything else as an Error', () => {
    vi.useFakeTimers();
    const original = new Error('the GPU device was lost');
    throwLater(original);
    expect(() => vi.runOnlyPendingTimers()).toThrow(original);
    throwLater('a string');
    expect(() => vi.runOnlyPendingTimers()).toThrow(new Error('a string'));
  });
});
