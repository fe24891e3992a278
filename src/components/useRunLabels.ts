import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/useAppStore';
import { runLabels } from '../store/selectors';

/** Labels for every run, naming what differs between them. Re-renders only when runs are added. */
export function useRunLabels(): string[] {
  const configs = useAppStore(useShallow((s) => s.runs.map((r) => r.config)));
  return useMemo(() => runLabels(configs), [configs]);
}
