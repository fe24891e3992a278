import { useAppStore } from '../store/useAppStore';
import { runColor } from './chartColors';
import { useRunLabels } from './useRunLabels';

/** This session's runs with their status and final test accuracy. */
export function RunList() {
  const runs = useAppStore((s) => s.runs);
  const labels = useRunLabels();
  if (runs.length === 0) return <p className="muted">No runs yet. Press Train to start one.</p>;
  return (
    <ul className="runs">
      {runs.map((r, i) => {
        const last = r.epochs[r.epochs.length - 1];
        return (
          <li key={r.id} data-testid="run.row" data-run-id={r.id} data-status={r.status}
            data-test-acc={last ? last.testAcc.toFixed(4) : ''}>
            <span className="swatch" style={{ background: runColor(i) }} />
            <span className="run-label">{labels[i]}</span>
            <span className="muted small">{r.backend ?? ''}</span>
            <span className={`pill pill-${r.status}`}>{r.status}</span>
            <span className="num strong">{last ? `${(last.testAcc * 100).toFixed(2)}%` : '—'}</span>
          </li>
        );
      })}
    </ul>
  );
}
