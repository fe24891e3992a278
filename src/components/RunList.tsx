import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/useAppStore';
import { runColor } from './chartColors';
import { useRunLabels } from './useRunLabels';

/** This session's runs with their status and final test accuracy. */
export function RunList() {
  const ids = useAppStore(useShallow((s) => s.runs.map((r) => r.id)));
  const statuses = useAppStore(useShallow((s) => s.runs.map((r) => r.status)));
  const backends = useAppStore(useShallow((s) => s.runs.map((r) => r.backend)));
  const lasts = useAppStore(useShallow((s) => s.runs.map((r) => r.epochs.at(-1))));
  const labels = useRunLabels();
  if (ids.length === 0) return <p className="muted">No runs yet. Press Train to start one.</p>;
  return (
    <ul className="runs">
      {ids.map((id, i) => {
        const last = lasts[i];
        return (
          <li key={id} data-testid="run.row" data-run-id={id} data-status={statuses[i]}
            data-test-acc={last ? last.testAcc.toFixed(4) : ''}>
            <span className="swatch" style={{ background: runColor(i) }} />
            <span className="run-label">{labels[i]}</span>
            <span className="muted small">{backends[i] ?? ''}</span>
            <span className={`pill pill-${statuses[i]}`}>{statuses[i]}</span>
            <span className="num strong">{last ? `${(last.testAcc * 100).toFixed(2)}%` : '—'}</span>
          </li>
        );
      })}
    </ul>
  );
}
