import { useSettingsLocked } from '../training/SettingsLock';
import { useAppStore } from '../../store/useAppStore';
import { NORMALIZATION_NAMES, type NormalizationId } from '../../data/normalize';
import { NumberField } from '../common/NumberField';
import { AugmentFields } from './AugmentFields';
import { AugmentPreview } from './AugmentPreview';
import { fmtInt } from '../common/format';

const NORMALIZATIONS = Object.entries(NORMALIZATION_NAMES) as [NormalizationId, string][];

/** Per-channel statistics the running (or last) run standardised with, or when they will be computed. */
function StatsLine() {
  const stats = useAppStore((s) => s.normStats);
  if (!stats)
    return (
      <p className="hint" data-testid="data.stats">
        Mean and std are computed from the training samples when training starts.
      </p>
    );
  const fmt = (xs: number[]) => xs.map((v) => v.toFixed(4)).join(' / ');
  return (
    <p className="hint" data-testid="data.stats">
      Training-set mean {fmt(stats.mean)} · std {fmt(stats.std)}
    </p>
  );
}

/** Validation split, early stopping, input normalisation and augmentation, with a preview of what the network sees. */
export function DataOptions() {
  const busy = useSettingsLocked();
  const split = useAppStore((s) => s.config.validationSplit);
  const trainSize = useAppStore((s) => s.config.trainSize);
  const earlyStopping = useAppStore((s) => s.config.earlyStopping);
  const normalization = useAppStore((s) => s.config.normalization);
  const setConfig = useAppStore((s) => s.setConfig);
  const held = Math.round(trainSize * split);
  return (
    <section className="card" data-testid="data.options">
      <h2>Data</h2>
      <div className="grid2">
        <NumberField
          errorKey="validationSplit"
          value={Math.round(split * 1000) / 10}
          onValue={(v) => setConfig({ validationSplit: v / 100 })}
          label="Validation split (%)"
          testId="hp.validationSplit"
          disabled={busy}
          hint="Share of the training samples held out to check generalisation after each epoch. 10% is typical; 0 turns it off."
          validate={(v) => (v < 0 || v > 50 ? 'Validation split must be between 0 and 50%.' : null)}
        />
        <label
          className="field"
          title="How pixels are scaled before the network sees them. [0, 1] is the usual choice; mean/std centres each channel."
        >
          <span className="field-label">Input normalisation</span>
          <select
            data-testid="hp.normalization"
            value={normalization}
            disabled={busy}
            onChange={(e) => setConfig({ normalization: e.target.value as NormalizationId })}
          >
            {NORMALIZATIONS.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label
          className="check"
          title="Ends training when the validation loss stops improving and keeps the best epoch's weights."
        >
          <input
            type="checkbox"
            data-testid="hp.earlyStopping"
            checked={earlyStopping}
            disabled={busy}
            onChange={(e) =>
              setConfig({
                earlyStopping: e.target.checked,
                ...(e.target.checked && split === 0 ? { validationSplit: 0.1 } : {}),
              })
            }
          />
          Early stopping
        </label>
        {earlyStopping && (
          <NumberField
            field="patience"
            label="Patience (epochs)"
            testId="hp.patience"
            disabled={busy}
            step="1"
            hint="Epochs to wait for a lower validation loss before stopping. 2-5 is typical."
            validate={(v) =>
              !Number.isInteger(v) || v < 1 || v > 100 ? 'Patience must be a whole number from 1 to 100.' : null
            }
          />
        )}
      </div>
      {split > 0 && (
        <p className="hint" data-testid="data.split">
          {fmtInt(trainSize - held)} samples train, the last {fmtInt(held)} validate.
        </p>
      )}
      {normalization === 'standardize' && <StatsLine />}
      <AugmentFields />
      <AugmentPreview />
    </section>
  );
}
