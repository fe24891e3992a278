import { create } from 'zustand';
import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware';
import '../model/zodSetup';
import { z } from 'zod';
import { createConfigSlice, type ConfigSlice } from './configSlice';
import { DEFAULT_CONFIG, type Config } from '../shared/config';
import { createArchitectureSlice, freshLayerKeys, type ArchitectureSlice } from './architectureSlice';
import { createDatasetSlice, type DatasetSlice } from './datasetSlice';
import { createTrainingSlice, type TrainingSlice } from './trainingSlice';
import { createRunsSlice, type RunsSlice } from './runsSlice';
import { createSweepSlice, type SweepSlice } from './sweepSlice';
import { createEvalSlice, type EvalSlice } from './evalSlice';
import { createPredictionSlice, type PredictionSlice } from './predictionSlice';
import { createEventsSlice, type EventsSlice } from './eventsSlice';
import { createUiSlice, type UiSlice } from './uiSlice';
import { createTeachSlice, type TeachSlice } from './teachSlice';
import { editedLayerSchema } from '../model/archSchema';
import { presetLayers } from '../model/presets';
import { withHiddenActivation, withPooling } from '../model/spec';
import { CONFIG_STORAGE_KEY } from './storageKey';
import { restoreFromSchema } from '../shared/configSchema';
import { recipeById } from '../shared/recipes';

export type AppState = ConfigSlice &
  ArchitectureSlice &
  DatasetSlice &
  TrainingSlice &
  RunsSlice &
  SweepSlice &
  EvalSlice &
  PredictionSlice &
  EventsSlice &
  UiSlice &
  TeachSlice;

/** Layers as the editor may leave them mid-edit (the editor explains what is wrong). */
const EDITED_LAYERS = z.array(editedLayerSchema).max(64);

type Stored = Partial<Config> & { activation?: 'sigmoid' | 'relu' | 'tanh'; pooling?: 'max' | 'avg' };

/**
 * Restores a persisted config over the defaults, field by field through the config schema.
 * Version 1 stored a preset plus two toggles; later versions store the layers, which are
 * re-validated so a damaged entry falls back to the preset.
 */
export function restoreConfig(stored: Stored | undefined): Config {
  const config = restoreFromSchema(stored, DEFAULT_CONFIG, EDITED_LAYERS);
  if (!EDITED_LAYERS.safeParse(stored?.layers).success) {
    let layers = presetLayers(config.preset === 'custom' ? 'lenet5' : config.preset);
    if (stored?.activation) layers = withHiddenActivation(layers, stored.activation);
    if (stored?.pooling) layers = withPooling(layers, stored.pooling);
    config.layers = layers;
  }
  return config;
}

/**
 * `storage` without the writes that would store what it holds already. The store persists on every update,
 * and while a run streams progress (several updates a second) the settings it persists do not change; each
 * write was a synchronous localStorage.setItem on the page's main thread. Compared with the stored text, so a
 * value changed elsewhere (another tab, a cleared storage) is written again.
 */
export function skipUnchangedWrites(storage: StateStorage): StateStorage {
  return {
    getItem: (name) => storage.getItem(name),
    setItem: (name, value) => (storage.getItem(name) === value ? undefined : storage.setItem(name, value)),
    removeItem: (name) => storage.removeItem(name),
  };
}

/** Builds a fresh store (tests make one per test; the app uses {@link useAppStore}). */
export const createAppStore = () =>
  create<AppState>()(
    persist(
      (...a) => ({
        ...createConfigSlice(...a),
        ...createArchitectureSlice(...a),
        ...createDatasetSlice(...a),
        ...createTrainingSlice(...a),
        ...createRunsSlice(...a),
        ...createSweepSlice(...a),
        ...createEvalSlice(...a),
        ...createPredictionSlice(...a),
        ...createEventsSlice(...a),
        ...createUiSlice(...a),
        ...createTeachSlice(...a),
      }),
      {
        name: CONFIG_STORAGE_KEY,
        version: 2,
        storage: createJSONStorage(() => skipUnchangedWrites(localStorage)),
        partialize: (s) => ({ config: s.config, recipeId: s.recipeId }),
        migrate: (persisted) => ({ config: restoreConfig((persisted as { config?: Stored })?.config) }),
        merge: (persisted, current) => {
          const p = persisted as { config?: Stored; recipeId?: unknown } | undefined;
          const config = restoreConfig(p?.config);
          const recipeId = recipeById(typeof p?.recipeId === 'string' ? p.recipeId : null)?.id ?? null;
          return { ...current, config, recipeId, layerKeys: freshLayerKeys(config.layers.length) };
        },
      },
    ),
  );

export const useAppStore = createAppStore();
