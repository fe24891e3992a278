import type { StateCreator } from 'zustand';
import type { AppState } from './useAppStore';
import { DEFAULT_CONFIG, type Config } from '../shared/config';

export interface ConfigSlice {
  config: Config;
  /** Inline validation errors by field name; Train is disabled while any exist. */
  fieldErrors: Record<string, string>;
  setConfig: (patch: Partial<Config>) => void;
  setFieldError: (field: string, message: string | null) => void;
  /** A message about how the page started, e.g. a share link that could not be used. */
  startupMessage: string | null;
  setStartupMessage: (message: string | null) => void;
  /** The gallery recipe last loaded (`shared/recipes.ts`): runs from it are labelled with it. Persisted. */
  recipeId: string | null;
}

export const createConfigSlice: StateCreator<AppState, [], [], ConfigSlice> = (set) => ({
  config: DEFAULT_CONFIG,
  fieldErrors: {},
  startupMessage: null,
  recipeId: null,
  setStartupMessage: (startupMessage) => set({ startupMessage }),
  setConfig: (patch) => set((s) => ({ config: { ...s.config, ...patch } })),
  setFieldError: (field, message) =>
    set((s) => {
      const next = { ...s.fieldErrors };
      if (message) next[field] = message;
      else delete next[field];
      return { fieldErrors: next };
    }),
});
