import type { StateCreator } from 'zustand';
import type { AppState } from './useAppStore';
import type { Config } from '../shared/config';
import { sweepConfigs, type SweepKnob } from './sweep';
import { configProblem } from './selectors';

/** A sweep in progress: the configs still to train and the runs it made so far. */
export interface SweepState {
  knob: SweepKnob;
  values: string[];
  queue: Config[];
  runIds: number[];
}

export interface SweepSlice {
  sweep: SweepState | null;
  /** Why the last sweep could not start, or how it ended. */
  sweepMessage: string | null;
  /**
   * Queues one run per value of `knob` from the current settings (same seed; `overrides` change
   * others for these runs only, e.g. a shorter budget). Returns false, with
   * the reason in `sweepMessage`, when a value would make an invalid run. The run controller
   * starts the queued runs one by one.
   */
  startSweep: (knob: SweepKnob, values: string[], overrides?: Partial<Config>) => boolean;
  /** Ends the sweep; when it finished, the charts and comparison show exactly its runs. */
  endSweep: (finished: boolean) => void;
}

/** The state after a sweep ends: finished shows exactly its runs on the charts; cancelled says how far it got. */
export function sweepEnd(s: Pick<AppState, 'sweep' | 'runs'>, finished: boolean): Partial<AppState> {
  if (!s.sweep) return {};
  const ids = new Set(s.sweep.runIds);
  return {
    sweep: null,
    sweepMessage: finished
      ? `Sweep of ${s.sweep.knob} (${s.sweep.values.join(', ')}) finished: its ${ids.size} runs are compared below.`
      : `Sweep cancelled after ${ids.size} of ${s.sweep.values.length} runs.`,
    ...(finished ? { runs: s.runs.map((r) => ({ ...r, shown: ids.has(r.id), compared: ids.has(r.id) })) } : {}),
  };
}

export const createSweepSlice: StateCreator<AppState, [], [], SweepSlice> = (set, get) => ({
  sweep: null,
  sweepMessage: null,
  startSweep: (knob, values, overrides = {}) => {
    const s = get();
    const configs = sweepConfigs({ ...s.config, ...overrides }, knob, values);
    for (const [i, config] of configs.entries()) {
      const problem = configProblem(s, config);
      if (problem) {
        set({ sweepMessage: `The run with ${values[i]} cannot train: ${problem}` });
        return false;
      }
    }
    set({ sweep: { knob, values, queue: configs, runIds: [] }, sweepMessage: null });
    return true;
  },
  endSweep: (finished) => set((s) => sweepEnd(s, finished)),
});
