import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store/useAppStore';
import { useRunLabels } from '../runs/useRunLabels';
import { HealthView } from './HealthView';
import { gradientHeadline, latestHealth } from './healthMath';

/**
 * Why runs differ, from the inside: every weighted layer's gradient and weight norms, update
 * size, dead ReLUs and saturated units, measured while the run trains, for one run or two side by
 * side, with the headline in words ("first conv gradient 1/40 of the output layer's").
 */
export function InsightPanel() {
  const ids = useAppStore(useShallow((s) => s.runs.map((r) => r.id).reverse()));
  const current = useAppStore((s) => s.currentRunId);
  const labels = useRunLabels();
  const [open, setOpen] = useState(false);
  const [picked, setPicked] = useState<number | null>(null);
  const [versus, setVersus] = useState<number | null>(null);
  const first = picked !== null && ids.includes(picked) ? picked : (current ?? ids[0] ?? null);
  const second = versus !== null && ids.includes(versus) && versus !== first ? versus : null;
  const headline = useAppStore(
    useShallow((s) => {
      const words = (id: number | null) => {
        const run = s.runs.find((r) => r.id === id);
        return run ? gradientHeadline(latestHealth(run.health), run.config.layers) : null;
      };
      return [words(first), words(second)];
    }),
  );
  const name = (id: number) => labels.get(id) ?? `run ${id}`;
  return (
    <section className="card" data-testid="insight">
      <details open={open} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
        <summary
          data-testid="insight.open"
          aria-expanded={open}
          title="Gradients, weights, dead and saturated units of every layer, measured while it trains"
        >
          <h2 className="inline">Inside the network: training health</h2>
        </summary>
        {ids.length === 0 ? (
          <p className="muted small">
            Train a run to see how each layer learns: its gradients, weights, dead and saturated units.
          </p>
        ) : (
          <>
            <div className="eval-controls">
              <label className="field">
                <span className="field-label">Run</span>
                <select
                  data-testid="insight.runSelect"
                  value={first ?? ''}
                  onChange={(e) => setPicked(Number(e.target.value))}
                >
                  {ids.map((id) => (
                    <option key={id} value={id}>
                      Run {id} · {name(id)}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field">
                <span className="field-label">Beside it (optional)</span>
                <select
                  data-testid="insight.versus"
                  value={second ?? ''}
                  onChange={(e) => setVersus(e.target.value === '' ? null : Number(e.target.value))}
                >
                  <option value="">None</option>
                  {ids
                    .filter((id) => id !== first)
                    .map((id) => (
                      <option key={id} value={id}>
                        Run {id} · {name(id)}
                      </option>
                    ))}
                </select>
              </label>
            </div>
            {headline[0] && (
              <p className="note" data-testid="insight.headline">
                {second !== null && headline[1]
                  ? `${capital(headline[0])} with ${name(first!)}; ${headline[1]} with ${name(second)}.`
                  : `${capital(headline[0])} (${name(first!)}).`}
              </p>
            )}
            {open && (
              <div className={`health-pair${second !== null ? ' two' : ''}`}>
                {first !== null && <HealthView runId={first} title={`Run ${first} · ${name(first)}`} />}
                {second !== null && <HealthView runId={second} title={`Run ${second} · ${name(second)}`} />}
              </div>
            )}
          </>
        )}
      </details>
    </section>
  );
}

const capital = (s: string) => s[0].toUpperCase() + s.slice(1);
