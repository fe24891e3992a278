import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store/useAppStore';
import { runLabels } from '../../store/runLabels';
import type { Run } from '../../store/runsSlice';

/**
 * Labels by run id: the name a person gave the run, else what differs between the runs ("sigmoid ·
 * max" vs "ReLU · avg"). Re-renders only when runs are added, removed or renamed.
 */
export function useRunLabels(): Map<number, string> {
  const configs = useAppStore(useShallow((s) => s.runs.map((r) => r.config)));
  const ids = useAppStore(useShallow((s) => s.runs.map((r) => r.id)));
  const names = useAppStore(useShallow((s) => s.runs.map((r) => r.name)));
  return useMemo(() => sharedLabels(configs, ids, names), [configs, ids, names]);
}

type LabelInput = [configs: Run['config'][], ids: number[], names: Run['name'][]];
let last: { input: LabelInput; labels: Map<number, string> } | null = null;
const sameItems = (a: unknown[], b: unknown[]) => a.length === b.length && a.every((x, i) => Object.is(x, b[i]));

/**
 * One computation for every component that asks (the legend, the run list, each chart): a new
 * run used to make each of them compare every run's config again, on the click that starts it.
 */
export function sharedLabels(...input: LabelInput): Map<number, string> {
  if (last && input.every((items, k) => sameItems(items, last!.input[k]))) return last.labels;
  const [configs, ids, names] = input;
  const auto = runLabels(configs);
  last = { input, labels: new Map(ids.map((id, i) => [id, names[i] ?? auto[i]])) };
  return last.labels;
}

/** The runs picked for the charts, in order. */
export function useShownRuns(): Run[] {
  return useAppStore(useShallow((s) => s.runs.filter((r) => r.shown)));
}
