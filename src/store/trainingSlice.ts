import type { StateCreator } from 'zustand';
import type { AppState } from './useAppStore';
import type { BackendName, PreviewImages, ProbeResult } from '../shared/protocol';

/** The backend measurement behind "Auto", as the backend panel shows it. */
export interface BackendProbe {
  state: 'idle' | 'measuring' | 'done' | 'failed';
  /** Each backend's result (growing while measuring). */
  results: ProbeResult[];
  /** When the kept measurement was made (null while none is kept). */
  measuredAt: number | null;
  /** Why the measurement failed. */
  message?: string;
}
import type { ChannelStats } from '../data/normalize';

/**
 * Augmented training images to show; `live` when they come from the batch being trained on.
 * `settings` names the augmentation and seed they were made with.
 */
export type Preview = PreviewImages & { live: boolean; settings: string };

export type TrainStatus = 'idle' | 'running' | 'paused' | 'done' | 'stopped' | 'error';

/** The current run's status and progress (its record and metrics live in the runs slice). */
export interface TrainingSlice {
  status: TrainStatus;
  /**
   * Where the current run is: 'probing' while it waits for Auto's first measurement of this kind of
   * network, 'starting' until the worker reports it started, then 'training'.
   */
  phase: 'probing' | 'starting' | 'training' | null;
  currentRunId: number | null;
  epoch: number;
  samplesDone: number;
  samplesTotal: number;
  samplesPerSec: number;
  /** Learning rate of the current epoch, as the schedule set it. */
  currentLr: number | null;
  backendInUse: BackendName | null;
  /** Threads the current or last run trains on (see the runStarted event); null when unknown or on a GPU. */
  threadsInUse: number | null;
  /** The thread count the person asked the wasm backend for; 0 is the default (all cores but one). */
  threadCap: number;
  probe: BackendProbe;
  trainError: string | null;
  /** How the last finished run ended, when there is something to say (e.g. stopped early). */
  runNote: string | null;
  /** Per-channel mean/std the current run standardises with. */
  normStats: ChannelStats | null;
  preview: Preview | null;
  setStatus: (status: TrainStatus, error?: string | null) => void;
  setProbe: (probe: BackendProbe) => void;
  setThreadCap: (threads: number) => void;
  setPreview: (preview: Preview | null) => void;
}

/** The status fields for `status`: a run that is neither running nor paused has no phase. */
export const statusFields = (status: TrainStatus, trainError: string | null = null): Partial<TrainingSlice> => ({
  status,
  trainError,
  ...(status === 'running' || status === 'paused' ? {} : { phase: null }),
});

export const createTrainingSlice: StateCreator<AppState, [], [], TrainingSlice> = (set) => ({
  status: 'idle',
  phase: null,
  currentRunId: null,
  epoch: 0,
  samplesDone: 0,
  samplesTotal: 0,
  samplesPerSec: 0,
  currentLr: null,
  backendInUse: null,
  threadsInUse: null,
  threadCap: 0,
  probe: { state: 'idle', results: [], measuredAt: null },
  trainError: null,
  runNote: null,
  normStats: null,
  preview: null,
  setStatus: (status, trainError = null) => set(statusFields(status, trainError)),
  setProbe: (probe) => set({ probe }),
  setThreadCap: (threadCap) => set({ threadCap }),
  setPreview: (preview) => set({ preview }),
});
