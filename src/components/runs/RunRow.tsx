import { memo, useState } from 'react';
import { useAppStore } from '../../store/useAppStore';
import { runActive } from '../../store/selectors';
import { runColor } from '../charts/chartColors';
import { DownloadIcon, ForkIcon } from '../common/icons';
import { downloadRuns } from './RunFileButtons';
import { fmtWhen } from '../common/format';
import { describeConfig, trainedBy } from '../../store/runLabels';
import { downloadScript } from './exportScripts';
import { getTrainerClient } from '../../client/trainerClient';
import { ErrorMessage } from '../common/ErrorMessage';
import { RunVerdict } from './RecipeVerdict';
import { useSettingsLocked } from '../training/SettingsLock';

const STATUS_TEXT = {
  running: 'running',
  done: 'done',
  stopped: 'stopped',
  error: 'failed',
  interrupted: 'interrupted',
};

/** One run in the list: chart toggle, star, name (double-click or ✎ to rename), status, final test accuracy, delete. */
export const RunRow = memo(function RunRow({ id, label }: { id: number; label: string }) {
  const run = useAppStore((s) => s.runs.find((r) => r.id === id))!;
  // "use" and "fork" wait for a run to end. They follow the settings' lock, one React transition
  // late: a Train click then re-renders only the new run's row, not every row in the list (a
  // bench-like page with ~25 runs spent ~10 ms of the click's task here). Their handlers check the
  // store itself. Deleting is refused at once for the run that trains.
  const training = useSettingsLocked();
  const busy = useAppStore((s) => s.currentRunId === id && runActive(s));
  const [editing, setEditing] = useState(false);
  const { renameRun, toggleStar, setShown, setCompared, deleteRun, forkRun } = useAppStore.getState();
  const last = run.epochs.at(-1);
  const kept = useAppStore((s) => s.keptModels.includes(id));
  const answering = useAppStore((s) => s.modelSource?.kind === 'run' && s.modelSource.runId === id);
  const [rowError, setRowError] = useState<string | null>(null);
  const answerWithModel = async () => {
    if (!runActive(useAppStore.getState())) setRowError(await getTrainerClient().models.use(id));
  };
  return (
    <li
      data-testid="run.row"
      data-run-id={id}
      data-status={run.status}
      data-test-acc={last ? last.testAcc.toFixed(4) : ''}
      data-starred={run.starred}
      data-batches={run.batchLoss.length}
      data-compared={run.compared}
      title={`${run.message ? `${run.message}\n\n` : ''}${describeConfig(run.config)}`}
    >
      <div className="run-top">
        <label className="tick" title="Draw this run in the charts">
          <input
            type="checkbox"
            data-testid="run.show"
            checked={run.shown}
            onChange={(e) => setShown(id, e.target.checked)}
            aria-label={`Show ${label} in the charts`}
          />
          chart
        </label>
        <label className="tick" title="Put this run in the comparison table">
          <input
            type="checkbox"
            data-testid="run.compare"
            checked={run.compared}
            onChange={(e) => setCompared(id, e.target.checked)}
            aria-label={`Compare ${label}`}
          />
          compare
        </label>
        <span className="swatch" style={{ background: runColor(id) }} />
        <button
          type="button"
          className={`star${run.starred ? ' on' : ''}`}
          data-testid="run.star"
          onClick={() => toggleStar(id)}
          title={run.starred ? 'Unstar' : 'Star this run (its model is always kept)'}
          aria-pressed={run.starred}
        >
          {run.starred ? '★' : '☆'}
        </button>
        {editing ? (
          <input
            className="run-name"
            data-testid="run.nameInput"
            autoFocus
            defaultValue={run.name ?? label}
            aria-label="Run name"
            onBlur={(e) => {
              renameRun(id, e.target.value);
              setEditing(false);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') e.currentTarget.blur();
              if (e.key === 'Escape') setEditing(false);
            }}
          />
        ) : (
          <span className="run-label" data-testid="run.label" onDoubleClick={() => setEditing(true)}>
            {label}
          </span>
        )}
        <span className={`pill pill-${run.status}`}>{STATUS_TEXT[run.status]}</span>
        <span className="num strong run-acc">{last ? `${(last.testAcc * 100).toFixed(2)}%` : '—'}</span>
      </div>
      <div className="run-bottom">
        <span className="muted small run-meta">
          #{id} · {fmtWhen(run.startedAt)} · <span data-testid="run.engine">{trainedBy(run)}</span>
          {run.probeMs ? ` · backend probe ${(run.probeMs / 1000).toFixed(1)} s` : ''}
        </span>
        <RunVerdict run={run} />
        <span className="run-actions">
          <button
            type="button"
            className="icon"
            data-testid="run.use"
            disabled={!kept || training || answering}
            onClick={() => void answerWithModel()}
            title={
              answering
                ? "This run's model answers the drawings now"
                : kept
                  ? "Use this run's trained model for drawings, images and Save model"
                  : "This run's model is not kept (models are kept for the newest runs and starred ones)"
            }
          >
            {answering ? 'in use' : 'use'}
          </button>
          <button
            type="button"
            className="icon"
            data-testid="run.fork"
            disabled={training}
            onClick={() => !runActive(useAppStore.getState()) && forkRun(id)}
            title="Fork: load this run's settings and seed, to change one knob and train again"
          >
            <ForkIcon />
          </button>
          <button
            type="button"
            className="icon"
            data-testid="run.export"
            onClick={() => downloadRuns([run], `run-${id}.json`)}
            title="Export this run as JSON"
          >
            <DownloadIcon />
          </button>
          <button
            type="button"
            className="icon"
            data-testid="run.exportScript"
            onClick={async () =>
              setRowError(await downloadScript(run.config, useAppStore.getState().datasetInfo, 'pytorch'))
            }
            title="Export this run's settings as a PyTorch script (python3 or torchrun), to train it further outside the browser"
          >
            .py
          </button>
          <button
            type="button"
            className="icon"
            data-testid="run.rename"
            onClick={() => setEditing(true)}
            title="Rename"
          >
            ✎
          </button>
          <button
            type="button"
            className="icon"
            data-testid="run.delete"
            disabled={busy}
            onClick={() => deleteRun(id)}
            title={busy ? 'Stop the run before deleting it' : 'Delete this run (you can undo it for a few seconds)'}
          >
            ✕
          </button>
        </span>
      </div>
      {rowError && <ErrorMessage>{rowError}</ErrorMessage>}
    </li>
  );
});
