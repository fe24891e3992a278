import { useShallowItems } from '../common/useShallowItems';
import { useAppStore } from '../../store/useAppStore';
import { runColor } from './chartColors';
import { useRunLabels } from '../runs/useRunLabels';

/** One legend for all charts: a swatch per run and the line styles. Wraps instead of covering the page. */
export function RunLegend() {
  const ids = useAppStore(useShallowItems((s) => s.runs.filter((r) => r.shown).map((r) => r.id)));
  const labels = useRunLabels();
  const hasVal = useAppStore((s) => s.runs.some((r) => r.shown && r.epochs.some((m) => m.valLoss !== undefined)));
  if (ids.length === 0)
    return <p className="muted small">Curves appear here once a run starts (or tick runs in the list below).</p>;
  return (
    <ul className="legend" data-testid="chart.legend">
      {ids.map((id) => (
        <li key={id} data-testid="chart.legend.item" data-run-id={id}>
          <span className="swatch" style={{ background: runColor(id) }} />
          {labels.get(id)}
        </li>
      ))}
      <li className="muted legend-key">
        <svg width="22" height="6" aria-hidden>
          <line x1="0" y1="3" x2="22" y2="3" stroke="currentColor" strokeWidth="2" />
        </svg>{' '}
        test
        <svg width="22" height="6" aria-hidden>
          <line x1="0" y1="3" x2="22" y2="3" stroke="currentColor" strokeDasharray="5 4" />
        </svg>{' '}
        train
        {hasVal && (
          <>
            <svg width="22" height="6" aria-hidden>
              <line x1="0" y1="3" x2="22" y2="3" stroke="currentColor" strokeWidth="2" strokeDasharray="1 3" />
            </svg>{' '}
            validation
          </>
        )}
      </li>
    </ul>
  );
}
