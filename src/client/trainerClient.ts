// Main-thread facade over the trainer worker: posts commands, writes events into the store.
import type { FromWorker, ToWorker } from '../shared/protocol';
import { assertNever } from '../shared/assertNever';
import { useAppStore } from '../store/useAppStore';
import { runActive, specFor, trainBlocker } from '../store/selectors';
import { augmentLabel } from '../store/runLabels';
import type { Config } from '../shared/config';
import { newRun } from '../store/runsSlice';
import type { SweepKnob } from '../store/sweep';
import type { Gallery } from '../store/evalSlice';
import { cellSamples } from '../model/confusion';
import { parseDatasetIndex } from '../data/manifest';
import { inferShapes } from '../model/shapes';
import { createTrainerWorker, datasetUrl, takeEarlyWorker } from './earlyWorker';

/** Names what a preview shows, e.g. "aug rot ±20° shift 2px · seed 42". */
const previewSettings = (c: Config) => `${augmentLabel(c.augment)} · seed ${c.seed}`;

/** The worker's answer to a model save or load. */
export type ModelFileReply = Extract<FromWorker, { type: 'modelSaved' | 'modelLoaded' | 'modelFileError' }>;

class TrainerClient {
  private worker: Worker | null = null;
  private nextRunId = 1;
  private nextRequestId = 1;
  private predictInFlight = false;
  private queuedPixels: Float32Array | null = null;
  private loadedDatasetId: string | null = null;
  private previewRequestId = 0;
  private previewSettings = '';
  private evalRequest = { id: 0, runId: 0 };
  private galleryRequestId = 0;
  private modelRequests = new Map<number, (msg: ModelFileReply) => void>();
  private imageRequestId = 0;
  private browseRequest = { id: 0, datasetId: '' };
  private randomImageRequest: { id: number; index: number } | null = null;

  private get store() {
    return useAppStore.getState();
  }

  private post(msg: ToWorker, transfer: Transferable[] = []) {
    this.ensureWorker().postMessage(msg, transfer);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    // Named with the dataset to load, which it starts fetching before any message reaches it; the
    // first one is usually started by the page's entry script, before the app's bundle has run.
    const url = datasetUrl(this.loadedDatasetId ?? this.store.config.datasetId);
    const worker = takeEarlyWorker(url) ?? createTrainerWorker(url);
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
    const message = `The training worker stopped unexpectedly (${reason}). Press Train to start again in a fresh worker; your settings and earlier runs are kept.`;
    if (runId !== null && runActive(s)) s.endRun(runId, 'error', message);
    s.setStatus('error', message);
    s.setPrediction(null, 'Train a model to see its predictions.');
    if (this.loadedDatasetId) this.loadDataset(this.loadedDatasetId);
  }

