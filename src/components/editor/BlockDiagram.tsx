import type { LayerSpec } from '../../model/spec';
import type { ShapeReport } from '../../model/shapes';
import { formatShape } from '../../model/shapes';
import { describeLayer } from '../../model/describe';

interface Props {
  layers: LayerSpec[];
  report: ShapeReport;
  inputShape: number[];
  classes: number;
}

/** A compact left-to-right diagram of the network with each block's output shape, drawn from the spec. */
export function BlockDiagram({ layers, report, inputShape, classes }: Props) {
  return (
    <ol className="diagram" data-testid="model.diagram" aria-label="Network diagram">
      <li className="block kind-input">
        <span className="block-name">Input</span>
        <span className="block-shape">{formatShape(inputShape)}</span>
      </li>
      {layers.map((l, i) => {
        const info = report.layers[i];
        const bad = report.error?.layerIndex === i;
        return (
          <li
            key={i}
            className={`block kind-${l.kind}${bad ? ' block-bad' : ''}${!info && !bad ? ' block-unknown' : ''}`}
            data-testid="model.block"
          >
            <span className="block-name">{describeLayer(l, classes)}</span>
            <span className="block-shape">{info ? formatShape(info.outputShape) : bad ? 'error' : '?'}</span>
          </li>
        );
      })}
    </ol>
  );
}
