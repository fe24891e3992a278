import type { StateCreator } from 'zustand';
import type { AppState } from './useAppStore';
import type { BackendName, PreviewImages, ProbeResult } from '../shared/protocol';
import type { ChannelStats } from '../data/normalize';
import type { Run } from './runsSlice';

/**
 * Augmented training images to show; `live` when they come from the batch being trained on.
 * `settings` names the augmentation and seed they were made with.
 */
export type Preview = PreviewImages & { live: boolean; settings: string };

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
  /** How the last finished run ended, when there is something to say (e.g. stopped early). */
  runNote: string | null;
  /** Per-channel mean/std the current run standardises with. */
  normStats: ChannelStats | null;
  preview: Preview | null;
  probs: number[] | null;
  /** The image classifier's input (uint8, dataset shape) and its predicted probabilities. */
  imageInput: { bytes: Uint8Array; shape: [number, number, number]; caption: string } | null;
  imageProbs: number[] | null;
  imageHint: string | null;
  setImageInput: (input: { bytes: Uint8Array; shape: [number, number, number]; caption: string } | null) => void;
  setImagePrediction: (probs: number[] | null, hint?: string | null) => void;
  /** Bumped when a saved model is loaded, so the canvas re-classifies its drawing. */
  modelVersion: number;
  bumpModel: () => void;
  predictionHint: string | null;
  /**
   * Adds `run` to the list and makes it the one training, with fresh progress, in one store update:
   * every update re-runs every subscriber's selector, on the click that starts the run.
   */
  beginRun: (run: Run) => void;
  setStatus: (status: TrainStatus, error?: string | null) => void;
  setProbe: (probe: ProbeResult[]) => void;
  setRunStarted: (backend: BackendName, samplesTotal: number, normStats: ChannelStats | null) => void;
  setRunNote: (note: string | null) => void;
  setPreview: (preview: Preview | null) => void;
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
  runNote: null,
  normStats: null,
  preview: null,
  probs: null,
  imageInput: null,
  imageProbs: null,
  imageHint: null,
  setImageInput: (imageInput) => set({ imageInput }),
  setImagePrediction: (imageProbs, imageHint = null) => set({ imageProbs, imageHint }),
  modelVersion: 0,
  bumpModel: () => set((s) => ({ modelVersion: s.modelVersion + 1 })),
  predictionHint: null,
  beginRun: (run) =>
    set((s) => ({ runs: [...s.runs, run], currentRunId: run.id, status: 'running', phase: 'probing', probe: [], trainError: null,
      runNote: null, normStats: null, epoch: 0, samplesDone: 0, samplesPerSec: 0, currentLr: null })),
  setStatus: (status, trainError = null) => set({ status, trainError, ...(status === 'running' || status === 'paused' ? {} : { phase: null }) }),
  setProbe: (probe) => set({ probe }),
  setRunStarted: (backendInUse, samplesTotal, normStats) => set({ backendInUse, samplesTotal, normStats, phase: 'training' }),
  setRunNote: (runNote) => set({ runNote }),
  setPreview: (preview) => set({ preview }),
  setProgress: (p) => set(p),
  setPrediction: (probs, predictionHint = null) => set({ probs, predictionHint }),
});
