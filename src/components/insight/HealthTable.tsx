import type { HealthSample, LayerHealth } from '../../model/health';
import { hasWeights, type LayerSpec } from '../../model/spec';
import { RUN_COLORS } from '../charts/chartColors';
import { layerName, sci } from './healthMath';
import { MiniHistogram } from './MiniHistogram';

const pct = (v: number) => `${(v * 100).toFixed(0)}%`;

/**
 * Each weighted layer's latest numbers and histograms. Before a live run's first measurement the
 * rows are there with dashes, so the measurement fills them in place (the page below does not move,
 * and the browser lays out the same rows rather than a new table).
 */
export function HealthTable({ layers, latest }: { layers: LayerSpec[]; latest: HealthSample | null }) {
  const rows: (LayerHealth | { layer: number })[] =
    latest?.layers ?? layers.flatMap((l, i) => (hasWeights(l) ? [{ layer: i }] : []));
  return (
    <div className="table-scroll">
      <table className="health-table">
        <thead>
          <tr>
            <th>Layer</th>
            <th className="num" title="L2 norm of the kernel (biases left out)">
              |w|
            </th>
            <th className="num" title="L2 norm of the loss gradient for the kernel">
              |∇w|
            </th>
            <th className="num" title="Size of the last update relative to the weights">
              Δw/|w|
            </th>
            <th className="num" title="Units (channels) never positive on the probe batch">
              Dead
            </th>
            <th className="num" title="Activations past saturation: |pre-activation| over 4 (sigmoid) or 2 (tanh)">
              Sat.
            </th>
            <th title="Distribution of the weights, the gradients and the activations">w · ∇w · a</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((l) => {
            // The measurement, or null while the row waits for the first one.
            const m = 'gradNorm' in l ? l : null;
            return (
              <tr key={l.layer} {...(m && measured(m))}>
                <td>
                  <span className="swatch" style={{ background: RUN_COLORS[l.layer % RUN_COLORS.length] }} />{' '}
                  {layerName(layers[l.layer], l.layer)}
                </td>
                <td className="num">{m ? sci(m.weightNorm) : '—'}</td>
                <td className="num strong">{m ? sci(m.gradNorm) : '—'}</td>
                <td className="num">{m?.updateRatio == null ? '—' : sci(m.updateRatio)}</td>
                <td className="num">{m ? pct(m.dead) : '—'}</td>
                <td className="num">{m ? pct(m.saturated) : '—'}</td>
                <td className="hists">
                  <MiniHistogram h={m?.weights ?? null} label="weights" />
                  <MiniHistogram h={m?.grads ?? null} label="gradients" />
                  <MiniHistogram h={m?.activations ?? null} label="activations" />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** A measured row's test id and numbers (see TESTIDS.md: `insight.layer`). */
const measured = (l: LayerHealth) => ({
  'data-testid': 'insight.layer',
  'data-layer': l.layer,
  'data-grad-norm': l.gradNorm,
  'data-weight-norm': l.weightNorm,
  'data-dead': l.dead,
  'data-saturated': l.saturated,
});
