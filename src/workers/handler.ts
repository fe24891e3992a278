import * as tf from '@tensorflow/tfjs';
import type { BackendName, ToWorker } from '../shared/protocol';
import { assertNever } from '../shared/assertNever';
import { buildModel, predictProbs } from '../model/build';
import { inspectPrediction } from '../model/inspect';
import { fineTune } from '../model/finetune';
import { mulberry32 } from '../model/rng';
import { NO_AUGMENT } from '../data/augment';
import { createOptimizer } from '../model/optimizers';
import { DivergedError, NonFiniteLossError, train, type TrainResult } from '../model/train';
import { startingLossMessage } from '../model/startingLoss';
import { makeBatch, range } from '../data/batches';
import { loadDataset, type RawDataset } from '../data/shards';
import { backendTask, switchBackend, trainingThreads } from './backends';
import { specProblem } from '../shared/specProblem';
import type { PixelTransform } from '../data/normalize';
import { grayscaleDataset, luma } from '../data/grayscale';
import { channelStats, defaultPixelTransform } from '../data/normalize';
import { browseDataset, classCounts } from '../data/browse';
import { firstBatchPreview, loopOptions, runData } from './runData';
import { plannedSamples } from '../model/split';
import { cloneModel, loadModelFiles, ModelFileError, saveModelFiles } from './modelFiles';
import { createThrottledYield, createYield } from './yieldNow';
import { createHealthWatch } from './healthWatch';
import { waitForPageFrame, waitForStuckPage, yieldToPage } from './kernels/simd/kernelPool';
import { createDatasetSlot, type DatasetSlot, type Post } from './datasetSlot';
import { throwLater } from './throwLater';

interface RunControl {
  runId: number;
  paused: boolean;
  stop: boolean;
  wake: (() => void) | null;
}

/** The runEnded note for a finished run that early stopping cut short or rolled back. */
function endNote(r: TrainResult): { note?: string } {
  if (r.earlyStop) {
    const { epoch, bestEpoch, bestValLoss } = r.earlyStop;
    return {
      note:
        `Stopped early after epoch ${epoch}: the validation loss had not improved for ${epoch - bestEpoch} ` +
        `epoch${epoch - bestEpoch === 1 ? '' : 's'}. Kept the weights of epoch ${bestEpoch} (validation loss ${bestValLoss.toFixed(4)}).`,
    };
  }
  if (r.restoredEpoch)
    return { note: `Kept the weights of epoch ${r.restoredEpoch}, which had the lowest validation loss.` };
  return {};
}

/**
 * The worker's logic as a plain function: `handle(msg)` for each command, events via `post`.
 * Owns the current model and every tensor; the dataset (uint8) lives in `data`. One run at a time.
 * A request handler that fails unexpectedly (a model replaced while it was read, a read-back that failed) answers
 * with its request's "unavailable" reply and the reason; one that has no such reply reaches `uncaught` (by default
 * the worker's uncaught error, which the page shows as the worker's crash). Neither stays a rejected promise that
 * nobody answers.
 */
