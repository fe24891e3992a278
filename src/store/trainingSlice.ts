import type { StateCreator } from 'zustand';
import type { AppState } from './useAppStore';
import type { BackendName, ProbeResult } from '../workers/protocol';

export type TrainStatus = 'idle' | 'running' | 'paused' | 'done' | 'stopped' | 'error';

export interface TrainingSlice {
  status: TrainStatus;
  /** 'probing' while auto measures backends, then 'training'. */
  phase: 'probing' | 'training' | null;
  currentRunId: number | null;
  epoch: number;
  samplesDone: number;
  samplesTotal: number;
  samplesPerSec: number;
  /** Learning rate of the current epoch, as the schedule set it. */
  currentLr: number | null;
  backendInUse: BackendName | null;
  probe: ProbeResult[];
  trainError: string | null;
  probs: number[] | null;
  predictionHint: string | null;
  startRunStatus: (runId: number) => void;
  setStatus: (status: TrainStatus, error?: string | null) => void;
  setProbe: (probe: ProbeResult[]) => void;
  setRunStarted: (backend: BackendName, samplesTotal: number) => void;
  setProgress: (p: { epoch: number; samplesDone: number; samplesTotal: number; samplesPerSec: number; currentLr: number | null }) => void;
  setPrediction: (probs: number[] | null, hint?: string | null) => void;
}

export const createTrainingSlice: StateCreator<AppState, [], [], TrainingSlice> = (set) => ({
  status: 'idle',
  phase: null,
  currentRunId: null,
  epoch: 0,
  samplesDone: 0,
  samplesTotal: 0,
  samplesPerSec: 0,
  currentLr: null,
  backendInUse: null,
  probe: [],
  trainError: null,
  probs: null,
  predictionHint: null,
  startRunStatus: (currentRunId) =>
    set({ currentRunId, status: 'running', phase: 'probing', trainError: null, epoch: 0, samplesDone: 0, samplesPerSec: 0, currentLr: null }),
  setStatus: (status, trainError = null) => set({ status, trainError, ...(status === 'running' || status === 'paused' ? {} : { phase: null }) }),
  setProbe: (probe) => set({ probe }),
  setRunStarted: (backendInUse, samplesTotal) => set({ backendInUse, samplesTotal, phase: 'training' }),
  setProgress: (p) => set(p),
  setPrediction: (probs, predictionHint = null) => set({ probs, predictionHint }),
});
