import { useState } from 'react';
import { useShallowItems } from '../common/useShallowItems';
import { useAppStore } from '../../store/useAppStore';
import { useRunLabels } from '../runs/useRunLabels';
import { HealthView } from './HealthView';
import { RunPairPicker, useRunPair } from '../runs/RunPairPicker';
import { gradientHeadline, latestHealth } from './healthMath';

/**
 * Why runs differ, from the inside: every weighted layer's gradient and weight norms, update
 * size, dead ReLUs and saturated units, measured while the run trains, for one run or two side by
 * side, with the headline in words ("first conv gradient 1/40 of the output layer's").
 */
export function InsightPanel() {
  const ids = useAppStore(useShallowItems((s) => s.runs.map((r) => r.id).reverse()));
  const current = useAppStore((s) => s.currentRunId);
  const labels = useRunLabels();
  const [open, setOpen] = useState(false);
  const pair = useRunPair(ids, current);
  const { first, second } = pair;
  const headline = useAppStore(
    useShallowItems((s) => {
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
              <RunPairPicker
                ids={ids}
                pair={pair}
                name={(id) => `Run ${id} · ${name(id)}`}
                testIds={{ first: 'insight.runSelect', second: 'insight.versus' }}
              />
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
