import type { StateCreator } from 'zustand';
import type { AppState } from './useAppStore';
import type { Inspection } from '../model/inspect';
import type { DigitSteps } from '../data/strokes';

/** An image to classify: uint8 bytes in the dataset's shape, and where it came from. */
export interface ImageInput {
  bytes: Uint8Array;
  shape: [number, number, number];
  caption: string;
}

/**
 * The model that answers drawings and images: a run's (while it trains, or kept after it), a
 * file's, the starter shipped with the app, or one fine-tuned on the person's drawings.
 */
export interface ModelSource {
  kind: 'run' | 'file' | 'starter' | 'tuned';
  /** The dataset it answers for (a model of another dataset gives way when the dataset changes). */
  datasetId: string;
  /** The run it came from (kind `run`). */
  runId?: number;
  /** The epoch it reached (kind `run`). */
  epoch?: number;
  /** Its test accuracy when known, in [0, 1]. */
  testAcc?: number;
  /** A file's name (kind `file`) or the starter's network (kind `starter`). */
  name?: string;
}

/** What the drawing pad and the image panel show: the current model's answers. */
export interface PredictionSlice {
  /** Who answers; null until some model does. */
  modelSource: ModelSource | null;
  /** Runs whose trained model is kept in this browser (they can answer again, and be evaluated). */
  keptModels: number[];
  /** Said when kept models were dropped to stay within the budget. */
  keptModelsNote: string | null;
  /** The current dataset's starter, as it describes itself (null: none, or not fetched yet). */
  starter: { datasetId: string; name: string; testAcc?: number } | null;
  setStarter: (starter: PredictionSlice['starter']) => void;
  setModelSource: (source: ModelSource | null) => void;
  /** Whether the inside-a-prediction view is open (the drawing is then also inspected, layer by layer). */
  activationsOpen: boolean;
  setActivationsOpen: (open: boolean) => void;
  /** What every layer made of the last drawing or image, and how the drawing became the model's input. */
  inspection: (Inspection & { steps: DigitSteps | null }) | null;
  inspectionHint: string | null;
  setInspection: (inspection: PredictionSlice['inspection'], hint?: string | null) => void;
  /** The class whose saliency the inside view draws; null: the class the model reads. */
  saliencyClass: number | null;
  setSaliencyClass: (saliencyClass: number | null) => void;
  setKeptModels: (ids: number[], note?: string | null) => void;
  /** The drawing's class probabilities, or null with `predictionHint` saying why there are none. */
  probs: number[] | null;
  predictionHint: string | null;
  imageInput: ImageInput | null;
  imageProbs: number[] | null;
  imageHint: string | null;
  /**
   * Counts changes of the model that answers (a run began, an epoch ended, a run ended, a model
   * was loaded), so the canvas and the image panel ask again.
   */
  modelVersion: number;
  setPrediction: (probs: number[] | null, hint?: string | null) => void;
  setImageInput: (input: ImageInput | null) => void;
  setImagePrediction: (probs: number[] | null, hint?: string | null) => void;
}

export const createPredictionSlice: StateCreator<AppState, [], [], PredictionSlice> = (set) => ({
  modelSource: null,
  activationsOpen: false,
  setActivationsOpen: (activationsOpen) => set({ activationsOpen }),
  inspection: null,
  inspectionHint: null,
  setInspection: (inspection, inspectionHint = null) => set({ inspection, inspectionHint }),
  saliencyClass: null,
  setSaliencyClass: (saliencyClass) => set({ saliencyClass }),
  keptModels: [],
  keptModelsNote: null,
  starter: null,
  setStarter: (starter) => set({ starter }),
  setModelSource: (modelSource) => set((s) => ({ modelSource, modelVersion: s.modelVersion + 1 })),
  setKeptModels: (keptModels, note) =>
    set((s) => ({ keptModels, keptModelsNote: note === undefined ? s.keptModelsNote : note })),
  probs: null,
  predictionHint: null,
  imageInput: null,
  imageProbs: null,
  imageHint: null,
  modelVersion: 0,
  setPrediction: (probs, predictionHint = null) => set({ probs, predictionHint }),
  setImageInput: (imageInput) => set({ imageInput }),
  setImagePrediction: (imageProbs, imageHint = null) => set({ imageProbs, imageHint }),
});
