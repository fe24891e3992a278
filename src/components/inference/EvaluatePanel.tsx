import { useMemo } from 'react';
import { useAppStore } from '../../store/useAppStore';
import { getTrainerClient } from '../../client/trainerClient';
import { confusionMatrix, perClassAccuracy } from '../../model/confusion';
import { SampleGallery } from './SampleGallery';
import { useRunLabels } from '../runs/useRunLabels';

/** Cell colour: the share of its row, blue on the diagonal and red off it. */
const shade = (share: number, diagonal: boolean) =>
  share === 0
    ? 'transparent'
    : diagonal
      ? `rgba(79, 70, 229, ${0.12 + 0.6 * share})`
      : `rgba(225, 29, 72, ${0.1 + 0.9 * Math.min(1, share * 5)})`;

/** Confusion matrix of the last trained model on the test set; a cell opens its images. Per-class accuracy on the right. */
export function EvaluatePanel() {
  const e = useAppStore((s) => s.evaluation);
  const state = useAppStore((s) => s.evalState);
  const message = useAppStore((s) => s.evalMessage);
  const canEvaluate = useAppStore((s) => s.currentRunId !== null && (s.status === 'done' || s.status === 'stopped'));
  const label = useRunLabels().get(e?.runId ?? -1);
  const matrix = useMemo(() => (e ? confusionMatrix(e.labels, e.predicted, e.classes.length) : null), [e]);
  const client = getTrainerClient();
  const acc = matrix ? perClassAccuracy(matrix) : [];
  return (
    <section className="card" data-testid="eval">
      <div className="chart-head">
        <h2>Evaluate</h2>
        <button
          type="button"
          data-testid="eval.start"
          disabled={!canEvaluate || state === 'running'}
          onClick={() => client.evaluate()}
          title="Runs the last trained model on every test image and tabulates its answers"
        >
          {state === 'running' ? 'Evaluating…' : 'Evaluate last run on the test set'}
        </button>
      </div>
      {message && (
        <p className="muted small" data-testid="eval.message">
          {message}
        </p>
      )}
      {e && matrix && (
        <>
          <p className="muted small">
            {label}: rows are the true class, columns the prediction. Click a cell to see its images.
          </p>
          <table className="confusion" data-testid="eval.matrix">
            <thead>
              <tr>
                <th />{' '}
                {e.classes.map((c) => (
                  <th key={c}>{c}</th>
                ))}
                <th className="num">Accuracy</th>
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
                          data-testid="eval.cell"
                          data-true={t}
                          data-pred={p}
                          data-count={count}
                          disabled={count === 0}
                          onClick={() => client.showSamples({ t, p })}
                          title={`${count} test images of ${e.classes[t]} predicted as ${e.classes[p]}`}
                        >
                          {count}
                        </button>
                      </td>
                    ))}
                    <td
                      className="num"
                      data-testid="eval.classAcc"
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
          <button
            type="button"
            className="link"
            data-testid="eval.mistakes"
            onClick={() => client.showSamples('mistakes')}
            title="The misclassified test images the model was surest about"
          >
            Show the most confident mistakes
          </button>
          <SampleGallery />
        </>
      )}
    </section>
  );
}
