import { useMemo } from 'react';
import { useAppStore } from '../store/useAppStore';
import { runLabels } from '../store/selectors';

/** Labels for every run, naming what differs between them. */
export function useRunLabels(): string[] {
  const runs = useAppStore((s) => s.runs);
  const configs = useMemo(() => runs.map((r) => r.config), [runs.map((r) => r.id).join(',')]); // eslint-disable-line react-hooks/exhaustive-deps
  return useMemo(() => runLabels(configs), [configs]);
}
