// The page's side of the trainer worker: owns the worker, routes its events (dataset events to
// the store, run events to the run controller, answers to the bridge) and offers each request the
// views make as one method.
import type { FromWorker, ToWorker } from '../shared/protocol';
import { assertNever } from '../shared/assertNever';
import { useAppStore } from '../store/useAppStore';
import type { Gallery } from '../store/evalSlice';
import { cellSamples } from '../model/confusion';
import { parseDatasetIndex } from '../data/manifest';
import { createTrainerWorker, datasetUrl, storedThreadCap, takeEarlyWorker } from './earlyWorker';
import { safeLocalStorage } from './safeStorage';
import { THREADS_STORAGE_KEY } from '../store/storageKey';
import { createBridge, isAborted, oneAtATime, type Bridge } from './bridge';
import { createRunController, previewSettings, type RunController } from './runController';
import { afterPaint } from './afterPaint';
import { createPageBusy } from './pageBusy';
import { BackendChooser } from './backendChoice';
import { ModelKeeper } from './modelKeeper';
import { Teacher } from './teacher';
import { fetchStarter, type StarterFiles } from './starters';
import type { RunHistory } from '../store/runHistory';
import { runActive, specFor } from '../store/selectors';
import type { ModelSpec } from '../model/spec';
import type { Config } from '../shared/config';
import { changedSettings, recipeById, recipeConfig } from '../shared/recipes';
import type { DigitSteps } from '../data/strokes';

/** The worker's answer to a model save or load. */
export type ModelFileReply = Extract<FromWorker, { type: 'modelSaved' | 'modelLoaded' | 'modelFileError' }>;

/** The part of a Worker the client uses (tests pass a fake). */
export type WorkerPort = Pick<Worker, 'postMessage' | 'terminate' | 'onmessage' | 'onerror' | 'onmessageerror'>;

/** Answers dropped because a newer request replaced them are not failures. */
const unlessAborted = (e: unknown) => {
  if (!isAborted(e)) throw e;
};

export class TrainerClient {
  private worker: WorkerPort | null = null;
  private loadedDatasetId: string | null = null;
  private readonly store = useAppStore;
  readonly bridge: Bridge;
  readonly runs: RunController;
  readonly backends: BackendChooser;
  readonly models: ModelKeeper;
  readonly teacher: Teacher;
  private restoring: Promise<void> | null = null;
  private historyReady: () => void = () => undefined;
  /** Settles once the run history is attached (or known to be unavailable). */
  private readonly history = new Promise<void>((resolve) => (this.historyReady = resolve));
  private readonly unsubscribe: () => void;
  /** Raised while the page has a worker event or a person's input to show (see client/pageBusy.ts). */
  private readonly pageBusy = createPageBusy();
  /** The run the page beats for (see {@link beatFor}), or null. */
  private beatingRun: number | null = null;
  /** A person's click or key: its frame is one the trainer waits for. */
  private readonly raiseForInput = () => this.pageBusy?.raise(true);

  /**
   * `createWorker` makes a worker that starts loading the dataset at the given URL, its wasm backend on
   * the given number of threads (0: the default), the person's choice kept in `storage`; `backends`
   * measures "Auto"; `starters` fetches a dataset's starter model (tests pass fakes of each).
   */
  constructor(
    private readonly createWorker: (datasetUrl: string, threads: number) => WorkerPort = defaultWorker,
    backends?: BackendChooser,
    starters: (datasetId: string) => Promise<StarterFiles | null> = fetchStarter,
    private readonly storage: Pick<Storage, 'getItem' | 'setItem'> | null = safeLocalStorage(),
  ) {
    this.store.getState().setThreadCap(storedThreadCap(storage));
    this.bridge = createBridge((msg, transfer) => this.post(msg, transfer));
    this.backends = backends ?? new BackendChooser(this.store);
    this.models = new ModelKeeper(this.bridge, this.store, starters);
    this.teacher = new Teacher(this.bridge, this.store);
    this.runs = createRunController((msg) => this.post(msg), this.store, this.backends, {
      onEnded: (runId, status) => {
        const trained = (this.s.runs.find((r) => r.id === runId)?.batchLoss.length ?? 0) > 0;
        if (status !== 'error' && trained) void this.models.keep(runId);
      },
      afterPaint,
    });
    this.unsubscribe = this.store.subscribe((s, prev) => {
      if (
        s.config.layers !== prev.config.layers ||
        s.config.backend !== prev.config.backend ||
        s.datasetInfo !== prev.datasetInfo
      ) {
        this.autoInBackground();
      }
      // A deleted run's model waits out the undo; it goes once the run cannot come back.
      if (prev.lastDeleted && s.lastDeleted !== prev.lastDeleted) void this.models.prune();
    });
    if (typeof window !== 'undefined')
      for (const type of INPUT_EVENTS)
        window.addEventListener(type, this.raiseForInput, { capture: true, passive: true });
  }

