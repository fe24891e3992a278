import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { MNIST_INFO } from '../../test/helpers/testRuns';
import { TrainerClient, type WorkerPort } from './trainerClient';
import { BUSY, BUSY_HEAVY } from './pageBusy';
import { BEAT_AT, BEAT_MS, BEATING_AT } from '../shared/protocol';
import { useAppStore } from '../store/useAppStore';
import type { FromWorker, ToWorker } from '../shared/protocol';
import { DEFAULT_CONFIG } from '../shared/config';
import { BackendChooser, createProbeCache, type ProbePort } from './backendChoice';
import { FakeProbeWorker, memoryStorage } from '../../test/helpers/fakeProbe';
import type { StarterFiles } from './starters';

/** A stand-in for the trainer worker: records what the page posts, and sends events or dies on cue. */
class FakeWorker {
  posted: ToWorker[] = [];
  terminated = false;
  onmessage: WorkerPort['onmessage'] = null;
  onerror: WorkerPort['onerror'] = null;
  onmessageerror: WorkerPort['onmessageerror'] = null;
  constructor(
    readonly datasetUrl: string,
    readonly threads = 0,
  ) {}
  postMessage(msg: ToWorker) {
    this.posted.push(msg);
  }
  terminate() {
    this.terminated = true;
  }
  emit(msg: FromWorker) {
    this.onmessage?.call(this as unknown as Worker, { data: msg } as MessageEvent);
  }
  die(message: string) {
    this.onerror?.call(this as unknown as Worker, { message } as ErrorEvent);
  }
  last<T extends ToWorker['type']>(type: T) {
    return this.posted.filter((m): m is Extract<ToWorker, { type: T }> => m.type === type).at(-1)!;
  }
}

beforeAll(() => {
  (globalThis as { location?: unknown }).location ??= { href: 'http://localhost/' };
});

let workers: FakeWorker[];
let probes: FakeProbeWorker[];
let client: TrainerClient;
const s = () => useAppStore.getState();

beforeEach(() => {
  useAppStore.setState({
    config: DEFAULT_CONFIG,
    runs: [],
    currentRunId: null,
    status: 'idle',
    datasetInfo: null,
    probs: null,
    datasets: [{ id: 'mnist', name: 'MNIST', state: 'ready', fix: '' } as never],
  });
  workers = [];
  probes = [];
  client = makeClient();
});

/** A client on fake workers (trainer and probe); `starters` stands in for fetching starter models. */
function makeClient(
  starters: (datasetId: string) => Promise<StarterFiles | null> = async () => null,
  storage = memoryStorage(),
) {
  const backends = new BackendChooser(useAppStore, createProbeCache(memoryStorage(), 'test'), () => {
    const p = new FakeProbeWorker();
    probes.push(p);
    return p as unknown as ProbePort;
  });
  return new TrainerClient(
    (url, threads) => {
      const w = new FakeWorker(url, threads);
      workers.push(w);
      return w as unknown as WorkerPort;
    },
    backends,
    starters,
    storage,
  );
}

afterEach(() => client.dispose());

/** The client with MNIST loaded in its (fake) worker. */
function ready() {
  client.selectDataset('mnist');
  workers[0].emit({ type: 'datasetReady', datasetId: 'mnist', info: MNIST_INFO });
  return workers[0];
}

