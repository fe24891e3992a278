import { useShallowItems } from '../common/useShallowItems';
import { useAppStore } from '../../store/useAppStore';
import { etaSeconds } from '../charts/chartMath';
import { fmtInt } from '../common/format';

function formatEta(s: number): string {
  if (!Number.isFinite(s)) return '—';
  const m = Math.floor(s / 60);
  return m > 0 ? `${m}m ${Math.round(s % 60)}s` : `${Math.round(s)}s`;
}

/** Progress bar with samples/s and ETA; aria values count training samples. */
export function TrainProgress() {
  const { done, total, sps, epoch, epochs } = useAppStore(
    useShallowItems((s) => ({
      done: s.samplesDone,
      total: s.samplesTotal,
      sps: s.samplesPerSec,
      epoch: s.epoch,
      epochs: s.config.epochs,
    })),
  );
  const pct = total ? (100 * done) / total : 0;
  return (
    <div
      className="progress"
      data-testid="train.progress"
      role="progressbar"
      aria-label="Training progress in samples"
      aria-valuemin={0}
      aria-valuenow={done}
      aria-valuemax={total}
    >
      <div className="progress-track">
        {/* scaleX, not width: a transform needs no layout of the page, which shares the CPU with training */}
        <div className="progress-fill" style={{ transform: `scaleX(${pct / 100})` }} />
      </div>
      <span className="muted small">
        {total
          ? `Epoch ${Math.max(epoch, 1)}/${epochs} · ${fmtInt(done)} / ${fmtInt(total)} samples · ${fmtInt(sps)} samples/s · ETA ${formatEta(etaSeconds(total - done, sps))}`
          : 'No run yet'}
      </span>
    </div>
  );
}
