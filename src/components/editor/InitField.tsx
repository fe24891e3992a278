import type { Init } from '../../model/spec';
import { LayerNumber } from './LayerNumber';

const KINDS: [Init['kind'], string][] = [
  ['glorotUniform', 'Glorot uniform'],
  ['heNormal', 'He normal'],
  ['lecunNormal', 'LeCun normal'],
  ['normal', 'Normal(mean, std)'],
  ['zeros', 'Zeros'],
];

function fresh(kind: Init['kind']): Init {
  return kind === 'normal' ? { kind, mean: 0.01, std: 0.1 } : { kind };
}

/** Weight initialiser picker (biases always start at zero); Normal adds mean and std. */
export function InitField({
  init,
  layerKey,
  index,
  disabled,
  onChange,
}: {
  init: Init;
  layerKey: number;
  index: number;
  disabled?: boolean;
  onChange: (init: Init) => void;
}) {
  return (
    <>
      <label
        className="lfield"
        title="How the weights start. Glorot suits sigmoid/tanh, He suits ReLU; biases start at zero."
      >
        <span>Init</span>
        <select
          value={init.kind}
          disabled={disabled}
          data-testid={`layer.${index}.init`}
          onChange={(e) => onChange(fresh(e.target.value as Init['kind']))}
        >
          {KINDS.map(([k, name]) => (
            <option key={k} value={k}>
              {name}
            </option>
          ))}
        </select>
      </label>
      {init.kind === 'normal' && (
        <>
          <LayerNumber
            layerKey={layerKey}
            label="Mean"
            value={init.mean}
            hint="Mean of the normal distribution."
            testId={`layer.${index}.mean`}
            disabled={disabled}
            onValue={(mean) => onChange({ ...init, mean })}
          />
          <LayerNumber
            layerKey={layerKey}
            label="Std"
            value={init.std}
            hint="Standard deviation, e.g. 0.1."
            testId={`layer.${index}.std`}
            disabled={disabled}
            onValue={(std) => onChange({ ...init, std })}
          />
        </>
      )}
    </>
  );
}
