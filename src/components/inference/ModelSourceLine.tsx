import { useAppStore } from '../../store/useAppStore';
import { useRunLabels } from '../runs/useRunLabels';

/** Says whose model answers the drawing and the images: a run (and its epoch), a file, the starter or a tuned model. */
export function ModelSourceLine() {
  const source = useAppStore((s) => s.modelSource);
  const labels = useRunLabels();
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
    <p
      className="model-source small"
      data-testid="model.source"
      data-source={source.kind}
      data-run-id={source.runId ?? ''}
      data-test-acc={source.testAcc !== undefined ? source.testAcc.toFixed(4) : ''}
    >
      <span className="muted">Answering:</span> {text}
    </p>
  );
}
