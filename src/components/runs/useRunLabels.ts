import { useMemo } from 'react';
import { useShallowItems } from '../common/useShallowItems';
import { useAppStore } from '../../store/useAppStore';
import { labelRuns } from '../../store/runLabels';
import { recipeLabel } from '../../shared/recipes';
import type { Run } from '../../store/runsSlice';

/**
 * Labels by run id: the name a person gave the run, else its recipe's, else what differs between
 * the runs on the charts ("sigmoid · max" vs "ReLU · avg"). Re-renders only when runs are added,
 * removed, renamed or shown.
 */
export function useRunLabels(): Map<number, string> {
  const configs = useAppStore(useShallowItems((s) => s.runs.map((r) => r.config)));
  const ids = useAppStore(useShallowItems((s) => s.runs.map((r) => r.id)));
  const names = useAppStore(useShallowItems((s) => s.runs.map((r) => r.name ?? recipeLabel(r))));
  const shown = useAppStore(useShallowItems((s) => s.runs.map((r) => r.shown)));
  return useMemo(() => sharedLabels(configs, ids, names, shown), [configs, ids, names, shown]);
}

type LabelInput = [configs: Run['config'][], ids: number[], names: (string | null)[], shown: boolean[]];
let last: { input: LabelInput; labels: Map<number, string> } | null = null;
const sameItems = (a: unknown[], b: unknown[]) => a.length === b.length && a.every((x, i) => Object.is(x, b[i]));

/**
 * One computation for every component that asks (the legend, the run list, each chart): a new
 * run used to make each of them compare every run's config again, on the click that starts it.
 */
export function sharedLabels(...input: LabelInput): Map<number, string> {
  if (last && input.every((items, k) => sameItems(items, last!.input[k]))) return last.labels;
  const [configs, ids, names, shown] = input;
  const labels = labelRuns(ids.map((id, i) => ({ id, config: configs[i], name: names[i], shown: shown[i] })));
  last = { input, labels };
  return labels;
}

/** The runs picked for the charts, in order. */
export function useShownRuns(): Run[] {
  return useAppStore(useShallowItems((s) => s.runs.filter((r) => r.shown)));
}

/** The runs ticked for comparison, in order. */
export function useComparedRuns(): Run[] {
  return useAppStore(useShallowItems((s) => s.runs.filter((r) => r.compared)));
}
