import { useEffect } from 'react';
import { useAppStore } from '../../store/useAppStore';

/** How long a deleted run can be put back. */
const UNDO_MS = 8000;

/** "Deleted run 3 · Undo", for a few seconds after a run is deleted. */
export function UndoToast() {
  const deleted = useAppStore((s) => s.lastDeleted);
  useEffect(() => {
    if (!deleted) return;
    const t = setTimeout(() => useAppStore.getState().forgetDeleted(), UNDO_MS);
    return () => clearTimeout(t);
  }, [deleted]);
  if (!deleted) return null;
  const { run } = deleted;
  return (
    <div className="toast" role="status" data-testid="run.deletedToast">
      <span>
        Deleted run {run.id}
        {run.name ? ` “${run.name}”` : ''}.
      </span>
      <button type="button" data-testid="run.undo" onClick={() => useAppStore.getState().undoDelete()}>
        Undo
      </button>
    </div>
  );
}
