import { useState } from 'react';
import { useAppStore } from '../../store/useAppStore';
import { runActive } from '../../store/selectors';
import { getTrainerClient } from '../../client/trainerClient';
import { useRunLabels } from '../runs/useRunLabels';

/**
 * Says whose model answers the drawing and the images (the starter, a run and its epoch, a file,
 * a tuned model), with one click back to the starter when another model answers.
 */
export function ModelSourceLine() {
  const source = useAppStore((s) => s.modelSource);
  const starter = useAppStore((s) => (s.starter?.datasetId === s.config.datasetId ? s.starter : null));
  const training = useAppStore(runActive);
  const labels = useRunLabels();
  const [problem, setProblem] = useState<string | null>(null);
  if (!source) return null;
  const acc = source.testAcc !== undefined ? ` · ${(source.testAcc * 100).toFixed(2)}% on the test set` : '';
  const text =
    source.kind === 'run'
      ? `Run ${source.runId} · ${labels.get(source.runId!) ?? ''}${source.epoch ? ` · epoch ${source.epoch}` : ''}${acc}`
      : source.kind === 'file'
        ? `Model file ${source.name ?? ''}${acc}`
        : source.kind === 'starter'
          ? `Starter ${source.name ?? 'model'}${acc}`
          : `Tuned on your drawings${acc}`;
  return (
    <div className="model-source small">
      <p
        data-testid="model.source"
        data-source={source.kind}
        data-run-id={source.runId ?? ''}
        data-test-acc={source.testAcc !== undefined ? source.testAcc.toFixed(4) : ''}
      >
        <span className="muted">Answering:</span> {text}
      </p>
      {source.kind !== 'starter' && starter && (
        <button
          type="button"
          className="link"
          data-testid="model.useStarter"
          disabled={training}
          title={`Answer with the starter ${starter.name} shipped with the app`}
          onClick={async () => setProblem(await getTrainerClient().models.useStarter())}
        >
          Back to the starter
        </button>
      )}
      {problem && <p className="error">{problem}</p>}
    </div>
  );
}