  /** The network the current settings describe, on the loaded dataset (null before it is ready). */
  private currentSpec(): ModelSpec | null {
    const { config, datasetInfo } = this.s;
    return datasetInfo ? specFor(config, datasetInfo.imageShape, datasetInfo.classes.length) : null;
  }

  /**
   * Keeps "Auto" ready without holding anyone up: once the dataset is in, a kind of network not
   * yet measured in this browser is measured in the background (the probe has a worker of its
   * own); picking a backend by hand stops a measurement under way.
   */
  private autoInBackground() {
    const spec = this.currentSpec();
    if (!spec || this.s.config.backend !== 'auto') {
      if (this.backends.measuring && !runActive(this.s)) this.backends.cancel();
      return;
    }
    if (this.backends.known(spec) || runActive(this.s)) return this.backends.show(spec);
    void this.backends.measure(spec).catch(() => undefined);
  }

  /** Test-only: asks the worker to cause `fault` (see the `testFault` message). */
  injectFault(fault: Extract<ToWorker, { type: 'testFault' }>['fault']) {
    this.post({ type: 'testFault', fault });
  }

  /** Measures the backends again for the current kind of network (the backend panel's button). */
  remeasureBackends() {
    const spec = this.currentSpec();
    if (spec) void this.backends.remeasure(spec).catch(() => undefined);
  }

  private get s() {
    return this.store.getState();
  }

  private post(msg: ToWorker, transfer: Transferable[] = []) {
    this.ensureWorker().postMessage(msg, transfer);
  }

  private ensureWorker(): WorkerPort {
    if (this.worker) return this.worker;
    // Named with the dataset to load, which it starts fetching before any message reaches it.
    const worker = this.createWorker(datasetUrl(this.loadedDatasetId ?? this.s.config.datasetId), this.s.threadCap);
    worker.onmessage = (e: MessageEvent<FromWorker>) => {
      this.pageBusy?.raise(HEAVY_EVENTS.has(e.data.type));
      this.beatFor(e.data);
      this.onEvent(e.data);
    };
    worker.onerror = (e) => this.onCrash(e.message || 'unknown error');
    worker.onmessageerror = () => this.onCrash('a message could not be read');
    this.worker = worker;
    if (this.pageBusy) worker.postMessage({ type: 'pageBusy', flag: this.pageBusy.flag } satisfies ToWorker);
    return worker;
  }

  /**
   * Trains on `threads` wasm threads from now on (0: the default), and remembers it. The wasm backend fixes
   * its thread pool when it starts, so a worker already running is replaced by one that has the dataset
   * loaded again and the kept model answering again (a second or two). Not during a run.
   */
  setThreadCap(threads: number) {
    if (runActive(this.s) || threads === this.s.threadCap) return;
    try {
      this.storage?.setItem(THREADS_STORAGE_KEY, String(threads));
    } catch {
      // Storage full or blocked: the choice holds for this page.
    }
    this.s.setThreadCap(threads);
    if (!this.worker) return;
    this.worker.terminate();
    this.worker = null;
    this.bridge.rejectAll(new Error('the training worker restarted with another thread count'));
    if (this.loadedDatasetId) this.loadDataset(this.loadedDatasetId);
  }

