import { describe, expect, it, vi } from 'vitest';
import { createBridge, isAborted, oneAtATime } from './bridge';
import type { FromWorker, ToWorker } from '../shared/protocol';

/** A bridge over a fake worker that records what was posted. */
function setup() {
  const posted: { msg: ToWorker; transfer: Transferable[] }[] = [];
  const bridge = createBridge((msg, transfer) => posted.push({ msg, transfer }));
  const idOf = (i: number) => (posted[i].msg as { requestId: number }).requestId;
  return { bridge, posted, idOf };
}

describe('the bridge', () => {
  it('numbers each request and resolves it with the answer carrying its id', async () => {
    const { bridge, posted, idOf } = setup();
    const a = bridge.request({ type: 'evaluate' });
    const b = bridge.request({ type: 'testImages', indices: [3] });
    expect(posted.map((p) => p.msg.type)).toEqual(['evaluate', 'testImages']);
    expect(idOf(0)).not.toBe(idOf(1));
    const images: FromWorker = {
      type: 'testImages',
      requestId: idOf(1),
      indices: [3],
      labels: new Uint8Array([7]),
      images: new Uint8Array(784),
      shape: [28, 28, 1],
    };
    expect(bridge.receive(images)).toBe(true);
    await expect(b).resolves.toBe(images);
    bridge.receive({ type: 'evaluationUnavailable', requestId: idOf(0), reason: 'Train a model first.' });
    await expect(a).resolves.toMatchObject({ type: 'evaluationUnavailable', reason: 'Train a model first.' });
  });

  it('passes transfer lists through and leaves events that answer nothing alone', () => {
    const { bridge, posted } = setup();
    const pixels = new Float32Array(784);
    void bridge.request({ type: 'predict', pixels }, { transfer: [pixels.buffer] });
    expect(posted[0].transfer).toEqual([pixels.buffer]);
    expect(bridge.receive({ type: 'paused', runId: 1 })).toBe(false);
    expect(bridge.receive({ type: 'datasetProgress', datasetId: 'mnist', loadedBytes: 1, totalBytes: 2 })).toBe(false);
  });

  it('latest wins: a newer request with the same key aborts the older, whose late answer is dropped', async () => {
    const { bridge, idOf } = setup();
    const first = bridge.request({ type: 'browse', perClass: 8 }, { latest: 'browse' });
    const other = bridge.request({ type: 'browse', perClass: 4 }, { latest: 'gallery' });
    const second = bridge.request({ type: 'browse', perClass: 8 }, { latest: 'browse' });
    const err = await first.catch((e: unknown) => e);
    expect(isAborted(err)).toBe(true);
    const answer = (id: number) =>
      ({
        type: 'browse',
        requestId: id,
        perClass: 8,
        images: new Uint8Array(0),
        shape: [28, 28, 1],
        shown: [],
        trainCounts: [],
        testCounts: [],
        stats: { mean: [0], std: [1] },
      }) as FromWorker;
    expect(bridge.receive(answer(idOf(0)))).toBe(true); // consumed, and nobody hears it
    bridge.receive(answer(idOf(2)));
    await expect(second).resolves.toMatchObject({ requestId: idOf(2) });
    bridge.receive(answer(idOf(1)));
    await expect(other).resolves.toMatchObject({ requestId: idOf(1) });
  });

  it('aborts on a signal, before or after sending', async () => {
    const { bridge, posted } = setup();
    const early = new AbortController();
    early.abort();
    expect(isAborted(await bridge.request({ type: 'evaluate' }, { signal: early.signal }).catch((e) => e))).toBe(true);
    expect(posted).toHaveLength(0);
    const late = new AbortController();
    const p = bridge.request({ type: 'evaluate' }, { signal: late.signal });
    late.abort();
    expect(isAborted(await p.catch((e) => e))).toBe(true);
  });

  it('rejects every waiting request when the worker dies', async () => {
    const { bridge } = setup();
    const a = bridge.request({ type: 'evaluate' });
    const b = bridge.request({ type: 'saveModel' });
    bridge.rejectAll(new Error('worker died'));
    await expect(a).rejects.toThrow('worker died');
    await expect(b).rejects.toThrow('worker died');
  });
});

describe('one at a time', () => {
  it('sends the first input at once, keeps only the newest while one is in flight, then sends it', async () => {
    const done: (() => void)[] = [];
    const send = vi.fn((_n: number) => new Promise<void>((r) => done.push(r)));
    const push = oneAtATime(send);
    push(1);
    push(2);
    push(3);
    expect(send.mock.calls.map((c) => c[0])).toEqual([1]);
    done[0]();
    await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(2));
    expect(send.mock.calls[1][0]).toBe(3);
    done[1]();
    await new Promise((r) => setTimeout(r, 0));
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('goes on after a failed send', async () => {
    const send = vi.fn().mockRejectedValueOnce(new Error('x')).mockResolvedValue(undefined);
    const push = oneAtATime(send);
    push(1);
    push(2);
    await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(2));
  });
});
