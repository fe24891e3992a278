import { useSettingsLocked } from '../training/SettingsLock';
import { useAppStore } from '../../store/useAppStore';
import { commonActivation, commonPooling, type LayerActivation, type PoolOp } from '../../model/spec';
import { PRESETS, presetTitle, type PresetId } from '../../model/presets';
import { ModelSummary } from './ModelSummary';
import { shapeProblem } from '../../shared/specProblem';
import { ErrorMessage } from '../common/ErrorMessage';
import { useShapeReport } from './useShapeReport';
import { ActivationOptions } from '../editor/ActivationOptions';
import { LayerEditor } from '../editor/LayerEditor';

/** Preset picker, the two global one-click toggles, the summary of the resulting network and its layer editor. */
export function ModelPanel() {
  const preset = useAppStore((s) => s.config.preset);
  const layers = useAppStore((s) => s.config.layers);
  const activation = useAppStore((s) => commonActivation(s.config.layers));
  const pooling = useAppStore((s) => commonPooling(s.config.layers));
  const busy = useSettingsLocked();
  const { setPreset, setGlobalActivation, setGlobalPooling } = useAppStore.getState();
  const { report, inputShape } = useShapeReport();
  const about = PRESETS.find((p) => p.id === preset)?.about ?? 'Your own architecture, edited in the layers below.';

  return (
    <section className="card">
      <h2>Model</h2>
      <label
        className="field"
        title="A ready-made architecture from the literature; it adapts to the dataset's input shape."
      >
        <span className="field-label">Preset</span>
        <select
          data-testid="preset.select"
          value={preset}
          disabled={busy}
          onChange={(e) => setPreset(e.target.value as PresetId)}
        >
          {PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.id === preset ? presetTitle(p.id, layers) : p.name}
            </option>
          ))}
          {preset === 'custom' && <option value="custom">Custom (edited)</option>}
        </select>
      </label>
      <p className="muted small about">{about}</p>
      <div className="grid2 toggles">
        <label
          className="field"
          title="Sets every hidden layer's activation at once. ReLU trains fastest; sigmoid is the classic."
        >
          <span className="field-label">Activation (all layers)</span>
          <select
            data-testid="toggle.activation"
            value={activation}
            disabled={busy || activation === 'none'}
            onChange={(e) => setGlobalActivation(e.target.value as LayerActivation)}
          >
            <ActivationOptions />
            {activation === 'mixed' && (
              <option value="mixed" disabled>
                Mixed
              </option>
            )}
            {activation === 'none' && (
              <option value="none" disabled>
                None
              </option>
            )}
          </select>
        </label>
        <label className="field" title="Sets every pooling layer: max keeps the strongest response, average smooths.">
          <span className="field-label">Pooling (all layers)</span>
          <select
            data-testid="toggle.pooling"
            value={pooling}
            disabled={busy || pooling === 'none'}
            onChange={(e) => setGlobalPooling(e.target.value as PoolOp)}
          >
            <option value="max">Max</option>
            <option value="avg">Average</option>
            {pooling === 'mixed' && (
              <option value="mixed" disabled>
                Mixed
              </option>
            )}
            {pooling === 'none' && (
              <option value="none" disabled>
                No pooling
              </option>
            )}
          </select>
        </label>
      </div>
      <ModelSummary report={report} inputShape={inputShape} />
      {report.error && <ErrorMessage>{shapeProblem(report)}</ErrorMessage>}
      <LayerEditor />
    </section>
  );
}
