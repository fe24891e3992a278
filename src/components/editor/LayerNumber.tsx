import { useEffect, useState } from 'react';
import { useAppStore } from '../../store/useAppStore';

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
  const errorKey = `layer.${layerKey}.${label}`;
  const error = useAppStore((s) => s.fieldErrors[errorKey]);
  const setFieldError = useAppStore((s) => s.setFieldError);
  const [draft, setDraft] = useState<string | null>(null);
  useEffect(() => () => setFieldError(errorKey, null), [errorKey, setFieldError]);

  const onChange = (text: string) => {
    setDraft(text);
    const v = text.trim() === '' ? NaN : Number(text);
    setFieldError(errorKey, Number.isFinite(v) ? null : `${label}: enter a number`);
    if (Number.isFinite(v)) onValue(v);
  };
  return (
    <label className="lfield" title={hint}>
      <span>{label}</span>
      <input type="number" step="any" data-testid={testId} value={draft ?? String(value)} aria-invalid={!!error}
        disabled={disabled} onChange={(e) => onChange(e.target.value)} onBlur={() => !error && setDraft(null)} />
    </label>
  );
}
