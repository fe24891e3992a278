import { parseNumber, useDraftField } from '../common/useDraftField';

interface Props {
  /** Stable key of the layer, so an error survives reordering and is cleared when the layer goes. */
  layerKey: number;
  label: string;
  value: number;
  hint: string;
  testId: string;
  onValue: (v: number) => void;
  disabled?: boolean;
}

/**
 * A compact number input for one layer setting. Anything that is a number goes into the spec, where
 * shape inference explains what cannot work (0 units, a rate of 1); text that is not a number stays
 * in the box with a message, and Train waits until it is fixed.
 */
export function LayerNumber({ layerKey, label, value, hint, testId, onValue, disabled }: Props) {
  const { text, error, onChange, onBlur } = useDraftField(
    `layer.${layerKey}.${label}`,
    String(value),
    (t) => parseNumber(t, `${label}: enter a number`),
    onValue,
  );
  return (
    <label className="lfield" title={hint}>
      <span>{label}</span>
      <input
        type="number"
        step="any"
        data-testid={testId}
        value={text}
        aria-invalid={!!error}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
        onBlur={onBlur}
      />
    </label>
  );
}
