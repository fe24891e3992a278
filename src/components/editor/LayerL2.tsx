import { useDraftField } from '../common/useDraftField';

interface Props {
  layerKey: number;
  index: number;
  value: number | undefined;
  onValue: (v: number | undefined) => void;
  disabled?: boolean;
}

/** A layer's own L2 penalty; empty means "use the global L2". */
export function LayerL2({ layerKey, index, value, onValue, disabled }: Props) {
  const { text, error, onChange, onBlur } = useDraftField(
    `layer.${layerKey}.l2`,
    value === undefined ? '' : String(value),
    (t) => {
      if (t.trim() === '') return { value: undefined };
      const v = Number(t);
      return Number.isFinite(v) && v >= 0 && v <= 1
        ? { value: v }
        : { error: 'L2: enter a number from 0 to 1, or leave empty for the global value' };
    },
    onValue,
  );
  return (
    <label
      className="lfield"
      title="This layer's L2 penalty on its weights; empty uses the global L2 from Training. 1e-4 is typical."
    >
      <span>L2</span>
      <input
        type="number"
        step="any"
        placeholder="global"
        data-testid={`layer.${index}.l2`}
        value={text}
        aria-invalid={!!error}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
        onBlur={onBlur}
      />
    </label>
  );
}
