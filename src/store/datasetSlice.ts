import type { StateCreator } from 'zustand';
import type { AppState } from './useAppStore';
import type { DatasetIndexEntry } from '../data/manifest';
import type { DatasetInfo, FromWorker } from '../shared/protocol';

/** The dataset browser's content: sample images per class, counts and per-channel statistics. */
export type DatasetBrowse = Omit<Extract<FromWorker, { type: 'browse' }>, 'type' | 'requestId'> & { datasetId: string };

export type DatasetState = 'loading' | 'ready' | 'unavailable' | 'error';

export interface DatasetSlice {
  datasets: DatasetIndexEntry[];
  datasetState: DatasetState;
  datasetLoaded: number;
  datasetTotal: number;
  datasetInfo: DatasetInfo | null;
  /** What went wrong and the command that fixes it, when not ready. */
  datasetMessage: string | null;
  setDatasets: (d: DatasetIndexEntry[]) => void;
  setDatasetState: (state: DatasetState, message?: string | null) => void;
  setDatasetProgress: (loaded: number, total: number) => void;
  browse: DatasetBrowse | null;
  setBrowse: (b: DatasetBrowse | null) => void;
}

export const createDatasetSlice: StateCreator<AppState, [], [], DatasetSlice> = (set) => ({
  datasets: [],
  datasetState: 'loading',
  datasetLoaded: 0,
  datasetTotal: 0,
  datasetInfo: null,
  datasetMessage: null,
  setDatasets: (datasets) => set({ datasets }),
  setDatasetState: (datasetState, message = null) =>
    set({
      datasetState,
      datasetMessage: message,
      ...(datasetState === 'ready' ? {} : { datasetInfo: null }),
      ...(datasetState === 'loading' ? { datasetLoaded: 0, datasetTotal: 0 } : {}),
    }),
  setDatasetProgress: (datasetLoaded, datasetTotal) => set({ datasetLoaded, datasetTotal }),
  browse: null,
  setBrowse: (browse) => set({ browse }),
});
