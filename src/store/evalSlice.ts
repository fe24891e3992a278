import type { StateCreator } from 'zustand';
import type { AppState } from './useAppStore';

/** The last trained model's predictions on the whole test set. */
export interface Evaluation {
  runId: number;
  labels: Uint8Array;
  predicted: Uint8Array;
  /** `classes` probabilities per test sample. */
  probs: Float32Array;
  classes: string[];
}

/** Test images on show: a confusion-matrix cell (true t, predicted p), or the most confident mistakes. */
export interface Gallery {
  cell: { t: number; p: number } | 'mistakes';
  indices: number[];
  images: Uint8Array | null;
  shape: [number, number, number] | null;
}

/** Slot 0 is the evaluation the gallery opens from; slot 1 the one shown beside it, to compare two runs. */
export type EvalSlot = 0 | 1;

export interface EvalSlice {
  evaluation: Evaluation | null;
  /** A second run's evaluation, shown beside the first. */
  compareEvaluation: Evaluation | null;
  evalState: 'idle' | 'running' | 'unavailable';
  evalMessage: string | null;
  gallery: Gallery | null;
  setEvaluating: (slot?: EvalSlot) => void;
  setEvaluation: (e: Evaluation, slot?: EvalSlot) => void;
  setEvalUnavailable: (reason: string, slot?: EvalSlot) => void;
  /** Removes the second matrix. */
  clearCompareEvaluation: () => void;
  setGallery: (g: Gallery | null) => void;
}

export const createEvalSlice: StateCreator<AppState, [], [], EvalSlice> = (set) => ({
  evaluation: null,
  compareEvaluation: null,
  evalState: 'idle',
  evalMessage: null,
  gallery: null,
  setEvaluating: () => set({ evalState: 'running', evalMessage: null }),
  setEvaluation: (e, slot = 0) =>
    set(slot === 0 ? { evaluation: e, evalState: 'idle', gallery: null } : { compareEvaluation: e, evalState: 'idle' }),
  setEvalUnavailable: (evalMessage) => set({ evalState: 'unavailable', evalMessage }),
  clearCompareEvaluation: () => set({ compareEvaluation: null }),
  setGallery: (gallery) => set({ gallery }),
});
