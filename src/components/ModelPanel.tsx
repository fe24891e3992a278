import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/useAppStore';
import { specFor } from '../store/selectors';
import { inferShapes } from '../model/shapes';
import { PRESETS, type Activation, type PoolOp, type PresetId } from '../model/spec';
import { ModelSummary } from './ModelSummary';
import { ErrorMessage } from './ErrorMessage';

const DEFAULT_SHAPE: [number, number, number] = [28, 28, 1];

/** Preset picker, the two one-click toggles, and the summary of the resulting network. */
export function ModelPanel() {
  const { preset, activation, pooling } = useAppStore(
    useShallow((s) => ({ preset: s.config.preset, activation: s.config.activation, pooling: s.config.pooling })),
  );
  const shape = useAppStore((s) => s.datasetInfo?.imageShape);
  const classes = useAppStore((s) => s.datasetInfo?.classes.length ?? 10);
  const busy = useAppStore((s) => s.status === 'running' || s.status === 'paused');
  const setConfig = useAppStore((s) => s.setConfig);
  const inputShape = shape ?? DEFAULT_SHAPE;
  const report = useMemo(
    () => inferShapes(specFor({ preset, activation, pooling }, inputShape, classes)),
    [preset, activation, pooling, inputShape, classes],
  );

  return (
    <section className="card">
      <h2>Model</h2>
      <div className="grid3">
        <label className="field" title="A ready-made architecture from the literature.">
          <span className="field-label">Preset</span>
          <select data-testid="preset.select" value={preset} disabled={busy}
            onChange={(e) => setConfig({ preset: e.target.value as PresetId })}>
            {PRESETS.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </select>
        </label>
        <label className="field" title="Activation of every hidden layer. ReLU trains fastest; sigmoid is the classic.">
          <span className="field-label">Activation</span>
          <select data-testid="toggle.activation" value={activation} disabled={busy}
            onChange={(e) => setConfig({ activation: e.target.value as Activation })}>
            <option value="relu">ReLU</option>
            <option value="sigmoid">Sigmoid</option>
            <option value="tanh">tanh</option>
          </select>
        </label>
        <label className="field" title="Every pooling layer: max keeps the strongest response, average smooths.">
          <span className="field-label">Pooling</span>
          <select data-testid="toggle.pooling" value={pooling} disabled={busy}
            onChange={(e) => setConfig({ pooling: e.target.value as PoolOp })}>
            <option value="max">Max</option>
            <option value="avg">Average</option>
          </select>
        </label>
      </div>
      <ModelSummary report={report} inputShape={inputShape} />
      {report.error && <ErrorMessage>Layer {report.error.layerIndex + 1}: {report.error.message}</ErrorMessage>}
    </section>
  );
}
