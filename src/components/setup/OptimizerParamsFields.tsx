import { useSettingsLocked } from '../training/SettingsLock';
import { useAppStore } from '../../store/useAppStore';
import type { OptimizerId, OptimizerParams } from '../../model/optimizerIds';
import { NumberField } from '../common/NumberField';

type NumericParam = Exclude<keyof OptimizerParams, 'nesterov'>;

const FIELDS: Record<NumericParam, { label: string; hint: string; min: number; max: number; open?: boolean }> = {
  momentum: {
    label: 'Momentum',
    hint: 'Keeps a running direction of past gradients. 0.9 is typical.',
    min: 0,
    max: 1,
    open: true,
  },
  rho: {
    label: 'Decay (ρ)',
    hint: 'How fast RMSprop forgets old squared gradients. 0.9 is typical.',
    min: 0,
    max: 1,
    open: true,
  },
  beta1: { label: 'β₁', hint: 'Decay of the running mean of gradients. 0.9 is typical.', min: 0, max: 1, open: true },
  beta2: {
    label: 'β₂',
    hint: 'Decay of the running mean of squared gradients. 0.999 is typical.',
    min: 0,
    max: 1,
    open: true,
  },
  epsilon: { label: 'ε', hint: 'Tiny constant that avoids division by zero. 1e-8 is typical.', min: 0, max: 1 },
  weightDecay: {
    label: 'Weight decay',
    hint: 'AdamW shrinks every weight by lr·decay·w each step, apart from the gradient. 0.01 is typical.',
    min: 0,
    max: 1,
  },
};

const USES: Record<OptimizerId, NumericParam[]> = {
  sgd: [],
  momentum: ['momentum'],
  rmsprop: ['rho', 'momentum', 'epsilon'],
  adam: ['beta1', 'beta2', 'epsilon'],
  adamw: ['beta1', 'beta2', 'epsilon', 'weightDecay'],
  nadam: ['beta1', 'beta2', 'epsilon'],
  adabelief: ['beta1', 'beta2', 'epsilon'],
};

/** The chosen optimizer's own hyperparameters (betas, epsilon, momentum, weight decay). */
export function OptimizerParamsFields() {
  const optimizer = useAppStore((s) => s.config.optimizer);
  const params = useAppStore((s) => s.config.optimizerParams);
  const busy = useSettingsLocked();
  const set = (patch: Partial<OptimizerParams>) =>
    useAppStore
      .getState()
      .setConfig({ optimizerParams: { ...useAppStore.getState().config.optimizerParams, ...patch } });
  const uses = USES[optimizer];
  if (uses.length === 0) return null;
  return (
    <details className="fold" data-testid="fold.optimizer">
      <summary title="The optimizer's own settings; their defaults suit most runs">
        Optimizer settings ({uses.map((k) => FIELDS[k].label).join(', ')})
      </summary>
      <div className="grid2 subfields" data-testid="hp.optimizerParams">
        {uses.map((k) => {
          const f = FIELDS[k];
          return (
            <NumberField
              key={`${optimizer}.${k}`}
              errorKey={`optimizerParams.${k}`}
              value={params[k]}
              onValue={(v) => set({ [k]: v })}
              label={f.label}
              testId={`hp.${k}`}
              hint={f.hint}
              disabled={busy}
              validate={(v) =>
                v < f.min || v > f.max || (f.open && v === f.max)
                  ? `${f.label} must be at least ${f.min} and ${f.open ? 'below' : 'at most'} ${f.max}.`
                  : null
              }
            />
          );
        })}
        {optimizer === 'momentum' && (
          <label
            className="check"
            title="Nesterov momentum looks ahead along the running direction before taking the gradient."
          >
            <input
              type="checkbox"
              data-testid="hp.nesterov"
              checked={params.nesterov}
              disabled={busy}
              onChange={(e) => set({ nesterov: e.target.checked })}
            />
            Nesterov
          </label>
        )}
      </div>
    </details>
  );
}
