import { useAppStore } from '../../store/useAppStore';
import type { Config } from '../../shared/config';
import { ErrorMessage } from './ErrorMessage';
import { parseNumber, useDraftField } from './useDraftField';

type NumericKey = { [K in keyof Config]: Config[K] extends number ? K : never }[keyof Config];

interface Props {
  /** A top-level numeric config field, or give `value`, `onValue` and `errorKey` for a nested one. */
  field?: NumericKey;
  value?: number;
  onValue?: (v: number) => void;
  errorKey?: string;
  label: string;
  hint: string;
  testId: string;
  /** Returns an error message for a parsed value, or null when it is acceptable. */
  validate: (v: number) => string | null;
  step?: string;
  disabled?: boolean;
}

/**
 * A number input that keeps what the person typed even when it is invalid (nothing is lost),
 * shows why inline, and only writes valid values to the config.
 */
export function NumberField({
  field,
  value: given,
  onValue,
  errorKey,
  label,
  hint,
  testId,
  validate,
  step,
  disabled,
}: Props) {
  const stored = useAppStore((s) => (field ? s.config[field] : 0));
  const setConfig = useAppStore((s) => s.setConfig);
  const { text, error, onChange, onBlur } = useDraftField(
    errorKey ?? field!,
    String(given ?? stored),
    (t) => parseNumber(t, 'Enter a number.', validate),
    (v) => (onValue ? onValue(v) : setConfig({ [field!]: v } as Partial<Config>)),
  );

  return (
    <label className="field" title={hint}>
      <span className="field-label">{label}</span>
      <input
        type="number"
        data-testid={testId}
        value={text}
        step={step ?? 'any'}
        aria-invalid={!!error}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
        onBlur={onBlur}
      />
      {error && <ErrorMessage>{error}</ErrorMessage>}
    </label>
  );
}
