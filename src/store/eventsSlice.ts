// Updates that span slices: a run's life as the worker reports it, the dataset arriving, a new
// model. Each is one `set`, because every update re-runs every subscriber's selector.
import type { StateCreator } from 'zustand';
import type { AppState } from './useAppStore';
import type { DatasetInfo, RunEvent } from '../shared/protocol';
import { endedRun, updateRun, withBatches, type Run } from './runsSlice';
import { statusFields } from './trainingSlice';
import { sweepEnd } from './sweepSlice';
import type { ModelSource } from './predictionSlice';

type Event<T extends RunEvent['type']> = Extract<RunEvent, { type: T }>;

export interface EventsSlice {
  /**
   * Lists `run` and makes it the one training, with fresh progress; in a sweep it also becomes
   * the sweep's next run (its config leaves the queue).
   */
  beginRun: (run: Run, phase?: 'probing' | 'starting') => void;
  /** Auto's measurement is in after `probeMs` and the run is on its way to the worker. */
  runProbed: (runId: number, probeMs: number) => void;
  runStarted: (e: Event<'runStarted'>) => void;
  runProgress: (e: Event<'progress'>) => void;
  runEpoch: (e: Event<'epoch'>) => void;
  runHealth: (e: Event<'health'>) => void;
  /**
   * Ends a run. In a sweep, `next` (the sweep's next run, already posted) begins in the same
   * update; without one the sweep ends: finished when its queue is empty, else cancelled.
   */
  runEnded: (e: Event<'runEnded'>, next?: Run | null, nextPhase?: 'probing' | 'starting') => void;
  /** The worker died: the current run (if any) fails with `message`, and the model is gone. */
  workerCrashed: (message: string) => void;
  /** The dataset is in; a training size above its sample count is lowered to it (CIFAR-10 has 50,000). */
  datasetReady: (info: DatasetInfo) => void;
  /** A loaded model now answers (a file, a kept run's): the drawing and image are asked again. */
  modelLoaded: (source: ModelSource) => void;
}

/** The state a new current run starts from. */
const begin = (s: AppState, run: Run, phase: 'probing' | 'starting' = 'starting'): Partial<AppState> => ({
  runs: [...s.runs, run],
  currentRunId: run.id,
  status: 'running',
  phase,
  trainError: null,
  runNote: null,
  normStats: null,
  epoch: 0,
  samplesDone: 0,
  samplesPerSec: 0,
  currentLr: null,
  // The worker replaces its model with the new run's: until its first epoch, nothing answers, and
  // a fine-tuning can no longer be undone.
  modelSource: null,
  tune: { state: 'idle' },
  modelVersion: s.modelVersion + 1,
  ...(s.sweep ? { sweep: { ...s.sweep, queue: s.sweep.queue.slice(1), runIds: [...s.sweep.runIds, run.id] } } : {}),
});

export const createEventsSlice: StateCreator<AppState, [], [], EventsSlice> = (set) => ({
  beginRun: (run, phase) => set((s) => begin(s, run, phase)),
  runProbed: (runId, probeMs) =>
    set((s) => ({ runs: updateRun(s.runs, runId, (r) => ({ ...r, probeMs })), phase: 'starting' })),
  runStarted: (e) =>
    set((s) => ({
      // The run's clock starts with training: a wait for the backend probe is kept apart, in `probeMs`.
      runs: updateRun(s.runs, e.runId, (r) => ({ ...r, backend: e.backend, startedAt: Date.now() })),
      backendInUse: e.backend,
      threadsInUse: e.threads,
      samplesTotal: e.samplesTotal,
      normStats: e.stats,
      phase: 'training',
    })),
  runProgress: (e) =>
    set((s) => ({
      runs: updateRun(s.runs, e.runId, (r) => withBatches(r, e.fromStep, e.loss, e.acc, e.samplesPerSec)),
      epoch: e.epoch,
      samplesDone: e.samplesDone,
      samplesTotal: e.samplesTotal,
      samplesPerSec: e.samplesPerSec,
      currentLr: e.lr,
    })),
  runHealth: (e) =>
    set((s) => ({ runs: updateRun(s.runs, e.runId, (r) => ({ ...r, health: [...(r.health ?? []), e.sample] })) })),
  runEpoch: (e) =>
    set((s) => ({
      runs: updateRun(s.runs, e.runId, (r) => ({ ...r, epochs: [...r.epochs, e.metrics] })),
      modelSource: {
        kind: 'run',
        datasetId: s.runs.find((r) => r.id === e.runId)?.config.datasetId ?? s.config.datasetId,
        runId: e.runId,
        epoch: e.metrics.epoch,
        testAcc: e.metrics.testAcc,
      },
      modelVersion: s.modelVersion + 1,
    })),
  runEnded: (e, next = null, nextPhase) =>
    set((s) => {
      const ended: AppState = {
        ...s,
        runs: updateRun(s.runs, e.runId, (r) => endedRun(r, e.status, e.message ?? e.note ?? null)),
        ...statusFields(e.status, e.message ?? null),
        runNote: e.note ?? null,
        modelVersion: s.modelVersion + 1,
      };
      if (next && e.status !== 'stopped') return { ...ended, ...begin(ended, next, nextPhase) };
      return {
        ...ended,
        ...sweepEnd(ended, e.status !== 'stopped' && !!ended.sweep && ended.sweep.queue.length === 0),
      };
    }),
  workerCrashed: (message) =>
    set((s) => {
      const active = s.currentRunId !== null && (s.status === 'running' || s.status === 'paused');
      const runs = active ? updateRun(s.runs, s.currentRunId!, (r) => endedRun(r, 'error', message)) : s.runs;
      return {
        runs,
        ...statusFields('error', message),
        probs: null,
        modelSource: null,
        predictionHint: 'Train a model to see its predictions.',
        modelVersion: s.modelVersion + 1,
        ...sweepEnd({ ...s, runs }, false),
      };
    }),
  datasetReady: (info) =>
    set((s) => ({
      datasetInfo: info,
      datasetState: 'ready',
      datasetMessage: null,
      ...(s.config.trainSize > info.trainCount ? { config: { ...s.config, trainSize: info.trainCount } } : {}),
    })),
  modelLoaded: (modelSource) =>
    set((s) => ({
      probs: null,
      predictionHint: 'Draw a digit in the box.',
      modelSource,
      modelVersion: s.modelVersion + 1,
    })),
});
