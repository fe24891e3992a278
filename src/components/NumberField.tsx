import { useState } from 'react';
import { useAppStore } from '../store/useAppStore';
import type { Config } from '../store/configSlice';
import { ErrorMessage } from './ErrorMessage';

type NumericKey = { [K in keyof Config]: Config[K] extends number ? K : never }[keyof Config];

interface Props {
  field: NumericKey;
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
export function NumberField({ field, label, hint, testId, validate, step, disabled }: Props) {
  const value = useAppStore((s) => s.config[field]);
  const error = useAppStore((s) => s.fieldErrors[field]);
  const setConfig = useAppStore((s) => s.setConfig);
  const setFieldError = useAppStore((s) => s.setFieldError);
  const [draft, setDraft] = useState<string | null>(null);

  const onChange = (text: string) => {
    setDraft(text);
    const v = text.trim() === '' ? NaN : Number(text);
    const message = Number.isFinite(v) ? validate(v) : 'Enter a number.';
    setFieldError(field, message);
    if (!message) setConfig({ [field]: v } as Partial<Config>);
  };

  return (
    <label className="field" title={hint}>
      <span className="field-label">{label}</span>
      <input
        type="number"
        data-testid={testId}
        value={draft ?? String(value)}
        step={step ?? 'any'}
        aria-invalid={!!error}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
        onBlur={() => !error && setDraft(null)}
      />
      {error && <ErrorMessage>{error}</ErrorMessage>}
    </label>
  );
}