export function createHandler(
  post: Post,
  data: DatasetSlot = createDatasetSlot(post, loadDataset),
  uncaught: (error: unknown) => void = throwLater,
) {
  /** What a failure says, for a reply's reason. */
  const reasonOf = (e: unknown) => (e instanceof Error ? e.message : String(e));
  /** Runs a request's handler on its own; if it fails, `answer` tells the page why, else `uncaught` hears of it. */
  const detach = (work: Promise<unknown>, answer?: (reason: string) => void) =>
    void work.catch((e: unknown) => (answer ? answer(reasonOf(e)) : uncaught(e)));
  /** A request's "unavailable" reply, `lead: reason`, for {@link detach}. */
  const unavailable =
    (
      type: 'predictionUnavailable' | 'inspectionUnavailable' | 'evaluationUnavailable' | 'tuneFailed',
      requestId: number,
      lead: string,
    ) =>
    (reason: string) =>
      post({ type, requestId, reason: `${lead}: ${reason}` });
  let model: tf.LayersModel | null = null;
  /** The dataset as the current model sees it (grayscale when it trained on gray input). */
  let modelData: RawDataset | null = null;
  const grayCache = new WeakMap<RawDataset, RawDataset>();
  /** A colour dataset's grayscale version, converted once. */
  const grayOf = (ds: RawDataset) => {
    if (!grayCache.has(ds)) grayCache.set(ds, grayscaleDataset(ds));
    return grayCache.get(ds)!;
  };
  /** The backend the last run trained on (null until one has). */
  let activeBackend: BackendName | null = null;
  /** How the current model's inputs were normalised, so predictions see the same. */
  let modelPixel: PixelTransform | null = null;
  let run: RunControl | null = null;
  /** The model before the last fine-tuning, to undo it. */
  let beforeTuning: { model: tf.LayersModel; pixel: PixelTransform | null } | null = null;
  const yieldNow = createYield();
  const yieldBetweenSteps = createThrottledYield(5);

  /** Switches tfjs to the run's backend (the page chose it, measuring first when asked for the fastest). */
  function chooseBackend(backend: BackendName): Promise<BackendName> {
    return backendTask(async () => {
      const err = await switchBackend(backend);
      if (err) throw new Error(`${backend}: ${err}. Pick another backend or Auto.`);
      if (backend === 'webgpu') watchGpuDevice();
      activeBackend = backend;
      return backend;
    });
  }

  /** The WebGPU backend's device, as far as this code needs it (the worker has no DOM types). */
  const gpuDevice = () =>
    (tf.backend() as unknown as { device?: { lost: Promise<{ reason: string; message: string }>; destroy(): void } })
      .device;

  /**
   * A lost GPU device (driver reset, GPU removed, tab in the background too long) cannot be used
   * again by this worker's tfjs. The worker stops with the reason as an uncaught error: the page
   * marks the run as stopped by an error with the metrics it had, says why, and the next Train
   * starts a fresh worker, with a fresh device.
   */
  let watched: unknown = null;
  function watchGpuDevice() {
    const device = gpuDevice();
    if (!device || watched === device) return;
    watched = device;
    void device.lost.then((info) => throwLater(new Error(`the GPU device was lost (${info.message || info.reason})`)));
  }

  async function onTrain(msg: Extract<ToWorker, { type: 'train' }>) {
    if (run) {
      post({
        type: 'runEnded',
        runId: msg.runId,
        status: 'error',
        message: 'A run is already in progress. Stop it first.',
      });
      return;
    }
    const control: RunControl = { runId: msg.runId, paused: false, stop: false, wake: null };
    run = control;
    try {
      const loadedDs = await data.current();
      if (!loadedDs)
        throw new Error(
          'The dataset is not loaded, so training cannot start. Fix the dataset first (see the message above).',
        );
      const ds = msg.config.colorMode === 'gray' ? grayOf(loadedDs) : loadedDs;
      const invalid = specProblem(msg.spec, ds.manifest.imageShape, ds.manifest.classes.length);
      if (invalid) throw new Error(invalid);
      await saving;
      model?.dispose();
      model = null;
      // A new run's model is not the tuned one: there is nothing to undo any more.
      beforeTuning?.model.dispose();
      beforeTuning = null;
      const backend = await chooseBackend(msg.backend);
      const { config } = msg;
      const prepared = runData(ds, config, (preview) =>
        post({ type: 'batchPreview', runId: msg.runId, preview }, [preview.images.buffer]),
      );
      post({
        type: 'runStarted',
        runId: msg.runId,
        backend,
        threads: trainingThreads(backend),
        samplesTotal: plannedSamples(config),
        stats: prepared.stats,
      });
      model = buildModel(msg.spec, config.seed);
      modelPixel = prepared.pixel;
      modelData = ds;
      const optimizer = createOptimizer(config.optimizer, config.learningRate, config.optimizerParams);
      const health = createHealthWatch(model, msg.spec, prepared.data, config, post, msg.runId);
      try {
        const result = await train(model, optimizer, prepared.data, loopOptions(config, msg.spec), {
          onProgress: (r) => post({ type: 'progress', runId: msg.runId, ...r }),
          onEpochEnd: (metrics) => post({ type: 'epoch', runId: msg.runId, metrics }),
          inspect: health.inspect,
          checkpoint: async () => {
            if (!waitForPageFrame()) waitForStuckPage();
            await yieldBetweenSteps();
            // Paused is said here, where the loop stops, not when the pause arrives: a step or a read-back
            // still under way then would report progress after it.
            if (control.paused && !control.stop) post({ type: 'paused', runId: msg.runId });
            while (control.paused && !control.stop) await new Promise<void>((r) => (control.wake = r));
            return control.stop;
          },
        });
        post({ type: 'runEnded', runId: msg.runId, status: result.status, ...endNote(result) });
      } finally {
        optimizer.dispose();
        health.dispose();
      }
    } catch (e) {
      const lossError = e instanceof NonFiniteLossError || e instanceof DivergedError ? e : null;
      // At step 1 no weight has moved yet: the starting weights or inputs are to blame, not the learning rate.
      const message = !lossError
        ? `Training failed: ${(e as Error).message}`
        : lossError.step === 0
          ? startingLossMessage(
              lossError instanceof DivergedError ? lossError.loss : null,
              msg.spec,
              msg.config.normalization,
            )
          : lossError.message;
      post({ type: 'runEnded', runId: msg.runId, status: 'error', message });
    } finally {
      run = null;
    }
  }

  function setPaused(runId: number, paused: boolean) {
    if (run?.runId !== runId) return;
    const was = run.paused;
    run.paused = paused;
    if (paused || !was) return;
    run.wake?.();
    post({ type: 'resumed', runId });
  }

  /** Class probabilities of `m` on every test image of `ds`, 500 at a time, yielding between batches. */
  async function testProbabilities(
    m: tf.LayersModel,
    pixel: PixelTransform | null,
    ds: RawDataset,
  ): Promise<Float32Array> {
    const { imageShape, classes } = ds.manifest;
    const n = ds.test.labels.length;
    const order = range(n);
    const probs = new Float32Array(n * classes.length);
    for (let from = 0; from < n; from += 500) {
      const to = Math.min(n, from + 500);
      const out = tf.tidy(() => {
        const { xs } = makeBatch(ds.test, order, from, to, imageShape, classes.length, { pixel: pixel ?? undefined });
        return predictProbs(m, xs);
      });
      probs.set(await out.data(), from * classes.length);
      out.dispose();
      await yieldNow();
    }
    return probs;
  }

  /** Evaluates the current model, or the model in `files` (a kept run's) without replacing the current one. */
  async function onEvaluate(requestId: number, files?: { modelJson: string; weights: ArrayBuffer }) {
    const unavailable = (reason: string) => post({ type: 'evaluationUnavailable', requestId, reason });
    if (run) return unavailable('Wait for the run to finish (or stop it), then evaluate.');
    const ds = files ? await data.current() : (modelData ?? (await data.current()));
    let evaluated: { m: tf.LayersModel; pixel: PixelTransform | null; temporary: boolean } | null = null;
    if (files) {
      await ensureBackend();
      const loaded = await loadModelFiles(files.modelJson, files.weights).catch(() => null);
      if (!loaded) return unavailable('The kept model of this run could not be read. Train it again to evaluate it.');
      evaluated = { m: loaded.model, pixel: loaded.meta?.pixel ?? null, temporary: true };
    } else if (model) {
      evaluated = { m: model, pixel: modelPixel, temporary: false };
    }
    if (!evaluated || !ds) return unavailable('Train a model first: the evaluation uses the last trained model.');
    try {
      const classes = ds.manifest.classes.length;
      const probs = await testProbabilities(evaluated.m, evaluated.pixel, ds);
      const n = ds.test.labels.length;
      const predicted = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        let best = 0;
        for (let c = 1; c < classes; c++) if (probs[i * classes + c] > probs[i * classes + best]) best = c;
        predicted[i] = best;
      }
      const labels = ds.test.labels.slice();
      post({ type: 'evaluation', requestId, labels, predicted, probs }, [
        labels.buffer,
        predicted.buffer,
        probs.buffer,
      ]);
    } finally {
      if (evaluated.temporary) evaluated.m.dispose();
    }
  }

  /** Makes sure tfjs has a backend when no run has chosen one yet: a loaded model only predicts, so wasm (else plain JS) is enough. */
  function ensureBackend() {
    // One task: a run that starts meanwhile changes the backend after this, never between wasm and its fallback.
    return backendTask(async () => {
      if (activeBackend) return;
      activeBackend = (await switchBackend('wasm')) === null ? 'wasm' : 'cpu';
      if (activeBackend === 'cpu') await switchBackend('cpu');
    });
  }

  async function onBrowse(requestId: number, perClass: number) {
    const ds = await data.current();
    if (!ds) return;
    const { imageShape: shape, classes } = ds.manifest;
    const b = browseDataset(ds, perClass);
    const stats = channelStats(
      ds.train.images,
      shape[0] * shape[1] * shape[2],
      shape[2],
      range(ds.train.labels.length),
    );
    post(
      {
        type: 'browse',
        requestId,
        perClass,
        shape,
        stats,
        ...b,
        testCounts: classCounts(ds.test.labels, classes.length),
      },
      [b.images.buffer],
    );
  }

  async function onTestImages(requestId: number, indices: number[]) {
    const ds = await data.current();
    if (!ds) return;
    const shape = ds.manifest.imageShape;
    const px = shape[0] * shape[1] * shape[2];
    const images = new Uint8Array(indices.length * px);
    indices.forEach((idx, k) => images.set(ds.test.images.subarray(idx * px, (idx + 1) * px), k * px));
    const labels = Uint8Array.from(indices, (i) => ds.test.labels[i]);
    post({ type: 'testImages', requestId, indices, labels, images, shape }, [images.buffer]);
  }

  /** A save under way: a run that starts next waits for it before it replaces the model. */
  let saving: Promise<unknown> = Promise.resolve();

  function onSaveModel(requestId: number) {
    // Answered either way: the page keeps each run's model with this request and waits for its answer.
    saving = saveModel(requestId).catch((e: unknown) =>
      post({ type: 'modelFileError', requestId, message: `The model could not be saved: ${reasonOf(e)}` }),
    );
  }

  async function saveModel(requestId: number) {
    const ds = await data.current();
    if (!model)
      return post({
        type: 'modelFileError',
        requestId,
        message: 'Train a model first: Save model saves the last trained one.',
      });
    const meta = {
      pixel: modelPixel ?? defaultPixelTransform(model.inputs[0].shape[3] ?? 1),
      datasetId: ds?.manifest.id ?? '',
      classes: ds?.manifest.classes ?? [],
    };
    const files = await saveModelFiles(model, meta);
    post({ type: 'modelSaved', requestId, ...files }, [files.weights]);
  }

  async function onLoadModel(requestId: number, modelJson: string, weights: ArrayBuffer) {
    const busy = () => post({ type: 'modelFileError', requestId, message: 'Stop the run before loading a model.' });
    if (run) return busy();
    try {
      const ds = await data.current();
      await ensureBackend();
      const loaded = await loadModelFiles(modelJson, weights);
      // A run may have started while the files were read: its model stays.
      if (run) {
        loaded.model.dispose();
        return busy();
      }
      const shape = loaded.model.inputs[0].shape.slice(1).join('x');
      const want = ds?.manifest.imageShape.join('x');
      if (want && shape !== want) {
        loaded.model.dispose();
        throw new ModelFileError(
          `This model takes ${shape} images but the dataset has ${want}. Pick the dataset it was trained on.`,
        );
      }
      model?.dispose();
      model = loaded.model;
      modelPixel = loaded.meta?.pixel ?? null;
      const params = loaded.model.countParams();
      post({ type: 'modelLoaded', requestId, params });
    } catch (e) {
      post({
        type: 'modelFileError',
        requestId,
        message: e instanceof ModelFileError ? e.message : `The model could not be loaded: ${(e as Error).message}`,
      });
    }
  }

  /** Test accuracy of the current model (or null without a dataset of its shape). */
  async function testAccuracy(): Promise<number | null> {
    const ds = modelData ?? (await data.current());
    if (!model || !ds || ds.manifest.imageShape.join('x') !== model.inputs[0].shape.slice(1).join('x')) return null;
    const probs = await testProbabilities(model, modelPixel, ds);
    const k = ds.manifest.classes.length;
    let right = 0;
    for (let i = 0; i < ds.test.labels.length; i++) {
      let best = 0;
      for (let c = 1; c < k; c++) if (probs[i * k + c] > probs[i * k + best]) best = c;
      if (best === ds.test.labels[i]) right++;
    }
    return right / ds.test.labels.length;
  }

  /**
   * Fine-tunes the current model on the person's own drawings (28x28 bytes), each step mixing
   * up to 16 of them (lightly augmented) with 32 replayed training images, so it learns their
   * handwriting without forgetting the dataset. The model before stays, to undo.
   */
  async function onTune(requestId: number, images: Uint8Array, labels: Uint8Array, steps: number) {
    const fail = (reason: string) => post({ type: 'tuneFailed', requestId, reason });
    if (run) return fail('Wait for the run to finish (or stop it), then fine-tune.');
    if (!model) return fail('No model answers yet: train one or load the starter first.');
    const ds = await data.current();
    if (!ds || ds.manifest.imageShape.join('x') !== '28x28x1')
      return fail('Fine-tuning on drawings needs a 28x28 gray dataset (MNIST).');
    if (labels.length === 0) return fail('Add a few of your drawings first, each with its label.');
    const before = await testAccuracy();
    const pixel = modelPixel ?? defaultPixelTransform(1);
    const backup = await cloneModel(model);
    const own = { images, labels };
    const shape: [number, number, number] = [28, 28, 1];
    const k = ds.manifest.classes.length;
    const pick = (n: number, max: number, seed: number) => {
      const rand = mulberry32(seed);
      return Int32Array.from({ length: n }, () => Math.floor(rand() * max));
    };
    const mine = { ...NO_AUGMENT, rotation: 10, shift: 2, scale: 10, slant: 10 };
    await fineTune(
      model,
      (step) =>
        tf.tidy(() => {
          const a = makeBatch(
            own,
            pick(Math.min(16, labels.length * 2), labels.length, 7 + step),
            0,
            Math.min(16, labels.length * 2),
            shape,
            k,
            {
              pixel,
              augment: { config: mine, seed: 7, epoch: step + 1 },
            },
          );
          const b = makeBatch(ds.train, pick(32, ds.train.labels.length, 1000 + step), 0, 32, shape, k, { pixel });
          return { xs: tf.concat([a.xs, b.xs]) as tf.Tensor4D, ys: tf.concat([a.ys, b.ys]) as tf.Tensor2D };
        }),
      steps,
      3e-4,
    );
    beforeTuning?.model.dispose();
    beforeTuning = { model: backup, pixel: modelPixel };
    const after = await testAccuracy();
    post({ type: 'tuned', requestId, before, after });
  }

  function onUntune(requestId: number) {
    if (!beforeTuning) return post({ type: 'tuneFailed', requestId, reason: 'There is no fine-tuning to undo.' });
    model?.dispose();
    model = beforeTuning.model;
    modelPixel = beforeTuning.pixel;
    beforeTuning = null;
    post({ type: 'untuned', requestId });
  }

  /**
   * The current model's input for `pixels` (h·w·c values in [0, 1] of the model's shape, or RGB
   * for a gray model: converted by luma), normalised as it was trained; or why there is none.
   */
  function modelInput(pixels: Float32Array): { input: Float32Array; shape: [number, number, number] } | string {
    if (!model) return 'Train a model to see its predictions.';
    const [h, w, c] = model.inputs[0].shape.slice(1) as [number, number, number];
    if (pixels.length !== h * w * c && !(c === 1 && pixels.length === h * w * 3)) {
      return `This model expects ${h}x${w}x${c} images; this input has ${pixels.length} values.`;
    }
    const { scale, offset } = modelPixel ?? defaultPixelTransform(c);
    const gray =
      c === 1 && pixels.length === h * w * 3
        ? Float32Array.from(
            { length: h * w },
            (_, i) => luma(pixels[3 * i] * 255, pixels[3 * i + 1] * 255, pixels[3 * i + 2] * 255) / 255,
          )
        : pixels;
    return { input: gray.map((v, i) => v * 255 * scale[i % c] + offset[i % c]), shape: [h, w, c] };
  }

  /**
   * Read back asynchronously: WebGPU's synchronous read copies through a 256x256 WebGPU canvas, and where the GPU
   * process cannot make that canvas's image (Chromium on SwiftShader here) the device is lost with it.
   */
  async function onPredict(requestId: number, pixels: Float32Array) {
    const x = modelInput(pixels);
    if (typeof x === 'string') return post({ type: 'predictionUnavailable', requestId, reason: x });
    const out = tf.tidy(() => predictProbs(model!, tf.tensor4d(x.input, [1, ...x.shape])));
    try {
      post({ type: 'prediction', requestId, probs: Array.from(await out.data()) });
    } finally {
      out.dispose();
    }
  }

  async function onInspect(requestId: number, pixels: Float32Array, classOf?: number) {
    const x = modelInput(pixels);
    if (typeof x === 'string') return post({ type: 'inspectionUnavailable', requestId, reason: x });
    const input = tf.tensor4d(x.input, [1, ...x.shape]);
    try {
      const r = await inspectPrediction(model!, input, classOf);
      const buffers = [
        r.saliency.buffer,
        ...r.layers.flatMap((l) => [l.values.buffer, ...(l.filters ? [l.filters.values.buffer] : [])]),
      ];
      post({ type: 'inspection', requestId, ...r }, buffers as ArrayBuffer[]);
    } finally {
      input.dispose();
    }
  }

  return function handle(msg: ToWorker): void {
    switch (msg.type) {
      case 'loadDataset':
        return data.load(msg.datasetId, msg.baseUrl);
      case 'train':
        detach(onTrain(msg));
        return;
      case 'pause':
        return setPaused(msg.runId, true);
      case 'resume':
        return setPaused(msg.runId, false);
      case 'stop':
        if (run?.runId === msg.runId) {
          run.stop = true;
          run.wake?.();
        }
        return;
      case 'predict':
        detach(
          onPredict(msg.requestId, msg.pixels),
          unavailable('predictionUnavailable', msg.requestId, 'The model could not answer'),
        );
        return;
      case 'inspect':
        detach(
          onInspect(msg.requestId, msg.pixels, msg.classOf),
          unavailable('inspectionUnavailable', msg.requestId, 'The model could not be looked inside'),
        );
        return;
      case 'tune':
        detach(
          onTune(msg.requestId, msg.images, msg.labels, msg.steps),
          unavailable('tuneFailed', msg.requestId, 'Fine-tuning failed'),
        );
        return;
      case 'untune':
        return onUntune(msg.requestId);
      case 'saveModel':
        onSaveModel(msg.requestId);
        return;
      case 'loadModel':
        detach(onLoadModel(msg.requestId, msg.modelJson, msg.weights));
        return;
      case 'browse':
        detach(onBrowse(msg.requestId, msg.perClass));
        return;
      case 'evaluate':
        detach(
          onEvaluate(msg.requestId, msg.model),
          unavailable('evaluationUnavailable', msg.requestId, 'The evaluation failed'),
        );
        return;
      case 'testImages':
        detach(onTestImages(msg.requestId, msg.indices));
        return;
      case 'testFault':
        if (tf.getBackend() === 'webgpu') gpuDevice()?.destroy();
        return;
      case 'pageBusy':
        yieldToPage(msg.flag);
        return;
      case 'preview':
        detach(
          data.current().then((loaded) => {
            if (!loaded) return;
            const ds = msg.colorMode === 'gray' ? grayOf(loaded) : loaded;
            const preview = firstBatchPreview(ds, msg.augment, msg.seed, msg.trainSize, msg.validationSplit, msg.count);
            post({ type: 'preview', requestId: msg.requestId, preview }, [preview.images.buffer]);
          }),
        );
        return;
      default:
        assertNever(msg);
    }
  };
}
