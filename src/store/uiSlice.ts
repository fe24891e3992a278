import type { StateCreator } from 'zustand';
import type { AppState } from './useAppStore';

/** How the page is shown, not what it holds. */
export interface UiSlice {
  /** Presentation mode: larger type and lines for a projector, set-up hidden. */
  presenting: boolean;
  setPresenting: (on: boolean) => void;
  /** A new version of the app is installed and waits for a reload (the service worker found it). */
  updateReady: boolean;
  setUpdateReady: (ready: boolean) => void;
}

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  presenting: false,
  setPresenting: (presenting) => set({ presenting }),
  updateReady: false,
  setUpdateReady: (updateReady) => set({ updateReady }),
});