  /** The worker died: say so, and make the next command start a fresh one (reloading data). */
  private onCrash(reason: string) {
    this.worker?.terminate();
    this.worker = null;
    this.stopBeat();
    this.bridge.rejectAll(new Error(`the training worker stopped (${reason})`));
    this.s.workerCrashed(
      `The training worker stopped unexpectedly (${reason}). Press Train to start again in a fresh worker; your settings and earlier runs are kept.`,
    );
    if (this.loadedDatasetId) this.loadDataset(this.loadedDatasetId);
  }

  private onEvent(msg: FromWorker) {
    if (this.bridge.receive(msg) || this.runs.receive(msg)) return;
    const s = this.s;
    if (!('datasetId' in msg) || msg.datasetId !== s.config.datasetId) return;
    switch (msg.type) {
      case 'datasetProgress':
        return s.setDatasetProgress(msg.loadedBytes, msg.totalBytes);
      case 'datasetReady':
        s.datasetReady(msg.info);
        return void this.restoreModel();
      case 'datasetError':
        return s.setDatasetState(
          'error',
          `${msg.message}. Rebuild the shards with \`npm run datasets\`, then reload the page.`,
        );
      default:
        assertNever(msg);
    }
  }

  /**
   * Keeps trained models in `history` from now on (null: this browser keeps none), and lets the
   * newest kept one answer again.
   */
  async attachHistory(history: RunHistory | null) {
    if (history) {
      await this.models.attach(history).catch(() => undefined);
      await this.teacher.attach(history).catch(() => undefined);
    }
    this.historyReady();
  }

  /**
   * Once the dataset and the history are in, picks who answers drawings: the newest kept run on
   * this dataset, else its starter (see ModelKeeper.answer). One choice at a time, in turn: a
   * dataset that becomes ready while the last one's choice is being made gets its own after it.
   */
  private restoreModel(): Promise<void> {
    const mine: Promise<void> = (this.restoring ?? this.history)
      .then(() => this.models.answer())
      .catch(() => undefined) // a worker that died mid-choice: the next dataset still gets its choice
      .finally(() => {
        if (this.restoring === mine) this.restoring = null;
      });
    this.restoring = mine;
    return mine;
  }

  /** Reads the dataset index, then loads the configured dataset if it is available. */
  async init(): Promise<void> {
    this.ensureWorker(); // its script and tfjs load while the index is fetched
    let entries;
    try {
      const res = await fetch(new URL(`${import.meta.env.BASE_URL}datasets/index.json`, location.href), {
        cache: 'no-cache',
      });
      entries = parseDatasetIndex(await res.json());
    } catch {
      entries = null;
    }
    if (!entries) {
      this.s.setDatasets([]);
      this.s.setDatasetState(
        'unavailable',
        'No dataset shards were found. Run `npm run datasets` in the project folder, then reload.',
      );
      return;
    }
    this.s.setDatasets(entries);
    this.selectDataset(this.s.config.datasetId);
  }

  /**
   * Loads a gallery recipe into the settings (the backend stays the person's) and switches to its
   * dataset; runs started from it carry its id. Returns the settings it changed, or null when a run
   * is training (the settings are locked then) or the id is unknown.
   */
  loadRecipe(id: string): (keyof Config)[] | null {
    const s = this.s;
    const recipe = recipeById(id);
    if (!recipe || runActive(s)) return null;
    const before = s.config;
    const next = recipeConfig(recipe, before.backend);
    s.replaceConfig(next, recipe.id);
    if (next.datasetId !== before.datasetId) this.selectDataset(next.datasetId);
    return changedSettings(before, next);
  }

  /** Switches the dataset: shows "unavailable" with the fix, or loads shards in the worker. */
  selectDataset(id: string) {
    const s = this.s;
    s.setConfig({ datasetId: id });
    const entry = s.datasets.find((d) => d.id === id);
    if (!entry || entry.state !== 'ready') {
      s.setDatasetState(
        'unavailable',
        `${entry?.name ?? id} is not available here. To add it, run: ${entry?.fix ?? 'npm run datasets'}`,
      );
      return;
    }
    this.loadDataset(id);
  }

  private loadDataset(id: string) {
    this.loadedDatasetId = id;
    void this.models.starterFiles(id); // downloads beside the shards
    this.s.setDatasetState('loading');
    this.post({ type: 'loadDataset', datasetId: id, baseUrl: datasetUrl(id) });
  }

