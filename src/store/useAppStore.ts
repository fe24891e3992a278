import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { createConfigSlice, DEFAULT_CONFIG, type Config, type ConfigSlice } from './configSlice';
import { createDatasetSlice, type DatasetSlice } from './datasetSlice';
import { createTrainingSlice, type TrainingSlice } from './trainingSlice';
import { createRunsSlice, type RunsSlice } from './runsSlice';

export type AppState = ConfigSlice & DatasetSlice & TrainingSlice & RunsSlice;

/** Builds a fresh store (tests make one per test; the app uses {@link useAppStore}). */
export const createAppStore = () =>
  create<AppState>()(
    persist(
      (...a) => ({ ...createConfigSlice(...a), ...createDatasetSlice(...a), ...createTrainingSlice(...a), ...createRunsSlice(...a) }),
      {
        name: 'nn-playground-config',
        version: 1,
        partialize: (s) => ({ config: s.config }),
        migrate: (persisted) => ({ config: { ...DEFAULT_CONFIG, ...((persisted as { config?: Partial<Config> })?.config ?? {}) } }),
        merge: (persisted, current) => ({
          ...current,
          config: { ...DEFAULT_CONFIG, ...((persisted as { config?: Partial<Config> } | undefined)?.config ?? {}) },
        }),
      },
    ),
  );

export const useAppStore = createAppStore();