  /** Reads the dataset index, then loads the configured dataset if it is available. */
  async init(): Promise<void> {
    this.ensureWorker(); // its script and tfjs load while the index is fetched
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

  /** Trains the current settings, or `config` (a sweep's) when given. Returns the run id, or null if it cannot start. */
  startTraining(config: Config = this.store.config): number | null {
    const s = this.store;
    if (!s.datasetInfo || trainBlocker({ ...s, config })) return null;
    const runId = Math.max(this.nextRunId, ...s.runs.map((r) => r.id + 1));
    this.nextRunId = runId + 1;
    const info = s.datasetInfo;
    const spec = specFor(config, info.imageShape, info.classes.length);
    s.beginRun(newRun(runId, config, inferShapes(spec).trainableParams));
    this.post({
      type: 'train', runId, backend: config.backend, spec,
      config: { epochs: config.epochs, batchSize: config.batchSize, learningRate: config.learningRate,
        trainSize: config.trainSize, seed: config.seed, optimizer: config.optimizer, optimizerParams: config.optimizerParams,
        schedule: config.schedule, loss: config.loss, l2: config.l2, validationSplit: config.validationSplit,
        earlyStopping: config.earlyStopping ? { patience: config.patience } : null, normalization: config.normalization,
        augment: config.augment, colorMode: config.colorMode },
    });
    return runId;
  }

  /** Queues one run per value of `knob` and starts the first; the rest follow as each run ends. */
  startSweep(knob: SweepKnob, values: string[]) {
    if (this.store.startSweep(knob, values)) this.nextSweepRun();
  }

  /** Stops the current run and drops the rest of the sweep. */
  cancelSweep() {
    this.store.endSweep(false);
    this.stop();
  }

  private nextSweepRun() {
    const s = this.store;
    const config = s.takeSweepConfig();
    if (!config) return s.endSweep(true);
    const id = this.startTraining(config);
    if (id === null) return s.endSweep(false);
    s.addSweepRun(id);
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
      trainSize: config.trainSize, validationSplit: config.validationSplit, count, colorMode: config.colorMode });
  }

  /** The current model as TensorFlow.js files (model.json text and weights), or an error message. */
  saveModel(): Promise<ModelFileReply> {
    return this.modelRequest((requestId) => this.post({ type: 'saveModel', requestId }));
  }

  /** Makes a saved model the one the canvas predicts with. */
  loadModel(modelJson: string, weights: ArrayBuffer): Promise<ModelFileReply> {
    return this.modelRequest((requestId) => this.post({ type: 'loadModel', requestId, modelJson, weights }, [weights]));
  }

  private modelRequest(send: (requestId: number) => void): Promise<ModelFileReply> {
    const requestId = this.nextRequestId++;
    return new Promise((resolve) => {
      this.modelRequests.set(requestId, resolve);
      send(requestId);
    });
  }

  /** Asks for the dataset browser's samples, counts and statistics. */
  browseDataset(perClass: number) {
    this.browseRequest = { id: this.nextRequestId++, datasetId: this.store.config.datasetId };
    this.post({ type: 'browse', requestId: this.browseRequest.id, perClass });
  }

  /** Evaluates the last trained model on the whole test set (for the confusion matrix). */
  evaluate() {
    const s = this.store;
    s.setEvaluating();
    this.evalRequest = { id: this.nextRequestId++, runId: s.currentRunId ?? 0 };
    this.post({ type: 'evaluate', requestId: this.evalRequest.id });
  }

  /** Shows the test samples of a confusion-matrix cell (or the most confident mistakes), up to 40. */
  showSamples(cell: Gallery['cell']) {
    const e = this.store.evaluation;
    if (!e) return;
    const [t, p] = cell === 'mistakes' ? [null, null] : [cell.t, cell.p];
    const indices = cellSamples(e.labels, e.predicted, e.probs, e.classes.length, t, p, 40);
    this.store.setGallery({ cell, indices, images: null, shape: null });
    this.galleryRequestId = this.nextRequestId++;
    this.post({ type: 'testImages', requestId: this.galleryRequestId, indices });
  }

  /** Classifies an image for the image panel: uint8 bytes of the dataset's shape. */
  classifyImage(bytes: Uint8Array, shape: [number, number, number], caption: string) {
    const s = this.store;
    s.setImageInput({ bytes, shape, caption });
    this.imageRequestId = this.nextRequestId++;
    this.post({ type: 'predict', requestId: this.imageRequestId, pixels: Float32Array.from(bytes, (v) => v / 255) });
  }

  /** Picks a random test image and classifies it. */
  randomTestImage() {
    const count = this.store.datasetInfo?.testCount ?? 0;
    if (!count) return;
    const index = Math.floor(Math.random() * count);
    this.randomImageRequest = { id: this.nextRequestId++, index };
    this.post({ type: 'testImages', requestId: this.randomImageRequest.id, indices: [index] });
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
        if (msg.datasetId !== s.config.datasetId) return;
        // A dataset with fewer training samples than the setting (CIFAR-10 has 50,000): use them all.
        if (s.config.trainSize > msg.info.trainCount) s.setConfig({ trainSize: msg.info.trainCount });
        s.setDatasetReady(msg.info);
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
        s.appendBatches(msg.runId, msg.fromStep, msg.loss, msg.acc, msg.samplesPerSec);
        return s.setProgress({ epoch: msg.epoch, samplesDone: msg.samplesDone, samplesTotal: msg.samplesTotal,
          samplesPerSec: msg.samplesPerSec, currentLr: msg.lr });
      case 'epoch':
        return s.addEpoch(msg.runId, msg.metrics);
      case 'runEnded':
        s.endRun(msg.runId, msg.status, msg.message ?? msg.note ?? null);
        s.setRunNote(msg.note ?? null);
        s.setStatus(msg.status, msg.message ?? null);
        if (s.sweep) {
          if (msg.status === 'stopped') s.endSweep(false);
          else this.nextSweepRun();
        }
        return;
      case 'browse': {
        if (msg.requestId !== this.browseRequest.id) return;
        const { type: _t, requestId: _r, ...rest } = msg;
        return s.setBrowse({ ...rest, datasetId: this.browseRequest.datasetId });
      }
      case 'modelSaved':
      case 'modelLoaded':
      case 'modelFileError':
        this.modelRequests.get(msg.requestId)?.(msg);
        this.modelRequests.delete(msg.requestId);
        return;
      case 'evaluation': {
        if (msg.requestId !== this.evalRequest.id) return;
        const classes = s.datasetInfo?.classes ?? [];
        return s.setEvaluation({ runId: this.evalRequest.runId, labels: msg.labels, predicted: msg.predicted, probs: msg.probs, classes });
      }
      case 'evaluationUnavailable':
        return s.setEvalUnavailable(msg.reason);
      case 'testImages':
        if (msg.requestId === this.galleryRequestId && s.gallery) s.setGallery({ ...s.gallery, images: msg.images, shape: msg.shape });
        if (msg.requestId === this.randomImageRequest?.id) {
          this.classifyImage(msg.images, msg.shape, `Test image #${msg.indices[0] + 1}, labelled ${s.datasetInfo?.classes[msg.labels[0]] ?? msg.labels[0]}`);
        }
        return;
      case 'preview':
        if (msg.requestId === this.previewRequestId) s.setPreview({ ...msg.preview, live: false, settings: this.previewSettings });
        return;
      case 'batchPreview': {
        const run = s.runs.find((r) => r.id === msg.runId);
        return s.setPreview({ ...msg.preview, live: true, settings: run ? previewSettings(run.config) : '' });
      }
      case 'prediction':
        if (msg.requestId === this.imageRequestId) return s.setImagePrediction(msg.probs);
        s.setPrediction(msg.probs);
        return this.predictDone();
      case 'predictionUnavailable':
        if (msg.requestId === this.imageRequestId) return s.setImagePrediction(null, msg.reason);
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
