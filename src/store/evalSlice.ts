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

export interface EvalSlice {
  evaluation: Evaluation | null;
  evalState: 'idle' | 'running' | 'unavailable';
  evalMessage: string | null;
  gallery: Gallery | null;
  setEvaluating: () => void;
  setEvaluation: (e: Evaluation) => void;
  setEvalUnavailable: (reason: string) => void;
  setGallery: (g: Gallery | null) => void;
}

export const createEvalSlice: StateCreator<AppState, [], [], EvalSlice> = (set) => ({
  evaluation: null,
  evalState: 'idle',
  evalMessage: null,
  gallery: null,
  setEvaluating: () => set({ evalState: 'running', evalMessage: null }),
  setEvaluation: (evaluation) => set({ evaluation, evalState: 'idle', gallery: null }),
  setEvalUnavailable: (evalMessage) => set({ evalState: 'unavailable', evalMessage }),
  setGallery: (gallery) => set({ gallery }),
});
