import { useSettingsLocked } from '../training/SettingsLock';
import { useState } from 'react';
import { useAppStore } from '../../store/useAppStore';
import { LAYER_NAMES } from '../../model/describe';
import type { LayerKind } from '../../model/spec';
import { ErrorMessage } from '../common/ErrorMessage';
import { useShapeReport } from '../setup/useShapeReport';
import { ArchitectureFileButtons } from './ArchitectureFileButtons';
import { BlockDiagram } from './BlockDiagram';
import { LayerRow } from './LayerRow';

const KINDS = Object.entries(LAYER_NAMES) as [LayerKind, string][];

/** The layer editor: add, remove, reorder, duplicate and edit layers with live shape checking. */
export function LayerEditor() {
  const layers = useAppStore((s) => s.config.layers);
  const keys = useAppStore((s) => s.layerKeys);
  const busy = useSettingsLocked();
  const { addLayer, replaceLayers } = useAppStore.getState();
  const [kind, setKind] = useState<LayerKind>('conv2d');
  const { report, inputShape, classes } = useShapeReport();
  const err = report.error;

  return (
    <div className="editor" data-testid="editor">
      <div className="editor-head">
        <h3>Layers</h3>
        <div className="row">
          <select
            aria-label="Layer kind to add"
            title="The kind of layer Add layer inserts."
            data-testid="editor.addKind"
            value={kind}
            disabled={busy}
            onChange={(e) => setKind(e.target.value as LayerKind)}
          >
            {KINDS.map(([k, name]) => (
              <option key={k} value={k}>
                {name}
              </option>
            ))}
          </select>
          <button
            type="button"
            data-testid="editor.add"
            disabled={busy}
            onClick={() => addLayer(kind)}
            title="Adds the layer just before the output layer."
          >
            Add layer
          </button>
          <button
            type="button"
            data-testid="editor.clear"
            disabled={busy}
            title="Start from an empty network (just the output layer)."
            onClick={() => replaceLayers([{ kind: 'output', init: { kind: 'glorotUniform' } }])}
          >
            Start empty
          </button>
          <ArchitectureFileButtons disabled={busy} />
        </div>
      </div>
      <BlockDiagram layers={layers} report={report} inputShape={inputShape} classes={classes} />
      <ol className="layers" data-testid="editor.layers">
        {layers.map((l, i) => (
          <LayerRow
            key={keys[i]}
            layer={l}
            index={i}
            count={layers.length}
            layerKey={keys[i]}
            info={report.layers[i]}
            error={err?.layerIndex === i ? err.message : null}
            classes={classes}
            disabled={busy}
          />
        ))}
      </ol>
      {err && err.layerIndex >= layers.length && (
        <ErrorMessage>{err.message[0].toUpperCase() + err.message.slice(1)}.</ErrorMessage>
      )}
    </div>
  );
}
