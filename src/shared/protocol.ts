// The only contract between the page and the trainer worker. Types only, no logic.
import type { ModelSpec } from '../model/spec';
import type { OptimizerId, OptimizerParams } from '../model/optimizerIds';
import type { EpochMetrics, LossId } from '../model/train';
import type { HealthSample } from '../model/health';
import type { Inspection } from '../model/inspect';
import type { Schedule } from '../model/schedules';
import type { AugmentConfig } from '../data/augment';
import type { ChannelStats, NormalizationId } from '../data/normalize';

/** A backend tfjs can train on. */
export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
/** The user's choice: a backend, or `auto` to measure and pick the fastest. */
export type BackendChoice = 'auto' | BackendName;

/** Everything a run needs besides the architecture. */
export interface TrainConfig {
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Training samples per epoch (the first ones of the training split). */
  trainSize: number;
  seed: number;
  optimizer: OptimizerId;
  optimizerParams: OptimizerParams;
  /** Per-epoch schedule applied to `learningRate`. */
  schedule: Schedule;
  loss: LossId;
  /** Global L2 penalty on kernels (0 = off); a layer's own `l2` in the spec overrides it. */
  l2: number;
  /** Fraction of the training samples held out (from the end) for validation; 0 = none. */
  validationSplit: number;
  /** Stop when the validation loss has not improved for `patience` epochs; null = off. */
  earlyStopping: { patience: number } | null;
  normalization: NormalizationId;
  /** Seeded augmentation of training batches. */
  augment: AugmentConfig;
  /** Colour datasets: 'gray' trains on grayscale versions of the images. */
  colorMode: 'rgb' | 'gray';
}

/** A few training images after augmentation (uint8, h·w·c each, concatenated), for the preview grid. */
export interface PreviewImages {
  images: Uint8Array;
  count: number;
  shape: [number, number, number];
  epoch: number;
  /** 1-based batch number within the epoch. */
  batch: number;
}

/** One backend's result in the auto-selection probe. */
export interface ProbeResult {
  backend: BackendName;
  /** Measured training samples/s, or null when the backend could not train. */
  samplesPerSec: number | null;
  /** Why it was not chosen (or 'chosen'), in plain words. */
  note: string;
}

/** Dataset facts the page shows once shards are loaded. */
export interface DatasetInfo {
  id: string;
  name: string;
  trainCount: number;
  testCount: number;
  imageShape: [number, number, number];
  classes: string[];
  fromCache: boolean;
}

/** Commands from the page. Train-related ones carry the run they belong to. */
export type ToWorker =
  | { type: 'loadDataset'; datasetId: string; baseUrl: string }
  /** Trains `spec` on `backend` (the page resolves `auto` to a backend with the probe worker first). */
  | { type: 'train'; runId: number; spec: ModelSpec; config: TrainConfig; backend: BackendName }
  | { type: 'pause'; runId: number }
  | { type: 'resume'; runId: number }
  | { type: 'stop'; runId: number }
  /** Asks for the current model in the TensorFlow.js layers format. */
  | { type: 'saveModel'; requestId: number }
  /** Makes a saved model (model.json text + its weights) the current model, for predictions. */
  | { type: 'loadModel'; requestId: number; modelJson: string; weights: ArrayBuffer }
  /** Asks for the dataset browser: `perClass` training images of each class, counts and per-channel stats. */
  | { type: 'browse'; requestId: number; perClass: number }
  /** Asks for a model's predictions on the whole test set: the current model, or `model` (a kept run's files). */
  | { type: 'evaluate'; requestId: number; model?: { modelJson: string; weights: ArrayBuffer } }
  /** Asks for test images (uint8) by index, e.g. the samples behind a confusion-matrix cell. */
  | { type: 'testImages'; requestId: number; indices: number[] }
  /** Asks for the first `count` images of epoch 1's first batch as `augment` and `seed` would make them. */
  | {
      type: 'preview';
      requestId: number;
      augment: AugmentConfig;
      seed: number;
      trainSize: number;
      validationSplit: number;
      count: number;
      colorMode: 'rgb' | 'gray';
    }
  /** `pixels`: h*w*c floats in [0, 1] for the current dataset's shape. */
  | { type: 'predict'; requestId: number; pixels: Float32Array }
  /** Fine-tunes the current model on the person's drawings (28x28 bytes each, with labels) for `steps` steps. */
  | { type: 'tune'; requestId: number; images: Uint8Array; labels: Uint8Array; steps: number }
  /** Puts back the model as it was before the last fine-tuning. */
  | { type: 'untune'; requestId: number }
  /** Asks what every layer makes of `pixels` (as for `predict`), with the saliency of class `classOf` (default: the top one). */
  | { type: 'inspect'; requestId: number; pixels: Float32Array; classOf?: number }
  /** Test-only (e2e, through window.__nnTest): causes a fault the page must survive, e.g. losing the GPU device. */
  | { type: 'testFault'; fault: 'loseGpuDevice' }
  /**
   * The page's busy flag, {@link PAGE_BUSY_BYTES} of Int32s (client/pageBusy.ts). At index 0: {@link BUSY} or
   * {@link BUSY_HEAVY} while the page has work to show, until it has painted, else 0; while it is up, training
   * leaves the helper threads asleep, so the page gets a core; at {@link BUSY_HEAVY} the trainer also waits
   * between steps until it is painted, up to 50 ms. At {@link BEAT_AT}: the page's heartbeat, a count the page
   * adds one to every {@link BEAT_MS} while a run trains ({@link BEATING_AT} is 1 then): when it stops moving,
   * the page's thread is stuck (a long task, a garbage collection) and the trainer waits for it.
   */
  | { type: 'pageBusy'; flag: SharedArrayBuffer };

