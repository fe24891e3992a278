import { useAppStore } from '../store/useAppStore';
import { IMPLEMENTED_OPTIMIZERS, OPTIMIZER_NAMES, type OptimizerId } from '../model/optimizerIds';
import { NumberField } from './NumberField';

const int = (min: number, max: number, what: string) => (v: number) =>
  !Number.isInteger(v) ? `${what} must be a whole number.` : v < min ? `${what} must be at least ${min}.`
    : v > max ? `${what} must be at most ${max.toLocaleString('en-US')}.` : null;

const OPTIMIZERS = Object.entries(OPTIMIZER_NAMES) as [OptimizerId, string][];

/** Epochs, batch size, learning rate, training-set size, seed and optimizer. */
export function HyperParams() {
  const busy = useAppStore((s) => s.status === 'running' || s.status === 'paused');
  const maxTrain = useAppStore((s) => s.datasetInfo?.trainCount ?? 60000);
  const trainSize = useAppStore((s) => s.config.trainSize);
  const optimizer = useAppStore((s) => s.config.optimizer);
  const setConfig = useAppStore((s) => s.setConfig);
  return (
    <section className="card">
      <h2>Training</h2>
      <div className="grid2">
        <NumberField field="epochs" label="Epochs" testId="hp.epochs" disabled={busy} step="1"
          hint="Passes over the training samples. 1-3 is enough to see LeNet-5 learn MNIST."
          validate={int(1, 200, 'Epochs')} />
        <NumberField field="batchSize" label="Batch size" testId="hp.batchSize" disabled={busy} step="1"
          hint="Samples per gradient step. Typical: 32-128."
          validate={(v) => int(1, 60000, 'Batch size')(v) ?? (v > trainSize ? 'Batch size cannot exceed the training size.' : null)} />
        <NumberField field="learningRate" label="Learning rate" testId="hp.learningRate" disabled={busy}
          hint="Step size of each update. Adam: 0.001; SGD: 0.01-0.1."
          validate={(v) => (v <= 0 ? 'Learning rate must be above 0.' : v > 10 ? 'Learning rate must be at most 10.' : null)} />
        <NumberField field="trainSize" label="Training samples" testId="hp.trainSize" disabled={busy} step="1"
          hint="How many training samples one epoch uses (the first N). Fewer is faster."
          validate={int(1, maxTrain, 'Training samples')} />
        <NumberField field="seed" label="Seed" testId="hp.seed" disabled={busy} step="1"
          hint="Fixes the initial weights and the shuffle order, so a run can be repeated."
          validate={int(0, 2147483647, 'Seed')} />
        <label className="field" title="How the weights are updated from the gradients. Adam is a safe default.">
          <span className="field-label">Optimizer</span>
          <select data-testid="hp.optimizer" value={optimizer} disabled={busy}
            onChange={(e) => setConfig({ optimizer: e.target.value as OptimizerId })}>
            {OPTIMIZERS.map(([id, name]) => (
              <option key={id} value={id} disabled={!IMPLEMENTED_OPTIMIZERS.includes(id)}>
                {IMPLEMENTED_OPTIMIZERS.includes(id) ? name : `${name} (not yet available)`}
              </option>
            ))}
          </select>
        </label>
      </div>
    </section>
  );
}
