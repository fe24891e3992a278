// Starts, ends and sequences runs: the only code that posts run commands and turns run events
// into store updates (one update per event).
import { createRunIds } from './runIds';
import type { StoreApi } from 'zustand';
import type { AppState } from '../store/useAppStore';
import type { Config } from '../shared/config';
import type { BackendName, FromWorker, RunEvent, ToWorker } from '../shared/protocol';
import type { ModelSpec } from '../model/spec';
import { toTrainConfig } from '../shared/trainConfig';
import { assertNever } from '../shared/assertNever';
import { configProblem, runActive, shapeReportOf, specFor } from '../store/selectors';
import { augmentLabel } from '../store/runLabels';
import { newRun, type Run } from '../store/runsSlice';
import { recipeById, recipeModified } from '../shared/recipes';
import type { SweepKnob } from '../store/sweep';

/** Names what a preview shows, e.g. "aug rot ±20° shift 2px · seed 42". */
export const previewSettings = (c: Config) => `${augmentLabel(c.augment)} · seed ${c.seed}`;

export interface RunController {
  /** Trains the current settings, or `config` when given. Returns the run id, or null when Train is blocked. */
  start(config?: Config): number | null;
  /** Queues one run per value of `knob` and starts the first; the rest follow as each ends. */
  startSweep(knob: SweepKnob, values: string[], overrides?: Partial<Config>): void;
  /** Stops the current run and drops the rest of the sweep. */
  cancelSweep(): void;
  pause(): void;
  resume(): void;
  stop(): void;
  /** Takes an event about a run; returns false for every other event. Events of an older run are dropped. */
  receive(msg: FromWorker): boolean;
}

const isRunEvent = (msg: FromWorker): msg is RunEvent => 'runId' in msg;

/** What the controller needs to resolve "Auto" to a backend (see `backendChoice.ts`). */
export interface AutoBackend {
  /** The kept choice for this network's kind, or null when it has not been measured. */
  known(spec: ModelSpec): { chosen: BackendName } | null;
  /** Measures this network's kind (or joins the measurement under way). */
  measure(spec: ModelSpec): Promise<{ chosen: BackendName }>;
}

/** What a run controller can be given besides its worker, store and Auto. */
export interface RunControllerOptions {
  /** Hears each run's end first, before a sweep's next run is posted. */
  onEnded?: (runId: number, status: 'done' | 'stopped' | 'error') => void;
  /** The next run id, at least `atLeast` (default: ids kept across tabs, see `runIds.ts`). */
  nextId?: (atLeast: number) => number;
  /**
   * Calls back once the page has shown what a start changed (the page passes `afterPaint`); the run's
   * train command waits for it. Default: at once.
   */
  afterPaint?: (fn: () => void) => void;
}

/**
 * A controller posting run commands with `post` and writing run events into `store`. A run on
 * "Auto" trains on `auto`'s kept choice at once; only a kind of network never measured in this
 * browser waits for the measurement.
 */
