import { useMemo } from 'react';
import type { Evaluation } from '../../store/evalSlice';
import { confusionMatrix, perClassAccuracy } from '../../model/confusion';

/**
 * Cell colour: the share of its row, blue on the diagonal and red off it. At most 60% opaque, so
 * the count's dark text keeps 5.2:1 contrast or more on the darkest cell (WCAG AA).
 */
const shade = (share: number, diagonal: boolean) =>
  share === 0
    ? 'transparent'
    : diagonal
      ? `rgba(79, 70, 229, ${0.1 + 0.5 * share})`
      : `rgba(225, 29, 72, ${0.1 + 0.5 * Math.min(1, share * 5)})`;

/**
 * One run's confusion matrix with per-class accuracy. `onCell` opens a cell's images (the first
 * matrix only); `suffix` tells a second matrix's test ids apart (`eval.matrixB`, `eval.cellB`).
 */
export function ConfusionMatrix({
  e,
  title,
  onCell,
  suffix = '',
}: {
  e: Evaluation;
  title: string;
  onCell?: (t: number, p: number) => void;
  suffix?: string;
}) {
  const matrix = useMemo(() => confusionMatrix(e.labels, e.predicted, e.classes.length), [e]);
  const acc = perClassAccuracy(matrix);
  const correct = matrix.reduce((a, row, t) => a + row[t], 0);
  return (
    <figure className="confusion-wrap" data-testid={`eval.result${suffix}`} data-run-id={e.runId}>
      <figcaption className="small">
        <strong>{title}</strong> · {((100 * correct) / e.labels.length).toFixed(2)}% of{' '}
        {e.labels.length.toLocaleString('en-US')} test images
      </figcaption>
      <div className="table-scroll">
        <table className="confusion" data-testid={`eval.matrix${suffix}`}>
          <thead>
            <tr>
              <th />
              {e.classes.map((c) => (
                <th key={c}>{c}</th>
              ))}
              <th className="num">Acc.</th>
            </tr>
          </thead>
          <tbody>
            {matrix.map((row, t) => {
              const total = row.reduce((a, b) => a + b, 0);
              return (
                <tr key={t}>
                  <th>{e.classes[t]}</th>
                  {row.map((count, p) => (
                    <td key={p} style={{ background: shade(total ? count / total : 0, t === p) }}>
                      <button
                        type="button"
                        data-testid={`eval.cell${suffix}`}
                        data-true={t}
                        data-pred={p}
                        data-count={count}
                        disabled={count === 0 || !onCell}
                        onClick={() => onCell?.(t, p)}
                        title={`${count} test images of ${e.classes[t]} predicted as ${e.classes[p]}`}
                      >
                        {count}
                      </button>
                    </td>
                  ))}
                  <td
                    className="num"
                    data-testid={`eval.classAcc${suffix}`}
                    data-class={t}
                    data-value={acc[t]?.toFixed(4) ?? ''}
                  >
                    {acc[t] === null ? '—' : `${(acc[t]! * 100).toFixed(1)}%`}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
