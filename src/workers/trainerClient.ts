// Main-thread facade over the trainer worker: posts commands, writes events into the store.
import type { FromWorker, ToWorker } from './protocol';
import { assertNever } from './assertNever';
import { useAppStore } from '../store/useAppStore';
import { augmentLabel, specFor, trainBlocker } from '../store/selectors';
import type { Config } from '../store/configSlice';
import { parseDatasetIndex } from '../data/manifest';

/** Names what a preview shows, e.g. "aug rot ±20° shift 2px · seed 42". */
const previewSettings = (c: Config) => `${augmentLabel(c.augment)} · seed ${c.seed}`;

const datasetUrl = (id: string) => new URL(`${import.meta.env.BASE_URL}datasets/${id}`, location.href).href;

class TrainerClient {
  private worker: Worker | null = null;
  private nextRunId = 1;
  private nextRequestId = 1;
  private predictInFlight = false;
  private queuedPixels: Float32Array | null = null;
  private loadedDatasetId: string | null = null;
  private previewRequestId = 0;
  private previewSettings = '';

  private get store() {
    return useAppStore.getState();
  }

  private post(msg: ToWorker, transfer: Transferable[] = []) {
    this.ensureWorker().postMessage(msg, transfer);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./trainer.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<FromWorker>) => this.onEvent(e.data);
    worker.onerror = (e) => this.onCrash(e.message || 'unknown error');
    worker.onmessageerror = () => this.onCrash('a message could not be read');
    this.worker = worker;
    return worker;
  }

  /** The worker died: say so, and make the next command start a fresh one (reloading data). */
  private onCrash(reason: string) {
    this.worker?.terminate();
    this.worker = null;
    this.predictInFlight = false;
    const s = this.store;
    const runId = s.currentRunId;
    if (runId !== null && (s.status === 'running' || s.status === 'paused')) s.endRun(runId, 'error');
    s.setStatus('error', `The training worker stopped unexpectedly (${reason}). Press Train to start again in a fresh worker; your settings and earlier runs are kept.`);
    s.setPrediction(null, 'Train a model to see its predictions.');
    if (this.loadedDatasetId) this.loadDataset(this.loadedDatasetId);
  }

  /** Reads the dataset index, then loads the configured dataset if it is available. */
  async init(): Promise<void> {
    let entries;
    try {
      const res = await fetch(new URL(`${import.meta.env.BASE_URL}datasets/index.json`, location.href), { cache: 'no-cache' });
      entries = parseDatasetIndex(await res.json());
    } catch {
      entries = null;
    }
    const s = this.store;
    if (!entries) {
      s.setDatasets([]);
      s.setDatasetState('unavailable', 'No dataset shards were found. Run `npm run datasets` in the project folder, then reload.');
      return;
    }
    s.setDatasets(entries);
    this.selectDataset(s.config.datasetId);
  }

  /** Switches the dataset: shows "unavailable" with the fix, or loads shards in the worker. */
  selectDataset(id: string) {
    const s = this.store;
    s.setConfig({ datasetId: id });
    const entry = s.datasets.find((d) => d.id === id);
    if (!entry || entry.state !== 'ready') {
      s.setDatasetState('unavailable', `${entry?.name ?? id} is not available here. To add it, run: ${entry?.fix ?? 'npm run datasets'}`);
      return;
    }
    this.loadDataset(id);
  }

  private loadDataset(id: string) {
    this.loadedDatasetId = id;
    this.store.setDatasetState('loading');
    this.post({ type: 'loadDataset', datasetId: id, baseUrl: datasetUrl(id) });
  }

  startTraining() {
    const s = this.store;
    if (!s.datasetInfo || trainBlocker(s)) return;
    const runId = this.nextRunId++;
    const { config } = s;
    const info = s.datasetInfo;
    s.addRun(runId, config);
    s.startRunStatus(runId);
    s.setProbe([]);
    this.post({
      type: 'train', runId, backend: config.backend, spec: specFor(config, info.imageShape, info.classes.length),
      config: { epochs: config.epochs, batchSize: config.batchSize, learningRate: config.learningRate,
        trainSize: config.trainSize, seed: config.seed, optimizer: config.optimizer, optimizerParams: config.optimizerParams,
        schedule: config.schedule, loss: config.loss, l2: config.l2, validationSplit: config.validationSplit,
        earlyStopping: config.earlyStopping ? { patience: config.patience } : null, normalization: config.normalization,
        augment: config.augment },
    });
  }

  pause() {
    const runId = this.store.currentRunId;
    if (runId !== null) this.post({ type: 'pause', runId });
  }

  resume() {
    const runId = this.store.currentRunId;
    if (runId !== null) this.post({ type: 'resume', runId });
  }

  stop() {
    const runId = this.store.currentRunId;
    if (runId !== null) this.post({ type: 'stop', runId });
  }

  /** Asks for the augmented first batch the current config would train on (the preview grid). */
  requestPreview(count: number) {
    const { config, datasetState } = this.store;
    if (datasetState !== 'ready') return;
    this.previewRequestId = this.nextRequestId++;
    this.previewSettings = previewSettings(config);
    this.post({ type: 'preview', requestId: this.previewRequestId, augment: config.augment, seed: config.seed,
      trainSize: config.trainSize, validationSplit: config.validationSplit, count });
  }

  /** Asks for class probabilities; while one request is in flight only the newest waits. */
  predict(pixels: Float32Array) {
    if (this.predictInFlight) {
      this.queuedPixels = pixels;
      return;
    }
    this.predictInFlight = true;
    this.post({ type: 'predict', requestId: this.nextRequestId++, pixels }, [pixels.buffer]);
  }

  private predictDone() {
    this.predictInFlight = false;
    const next = this.queuedPixels;
    this.queuedPixels = null;
    if (next) this.predict(next);
  }

  private onEvent(msg: FromWorker) {
    const s = this.store;
    const stale = 'runId' in msg && msg.runId !== s.currentRunId;
    if (stale) return;
    switch (msg.type) {
      case 'datasetProgress':
        if (msg.datasetId === s.config.datasetId) s.setDatasetProgress(msg.loadedBytes, msg.totalBytes);
        return;
      case 'datasetReady':
        if (msg.datasetId === s.config.datasetId) s.setDatasetReady(msg.info);
        return;
      case 'datasetError':
        if (msg.datasetId === s.config.datasetId) {
          s.setDatasetState('error', `${msg.message}. Rebuild the shards with \`npm run datasets\`, then reload the page.`);
        }
        return;
      case 'probe':
        return s.setProbe(msg.results);
      case 'runStarted':
        s.setRunBackend(msg.runId, msg.backend);
        return s.setRunStarted(msg.backend, msg.samplesTotal, msg.stats);
      case 'paused':
        return s.setStatus('paused');
      case 'resumed':
        return s.setStatus('running');
      case 'progress':
        s.appendBatches(msg.runId, msg.fromStep, msg.loss, msg.acc);
        return s.setProgress({ epoch: msg.epoch, samplesDone: msg.samplesDone, samplesTotal: msg.samplesTotal,
          samplesPerSec: msg.samplesPerSec, currentLr: msg.lr });
      case 'epoch':
        return s.addEpoch(msg.runId, msg.metrics);
      case 'runEnded':
        s.endRun(msg.runId, msg.status);
        s.setRunNote(msg.note ?? null);
        return s.setStatus(msg.status, msg.message ?? null);
      case 'preview':
        if (msg.requestId === this.previewRequestId) s.setPreview({ ...msg.preview, live: false, settings: this.previewSettings });
        return;
      case 'batchPreview': {
        const run = s.runs.find((r) => r.id === msg.runId);
        return s.setPreview({ ...msg.preview, live: true, settings: run ? previewSettings(run.config) : '' });
      }
      case 'prediction':
        s.setPrediction(msg.probs);
        return this.predictDone();
      case 'predictionUnavailable':
        s.setPrediction(null, msg.reason);
        return this.predictDone();
      default:
        assertNever(msg);
    }
  }

  dispose() {
    this.worker?.terminate();
    this.worker = null;
  }
}

let client: TrainerClient | null = null;

/** The one trainer client, created on first use. */
export function getTrainerClient(): TrainerClient {
  client ??= new TrainerClient();
  return client;
}
