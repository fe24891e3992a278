import { useAppStore } from '../../store/useAppStore';
import { runActive } from '../../store/selectors';
import { reloadWithUpdate } from '../../client/offline';

/** "A new version is ready": reloads only on a click, and not while a run trains. */
export function UpdateBanner() {
  const ready = useAppStore((s) => s.updateReady);
  const training = useAppStore(runActive);
  if (!ready) return null;
  return (
    <div className="note update" role="status" data-testid="app.update">
      A new version of the playground is ready.{' '}
      <button type="button" data-testid="app.updateReload" disabled={training} onClick={reloadWithUpdate}>
        Reload
      </button>
      {training && <span className="muted small"> after this run (reloading now would stop it)</span>}
    </div>
  );
}