  /** Asks for the augmented first batch the current config would train on (the preview grid). */
  requestPreview(count: number) {
    const { config, datasetState } = this.s;
    if (datasetState !== 'ready') return;
    const settings = previewSettings(config);
    this.bridge
      .request(
        {
          type: 'preview',
          augment: config.augment,
          seed: config.seed,
          trainSize: config.trainSize,
          validationSplit: config.validationSplit,
          count,
          colorMode: config.colorMode,
        },
        { latest: 'preview' },
      )
      .then((r) => this.s.setPreview({ ...r.preview, live: false, settings }), unlessAborted);
  }

  /** The current model as TensorFlow.js files (model.json text and weights), or an error message. */
  saveModel(): Promise<ModelFileReply> {
    return this.bridge.request({ type: 'saveModel' });
  }

  /** Makes a saved model (from the file `name`) the one the canvas predicts with. */
  async loadModel(modelJson: string, weights: ArrayBuffer, name: string): Promise<ModelFileReply> {
    const reply = await this.bridge.request({ type: 'loadModel', modelJson, weights }, { transfer: [weights] });
    if (reply.type === 'modelLoaded') this.s.modelLoaded({ kind: 'file', name, datasetId: this.s.config.datasetId });
    return reply;
  }

  /** Asks for the dataset browser's samples, counts and statistics. */
  browseDataset(perClass: number) {
    const datasetId = this.s.config.datasetId;
    this.bridge
      .request({ type: 'browse', perClass }, { latest: 'browse' })
      .then(({ type: _t, requestId: _r, ...rest }) => this.s.setBrowse({ ...rest, datasetId }), unlessAborted);
  }

  /**
   * Evaluates run `runId`'s model on the whole test set (for the confusion matrix): the model that
   * answers now when it is that run's, else the run's kept model. `slot` 1 is the matrix shown
   * beside the first, to compare two runs.
   */
  async evaluate(runId: number, slot: 0 | 1 = 0) {
    const s = this.s;
    s.setEvaluating(slot);
    const live = s.modelSource?.kind === 'run' && s.modelSource.runId === runId;
    const kept = live ? null : await this.models.files(runId);
    if (!live && !kept)
      return this.s.setEvalUnavailable(`Run ${runId} has no kept model to evaluate: train it again.`, slot);
    const model = kept ? { modelJson: kept.modelJson, weights: kept.weights } : undefined;
    this.bridge
      .request({ type: 'evaluate', model }, { latest: `evaluate${slot}`, transfer: kept ? [kept.weights] : [] })
      .then((r) => {
        if (r.type === 'evaluationUnavailable') return this.s.setEvalUnavailable(r.reason, slot);
        const classes = this.s.datasetInfo?.classes ?? [];
        this.s.setEvaluation({ runId, labels: r.labels, predicted: r.predicted, probs: r.probs, classes }, slot);
      }, unlessAborted);
  }

  /** Shows the test samples of a confusion-matrix cell (or the most confident mistakes), up to 40. */
  showSamples(cell: Gallery['cell']) {
    const e = this.s.evaluation;
    if (!e) return;
    const [t, p] = cell === 'mistakes' ? [null, null] : [cell.t, cell.p];
    const indices = cellSamples(e.labels, e.predicted, e.probs, e.classes.length, t, p, 40);
    this.s.setGallery({ cell, indices, images: null, shape: null });
    this.bridge.request({ type: 'testImages', indices }, { latest: 'gallery' }).then((r) => {
      const gallery = this.s.gallery;
      if (gallery) this.s.setGallery({ ...gallery, images: r.images, shape: r.shape });
    }, unlessAborted);
  }

  /** Classifies an image for the image panel: uint8 bytes of the dataset's shape. */
  classifyImage(bytes: Uint8Array, shape: [number, number, number], caption: string) {
    this.s.setImageInput({ bytes, shape, caption });
    if (this.s.activationsOpen) this.inspect({ pixels: Float32Array.from(bytes, (v) => v / 255), steps: null });
    this.bridge
      .request({ type: 'predict', pixels: Float32Array.from(bytes, (v) => v / 255) }, { latest: 'image' })
      .then(
        (r) =>
          r.type === 'prediction' ? this.s.setImagePrediction(r.probs) : this.s.setImagePrediction(null, r.reason),
        unlessAborted,
      );
  }