/** The size of the `pageBusy` message's shared memory: three Int32s (the flag, the heartbeat, whether it beats). */
export const PAGE_BUSY_BYTES = 12;
/** Where the page's heartbeat count is, in the `pageBusy` Int32s. */
export const BEAT_AT = 1;
/** Where the `pageBusy` Int32s say whether the page beats (1) or not (0: no run, or a hidden page). */
export const BEATING_AT = 2;
/**
 * How often the page's heartbeat ticks while a run trains, in ms. A tick is a timer task: it runs only when the
 * page's thread is free, so a count that stays put for a few ticks tells the trainer the page is stuck.
 */
export const BEAT_MS = 8;

/** The page's busy flag's value while the page has something to show: training runs on one thread. */
export const BUSY = 1;
/**
 * The page's busy flag's value while the page has a large frame to show (a run's start or end, an epoch's end, a
 * person's click or key): the trainer also waits between two steps, leaving both cores to the page, until the
 * frame is painted (at most workers/kernels/simd/kernelPool.ts's PAGE_FRAME_WAIT_MS). With the helper asleep and
 * the trainer's thread on one core, such frames (19-33 ms of CPU) still took 51-92 ms: V8's and the compositor's
 * threads competed with the page for the other.
 */
export const BUSY_HEAVY = 2;

