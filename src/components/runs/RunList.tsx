import { useShallowItems } from '../common/useShallowItems';
import { useAppStore } from '../../store/useAppStore';
import { ErrorMessage } from '../common/ErrorMessage';
import { RunRow } from './RunRow';
import { RunFileButtons } from './RunFileButtons';
import { useRunLabels } from './useRunLabels';

/** Every run kept in this browser, newest first: pick which to chart, rename, star, delete. */
export function RunList() {
  const ids = useAppStore(useShallowItems((s) => s.runs.map((r) => r.id)));
  const historyError = useAppStore((s) => s.historyError);
  // One label computation for the list, not three store subscriptions per row on every batch.
  const labels = useRunLabels();
  return (
    <>
      {historyError && <ErrorMessage>{historyError}</ErrorMessage>}
      <RunFileButtons />
      {ids.length === 0 ? (
        <p className="muted">No runs yet. Press Train to start one.</p>
      ) : (
        <ul className="runs" data-testid="run.list">
          {[...ids].reverse().map((id) => (
            <RunRow key={id} id={id} label={labels.get(id) ?? ''} />
          ))}
        </ul>
      )}
    </>
  );
}
