import type { StateCreator } from 'zustand';
import type { AppState } from './useAppStore';

/** How the page is shown, not what it holds. */
export interface UiSlice {
  /** Presentation mode: larger type and lines for a projector, set-up hidden. */
  presenting: boolean;
  setPresenting: (on: boolean) => void;
}

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  presenting: false,
  setPresenting: (presenting) => set({ presenting }),
});
