import type { StateCreator } from 'zustand';
import type { AppState } from './useAppStore';
import type { Config } from '../shared/config';
import { sweepConfigs, type SweepKnob } from './sweep';
import { trainBlocker } from './selectors';

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
   * Queues one run per value of `knob` from the current settings (same seed). Returns false, with
   * the reason in `sweepMessage`, when a value would make an invalid run.
   */
  startSweep: (knob: SweepKnob, values: string[]) => boolean;
  /** Takes the next queued config, or null when the sweep is done. */
  takeSweepConfig: () => Config | null;
  addSweepRun: (id: number) => void;
  /** Ends the sweep; when it finished, the charts and comparison show exactly its runs. */
  endSweep: (finished: boolean) => void;
}

export const createSweepSlice: StateCreator<AppState, [], [], SweepSlice> = (set, get) => ({
  sweep: null,
  sweepMessage: null,
  startSweep: (knob, values) => {
    const s = get();
    const configs = sweepConfigs(s.config, knob, values);
    for (const [i, config] of configs.entries()) {
      const problem = trainBlocker({ ...s, config });
      if (problem) {
        set({ sweepMessage: `The run with ${values[i]} cannot train: ${problem}` });
        return false;
      }
    }
    set({ sweep: { knob, values, queue: configs, runIds: [] }, sweepMessage: null });
    return true;
  },
  takeSweepConfig: () => {
    const sweep = get().sweep;
    if (!sweep || sweep.queue.length === 0) return null;
    set({ sweep: { ...sweep, queue: sweep.queue.slice(1) } });
    return sweep.queue[0];
  },
  addSweepRun: (id) => set((s) => (s.sweep ? { sweep: { ...s.sweep, runIds: [...s.sweep.runIds, id] } } : {})),
  endSweep: (finished) => set((s) => {
    if (!s.sweep) return {};
    const ids = new Set(s.sweep.runIds);
    const done = `Sweep of ${s.sweep.knob} (${s.sweep.values.join(', ')}) finished: its ${ids.size} runs are compared below.`;
    return {
      sweep: null,
      sweepMessage: finished ? done : `Sweep cancelled after ${ids.size} of ${s.sweep.values.length} runs.`,
      runs: finished ? s.runs.map((r) => ({ ...r, shown: ids.has(r.id) })) : s.runs,
    };
  }),
});
