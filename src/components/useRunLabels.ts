import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/useAppStore';
import { runLabels } from '../store/selectors';
import type { Run } from '../store/runsSlice';

/**
 * Labels by run id: the name a person gave the run, else what differs between the runs ("sigmoid ·
 * max" vs "ReLU · avg"). Re-renders only when runs are added, removed or renamed.
 */
export function useRunLabels(): Map<number, string> {
  const configs = useAppStore(useShallow((s) => s.runs.map((r) => r.config)));
  const ids = useAppStore(useShallow((s) => s.runs.map((r) => r.id)));
  const names = useAppStore(useShallow((s) => s.runs.map((r) => r.name)));
  return useMemo(() => {
    const auto = runLabels(configs);
    return new Map(ids.map((id, i) => [id, names[i] ?? auto[i]]));
  }, [configs, ids, names]);
}

/** The runs picked for the charts, in order. */
export function useShownRuns(): Run[] {
  return useAppStore(useShallow((s) => s.runs.filter((r) => r.shown)));
}
