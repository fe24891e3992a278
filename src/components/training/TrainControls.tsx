import { useAppStore } from '../../store/useAppStore';
import { trainBlocker } from '../../store/selectors';
import { getTrainerClient } from '../../client/trainerClient';
import { ErrorMessage } from '../common/ErrorMessage';
import { TrainProgress } from './TrainProgress';
import { stuckAdvice } from '../../store/advice';

const STATUS_TEXT = {
  idle: 'Ready to train',
  running: 'Training',
  paused: 'Paused',
  done: 'Done',
  stopped: 'Stopped',
  error: 'Failed',
};

/** Train / Pause / Resume / Stop, the run status and the progress bar. */
export function TrainControls() {
  const status = useAppStore((s) => s.status);
  const phase = useAppStore((s) => s.phase);
  const blocker = useAppStore(trainBlocker);
  const error = useAppStore((s) => s.trainError);
  const note = useAppStore((s) => s.runNote);
  const stuck = useAppStore((s) => {
    const run = s.runs.find((r) => r.id === s.currentRunId);
    return run && s.datasetInfo ? stuckAdvice(run, s.datasetInfo.classes.length) : null;
  });
  const client = getTrainerClient();
  const active = status === 'running' || status === 'paused';
  return (
    <section className="card controls">
      <div className="row">
        <button
          className="primary"
          data-testid="train.start"
          disabled={!!blocker}
          title={blocker ?? 'Train a fresh model'}
          onClick={() => client.runs.start()}
        >
          Train
        </button>
        {status === 'paused' ? (
          <button data-testid="train.resume" onClick={() => client.runs.resume()}>
            Resume
          </button>
        ) : (
          <button
            data-testid="train.pause"
            disabled={status !== 'running' || phase !== 'training'}
            onClick={() => client.runs.pause()}
          >
            Pause
          </button>
        )}
        <button data-testid="train.stop" disabled={!active} onClick={() => client.runs.stop()}>
          Stop
        </button>
        <span
          className={`status status-${status}`}
          data-testid="train.status"
          data-status={status}
          role="status"
          aria-live="polite"
        >
          {phase === 'probing' ? 'Measuring backends…' : STATUS_TEXT[status]}
        </span>
      </div>
      <TrainProgress />
      {blocker && !active && status !== 'error' && (
        <p className="muted small" data-testid="train.blocker">
          {blocker}
        </p>
      )}
      {error && <ErrorMessage>{error}</ErrorMessage>}
      {note && (
        <p className="note" data-testid="train.note">
          {note}
        </p>
      )}
      {stuck && (
        <p className="note warn" data-testid="train.stuck" role="status">
          {stuck}
        </p>
      )}
    </section>
  );
}