describe('the trainer client', () => {
  it('starts a worker named for the dataset, loads it and writes its progress and arrival into the store', () => {
    client.selectDataset('mnist');
    const w = workers[0];
    expect(w.datasetUrl).toBe('http://localhost/datasets/mnist');
    expect(w.last('loadDataset')).toEqual({
      type: 'loadDataset',
      datasetId: 'mnist',
      baseUrl: 'http://localhost/datasets/mnist',
    });
    expect(s().datasetState).toBe('loading');
    w.emit({ type: 'datasetProgress', datasetId: 'mnist', loadedBytes: 5, totalBytes: 10 });
    expect([s().datasetLoaded, s().datasetTotal]).toEqual([5, 10]);
    w.emit({ type: 'datasetReady', datasetId: 'fashion-mnist', info: { ...MNIST_INFO, id: 'fashion-mnist' } });
    expect(s().datasetState).toBe('loading');
    w.emit({ type: 'datasetReady', datasetId: 'mnist', info: MNIST_INFO });
    expect(s().datasetState).toBe('ready');
  });

  it("shares the page's busy flag with a new worker and raises it at each of the worker's events", async () => {
    vi.useFakeTimers();
    try {
      client.selectDataset('mnist');
      const w = workers[0];
      const flag = new Int32Array(w.last('pageBusy').flag);
      expect(Atomics.load(flag, 0)).toBe(0);
      w.emit({ type: 'datasetProgress', datasetId: 'mnist', loadedBytes: 5, totalBytes: 10 });
      expect(Atomics.load(flag, 0)).toBe(BUSY);
      // Lowered once the page has painted (in Node, with no frames: after afterPaint's longest wait).
      await vi.advanceTimersByTimeAsync(100);
      expect(Atomics.load(flag, 0)).toBe(0);
      // An epoch's end redraws every epoch chart: a frame the trainer waits for.
      w.emit({ type: 'epoch', runId: 1, metrics: {} as never });
      expect(Atomics.load(flag, 0)).toBe(BUSY_HEAVY);
    } finally {
      vi.useRealTimers();
    }
  });

  it("beats while the worker trains: from a run's runStarted to that run's runEnded, or to the worker's crash", async () => {
    vi.useFakeTimers();
    try {
      client.selectDataset('mnist');
      const w = workers[0];
      const view = new Int32Array(w.last('pageBusy').flag);
      const beats = () => Atomics.load(view, BEAT_AT);
      const beating = () => Atomics.load(view, BEATING_AT);
      expect(beating()).toBe(0);
      const received = vi.spyOn(client.runs, 'receive');
      w.emit({ type: 'runStarted', runId: 1, backend: 'wasm', threads: 2, samplesTotal: 100, stats: {} as never });
      expect(beating()).toBe(1);
      // (And the event itself is handled once.)
      expect(received).toHaveBeenCalledTimes(1);
      const start = beats();
      await vi.advanceTimersByTimeAsync(10 * BEAT_MS);
      expect(beats() - start).toBeGreaterThanOrEqual(10);
      // A second Train refused while run 1 trains: that run ends, run 1 goes on.
      w.emit({ type: 'runEnded', runId: 5, status: 'error', message: 'A run is already in progress. Stop it first.' });
      expect(beating()).toBe(1);
      w.emit({ type: 'runEnded', runId: 1, status: 'done' });
      expect(beating()).toBe(0);
      const ended = beats();
      await vi.advanceTimersByTimeAsync(10 * BEAT_MS);
      expect(beats()).toBe(ended);
      w.emit({ type: 'runStarted', runId: 2, backend: 'wasm', threads: 2, samplesTotal: 100, stats: {} as never });
      expect(beating()).toBe(1);
      w.die('gone');
      expect(beating()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('says how to fix an unavailable dataset without asking the worker', () => {
    useAppStore.setState({
      datasets: [
        { id: 'cifar10', name: 'CIFAR-10', state: 'unavailable', fix: 'npm run datasets -- --cifar10 FILE' } as never,
      ],
    });
    client.selectDataset('cifar10');
    expect(s().datasetState).toBe('unavailable');
    expect(s().datasetMessage).toBe(
      'CIFAR-10 is not available here. To add it, run: npm run datasets -- --cifar10 FILE',
    );
    expect(workers).toHaveLength(0);
  });

  it('sends the drawing one prediction at a time, the newest waiting, and shows each answer', async () => {
    const w = ready();
    const drawing = (v: number) => new Float32Array(784).fill(v);
    client.predict(drawing(0.1));
    client.predict(drawing(0.2));
    client.predict(drawing(0.3));
    const sent = () => w.posted.filter((m) => m.type === 'predict') as Extract<ToWorker, { type: 'predict' }>[];
    expect(sent()).toHaveLength(1);
    const probs = Array.from({ length: 10 }, (_, i) => (i === 7 ? 0.91 : 0.01));
    w.emit({ type: 'prediction', requestId: sent()[0].requestId, probs });
    await waitUntil(() => sent().length === 2);
    expect(s().probs).toEqual(probs);
    expect(sent()[1].pixels[0]).toBeCloseTo(0.3);
    w.emit({
      type: 'predictionUnavailable',
      requestId: sent()[1].requestId,
      reason: 'Train a model to see its predictions.',
    });
    await waitUntil(() => s().probs === null);
    expect(s().predictionHint).toBe('Train a model to see its predictions.');
  });

  it('draws another class saliency for the same drawing, and keeps that class for the next drawing', async () => {
    const w = ready();
    useAppStore.setState({ saliencyClass: null });
    const sent = () => w.posted.filter((m) => m.type === 'inspect') as Extract<ToWorker, { type: 'inspect' }>[];
    const answer = (requestId: number) =>
      w.emit({ type: 'inspection', requestId, layers: [], saliency: new Float32Array(784), top: 7 });
    client.inspect({ pixels: new Float32Array(784).fill(0.25), steps: null });
    expect(sent()[0].classOf).toBeUndefined();
    answer(sent()[0].requestId);
    await waitUntil(() => s().inspection !== null);
    client.showSaliencyOf(9);
    await waitUntil(() => sent().length === 2);
    expect(s().saliencyClass).toBe(9);
    expect(sent()[1].classOf).toBe(9);
    expect(sent()[1].pixels[0]).toBeCloseTo(0.25);
    answer(sent()[1].requestId);
    client.inspect({ pixels: new Float32Array(784).fill(0.5), steps: null });
    await waitUntil(() => sent().length === 3);
    expect(sent()[2].classOf).toBe(9);
    client.showSaliencyOf(null);
    expect(s().saliencyClass).toBeNull();
  });

  it('a dataset picked while the starter of the last one still loads gets its own starter after it', async () => {
    client.dispose();
    const pending = new Map<string, (files: StarterFiles) => void>();
    client = makeClient((id) => new Promise((resolve) => pending.set(id, resolve)));
    useAppStore.setState({
      modelSource: null,
      datasets: ['mnist', 'fashion-mnist'].map((id) => ({ id, name: id, state: 'ready', fix: '' }) as never),
    });
    void client.attachHistory(null);
    const files = (name: string): StarterFiles => ({ modelJson: name, weights: new ArrayBuffer(4), name });
    client.selectDataset('mnist');
    const w = workers[0];
    w.emit({ type: 'datasetReady', datasetId: 'mnist', info: MNIST_INFO });
    await new Promise((r) => setTimeout(r, 5)); // MNIST's choice is under way, waiting for its starter
    client.selectDataset('fashion-mnist');
    w.emit({ type: 'datasetReady', datasetId: 'fashion-mnist', info: { ...MNIST_INFO, id: 'fashion-mnist' } });
    // MNIST's starter arrives late, after the switch: it loads, but does not answer for Fashion-MNIST.
    await waitUntil(() => pending.has('mnist') && pending.has('fashion-mnist'));
    pending.get('mnist')!(files('mnist starter'));
    await waitUntil(() => w.posted.some((m) => m.type === 'loadModel'));
    w.emit({ type: 'modelLoaded', requestId: w.last('loadModel').requestId, params: 1 });
    pending.get('fashion-mnist')!(files('fashion starter'));
    await waitUntil(() => w.last('loadModel').modelJson === 'fashion starter');
    w.emit({ type: 'modelLoaded', requestId: w.last('loadModel').requestId, params: 1 });
    await waitUntil(() => s().modelSource?.datasetId === 'fashion-mnist');
    expect(s().modelSource).toMatchObject({ kind: 'starter', name: 'fashion starter' });
  });

  it('evaluates: a second click replaces the first, whose late answer changes nothing', async () => {
    const w = ready();
    useAppStore.setState({ modelSource: { kind: 'run', datasetId: 'mnist', runId: 1, epoch: 1 } });
    void client.evaluate(1);
    const first = w.last('evaluate').requestId;
    void client.evaluate(1);
    const second = w.last('evaluate').requestId;
    w.emit({ type: 'evaluationUnavailable', requestId: first, reason: 'stale' });
    await Promise.resolve();
    expect(s().evalState).toBe('running');
    w.emit({ type: 'evaluationUnavailable', requestId: second, reason: 'Train a model first.' });
    await waitUntil(() => s().evalState === 'unavailable');
    expect(s().evalMessage).toBe('Train a model first.');
  });

  it('measures Auto in the background once the dataset is in, and not again for a toggle; a backend picked by hand stops it', async () => {
    const w = ready();
    expect(probes).toHaveLength(1);
    expect(probes[0].asked[0]).toMatchObject({ type: 'probe', spec: { inputShape: [28, 28, 1], classes: 10 } });
    probes[0].choose('wasm');
    s().setGlobalActivation('sigmoid');
    expect(probes).toHaveLength(1);
    const id = client.runs.start()!;
    // Posted once the page has painted the run's start (here, with no frames, after the longest wait).
    await vi.waitFor(() => expect(w.last('train')).toMatchObject({ runId: id, backend: 'wasm' }));
    w.emit({ type: 'runEnded', runId: id, status: 'done' });
    s().setPreset('mlp-bn');
    expect(probes).toHaveLength(2);
    s().setConfig({ backend: 'wasm' });
    expect(probes[1].terminated).toBe(true);
  });

  it('when the worker dies: the run fails with a message, waiting requests end, and the next command gets a fresh worker', async () => {
    const w = ready();
    useAppStore.setState({ config: { ...s().config, backend: 'cpu' } });
    const runId = client.runs.start()!;
    const save = client.saveModel();
    w.die('out of memory');
    await expect(save).rejects.toThrow(/training worker stopped \(out of memory\)/);
    expect(w.terminated).toBe(true);
    expect(s().status).toBe('error');
    expect(s().trainError).toMatch(/^The training worker stopped unexpectedly \(out of memory\)\. Press Train/);
    expect(s().runs.find((r) => r.id === runId)?.status).toBe('error');
    expect(workers).toHaveLength(2);
    expect(workers[1].last('loadDataset')).toMatchObject({ datasetId: 'mnist' });
  });

  it('a thread count replaces the worker with one on that many threads, loading the dataset again, and is remembered', () => {
    const storage = memoryStorage();
    client.dispose();
    client = makeClient(undefined, storage);
    const w = ready();
    expect(w.threads).toBe(0);
    client.setThreadCap(2);
    expect(w.terminated).toBe(true);
    expect(workers).toHaveLength(2);
    expect(workers[1].threads).toBe(2);
    expect(workers[1].last('loadDataset')).toMatchObject({ datasetId: 'mnist' });
    expect(s().datasetState).toBe('loading');
    expect(s().threadCap).toBe(2);
    // The same count again changes nothing; a new page starts its worker with the saved one.
    client.setThreadCap(2);
    expect(workers).toHaveLength(2);
    client.dispose();
    client = makeClient(undefined, storage);
    expect(s().threadCap).toBe(2);
    client.selectDataset('mnist');
    expect(workers[2].threads).toBe(2);
  });

  it('keeps the thread count during a run', () => {
    const w = ready();
    useAppStore.setState({ config: { ...s().config, backend: 'cpu' } });
    client.runs.start();
    client.setThreadCap(1);
    expect(w.terminated).toBe(false);
    expect(s().threadCap).toBe(0);
  });
});

/** Waits (a few ms at a time) until `ok()` holds. */
async function waitUntil(ok: () => boolean) {
  for (let i = 0; i < 100 && !ok(); i++) await new Promise((r) => setTimeout(r, 2));
  expect(ok()).toBe(true);
}
