import { scrollBehavior } from '../common/motion';
import { memo, useDeferredValue, useEffect, useRef } from 'react';
import type { Run } from '../../store/runsSlice';
import { useAppStore } from '../../store/useAppStore';
import { compareRow, configDiff } from '../../store/compare';
import { runColor } from '../charts/chartColors';
import { useComparedRuns, useRunLabels } from './useRunLabels';
import { useThrottled } from '../common/useThrottled';
import { useStaggered } from '../charts/useStaggered';
import { fmtInt } from '../common/format';

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(2)}%`);
const dec = (v: number | null) => (v === null ? '' : v.toFixed(4));

/** The picked runs side by side: final and best test accuracy, overfitting gap, size, time, speed, and what differs. */
export function ComparePanel() {
  // A running run changes with every progress report; its row (time, samples/s) updates once a second.
  return <CompareCard runs={useDeferredValue(useStaggered(useThrottled(useComparedRuns(), 1000)))} />;
}

const CompareCard = memo(function CompareCard({ runs }: { runs: Run[] }) {
  const card = useRef<HTMLElement>(null);
  const sweepEnded = useAppStore((s) => !s.sweep && !!s.sweepMessage?.includes('finished'));
  useEffect(() => {
    if (sweepEnded) card.current?.scrollIntoView({ behavior: scrollBehavior(), block: 'start' });
  }, [sweepEnded]);
  const labels = useRunLabels();
  const diff = configDiff(runs);
  const anyRuns = useAppStore((s) => s.runs.length > 0);
  if (runs.length === 0)
    return anyRuns ? (
      <section className="card" data-testid="compare">
        <h2>Compare</h2>
        <p className="muted small" data-testid="compare.hint">
          Tick “compare” on two or more runs in the list to see them side by side, with what differs between them.
        </p>
      </section>
    ) : null;
  return (
    <section className="card" data-testid="compare" ref={card}>
      <h2>
        Compare <span className="muted small">· the runs ticked in the list</span>
      </h2>
      <table className="compare" data-testid="compare.table">
        <thead>
          <tr>
            <th>Run</th>
            <th className="num">Final test</th>
            <th className="num">Best test</th>
            <th className="num" title="Final train accuracy minus final test accuracy">
              Gap
            </th>
            <th className="num">Params</th>
            <th className="num">Time</th>
            <th className="num">Samples/s</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => {
            const c = compareRow(r);
            return (
              <tr
                key={r.id}
                data-testid="compare.row"
                data-run-id={r.id}
                data-final-test-acc={dec(c.finalTestAcc)}
                data-best-test-acc={dec(c.bestTestAcc)}
                data-gap={dec(c.gap)}
              >
                <td>
                  <span className="swatch" style={{ background: runColor(r.id) }} /> {labels.get(r.id)}
                </td>
                <td className="num strong">{pct(c.finalTestAcc)}</td>
                <td className="num">{pct(c.bestTestAcc)}</td>
                <td className="num">{c.gap === null ? '—' : `${(c.gap * 100).toFixed(2)} pt`}</td>
                <td className="num">{c.params == null ? '—' : fmtInt(c.params)}</td>
                <td className="num">{c.seconds.toFixed(0)}s</td>
                <td className="num">{fmtInt(c.samplesPerSec)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {runs.length > 1 && (
        <div className="diff" data-testid="compare.diff">
          <h3>What differs</h3>
          {diff.length === 0 ? (
            <p className="muted small">Nothing: same settings (compare seeds or backends by training again).</p>
          ) : (
            <table className="compare">
              <tbody>
                {diff.map((d) => (
                  <tr key={d.aspect} data-testid="compare.diffRow" data-aspect={d.aspect}>
                    <th>{d.name}</th>
                    {d.values.map((v, i) => (
                      <td key={runs[i].id} style={{ borderTop: `2px solid ${runColor(runs[i].id)}` }}>
                        {v}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
});
