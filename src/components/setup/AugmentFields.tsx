import { useSettingsLocked } from '../training/SettingsLock';
import { useAppStore } from '../../store/useAppStore';
import type { AugmentConfig } from '../../data/augment';
import { NumberField } from '../common/NumberField';

type NumericKey = 'rotation' | 'shift' | 'scale' | 'slant' | 'thickness' | 'elastic' | 'cropPadding';

const FIELDS: Record<NumericKey, { label: string; hint: string; max: number; unit: string }> = {
  rotation: {
    label: 'Rotation (±°)',
    hint: 'Turns each training image by a random angle up to this many degrees. 10-15° suits digits.',
    max: 180,
    unit: 'degrees',
  },
  shift: {
    label: 'Shift (px)',
    hint: 'Moves each training image by up to this many pixels each way. 2 suits 28x28 digits.',
    max: 16,
    unit: 'pixels',
  },
  scale: {
    label: 'Scale (±%)',
    hint: 'Grows or shrinks each training image by up to this percent. 15% covers digits drawn small or large.',
    max: 50,
    unit: 'percent',
  },
  slant: {
    label: 'Slant (±°)',
    hint: 'Leans each training image left or right by up to this many degrees, as handwriting does. 15° suits digits.',
    max: 45,
    unit: 'degrees',
  },
  thickness: {
    label: 'Stroke width (±px)',
    hint: 'Thickens or thins the strokes by up to this many pixels (whole pixels). 1 covers thin and heavy pens.',
    max: 3,
    unit: 'pixels',
  },
  elastic: {
    label: 'Elastic (px)',
    hint: 'Bends each training image by a smooth random warp of up to this many pixels, like a wobbly hand. 1-2 suits digits.',
    max: 8,
    unit: 'pixels',
  },
  cropPadding: {
    label: 'Crop padding (px)',
    hint: 'Pads the image with black by this many pixels and crops a random window of the original size. 4 suits 32x32 colour images.',
    max: 16,
    unit: 'pixels',
  },
};

/** Seeded augmentation of training batches: rotation, shift, scale, slant, stroke width and elastic warps for digits; flip and padded crop for colour images. */
export function AugmentFields() {
  const augment = useAppStore((s) => s.config.augment);
  const busy = useSettingsLocked();
  const set = (patch: Partial<AugmentConfig>) =>
    useAppStore.getState().setConfig({ augment: { ...useAppStore.getState().config.augment, ...patch } });
  return (
    <div className="subfields">
      <h3 className="subhead">
        Augmentation <span className="muted">· seeded, training only</span>
      </h3>
      <div className="grid2">
        {(Object.keys(FIELDS) as NumericKey[]).map((k) => (
          <NumberField
            key={k}
            errorKey={`augment.${k}`}
            value={augment[k]}
            onValue={(v) => set({ [k]: v })}
            step="1"
            label={FIELDS[k].label}
            hint={FIELDS[k].hint}
            testId={`aug.${k}`}
            disabled={busy}
            validate={(v) =>
              v < 0 || v > FIELDS[k].max || (k === 'thickness' && !Number.isInteger(v))
                ? `${FIELDS[k].label.split(' (')[0]} must be ${k === 'thickness' ? 'a whole number from ' : ''}0 to ${FIELDS[k].max} ${FIELDS[k].unit}.`
                : null
            }
          />
        ))}
        <label
          className="check"
          title="Mirrors each training image left-right with probability ½. Right for photos (CIFAR-10); wrong for digits."
        >
          <input
            type="checkbox"
            data-testid="aug.flip"
            checked={augment.flip}
            disabled={busy}
            onChange={(e) => set({ flip: e.target.checked })}
          />
          Horizontal flip
        </label>
      </div>
    </div>
  );
}
