import type { StateCreator } from 'zustand';
import type { AppState } from './useAppStore';
import type { Config } from './configSlice';
import type { EpochMetrics } from '../model/train';
import type { BackendName } from '../workers/protocol';

export type RunStatus = 'running' | 'done' | 'stopped' | 'error';

/** One training run of this session: its config and everything it measured. */
export interface Run {
  id: number;
  config: Config;
  status: RunStatus;
  backend: BackendName | null;
  /** Per-batch loss and accuracy, indexed by global step. */
  batchLoss: number[];
  batchAcc: number[];
  epochs: EpochMetrics[];
  startedAt: number;
}

export interface RunsSlice {
  runs: Run[];
  addRun: (id: number, config: Config) => void;
  appendBatches: (id: number, fromStep: number, loss: number[], acc: number[]) => void;
  addEpoch: (id: number, m: EpochMetrics) => void;
  setRunBackend: (id: number, backend: BackendName) => void;
  endRun: (id: number, status: RunStatus) => void;
}

const update = (runs: Run[], id: number, f: (r: Run) => Run) => runs.map((r) => (r.id === id ? f(r) : r));

export const createRunsSlice: StateCreator<AppState, [], [], RunsSlice> = (set) => ({
  runs: [],
  addRun: (id, config) =>
    set((s) => ({ runs: [...s.runs, { id, config, status: 'running', backend: null, batchLoss: [], batchAcc: [], epochs: [],
      startedAt: Date.now() }] })),
  appendBatches: (id, fromStep, loss, acc) =>
    set((s) => ({
      runs: update(s.runs, id, (r) => ({
        ...r,
        batchLoss: [...r.batchLoss.slice(0, fromStep), ...loss],
        batchAcc: [...r.batchAcc.slice(0, fromStep), ...acc],
      })),
    })),
  addEpoch: (id, m) => set((s) => ({ runs: update(s.runs, id, (r) => ({ ...r, epochs: [...r.epochs, m] })) })),
  setRunBackend: (id, backend) => set((s) => ({ runs: update(s.runs, id, (r) => ({ ...r, backend })) })),
  endRun: (id, status) => set((s) => ({ runs: update(s.runs, id, (r) => ({ ...r, status })) })),
});
