import type { DragEvent, KeyboardEvent } from 'react';
import type { LayerSpec } from '../../model/spec';
import type { LayerInfo } from '../../model/shapes';
import { formatShape } from '../../model/shapes';
import { LAYER_NAMES } from '../../model/describe';
import { useAppStore } from '../../store/useAppStore';
import { ErrorMessage } from '../common/ErrorMessage';
import { fmtCompact, fmtInt } from '../common/format';
import { LayerFields } from './LayerFields';

interface Props {
  layer: LayerSpec;
  index: number;
  count: number;
  layerKey: number;
  info: LayerInfo | undefined;
  error: string | null;
  classes: number;
  disabled: boolean;
}

const focusRow = (key: number) =>
  requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-layer-key="${key}"]`)?.focus());

/** One editable layer: its settings, inferred shape, parameters and multiply-adds, and move/copy/delete. */
export function LayerRow({ layer, index, count, layerKey, info, error, classes, disabled }: Props) {
  const { moveLayer, duplicateLayer, removeLayer } = useAppStore.getState();
  const move = (to: number) => {
    moveLayer(index, to);
    focusRow(layerKey);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (disabled || e.target !== e.currentTarget) return;
    if (e.altKey && e.key === 'ArrowUp' && index > 0) {
      e.preventDefault();
      move(index - 1);
    }
    if (e.altKey && e.key === 'ArrowDown' && index < count - 1) {
      e.preventDefault();
      move(index + 1);
    }
    if (e.key === 'Delete') {
      e.preventDefault();
      removeLayer(index);
    }
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    const from = Number(e.dataTransfer.getData('application/x-layer-index'));
    if (!disabled && Number.isInteger(from)) moveLayer(from, index);
  };
  const name = `layer ${index + 1} (${LAYER_NAMES[layer.kind]})`;
  return (
    <li
      className={`lrow${error ? ' lrow-bad' : ''}`}
      data-testid="layer.row"
      data-kind={layer.kind}
      data-layer-key={layerKey}
      data-output-shape={info ? formatShape(info.outputShape) : ''}
      tabIndex={0}
      onKeyDown={onKeyDown}
      aria-label={`${name}. Alt+Up or Alt+Down moves it, Delete removes it.`}
      title={`${name}. Alt+Up or Alt+Down moves it, Delete removes it.`}
      onDragOver={(e) => e.preventDefault()}
      onDrop={onDrop}
    >
      <span
        className="handle"
        draggable={!disabled}
        title="Drag to reorder"
        data-testid="layer.handle"
        onDragStart={(e) => {
          e.dataTransfer.setData('application/x-layer-index', String(index));
          e.dataTransfer.effectAllowed = 'move';
        }}
      >
        ⠿
      </span>
      <span className="lnum">{index + 1}</span>
      <span className={`lkind kind-${layer.kind}`}>{LAYER_NAMES[layer.kind]}</span>
      <div className="lfields">
        <LayerFields layer={layer} index={index} layerKey={layerKey} classes={classes} disabled={disabled} />
      </div>
      <span className="lstats">
        <span className="lshape" data-testid="layer.shape" title="Output shape">
          {info ? formatShape(info.outputShape) : '—'}
        </span>
        <span title="Parameters">{info ? `${fmtInt(info.params)} params` : ''}</span>
        <span className="muted" title="Multiply-adds per sample">
          {info ? `${fmtCompact(info.macs)} MACs` : ''}
        </span>
      </span>
      <span className="lactions">
        <button
          type="button"
          className="icon"
          aria-label={`Move ${name} up`}
          title={`Move ${name} up`}
          disabled={disabled || index === 0}
          onClick={() => move(index - 1)}
        >
          ↑
        </button>
        <button
          type="button"
          className="icon"
          aria-label={`Move ${name} down`}
          title={`Move ${name} down`}
          disabled={disabled || index === count - 1}
          onClick={() => move(index + 1)}
        >
          ↓
        </button>
        <button
          type="button"
          className="icon"
          aria-label={`Duplicate ${name}`}
          title={`Duplicate ${name}`}
          disabled={disabled || layer.kind === 'output'}
          onClick={() => duplicateLayer(index)}
        >
          ⊕
        </button>
        <button
          type="button"
          className="icon"
          aria-label={`Remove ${name}`}
          title={`Remove ${name}`}
          disabled={disabled}
          onClick={() => removeLayer(index)}
        >
          ✕
        </button>
      </span>
      {error && (
        <div className="lerror">
          <ErrorMessage>
            Layer {index + 1}: {error}.
          </ErrorMessage>
        </div>
      )}
    </li>
  );
}
