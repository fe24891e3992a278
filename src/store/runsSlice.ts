import type { StateCreator } from 'zustand';
import type { AppState } from './useAppStore';
import type { Config } from '../shared/config';
import type { EpochMetrics } from '../model/train';
import type { BackendName } from '../shared/protocol';

/** `interrupted`: the page was closed or reloaded while the run was training. `error`: it failed. */
export type RunStatus = 'running' | 'done' | 'stopped' | 'error' | 'interrupted';

/** One training run: its config and everything it measured. Kept in IndexedDB across reloads. */
export interface Run {
  id: number;
  /** A name the person gave it, or null to label it by its settings. */
  name: string | null;
  starred: boolean;
  /** Drawn in the charts (picked for comparison). */
  shown: boolean;
  config: Config;
  status: RunStatus;
  backend: BackendName | null;
  /** Per-batch loss and accuracy, indexed by global step. */
  batchLoss: number[];
  batchAcc: number[];
  epochs: EpochMetrics[];
  startedAt: number;
  /** When the run ended (null while it runs). */
  endedAt: number | null;
  /** Latest training samples/s. */
  samplesPerSec: number;
  /** Trainable parameters of the network, as built for the dataset. */
  params: number | null;
  /** (global step, ms since start) at each progress report, to plot loss against wall time. */
  timeline: [number, number][];
  /** Why it failed, or how it ended (e.g. stopped early). */
  message: string | null;
}

export interface RunsSlice {
  runs: Run[];
  /** Set when the run history could not be read or written (e.g. storage is full). */
  historyError: string | null;
  /** Adds runs from a file with fresh ids after every existing run (a run still marked running comes in interrupted). */
  importRuns: (runs: Run[]) => void;
  /** Puts runs loaded from the history before this session's runs. */
  restoreRuns: (runs: Run[]) => void;
  renameRun: (id: number, name: string | null) => void;
  toggleStar: (id: number) => void;
  setShown: (id: number, shown: boolean) => void;
  deleteRun: (id: number) => void;
  setHistoryError: (message: string | null) => void;
  /** Copies a run's whole config, seed included, into the settings, to change one knob and train again. */
  forkRun: (id: number) => void;
}

/** `runs` with run `id` replaced by `f(run)`. */
export const updateRun = (runs: Run[], id: number, f: (r: Run) => Run) => runs.map((r) => (r.id === id ? f(r) : r));

/** A run with new batch points from global step `fromStep` (a resent step replaces the old one). */
export const withBatches = (
  r: Run,
  fromStep: number,
  loss: number[],
  acc: number[],
  samplesPerSec: number,
  now = Date.now(),
): Run => ({
  ...r,
  samplesPerSec,
  timeline: [...r.timeline, [fromStep + loss.length, now - r.startedAt]],
  batchLoss: [...r.batchLoss.slice(0, fromStep), ...loss],
  batchAcc: [...r.batchAcc.slice(0, fromStep), ...acc],
});

/** A run that ended with `status` (and why, when there is something to say). */
export const endedRun = (r: Run, status: RunStatus, message: string | null = null, now = Date.now()): Run => ({
  ...r,
  status,
  message,
  endedAt: now,
});

/** A new run record as training starts. */
export const newRun = (id: number, config: Config, params: number | null = null, startedAt = Date.now()): Run => ({
  id,
  name: null,
  starred: false,
  shown: true,
  config,
  status: 'running',
  backend: null,
  batchLoss: [],
  batchAcc: [],
  epochs: [],
  startedAt,
  endedAt: null,
  samplesPerSec: 0,
  message: null,
  params,
  timeline: [],
});

export const createRunsSlice: StateCreator<AppState, [], [], RunsSlice> = (set, get) => ({
  runs: [],
  historyError: null,
  importRuns: (incoming) =>
    set((s) => {
      const next = Math.max(0, ...s.runs.map((r) => r.id)) + 1;
      return {
        runs: [
          ...s.runs,
          ...incoming.map((r, i) => ({
            ...r,
            id: next + i,
            status: r.status === 'running' ? ('interrupted' as const) : r.status,
          })),
        ],
      };
    }),
  restoreRuns: (restored) =>
    set((s) => {
      const have = new Set(s.runs.map((r) => r.id));
      return { runs: [...restored.filter((r) => !have.has(r.id)), ...s.runs] };
    }),
  renameRun: (id, name) => set((s) => ({ runs: updateRun(s.runs, id, (r) => ({ ...r, name: name?.trim() || null })) })),
  toggleStar: (id) => set((s) => ({ runs: updateRun(s.runs, id, (r) => ({ ...r, starred: !r.starred })) })),
  setShown: (id, shown) => set((s) => ({ runs: updateRun(s.runs, id, (r) => ({ ...r, shown })) })),
  deleteRun: (id) => set((s) => ({ runs: s.runs.filter((r) => r.id !== id) })),
  setHistoryError: (historyError) => set({ historyError }),
  forkRun: (id) => {
    const run = get().runs.find((r) => r.id === id);
    if (run) get().replaceConfig(run.config);
  },
});