/** Events from the worker. */
export type FromWorker =
  | { type: 'datasetProgress'; datasetId: string; loadedBytes: number; totalBytes: number }
  | { type: 'datasetReady'; datasetId: string; info: DatasetInfo }
  | { type: 'datasetError'; datasetId: string; message: string }
  /** `stats`: the per-channel mean/std the run normalises with (standardize only). */
  | {
      type: 'runStarted';
      runId: number;
      backend: BackendName;
      /** Threads training runs on (the wasm backend's pool; 1 on cpu), null on a GPU backend. */
      threads: number | null;
      samplesTotal: number;
      stats: ChannelStats | null;
    }
  /** The run has stopped between two steps: no `progress` follows until `resumed`. */
  | { type: 'paused'; runId: number }
  | { type: 'resumed'; runId: number }
  /** New batch points only (from global step `fromStep`), at most ~10 a second. */
  | {
      type: 'progress';
      runId: number;
      epoch: number;
      fromStep: number;
      loss: number[];
      acc: number[];
      samplesDone: number;
      samplesTotal: number;
      samplesPerSec: number;
      lr: number | null;
    }
  | { type: 'epoch'; runId: number; metrics: EpochMetrics }
  /** A few times per epoch and at each epoch's end: every weighted layer's health on a fixed probe batch. */
  | { type: 'health'; runId: number; sample: HealthSample }
  /** `message` explains an error; `note` tells how a finished run ended (e.g. stopped early). */
  | { type: 'runEnded'; runId: number; status: 'done' | 'stopped' | 'error'; message?: string; note?: string }
  /** Answer to `evaluate`: true labels, predicted classes and `classes` probabilities per test sample. */
  | { type: 'evaluation'; requestId: number; labels: Uint8Array; predicted: Uint8Array; probs: Float32Array }
  | { type: 'evaluationUnavailable'; requestId: number; reason: string }
  /** Answer to `testImages`: the images in request order, h·w·c bytes each. */
  | {
      type: 'testImages';
      requestId: number;
      indices: number[];
      labels: Uint8Array;
      images: Uint8Array;
      shape: [number, number, number];
    }
  /** Answer to `saveModel`: the two files' contents. */
  | { type: 'modelSaved'; requestId: number; modelJson: string; weights: ArrayBuffer }
  /** Answer to `loadModel`: the model is in use (`params` trainable parameters), or why not. */
  | { type: 'modelLoaded'; requestId: number; params: number }
  | { type: 'modelFileError'; requestId: number; message: string }
  /** Answer to `browse`: images class by class (`perClass` each, fewer if a class is short), counts per split, stats of the training set. */
  | {
      type: 'browse';
      requestId: number;
      perClass: number;
      images: Uint8Array;
      shape: [number, number, number];
      shown: number[];
      trainCounts: number[];
      testCounts: number[];
      stats: ChannelStats;
    }
  /** Answer to a `preview` command. */
  | { type: 'preview'; requestId: number; preview: PreviewImages }
  /** During training, every few seconds: the batch being trained on. */
  | { type: 'batchPreview'; runId: number; preview: PreviewImages }
  | { type: 'prediction'; requestId: number; probs: number[] }
  /** Answer to `inspect`: every layer's output, conv kernels, and the saliency map. */
  | ({ type: 'inspection'; requestId: number } & Inspection)
  | { type: 'inspectionUnavailable'; requestId: number; reason: string }
  /** Answer to `tune`: test accuracy before and after (null when it cannot be measured). */
  | { type: 'tuned'; requestId: number; before: number | null; after: number | null }
  | { type: 'untuned'; requestId: number }
  | { type: 'tuneFailed'; requestId: number; reason: string }
  | { type: 'predictionUnavailable'; requestId: number; reason: string };

/** Asks the probe worker to time `spec` on every backend, at `batchSize`, with seeded noise as data. */
export interface ToProbe {
  type: 'probe';
  spec: ModelSpec;
  batchSize: number;
  seed: number;
}

/** The probe worker's reports: each backend's result as it lands, then the choice (or why none). */
export type FromProbe =
  | { type: 'probeProgress'; results: ProbeResult[] }
  | { type: 'probeDone'; chosen: BackendName; results: ProbeResult[] }
  | { type: 'probeFailed'; message: string };

/**
 * Which events answer each request. A request carries a `requestId` that its one answer repeats;
 * the page's bridge derives a request's reply type from this map.
 */
export interface ReplyTypes {
  saveModel: 'modelSaved' | 'modelFileError';
  loadModel: 'modelLoaded' | 'modelFileError';
  browse: 'browse';
  evaluate: 'evaluation' | 'evaluationUnavailable';
  testImages: 'testImages';
  preview: 'preview';
  predict: 'prediction' | 'predictionUnavailable';
  inspect: 'inspection' | 'inspectionUnavailable';
  tune: 'tuned' | 'tuneFailed';
  untune: 'untuned' | 'tuneFailed';
}

/** A command that gets exactly one answer. */
export type WorkerRequest = Extract<ToWorker, { requestId: number }>;
/** The answer events, each carrying its request's `requestId`. */
export type WorkerReply = Extract<FromWorker, { requestId: number }>;
/** The answer a request of type `K` gets. */
export type ReplyTo<K extends WorkerRequest['type']> = Extract<WorkerReply, { type: ReplyTypes[K] }>;
/** Events about a run (each carries its `runId`; the page drops those of an older run). */
export type RunEvent = Extract<FromWorker, { runId: number }>;

// Compile-time check: every request type has an entry above, and every reply type answers some request.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
/** Fails to compile when {@link ReplyTypes} and the message unions drift apart. */
export type ReplyMapComplete = Assert<Same<keyof ReplyTypes, WorkerRequest['type']>> &
  Assert<Same<ReplyTypes[keyof ReplyTypes], WorkerReply['type']>>;
