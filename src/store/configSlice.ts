import type { StateCreator } from 'zustand';
import type { AppState } from './useAppStore';
import type { Activation, PoolOp, PresetId } from '../model/spec';
import type { OptimizerId } from '../model/optimizerIds';
import type { BackendChoice } from '../workers/protocol';

/** What the person has set up: dataset, architecture knobs and hyperparameters. Persisted. */
export interface Config {
  datasetId: string;
  preset: PresetId;
  activation: Activation;
  pooling: PoolOp;
  epochs: number;
  batchSize: number;
  learningRate: number;
  trainSize: number;
  seed: number;
  optimizer: OptimizerId;
  backend: BackendChoice;
}

export const DEFAULT_CONFIG: Config = {
  datasetId: 'mnist',
  preset: 'lenet5',
  activation: 'relu',
  pooling: 'max',
  epochs: 3,
  batchSize: 64,
  learningRate: 0.001,
  trainSize: 60000,
  seed: 42,
  optimizer: 'adam',
  backend: 'auto',
};

export interface ConfigSlice {
  config: Config;
  /** Inline validation errors by field name; Train is disabled while any exist. */
  fieldErrors: Partial<Record<keyof Config, string>>;
  setConfig: (patch: Partial<Config>) => void;
  setFieldError: (field: keyof Config, message: string | null) => void;
}

export const createConfigSlice: StateCreator<AppState, [], [], ConfigSlice> = (set) => ({
  config: DEFAULT_CONFIG,
  fieldErrors: {},
  setConfig: (patch) => set((s) => ({ config: { ...s.config, ...patch } })),
  setFieldError: (field, message) =>
    set((s) => {
      const next = { ...s.fieldErrors };
      if (message) next[field] = message;
      else delete next[field];
      return { fieldErrors: next };
    }),
});
