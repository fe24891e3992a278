import type { ShapeReport } from '../../model/shapes';
import { formatShape } from '../../model/shapes';
import { fmtCompact, fmtInt } from '../common/format';

/** Keras-style summary: each layer's output shape, parameters and multiply-adds, and the totals. */
export function ModelSummary({ report, inputShape }: { report: ShapeReport; inputShape: number[] }) {
  const nonTrainable = report.totalParams - report.trainableParams;
  return (
    <div className="summary-scroll">
      <table className="summary" data-testid="model.summary">
        <thead>
          <tr>
            <th>Layer</th>
            <th>Output</th>
            <th className="num">Params</th>
            <th className="num" title="Multiply-adds per sample">
              MACs
            </th>
          </tr>
        </thead>
        <tbody>
          <tr className="muted">
            <td>Input</td>
            <td>{formatShape(inputShape)}</td>
            <td className="num">0</td>
            <td className="num">0</td>
          </tr>
          {report.layers.map((l) => (
            <tr
              key={l.index}
              data-testid="model.layer"
              data-output-shape={formatShape(l.outputShape)}
              data-params={l.params}
              data-macs={l.macs}
            >
              <td>{l.label}</td>
              <td>{formatShape(l.outputShape)}</td>
              <td className="num">{fmtInt(l.params)}</td>
              <td className="num">{fmtCompact(l.macs)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td colSpan={2}>Trainable parameters</td>
            <td className="num" data-testid="model.totalParams" data-value={report.trainableParams}>
              {fmtInt(report.trainableParams)}
            </td>
            <td className="num" data-testid="model.totalMacs" data-value={report.totalMacs}>
              {fmtCompact(report.totalMacs)}
            </td>
          </tr>
          {nonTrainable > 0 && (
            <tr className="muted">
              <td colSpan={2}>Non-trainable (BatchNorm statistics)</td>
              <td className="num">{fmtInt(nonTrainable)}</td>
              <td />
            </tr>
          )}
        </tfoot>
      </table>
    </div>
  );
}
