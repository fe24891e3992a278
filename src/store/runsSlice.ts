import type { StateCreator } from 'zustand';
import type { AppState } from './useAppStore';
import type { Config } from '../shared/config';
import type { EpochMetrics } from '../model/train';
import type { HealthSample } from '../model/health';
import type { BackendName } from '../shared/protocol';

/** `interrupted`: the page was closed or reloaded while the run was training. `error`: it failed. */
export type RunStatus = 'running' | 'done' | 'stopped' | 'error' | 'interrupted';

/** One training run: its config and everything it measured. Kept in IndexedDB across reloads. */
export interface Run {
  id: number;
  /**
   * Stable identity across browsers and files: importing a run that is already here is skipped.
   * Runs from before it existed get one made from their start time and id.
   */
  uid: string;
  /** A name the person gave it, or null to label it by its settings. */
  name: string | null;
  starred: boolean;
  /** Drawn in the charts (new runs are). */
  shown: boolean;
  /** In the comparison table and config diff (opt-in). */
  compared: boolean;
  /** The gallery recipe it was trained from (its id in `shared/recipes.ts`; labels it). */
  recipe?: string | null;
  /** A setting differed from the recipe's when it started. */
  recipeModified?: boolean;
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
  /** Milliseconds the run waited for Auto's first backend measurement, before training started (absent: none). */
  probeMs?: number;
  /** Training health measured a few times per epoch (absent: not recorded, e.g. imported from elsewhere). */
  health?: HealthSample[];
  /** Where a run trained outside the page (an exported PyTorch or Keras script); absent for the page's own runs. */
  engine?: RunEngine;
}

/** The engine, device and processes of a run an exported script trained, as its run file says. */
export interface RunEngine {
  name: 'pytorch' | 'keras';
  /** The engine's version (Keras adds its backend). */
  version: string;
  device: string;
  /** Processes that trained it together (torchrun's world size), and the machines they ran on. */
  processes: number;
  nodes: number;
  /** Mixed precision (float16 on CUDA). */
  amp: boolean;
  hardware: string;
}

export interface RunsSlice {
  runs: Run[];
  /** Set when the run history could not be read or written (e.g. storage is full). */
  historyError: string | null;
  /** Adds runs from a file with fresh ids after every existing run (a run still marked running comes in interrupted). */
  importRuns: (runs: Run[]) => { added: number; skipped: number };
  /** Puts runs loaded from the history before this session's runs. */
  restoreRuns: (runs: Run[]) => void;
  renameRun: (id: number, name: string | null) => void;
  toggleStar: (id: number) => void;
  setShown: (id: number, shown: boolean) => void;
  setCompared: (id: number, compared: boolean) => void;
  /** Removes a run; it can be put back with {@link undoDelete} until the next delete or {@link forgetDeleted}. */
  deleteRun: (id: number) => void;
  /** The last run deleted and where it stood, while it can still be put back. */
  lastDeleted: { run: Run; index: number } | null;
  undoDelete: () => void;
  forgetDeleted: () => void;
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
  batchLoss: replaceFrom(r.batchLoss, fromStep, loss),
  batchAcc: replaceFrom(r.batchAcc, fromStep, acc),
});

/**
 * `xs` up to index `from`, then `ys`; one copy with concat, not spread: at batch 1 a run holds a million
 * points, copied on every report.
 */
const replaceFrom = (xs: number[], from: number, ys: number[]) =>
  (xs.length === from ? xs : xs.slice(0, from)).concat(ys);

/** A run that ended with `status` (and why, when there is something to say). */
export const endedRun = (r: Run, status: RunStatus, message: string | null = null, now = Date.now()): Run => ({
  ...r,
  status,
  message,
  endedAt: now,
});

/** A fresh random run identity. */
export const newUid = (): string =>
  globalThis.crypto?.randomUUID?.() ?? `run-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

/** The identity of a run from before run ids existed: its start time and number. */
export const legacyUid = (r: Pick<Run, 'startedAt' | 'id'>) => `legacy-${r.startedAt}-${r.id}`;

/** Whether `a` and `b` are the same run: same identity, or (files without one) same start time and settings. */
export const sameRun = (a: Run, b: Partial<Run> & Pick<Run, 'startedAt' | 'config'>): boolean =>
  b.uid ? a.uid === b.uid : a.startedAt === b.startedAt && JSON.stringify(a.config) === JSON.stringify(b.config);

/** A new run record as training starts. */
export const newRun = (id: number, config: Config, params: number | null = null, startedAt = Date.now()): Run => ({
  id,
  uid: newUid(),
  compared: false,
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
  importRuns: (incoming) => {
    const s = get();
    const fresh = incoming.filter(
      (r, i) => !s.runs.some((x) => sameRun(x, r)) && !incoming.slice(0, i).some((x) => sameRun(x, r)),
    );
    const next = Math.max(0, ...s.runs.map((r) => r.id)) + 1;
    set({
      runs: [
        ...s.runs,
        ...fresh.map((r, i) => ({
          ...r,
          id: next + i,
          uid: r.uid || legacyUid(r),
          compared: r.compared ?? false,
          status: r.status === 'running' ? ('interrupted' as const) : r.status,
        })),
      ],
    });
    return { added: fresh.length, skipped: incoming.length - fresh.length };
  },
  restoreRuns: (restored) =>
    set((s) => {
      const have = new Set(s.runs.map((r) => r.id));
      return { runs: [...restored.filter((r) => !have.has(r.id)), ...s.runs] };
    }),
  renameRun: (id, name) => set((s) => ({ runs: updateRun(s.runs, id, (r) => ({ ...r, name: name?.trim() || null })) })),
  toggleStar: (id) => set((s) => ({ runs: updateRun(s.runs, id, (r) => ({ ...r, starred: !r.starred })) })),
  setShown: (id, shown) => set((s) => ({ runs: updateRun(s.runs, id, (r) => ({ ...r, shown })) })),
  setCompared: (id, compared) => set((s) => ({ runs: updateRun(s.runs, id, (r) => ({ ...r, compared })) })),
  deleteRun: (id) =>
    set((s) => {
      const index = s.runs.findIndex((r) => r.id === id);
      if (index < 0) return {};
      return { runs: s.runs.filter((r) => r.id !== id), lastDeleted: { run: s.runs[index], index } };
    }),
  lastDeleted: null,
  undoDelete: () =>
    set((s) => {
      if (!s.lastDeleted) return {};
      const { run, index } = s.lastDeleted;
      return { runs: [...s.runs.slice(0, index), run, ...s.runs.slice(index)], lastDeleted: null };
    }),
  forgetDeleted: () => set({ lastDeleted: null }),
  setHistoryError: (historyError) => set({ historyError }),
  forkRun: (id) => {
    const run = get().runs.find((r) => r.id === id);
    if (run) get().replaceConfig(run.config, run.recipe ?? null);
  },
});
