import { useShallowItems } from '../common/useShallowItems';
import { useAppStore } from '../../store/useAppStore';
import { runActive } from '../../store/selectors';
import { getTrainerClient } from '../../client/trainerClient';
import { SampleGallery } from './SampleGallery';
import { useRunLabels } from '../runs/useRunLabels';
import { ConfusionMatrix } from './ConfusionMatrix';
import { RunPairPicker, useRunPair } from '../runs/RunPairPicker';

/** Runs that can be evaluated: those with a kept model, and the run whose model answers now; newest first. */
function useEvaluableRuns(): number[] {
  return useAppStore(
    useShallowItems((s) => {
      const ids = new Set(s.keptModels);
      if (s.modelSource?.kind === 'run' && s.modelSource.runId !== undefined) ids.add(s.modelSource.runId);
      return s.runs
        .filter((r) => ids.has(r.id) && r.status !== 'running')
        .map((r) => r.id)
        .reverse();
    }),
  );
}

/**
 * Any kept run's model on the whole test set: a confusion matrix whose cells open their images,
 * per-class accuracy, the most confident mistakes; a second run's matrix beside it to compare.
 */
export function EvaluatePanel() {
  const e = useAppStore((s) => s.evaluation);
  const other = useAppStore((s) => s.compareEvaluation);
  const state = useAppStore((s) => s.evalState);
  const message = useAppStore((s) => s.evalMessage);
  const training = useAppStore(runActive);
  const runs = useEvaluableRuns();
  const labels = useRunLabels();
  const pair = useRunPair(runs);
  const { first, second } = pair;
  const client = getTrainerClient();
  const name = (id: number) => `Run ${id} · ${labels.get(id) ?? ''}`;
  const evaluate = async () => {
    if (first === null) return;
    await client.evaluate(first, 0);
    if (second !== null) await client.evaluate(second, 1);
    else useAppStore.getState().clearCompareEvaluation();
  };
  return (
    <section className="card" data-testid="eval">
      <div className="chart-head">
        <h2>Evaluate</h2>
      </div>
      <div className="eval-controls">
        <RunPairPicker
          ids={runs}
          pair={pair}
          name={name}
          testIds={{ first: 'eval.run', second: 'eval.versus' }}
          empty="No trained model yet"
        />
        <button
          type="button"
          data-testid="eval.start"
          disabled={first === null || training || state === 'running'}
          onClick={() => void evaluate()}
          title="Runs the model on every test image and tabulates its answers"
        >
          {state === 'running' ? 'Evaluating…' : 'Evaluate on the test set'}
        </button>
      </div>
      {message && (
        <p className="muted small" data-testid="eval.message">
          {message}
        </p>
      )}
      {e && (
        <>
          <p className="muted small">
            Rows are the true class, columns the prediction. Click a cell to see its images.
          </p>
          <div className={`confusions${other ? ' two' : ''}`}>
            <ConfusionMatrix e={e} title={name(e.runId)} onCell={(t, p) => client.showSamples({ t, p })} />
            {other && <ConfusionMatrix e={other} title={name(other.runId)} suffix="B" />}
          </div>
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
