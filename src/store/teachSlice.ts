import type { StateCreator } from 'zustand';
import type { AppState } from './useAppStore';
import type { PersonalSample } from './runHistory';

/** Where fine-tuning on the person's drawings stands. */
export interface TuneState {
  state: 'idle' | 'tuning' | 'tuned' | 'failed';
  /** Test accuracy before and after (null: not measurable). */
  before?: number | null;
  after?: number | null;
  /** The current drawing's answer before tuning (class and probability), to compare with after. */
  drawingBefore?: { top: number; prob: number } | null;
  message?: string;
}

/** The person's own labelled drawings and the fine-tuning they drive. */
export interface TeachSlice {
  personal: PersonalSample[];
  /** The current drawing as the model sees it (28x28 bytes), to label and add. */
  drawing: Uint8Array | null;
  tune: TuneState;
  setPersonal: (samples: PersonalSample[]) => void;
  setDrawing: (image: Uint8Array | null) => void;
  setTune: (tune: TuneState) => void;
}

export const createTeachSlice: StateCreator<AppState, [], [], TeachSlice> = (set) => ({
  personal: [],
  drawing: null,
  tune: { state: 'idle' },
  setPersonal: (personal) => set({ personal }),
  setDrawing: (drawing) => set({ drawing }),
  setTune: (tune) => set({ tune }),
});
