import { createContext, useContext, useDeferredValue, type ReactNode } from 'react';
import { useAppStore } from '../../store/useAppStore';
import { runActive } from '../../store/selectors';

const Locked = createContext(false);

/**
 * Locks the settings panels while a run trains or is paused. The lock follows the run's status one
 * React transition late: the Train click paints its own change (the buttons, the new run) first,
 * and the ~100 controls are disabled and restyled in a later task, so neither task blocks the page
 * for long. The run's settings were taken at the click, so an edit in between cannot reach it.
 */
export function SettingsLock({ children }: { children: ReactNode }) {
  const active = useAppStore(runActive);
  return <Locked.Provider value={useDeferredValue(active)}>{children}</Locked.Provider>;
}

/** Whether the settings panels are locked (a run is training or paused). */
export const useSettingsLocked = () => useContext(Locked);
