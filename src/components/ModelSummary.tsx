import type { ShapeReport } from '../model/shapes';
import { formatShape } from '../model/shapes';

const fmt = (n: number) => n.toLocaleString('en-US');

/** Keras-style summary: each layer's output shape and parameters, and the total. */
export function ModelSummary({ report, inputShape }: { report: ShapeReport; inputShape: number[] }) {
  return (
    <table className="summary" data-testid="model.summary">
      <thead>
        <tr><th>Layer</th><th>Output</th><th className="num">Params</th></tr>
      </thead>
      <tbody>
        <tr className="muted"><td>Input</td><td>{formatShape(inputShape)}</td><td className="num">0</td></tr>
        {report.layers.map((l) => (
          <tr key={l.index} data-testid="model.layer" data-output-shape={formatShape(l.outputShape)} data-params={l.params}>
            <td>{l.label}</td>
            <td>{formatShape(l.outputShape)}</td>
            <td className="num">{fmt(l.params)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <td colSpan={2}>Total trainable parameters</td>
          <td className="num" data-testid="model.totalParams" data-value={report.totalParams}>{fmt(report.totalParams)}</td>
        </tr>
      </tfoot>
    </table>
  );
}
