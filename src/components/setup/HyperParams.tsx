import { useSettingsLocked } from '../training/SettingsLock';
import { useAppStore } from '../../store/useAppStore';
import { defaultEpsilon, IMPLEMENTED_OPTIMIZERS, OPTIMIZER_NAMES, type OptimizerId } from '../../model/optimizerIds';
import { NumberField } from '../common/NumberField';
import { OptimizerParamsFields } from './OptimizerParamsFields';
import { ScheduleField } from './ScheduleField';
import type { LossId } from '../../model/train';
import { fmtInt } from '../common/format';

const int = (min: number, max: number, what: string) => (v: number) =>
  !Number.isInteger(v)
    ? `${what} must be a whole number.`
    : v < min
      ? `${what} must be at least ${min}.`
      : v > max
        ? `${what} must be at most ${fmtInt(max)}.`
        : null;

const OPTIMIZERS = Object.entries(OPTIMIZER_NAMES) as [OptimizerId, string][];

/** Epochs, batch size, learning rate, training-set size, seed, optimizer and its settings, L2, loss, schedule. */
export function HyperParams() {
  const busy = useSettingsLocked();
  const maxTrain = useAppStore((s) => s.datasetInfo?.trainCount ?? 60000);
  const trainSize = useAppStore((s) => s.config.trainSize);
  const optimizer = useAppStore((s) => s.config.optimizer);
  const loss = useAppStore((s) => s.config.loss);
  const setConfig = useAppStore((s) => s.setConfig);
  /** Switching optimizer keeps the person's settings, except an untouched ε follows the new paper's default. */
  const selectOptimizer = (id: OptimizerId) => {
    const { config } = useAppStore.getState();
    const eps =
      config.optimizerParams.epsilon === defaultEpsilon(config.optimizer)
        ? defaultEpsilon(id)
        : config.optimizerParams.epsilon;
    setConfig({ optimizer: id, optimizerParams: { ...config.optimizerParams, epsilon: eps } });
  };
  return (
    <section className="card">
      <h2>Training</h2>
      <div className="grid2">
        <NumberField
          field="epochs"
          label="Epochs"
          testId="hp.epochs"
          disabled={busy}
          step="1"
          hint="Passes over the training samples. 1-3 is enough to see LeNet-5 learn MNIST."
          validate={int(1, 200, 'Epochs')}
        />
        <NumberField
          field="batchSize"
          label="Batch size"
          testId="hp.batchSize"
          disabled={busy}
          step="1"
          hint="Samples per gradient step. Typical: 32-128."
          validate={(v) =>
            int(1, 60000, 'Batch size')(v) ?? (v > trainSize ? 'Batch size cannot exceed the training size.' : null)
          }
        />
        <NumberField
          field="learningRate"
          label="Learning rate"
          testId="hp.learningRate"
          disabled={busy}
          hint="Step size of each update. Adam: 0.001; SGD: 0.01-0.1."
          validate={(v) =>
            v <= 0 ? 'Learning rate must be above 0.' : v > 10 ? 'Learning rate must be at most 10.' : null
          }
        />
        <NumberField
          field="trainSize"
          label="Training samples"
          testId="hp.trainSize"
          disabled={busy}
          step="1"
          hint="How many training samples one epoch uses (the first N). Fewer is faster."
          validate={int(1, maxTrain, 'Training samples')}
        />
        <NumberField
          field="seed"
          label="Seed"
          testId="hp.seed"
          disabled={busy}
          step="1"
          hint="Fixes the initial weights and the shuffle order, so a run can be repeated."
          validate={int(0, 2147483647, 'Seed')}
        />
        <label className="field" title="How the weights are updated from the gradients. Adam is a safe default.">
          <span className="field-label">Optimizer</span>
          <select
            data-testid="hp.optimizer"
            value={optimizer}
            disabled={busy}
            onChange={(e) => selectOptimizer(e.target.value as OptimizerId)}
          >
            {OPTIMIZERS.map(([id, name]) => (
              <option key={id} value={id} disabled={!IMPLEMENTED_OPTIMIZERS.includes(id)}>
                {IMPLEMENTED_OPTIMIZERS.includes(id) ? name : `${name} (not yet available)`}
              </option>
            ))}
          </select>
        </label>
        <NumberField
          field="l2"
          label="L2 (weight penalty)"
          testId="hp.l2"
          disabled={busy}
          hint="Adds λ·Σw² over all kernels to the loss: discourages large weights. Try 1e-4; 0 turns it off."
          validate={(v) =>
            v < 0 ? 'L2 must be 0 or more.' : v > 1 ? 'L2 must be at most 1 (1e-6 to 1e-2 is typical).' : null
          }
        />
        <label
          className="field"
          title="Cross-entropy is the modern choice; mean squared error on one-hot targets is the 1998 setup."
        >
          <span className="field-label">Loss</span>
          <select
            data-testid="hp.loss"
            value={loss}
            disabled={busy}
            onChange={(e) => setConfig({ loss: e.target.value as LossId })}
          >
            <option value="crossEntropy">Cross-entropy</option>
            <option value="mse">Mean squared error</option>
          </select>
        </label>
      </div>
      <button
        type="button"
        className="link"
        data-testid="hp.fullBatch"
        disabled={busy}
        title="One gradient step per epoch over every training sample (classic full-batch gradient descent)."
        onClick={() => setConfig({ batchSize: trainSize })}
      >
        Use full batch ({fmtInt(trainSize)})
      </button>
      <OptimizerParamsFields />
      <ScheduleField />
    </section>
  );
}