export function createRunController(
  post: (msg: ToWorker) => void,
  store: StoreApi<AppState>,
  auto: AutoBackend,
  { onEnded = () => undefined, nextId = createRunIds(), afterPaint = (fn) => fn() }: RunControllerOptions = {},
): RunController {
  const get = () => store.getState();
  /** The run begun on the page whose train command waits for `afterPaint`, if any. */
  let unposted: number | null = null;

  type Prepared = { run: Run; spec: ModelSpec; command: (backend: BackendName) => ToWorker };

  /** A run record for `config` with a fresh id, and the command that trains it; null when it cannot train. */
  function prepare(config: Config): Prepared | null {
    const s = get();
    if (!s.datasetInfo || configProblem(s, config)) return null;
    const id = nextId(Math.max(0, ...s.runs.map((r) => r.id)));
    const spec = specFor(config, s.datasetInfo.imageShape, s.datasetInfo.classes.length);
    const run = newRun(id, config, shapeReportOf(config, s.datasetInfo).trainableParams);
    const recipe = recipeById(s.recipeId);
    if (recipe) Object.assign(run, { recipe: recipe.id, recipeModified: recipeModified(recipe, config) });
    return {
      run,
      spec,
      command: (backend) => ({ type: 'train', runId: id, backend, spec, config: toTrainConfig(config) }),
    };
  }

  /** The backend a prepared run trains on now, or null when Auto has yet to measure its kind of network. */
  const backendNow = (p: Prepared): BackendName | null =>
    p.run.config.backend === 'auto' ? (auto.known(p.spec)?.chosen ?? null) : p.run.config.backend;

  /** Posts a run that waited for Auto's measurement, unless it was stopped meanwhile. */
  function afterProbe(p: Prepared) {
    const waited = Date.now();
    auto.measure(p.spec).then(
      ({ chosen }) => {
        if (get().currentRunId !== p.run.id || !runActive(get())) return;
        get().runProbed(p.run.id, Date.now() - waited);
        post(p.command(chosen));
      },
      (e: Error) => {
        if (get().currentRunId === p.run.id && runActive(get()))
          ended({ type: 'runEnded', runId: p.run.id, status: 'error', message: e.message });
      },
    );
  }

  /**
   * Begins a prepared run: on a known backend once the page has shown it begun, else after Auto's
   * measurement. Why wait for the paint: the worker's start (building the model, then training on every
   * core) took the cores from the page while it was still rendering the click on Train, and that task
   * took 45-65 ms instead of its ~23 ms of CPU (Chromium trace, 20 runs on the page).
   */
  function launch(p: Prepared, begin: (phase: 'probing' | 'starting') => void) {
    const backend = backendNow(p);
    begin(backend ? 'starting' : 'probing');
    if (!backend) return afterProbe(p);
    unposted = p.run.id;
    afterPaint(() => {
      if (unposted !== p.run.id) return;
      unposted = null;
      if (get().currentRunId === p.run.id && runActive(get())) post(p.command(backend));
    });
  }

  function start(config: Config = get().config): number | null {
    const next = runActive(get()) ? null : prepare(config);
    if (!next) return null;
    // Marks for the benchmark: Train to first batch (see scripts/bench.mjs).
    globalThis.performance?.mark?.(`run-${next.run.id}-start`);
    launch(next, (phase) => get().beginRun(next.run, phase));
    return next.run.id;
  }

  const command = (type: 'pause' | 'resume') => {
    const runId = get().currentRunId;
    // (A run not posted yet has nothing to pause: the worker would not know it.)
    if (runId !== null && runId !== unposted) post({ type, runId });
  };

  /** Ends a run; in a sweep that goes on, the next run begins in the same store update. */
  function ended(e: Extract<RunEvent, { type: 'runEnded' }>) {
    // Before the next run is posted: whatever the ending asks of the worker comes before it.
    onEnded(e.runId, e.status);
    const { sweep } = get();
    const next = sweep && e.status !== 'stopped' && sweep.queue.length > 0 ? prepare(sweep.queue[0]) : null;
    if (next) launch(next, (phase) => get().runEnded(e, next.run, phase));
    else get().runEnded(e, null);
  }

  /** Stop: a run still waiting for Auto's measurement or the paint ends here; the worker stops one it trains. */
  function stop() {
    const s = get();
    if (s.currentRunId === null) return;
    if (s.phase === 'probing' || s.currentRunId === unposted) {
      unposted = null;
      ended({ type: 'runEnded', runId: s.currentRunId, status: 'stopped' });
    } else post({ type: 'stop', runId: s.currentRunId });
  }

  function onRunEvent(msg: RunEvent) {
    const s = get();
    switch (msg.type) {
      case 'runStarted':
        return s.runStarted(msg);
      case 'paused':
        return s.setStatus('paused');
      case 'resumed':
        return s.setStatus('running');
      case 'progress':
        if (msg.fromStep === 0) globalThis.performance?.mark?.(`run-${msg.runId}-first-batch`);
        return s.runProgress(msg);
      case 'epoch':
        return s.runEpoch(msg);
      case 'health':
        return s.runHealth(msg);
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
    startSweep(knob, values, overrides) {
      if (runActive(get()) || !get().startSweep(knob, values, overrides)) return;
      if (start(get().sweep!.queue[0]) === null) get().endSweep(false);
    },
    cancelSweep() {
      get().endSweep(false);
      stop();
    },
    pause: () => command('pause'),
    resume: () => command('resume'),
    stop,
    receive(msg) {
      if (!isRunEvent(msg)) return false;
      if (msg.runId === get().currentRunId) onRunEvent(msg);
      return true;
    },
  };
}
