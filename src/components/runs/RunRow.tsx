import { memo, useState } from 'react';
import { useAppStore } from '../../store/useAppStore';
import { runActive } from '../../store/selectors';
import { runColor } from '../charts/chartColors';
import { DownloadIcon, ForkIcon } from '../common/icons';
import { downloadRuns } from './RunFileButtons';
import { fmtWhen } from '../common/format';

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
  const training = useAppStore(runActive);
  const busy = useAppStore((s) => s.currentRunId === id) && training;
  const [editing, setEditing] = useState(false);
  const { renameRun, toggleStar, setShown, deleteRun, forkRun } = useAppStore.getState();
  const last = run.epochs.at(-1);
  return (
    <li
      data-testid="run.row"
      data-run-id={id}
      data-status={run.status}
      data-test-acc={last ? last.testAcc.toFixed(4) : ''}
      data-starred={run.starred}
      data-batches={run.batchLoss.length}
      title={run.message ?? undefined}
    >
      <input
        type="checkbox"
        data-testid="run.show"
        checked={run.shown}
        onChange={(e) => setShown(id, e.target.checked)}
        title="Draw this run in the charts"
        aria-label={`Show ${label} in the charts`}
      />
      <span className="swatch" style={{ background: runColor(id) }} />
      <button
        type="button"
        className={`star${run.starred ? ' on' : ''}`}
        data-testid="run.star"
        onClick={() => toggleStar(id)}
        title={run.starred ? 'Unstar' : 'Star this run'}
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
      <span className="muted small">
        {fmtWhen(run.startedAt)} · {run.backend ?? ''}
      </span>
      <span className={`pill pill-${run.status}`}>{STATUS_TEXT[run.status]}</span>
      <span className="num strong">{last ? `${(last.testAcc * 100).toFixed(2)}%` : '—'}</span>
      <span className="run-actions">
        <button
          type="button"
          className="icon"
          data-testid="run.fork"
          disabled={training}
          onClick={() => forkRun(id)}
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
        <button type="button" className="icon" data-testid="run.rename" onClick={() => setEditing(true)} title="Rename">
          ✎
        </button>
        <button
          type="button"
          className="icon"
          data-testid="run.delete"
          disabled={busy}
          onClick={() => deleteRun(id)}
          title={busy ? 'Stop the run before deleting it' : 'Delete this run'}
        >
          ✕
        </button>
      </span>
    </li>
  );
});
