import { ACTIVATION_NAMES } from '../../model/describe';
import type { LayerActivation } from '../../model/spec';

const HIDDEN: LayerActivation[] = ['relu', 'sigmoid', 'tanh', 'lecunTanh', 'leakyRelu'];

/** `<option>`s for an activation select; `withLinear` adds "linear" (per-layer selects only). */
export function ActivationOptions({ withLinear = false }: { withLinear?: boolean }) {
  return (
    <>
      {(withLinear ? [...HIDDEN, 'linear' as const] : HIDDEN).map((a) => (
        <option key={a} value={a} title={a === 'lecunTanh' ? '1.7159·tanh(2x/3)' : undefined}>
          {ACTIVATION_NAMES[a]}
        </option>
      ))}
    </>
  );
}
