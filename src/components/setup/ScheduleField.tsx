import { useSettingsLocked } from '../training/SettingsLock';
import { useAppStore } from '../../store/useAppStore';
import { formatScheduleList, LENET_PAPER_SCHEDULE, parseScheduleList, type Schedule } from '../../model/schedules';
import { NumberField } from '../common/NumberField';
import { ErrorMessage } from '../common/ErrorMessage';
import { ScheduleChart } from './ScheduleChart';
import { useDraftField } from '../common/useDraftField';

const FRESH: Record<Schedule['kind'], Schedule> = {
  constant: { kind: 'constant' },
  step: { kind: 'step', every: 2, gamma: 0.5 },
  exponential: { kind: 'exponential', gamma: 0.9 },
  cosine: { kind: 'cosine', minLr: 0 },
  list: LENET_PAPER_SCHEDULE,
};

/** Learning-rate schedule: kind, its settings, and a plot of the rate per epoch before training starts. */
export function ScheduleField() {
  const schedule = useAppStore((s) => s.config.schedule);
  const busy = useSettingsLocked();
  const setSchedule = (next: Schedule) => useAppStore.getState().setConfig({ schedule: next });
  const patch = (p: Partial<Schedule>) => setSchedule({ ...useAppStore.getState().config.schedule, ...p } as Schedule);
  const num = (key: string, label: string, value: number, hint: string, validate: (v: number) => string | null) => (
    <NumberField
      key={key}
      errorKey={`schedule.${key}`}
      value={value}
      onValue={(v) => patch({ [key]: v })}
      label={label}
      testId={`hp.schedule.${key}`}
      hint={hint}
      disabled={busy}
      validate={validate}
    />
  );
  const positive = (what: string) => (v: number) => (v > 0 ? null : `${what} must be above 0.`);
  return (
    <div className="schedule">
      <label className="field" title="How the learning rate changes from epoch to epoch.">
        <span className="field-label">Learning-rate schedule</span>
        <select
          data-testid="hp.schedule"
          value={schedule.kind}
          disabled={busy}
          onChange={(e) => setSchedule(FRESH[e.target.value as Schedule['kind']])}
        >
          <option value="constant">Constant</option>
          <option value="step">Step decay</option>
          <option value="exponential">Exponential</option>
          <option value="cosine">Cosine</option>
          <option value="list">Per-epoch list</option>
        </select>
      </label>
      <div className="grid2 subfields">
        {schedule.kind === 'step' && (
          <>
            {num('every', 'Every N epochs', schedule.every, 'Multiply the rate by γ after this many epochs.', (v) =>
              Number.isInteger(v) && v >= 1 ? null : 'Every must be a whole number of at least 1.',
            )}
            {num('gamma', 'γ', schedule.gamma, 'Factor applied at each step, e.g. 0.5.', positive('γ'))}
          </>
        )}
        {schedule.kind === 'exponential' &&
          num('gamma', 'γ per epoch', schedule.gamma, 'Rate × γ every epoch, e.g. 0.9.', positive('γ'))}
        {schedule.kind === 'cosine' &&
          num('minLr', 'Final rate', schedule.minLr, 'The rate the cosine reaches at the last epoch.', (v) =>
            v >= 0 ? null : 'The final rate must be 0 or more.',
          )}
      </div>
      {schedule.kind === 'list' && (
        <ListInput
          segments={schedule.segments}
          disabled={busy}
          onChange={(segments) => setSchedule({ kind: 'list', segments })}
        />
      )}
      <ScheduleChart />
    </div>
  );
}

function ListInput({
  segments,
  disabled,
  onChange,
}: {
  segments: { epochs: number; lr: number }[];
  disabled: boolean;
  onChange: (s: { epochs: number; lr: number }[]) => void;
}) {
  const {
    text,
    error,
    onChange: edit,
    onBlur,
  } = useDraftField(
    'schedule.list',
    formatScheduleList(segments),
    (t) => {
      const parsed = parseScheduleList(t);
      return parsed
        ? { value: parsed }
        : { error: 'Write rates with epoch counts, like "0.0005x2, 0.0002x3, 0.00001".' };
    },
    onChange,
  );
  return (
    <label
      className="field"
      title="Rate × epochs, comma-separated; the last rate holds after the list. The LeNet paper: 0.0005x2, 0.0002x3, 0.00005x4, 0.00001."
    >
      <span className="field-label">Rates per epoch</span>
      <input
        type="text"
        data-testid="hp.scheduleList"
        value={text}
        disabled={disabled}
        aria-invalid={!!error}
        onChange={(e) => edit(e.target.value)}
        onBlur={onBlur}
      />
      {error && <ErrorMessage>{error}</ErrorMessage>}
    </label>
  );
}
