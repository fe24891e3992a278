// Starts, ends and sequences runs: the only code that posts run commands and turns run events
// into store updates (one update per event).
import type { StoreApi } from 'zustand';
import type { AppState } from '../store/useAppStore';
import type { Config } from '../shared/config';
import type { FromWorker, RunEvent, ToWorker } from '../shared/protocol';
import { toTrainConfig } from '../shared/trainConfig';
import { assertNever } from '../shared/assertNever';
import { configProblem, runActive, shapeReportOf, specFor } from '../store/selectors';
import { augmentLabel } from '../store/runLabels';
import { newRun, type Run } from '../store/runsSlice';
import type { SweepKnob } from '../store/sweep';

/** Names what a preview shows, e.g. "aug rot ±20° shift 2px · seed 42". */
export const previewSettings = (c: Config) => `${augmentLabel(c.augment)} · seed ${c.seed}`;

export interface RunController {
  /** Trains the current settings, or `config` when given. Returns the run id, or null when Train is blocked. */
  start(config?: Config): number | null;
  /** Queues one run per value of `knob` and starts the first; the rest follow as each ends. */
  startSweep(knob: SweepKnob, values: string[]): void;
  /** Stops the current run and drops the rest of the sweep. */
  cancelSweep(): void;
  pause(): void;
  resume(): void;
  stop(): void;
  /** Takes an event about a run; returns false for every other event. Events of an older run are dropped. */
  receive(msg: FromWorker): boolean;
}

const isRunEvent = (msg: FromWorker): msg is RunEvent => 'runId' in msg;

/** A controller posting run commands with `post` and writing run events into `store`. */
export function createRunController(post: (msg: ToWorker) => void, store: StoreApi<AppState>): RunController {
  let nextRunId = 1;
  const get = () => store.getState();

  /** A run record for `config` with a fresh id, and the command that trains it; null when it cannot train. */
  function prepare(config: Config): { run: Run; command: ToWorker } | null {
    const s = get();
    if (!s.datasetInfo || configProblem(s, config)) return null;
    const id = Math.max(nextRunId, ...s.runs.map((r) => r.id + 1));
    nextRunId = id + 1;
    const spec = specFor(config, s.datasetInfo.imageShape, s.datasetInfo.classes.length);
    const run = newRun(id, config, shapeReportOf(config, s.datasetInfo).trainableParams);
    return { run, command: { type: 'train', runId: id, backend: config.backend, spec, config: toTrainConfig(config) } };
  }

  function start(config: Config = get().config): number | null {
    const next = runActive(get()) ? null : prepare(config);
    if (!next) return null;
    get().beginRun(next.run);
    post(next.command);
    return next.run.id;
  }

  const command = (type: 'pause' | 'resume' | 'stop') => {
    const runId = get().currentRunId;
    if (runId !== null) post({ type, runId });
  };

  /** Ends a run; in a sweep that goes on, the next run begins in the same store update. */
  function ended(e: Extract<RunEvent, { type: 'runEnded' }>) {
    const { sweep } = get();
    const next = sweep && e.status !== 'stopped' && sweep.queue.length > 0 ? prepare(sweep.queue[0]) : null;
    get().runEnded(e, next?.run ?? null);
    if (next) post(next.command);
  }

  function onRunEvent(msg: RunEvent) {
    const s = get();
    switch (msg.type) {
      case 'probe':
        return s.setProbe(msg.results);
      case 'runStarted':
        return s.runStarted(msg);
      case 'paused':
        return s.setStatus('paused');
      case 'resumed':
        return s.setStatus('running');
      case 'progress':
        return s.runProgress(msg);
      case 'epoch':
        return s.runEpoch(msg);
      case 'runEnded':
        return ended(msg);
      case 'batchPreview': {
        const run = s.runs.find((r) => r.id === msg.runId);
        return s.setPreview({ ...msg.preview, live: true, settings: run ? previewSettings(run.config) : '' });
      }
      default:
        assertNever(msg);
    }
  }

  return {
    start,
    startSweep(knob, values) {
      if (runActive(get()) || !get().startSweep(knob, values)) return;
      if (start(get().sweep!.queue[0]) === null) get().endSweep(false);
    },
    cancelSweep() {
      get().endSweep(false);
      command('stop');
    },
    pause: () => command('pause'),
    resume: () => command('resume'),
    stop: () => command('stop'),
    receive(msg) {
      if (!isRunEvent(msg)) return false;
      if (msg.runId === get().currentRunId) onRunEvent(msg);
      return true;
    },
  };
}