  /** Picks a random test image and classifies it. */
  randomTestImage() {
    const count = this.s.datasetInfo?.testCount ?? 0;
    if (!count) return;
    const index = Math.floor(Math.random() * count);
    this.bridge.request({ type: 'testImages', indices: [index] }, { latest: 'random' }).then((r) => {
      const label = this.s.datasetInfo?.classes[r.labels[0]] ?? r.labels[0];
      this.classifyImage(r.images, r.shape, `Test image #${index + 1}, labelled ${label}`);
    }, unlessAborted);
  }

  /** Asks for the drawing's class probabilities; while one request is in flight only the newest waits. */
  readonly predict = oneAtATime(async (pixels: Float32Array) => {
    const r = await this.bridge.request({ type: 'predict', pixels }, { transfer: [pixels.buffer] });
    if (r.type === 'prediction') this.s.setPrediction(r.probs);
    else this.s.setPrediction(null, r.reason);
  });

  /**
   * Asks what every layer makes of `pixels` (the drawing's 28x28 or an image), one request at a
   * time with the newest waiting; `steps` says how a drawing became them.
   */
  readonly inspect = oneAtATime(async ({ pixels, steps }: { pixels: Float32Array; steps: DigitSteps | null }) => {
    this.lastInspected = { pixels: pixels.slice(), steps };
    const classOf = this.s.saliencyClass ?? undefined;
    const r = await this.bridge.request({ type: 'inspect', pixels, classOf }, { transfer: [pixels.buffer] });
    if (r.type === 'inspection') {
      const { type: _t, requestId: _r, ...inspection } = r;
      this.s.setInspection({ ...inspection, steps });
    } else this.s.setInspection(null, r.reason);
  });

  /** What `inspect` last looked at, so another saliency class can be drawn for it. */
  private lastInspected: { pixels: Float32Array; steps: DigitSteps | null } | null = null;

  /** Draws the saliency of `classOf` (null: the class the model reads) for the last drawing or image. */
  showSaliencyOf(classOf: number | null) {
    this.s.setSaliencyClass(classOf);
    const last = this.lastInspected;
    if (last) this.inspect({ pixels: last.pixels.slice(), steps: last.steps });
  }

  dispose() {
    this.unsubscribe();
    if (typeof window !== 'undefined')
      for (const type of INPUT_EVENTS) window.removeEventListener(type, this.raiseForInput, { capture: true });
    this.backends.cancel();
    this.worker?.terminate();
    this.worker = null;
    this.stopBeat();
  }

  /**
   * The page beats while the worker trains, so that the trainer can tell when the page is stuck: from a run's
   * `runStarted` to that run's `runEnded` (a refused second Train, "already in progress", ends another run).
   */
  private beatFor(msg: FromWorker) {
    if (msg.type === 'runStarted') {
      this.beatingRun = msg.runId;
      this.pageBusy?.beat(true);
    } else if (msg.type === 'runEnded' && msg.runId === this.beatingRun) this.stopBeat();
  }

  private stopBeat() {
    this.beatingRun = null;
    this.pageBusy?.beat(false);
  }
}

/** A person's input that starts work on the page (a click's handler, a key's): the page raises its busy flag. */
const INPUT_EVENTS = ['pointerdown', 'keydown'] as const;
/** The worker's events whose frames are large (new rows, every epoch chart): the trainer waits for their paint. */
const HEAVY_EVENTS: ReadonlySet<FromWorker['type']> = new Set(['runStarted', 'epoch', 'runEnded']);

/** The real worker: the one the page's entry script started early, else a new one. */
const defaultWorker = (url: string, threads: number): WorkerPort =>
  takeEarlyWorker<Worker>(url) ?? createTrainerWorker(url, threads);

let client: TrainerClient | null = null;

/** The one trainer client, created on first use. */
export function getTrainerClient(): TrainerClient {
  client ??= new TrainerClient();
  return client;
}
