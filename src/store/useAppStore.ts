import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { z } from 'zod';
import { createConfigSlice, type ConfigSlice } from './configSlice';
import { DEFAULT_CONFIG, type Config } from '../shared/config';
import { createArchitectureSlice, freshLayerKeys, type ArchitectureSlice } from './architectureSlice';
import { createDatasetSlice, type DatasetSlice } from './datasetSlice';
import { createTrainingSlice, type TrainingSlice } from './trainingSlice';
import { createRunsSlice, type RunsSlice } from './runsSlice';
import { createSweepSlice, type SweepSlice } from './sweepSlice';
import { createEvalSlice, type EvalSlice } from './evalSlice';
import { editedLayerSchema } from '../model/archSchema';
import { presetLayers, PRESETS } from '../model/presets';
import { withHiddenActivation, withPooling } from '../model/spec';
import { NORMALIZATION_NAMES } from '../data/normalize';
import { CONFIG_STORAGE_KEY } from './storageKey';

export type AppState = ConfigSlice & ArchitectureSlice & DatasetSlice & TrainingSlice & RunsSlice & SweepSlice & EvalSlice;

const SCHEDULE_KINDS: unknown[] = ['constant', 'step', 'exponential', 'cosine', 'list'];

type Stored = Partial<Config> & { activation?: 'sigmoid' | 'relu' | 'tanh'; pooling?: 'max' | 'avg' };

/**
 * Restores a persisted config over the defaults. Version 1 stored a preset plus two toggles; later
 * versions store the layers, which are re-validated so a damaged entry falls back to the preset.
 */
export function restoreConfig(stored: Stored | undefined): Config {
  const { activation, pooling, ...rest } = stored ?? {};
  const config: Config = { ...DEFAULT_CONFIG, ...rest, optimizerParams: { ...DEFAULT_CONFIG.optimizerParams, ...rest.optimizerParams } };
  if (!SCHEDULE_KINDS.includes(config.schedule?.kind)) config.schedule = DEFAULT_CONFIG.schedule;
  if (!(config.normalization in NORMALIZATION_NAMES)) config.normalization = DEFAULT_CONFIG.normalization;
  config.augment = { ...DEFAULT_CONFIG.augment, ...rest.augment };
  if (config.colorMode !== 'gray') config.colorMode = 'rgb';
  if (!PRESETS.some((p) => p.id === config.preset)) config.preset = config.preset === 'custom' ? 'custom' : 'lenet5';
  if (!z.array(editedLayerSchema).max(64).safeParse(rest.layers).success) {
    let layers = presetLayers(config.preset === 'custom' ? 'lenet5' : config.preset);
    if (activation) layers = withHiddenActivation(layers, activation);
    if (pooling) layers = withPooling(layers, pooling);
    config.layers = layers;
  }
  return config;
}

/** Builds a fresh store (tests make one per test; the app uses {@link useAppStore}). */
export const createAppStore = () =>
  create<AppState>()(
    persist(
      (...a) => ({ ...createConfigSlice(...a), ...createArchitectureSlice(...a), ...createDatasetSlice(...a),
        ...createTrainingSlice(...a), ...createRunsSlice(...a), ...createSweepSlice(...a), ...createEvalSlice(...a) }),
      {
        name: CONFIG_STORAGE_KEY,
        version: 2,
        partialize: (s) => ({ config: s.config }),
        migrate: (persisted) => ({ config: restoreConfig((persisted as { config?: Stored })?.config) }),
        merge: (persisted, current) => {
          const config = restoreConfig((persisted as { config?: Stored } | undefined)?.config);
          return { ...current, config, layerKeys: freshLayerKeys(config.layers.length) };
        },
      },
    ),
  );

export const useAppStore = createAppStore();
