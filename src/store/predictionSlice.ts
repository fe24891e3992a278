import type { StateCreator } from 'zustand';
import type { AppState } from './useAppStore';

/** An image to classify: uint8 bytes in the dataset's shape, and where it came from. */
export interface ImageInput {
  bytes: Uint8Array;
  shape: [number, number, number];
  caption: string;
}

/** What the drawing pad and the image panel show: the current model's answers. */
export interface PredictionSlice {
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
