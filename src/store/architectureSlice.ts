import type { StateCreator } from 'zustand';
import type { AppState } from './useAppStore';
import {
  defaultLayer,
  withHiddenActivation,
  withPooling,
  type LayerActivation,
  type LayerKind,
  type LayerSpec,
  type PoolOp,
} from '../model/spec';
import { presetLayers, type PresetId } from '../model/presets';
import { DEFAULT_CONFIG, type Config } from '../shared/config';

/** Editing actions on `config.layers`; `layerKeys` gives each layer a stable identity for the editor. */
export interface ArchitectureSlice {
  layerKeys: number[];
  setPreset: (id: PresetId) => void;
  /** Inserts a new layer of `kind` at `index` (default: just before the output layer). */
  addLayer: (kind: LayerKind, index?: number) => void;
  removeLayer: (index: number) => void;
  duplicateLayer: (index: number) => void;
  moveLayer: (from: number, to: number) => void;
  updateLayer: (index: number, patch: Partial<LayerSpec>) => void;
  replaceLayers: (layers: LayerSpec[]) => void;
  /**
   * Replaces the whole config (a fork, a share link, a recipe), giving its layers fresh keys; `recipeId`
   * is the gallery recipe it came from (a fork keeps its run's), none by default.
   */
  replaceConfig: (config: Config, recipeId?: string | null) => void;
  setGlobalActivation: (a: LayerActivation) => void;
  setGlobalPooling: (op: PoolOp) => void;
}

let nextKey = 1;
/** `n` fresh layer keys; the store hands them out whenever a whole new layer list arrives. */
export const freshLayerKeys = (n: number) => Array.from({ length: n }, () => nextKey++);
const keys = freshLayerKeys;

export const createArchitectureSlice: StateCreator<AppState, [], [], ArchitectureSlice> = (set) => {
  /** Applies an edit to layers and keys together; any hand edit makes the architecture `custom`. */
  const edit = (f: (layers: LayerSpec[], keys: number[]) => void) =>
    set((s) => {
      const layers = [...s.config.layers];
      const ks = [...s.layerKeys];
      f(layers, ks);
      return { config: { ...s.config, layers, preset: 'custom' }, layerKeys: ks };
    });
  const whole = (layers: LayerSpec[], preset: PresetId | 'custom') =>
    set((s) => ({ config: { ...s.config, layers, preset }, layerKeys: keys(layers.length) }));
  return {
    layerKeys: keys(DEFAULT_CONFIG.layers.length),
    setPreset: (id) => whole(presetLayers(id), id),
    addLayer: (kind, index) =>
      edit((ls, ks) => {
        const out = ls.findIndex((l) => l.kind === 'output');
        const at = index ?? (out === -1 ? ls.length : out);
        ls.splice(at, 0, defaultLayer(kind));
        ks.splice(at, 0, ...keys(1));
      }),
    removeLayer: (i) =>
      edit((ls, ks) => {
        ls.splice(i, 1);
        ks.splice(i, 1);
      }),
    duplicateLayer: (i) =>
      edit((ls, ks) => {
        ls.splice(i + 1, 0, { ...ls[i] });
        ks.splice(i + 1, 0, ...keys(1));
      }),
    moveLayer: (from, to) =>
      edit((ls, ks) => {
        if (to < 0 || to >= ls.length || from === to) return;
        ls.splice(to, 0, ...ls.splice(from, 1));
        ks.splice(to, 0, ...ks.splice(from, 1));
      }),
    updateLayer: (i, patch) =>
      edit((ls) => {
        ls[i] = { ...ls[i], ...patch } as LayerSpec;
      }),
    replaceLayers: (layers) => whole(layers, 'custom'),
    replaceConfig: (config, recipeId = null) =>
      set({ config: structuredClone(config), recipeId, layerKeys: keys(config.layers.length) }),
    setGlobalActivation: (a) =>
      set((s) => ({ config: { ...s.config, layers: withHiddenActivation(s.config.layers, a) } })),
    setGlobalPooling: (op) => set((s) => ({ config: { ...s.config, layers: withPooling(s.config.layers, op) } })),
  };
};
