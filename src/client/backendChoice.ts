// Which backend "Auto" trains on: measured once per browser and kind of network by a probe worker
// of its own, in the background, and remembered, so a run never waits for a measurement again.
import { safeLocalStorage } from './safeStorage';
import type { StoreApi } from 'zustand';
import type { AppState } from '../store/useAppStore';
import type { BackendName, FromProbe, ProbeResult, ToProbe } from '../shared/protocol';
import type { LayerSpec, ModelSpec } from '../model/spec';

/** The localStorage key the measurements are kept under. */
export const PROBE_STORAGE_KEY = 'nn-playground-backend-probe';

/** The batch size the probe times (speeds rank the same at the batch sizes people use). */
export const PROBE_BATCH = 64;

/** One measurement: the backend chosen for a kind of network, every backend's result, and when. */
export interface ProbeRecord {
  kind: string;
  chosen: BackendName;
  results: ProbeResult[];
  measuredAt: number;
}

/**
 * The kind of network a measurement stands for: the mix of layer kinds, e.g.
 * "conv2d+dense+output+pool". Activations, pooling ops, sizes and hyperparameters do not change it.
 */
export const networkKind = (layers: readonly LayerSpec[]): string =>
  [...new Set(layers.map((l) => l.kind))].sort().join('+');

declare const __APP_BUILD__: string;
declare const __TFJS_VERSION__: string;

/** What a measurement holds for: this browser, this build of the app and of tfjs, this many cores. */
export function probeEnvironment(): string {
  const build = typeof __APP_BUILD__ === 'string' ? __APP_BUILD__ : 'dev';
  const tfjs = typeof __TFJS_VERSION__ === 'string' ? __TFJS_VERSION__ : '?';
  const nav = globalThis.navigator;
  return `${nav?.userAgent ?? 'unknown browser'} | app ${build} | tfjs ${tfjs} | ${nav?.hardwareConcurrency ?? 1} cores`;
}

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The kept measurements; all of them are dropped when the environment changes (a new build, another browser). */
export function createProbeCache(storage: Storage | null, environment: string) {
  const read = (): Record<string, ProbeRecord> => {
    try {
      const saved = JSON.parse(storage?.getItem(PROBE_STORAGE_KEY) ?? 'null');
      return saved?.environment === environment && typeof saved.records === 'object' ? saved.records : {};
    } catch {
      return {};
    }
  };
  const write = (records: Record<string, ProbeRecord>) => {
    try {
      storage?.setItem(PROBE_STORAGE_KEY, JSON.stringify({ environment, records }));
    } catch {
      // Storage full or blocked: the choice lasts for this page only.
    }
  };
  return {
    get: (kind: string): ProbeRecord | null => read()[kind] ?? null,
    set: (record: ProbeRecord) => write({ ...read(), [record.kind]: record }),
    forget: (kind: string) => {
      const { [kind]: _gone, ...rest } = read();
      write(rest);
    },
  };
}

/** The part of a Worker the chooser uses (tests pass a fake). */
export type ProbePort = Pick<Worker, 'postMessage' | 'terminate' | 'onmessage' | 'onerror'>;

const probeWorker = (): ProbePort =>
  new Worker(new URL('../workers/probe.worker.ts', import.meta.url), { type: 'module' });

/**
 * Measures backends for "Auto" and remembers the answers. One probe runs at a time; asking for
 * the kind being measured joins it. Progress and results go into the store for the backend panel.
 */
export class BackendChooser {
  private running: { kind: string; worker: ProbePort; done: Promise<ProbeRecord>; abort: () => void } | null = null;

  constructor(
    private readonly store: StoreApi<AppState>,
    private readonly cache = createProbeCache(safeLocalStorage(), probeEnvironment()),
    private readonly createWorker: () => ProbePort = probeWorker,
  ) {}

  /** The kept measurement for `spec`'s kind of network, or null. */
  known(spec: ModelSpec): ProbeRecord | null {
    return this.cache.get(networkKind(spec.layers));
  }

  /** Shows the kept measurement for `spec`'s kind in the backend panel (or that there is none yet). */
  show(spec: ModelSpec) {
    if (this.running?.kind === networkKind(spec.layers)) return;
    const rec = this.known(spec);
    this.store
      .getState()
      .setProbe(
        rec
          ? { state: 'done', results: rec.results, measuredAt: rec.measuredAt }
          : { state: 'idle', results: [], measuredAt: null },
      );
  }

  /** Measures `spec`'s kind of network (or joins the measurement under way), keeping the result. */
  measure(spec: ModelSpec): Promise<ProbeRecord> {
    const kind = networkKind(spec.layers);
    if (this.running?.kind === kind) return this.running.done;
    this.cancel();
    const worker = this.createWorker();
    globalThis.performance?.mark?.('backend-probe-start');
    const set = (p: Parameters<AppState['setProbe']>[0]) => this.store.getState().setProbe(p);
    set({ state: 'measuring', results: [], measuredAt: null });
    let abort = () => undefined as void;
    const done = new Promise<ProbeRecord>((resolve, reject) => {
      abort = () => reject(new Error('The backend measurement was cancelled.'));
      const finish = () => {
        worker.terminate();
        if (this.running?.worker === worker) this.running = null;
      };
      worker.onmessage = (e: MessageEvent<FromProbe>) => {
        const msg = e.data;
        if (msg.type === 'probeProgress') return set({ state: 'measuring', results: msg.results, measuredAt: null });
        finish();
        if (msg.type === 'probeFailed') {
          set({ state: 'failed', results: [], measuredAt: null, message: msg.message });
          return reject(new Error(msg.message));
        }
        globalThis.performance?.mark?.('backend-probe-done');
        const record: ProbeRecord = { kind, chosen: msg.chosen, results: msg.results, measuredAt: Date.now() };
        this.cache.set(record);
        set({ state: 'done', results: record.results, measuredAt: record.measuredAt });
        resolve(record);
      };
      worker.onerror = (e) => {
        finish();
        const message = `The backend probe stopped (${e.message || 'unknown error'}).`;
        set({ state: 'failed', results: [], measuredAt: null, message });
        reject(new Error(message));
      };
    });
    done.catch(() => undefined); // a background probe's failure is shown in the panel
    this.running = { kind, worker, done, abort };
    worker.postMessage({ type: 'probe', spec, batchSize: PROBE_BATCH, seed: 1 } satisfies ToProbe);
    return done;
  }

  /** Measures `spec`'s kind again, forgetting what was kept for it. */
  remeasure(spec: ModelSpec): Promise<ProbeRecord> {
    this.cache.forget(networkKind(spec.layers));
    if (this.running?.kind === networkKind(spec.layers)) this.cancel();
    return this.measure(spec);
  }

  /** Stops a measurement under way (nothing is kept from it). */
  cancel() {
    if (!this.running) return;
    this.running.worker.terminate();
    this.running.abort();
    this.running = null;
    this.store.getState().setProbe({ state: 'idle', results: [], measuredAt: null });
  }

  /** True while a measurement runs. */
  get measuring(): boolean {
    return this.running !== null;
  }
}
