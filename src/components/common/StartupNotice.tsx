import { useAppStore } from '../../store/useAppStore';
import { ErrorMessage } from './ErrorMessage';

/** How the page started when there is something to say (a share link used or refused). */
export function StartupNotice() {
  const message = useAppStore((s) => s.startupMessage);
  if (!message) return null;
  const ok = message.startsWith('Loaded');
  return (
    <div className="startup" data-testid="startup.notice">
      {ok ? <p className="note">{message}</p> : <ErrorMessage>{message}</ErrorMessage>}
      <button
        type="button"
        className="link"
        onClick={() => useAppStore.getState().setStartupMessage(null)}
        title="Hide this message"
      >
        Dismiss
      </button>
    </div>
  );
}
