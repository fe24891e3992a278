import { useEffect, useState } from 'react';
import { useAppStore } from '../../store/useAppStore';

/**
 * The text a person is typing into a field that only accepts some values: the text stays as typed
 * (nothing is lost), `parse` says whether it is acceptable, acceptable values are committed, and the
 * error is kept under `errorKey` so Train waits for it. When the field goes away (another optimizer,
 * schedule or a removed layer) its error goes too, so nothing invisible blocks Train.
 */
export function useDraftField<T>(
  errorKey: string,
  shown: string,
  parse: (text: string) => { value: T } | { error: string },
  commit: (value: T) => void,
) {
  const error = useAppStore((s) => s.fieldErrors[errorKey]);
  const setFieldError = useAppStore((s) => s.setFieldError);
  const [draft, setDraft] = useState<string | null>(null);
  useEffect(() => () => setFieldError(errorKey, null), [errorKey, setFieldError]);
  return {
    text: draft ?? shown,
    error,
    onChange: (text: string) => {
      setDraft(text);
      const r = parse(text);
      setFieldError(errorKey, 'error' in r ? r.error : null);
      if ('value' in r) commit(r.value);
    },
    onBlur: () => !error && setDraft(null),
  };
}

/** Parses a number field's text: empty or non-numeric text gets `notNumber`. */
export function parseNumber(
  text: string,
  notNumber: string,
  validate: (v: number) => string | null = () => null,
): { value: number } | { error: string } {
  const v = text.trim() === '' ? NaN : Number(text);
  const error = Number.isFinite(v) ? validate(v) : notNumber;
  return error ? { error } : { value: v };
}
