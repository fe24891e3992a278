import type { LayerActivation, LayerSpec, Padding, PoolOp } from '../../model/spec';
import { useAppStore } from '../../store/useAppStore';
import { ActivationOptions } from './ActivationOptions';
import { InitField } from './InitField';
import { LayerNumber } from './LayerNumber';
import { LayerL2 } from './LayerL2';

interface Props {
  layer: LayerSpec;
  index: number;
  layerKey: number;
  classes: number;
  disabled: boolean;
}

/** The settings of one layer, by kind, edited in place. */
export function LayerFields({ layer, index, layerKey, classes, disabled }: Props) {
  const update = (patch: Partial<LayerSpec>) => useAppStore.getState().updateLayer(index, patch);
  const num = (field: string, label: string, value: number, hint: string) => (
    <LayerNumber
      key={field}
      layerKey={layerKey}
      label={label}
      value={value}
      hint={hint}
      testId={`layer.${index}.${field}`}
      disabled={disabled}
      onValue={(v) => update({ [field]: v } as Partial<LayerSpec>)}
    />
  );
  const choice = (
    field: 'padding' | 'op',
    label: string,
    value: Padding | PoolOp,
    options: [string, string][],
    hint: string,
  ) => (
    <label className="lfield" title={hint}>
      <span>{label}</span>
      <select
        value={value}
        disabled={disabled}
        data-testid={`layer.${index}.${field}`}
        onChange={(e) => update({ [field]: e.target.value } as Partial<LayerSpec>)}
      >
        {options.map(([v, name]) => (
          <option key={v} value={v}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
  const activation = (value: LayerActivation, label = 'Activation') => (
    <label className="lfield" title="The non-linearity applied to this layer's output.">
      <span>{label}</span>
      <select
        value={value}
        disabled={disabled}
        data-testid={`layer.${index}.activation`}
        onChange={(e) => update({ activation: e.target.value as LayerActivation })}
      >
        <ActivationOptions withLinear />
      </select>
    </label>
  );
  const init = (l: Extract<LayerSpec, { init: unknown }>) => (
    <>
      <InitField
        init={l.init}
        layerKey={layerKey}
        index={index}
        disabled={disabled}
        onChange={(i) => update({ init: i })}
      />
      <LayerL2 layerKey={layerKey} index={index} value={l.l2} disabled={disabled} onValue={(v) => update({ l2: v })} />
    </>
  );
  switch (layer.kind) {
    case 'conv2d':
      return (
        <>
          {num('filters', 'Filters', layer.filters, 'Number of feature maps this layer learns, e.g. 6 or 16.')}
          {num('kernelSize', 'Kernel', layer.kernelSize, 'Side of the square filter, e.g. 3 or 5.')}
          {num('strides', 'Stride', layer.strides, 'Step between filter positions; 2 halves the image.')}
          {choice(
            'padding',
            'Padding',
            layer.padding,
            [
              ['same', 'same'],
              ['valid', 'valid'],
            ],
            'same keeps the size (zero padding); valid shrinks it by kernel − 1.',
          )}
          {activation(layer.activation)}
          {init(layer)}
        </>
      );
    case 'pool':
      return (
        <>
          {choice(
            'op',
            'Op',
            layer.op,
            [
              ['max', 'max'],
              ['avg', 'average'],
            ],
            'Max keeps the strongest response; average smooths.',
          )}
          {num('poolSize', 'Size', layer.poolSize, 'Side of the pooling window, usually 2.')}
          {num('strides', 'Stride', layer.strides, 'Step between windows; equal to the size for no overlap.')}
        </>
      );
    case 'dense':
      return (
        <>
          {num('units', 'Units', layer.units, 'Number of neurons, e.g. 120.')}
          {activation(layer.activation)}
          {init(layer)}
        </>
      );
    case 'dropout':
      return num(
        'rate',
        'Rate',
        layer.rate,
        'Fraction of inputs zeroed while training, 0 to below 1; 0.25–0.5 is typical.',
      );
    case 'batchnorm':
      return activation(layer.activation, 'Then');
    case 'output':
      return (
        <>
          <span className="lfield-static">{classes} classes, softmax</span>
          {init(layer)}
        </>
      );
    case 'flatten':
    case 'gap':
      return null;
  }
}
