import { useSettingsLocked } from '../training/SettingsLock';
import { useAppStore } from '../../store/useAppStore';
import type { BackendChoice } from '../../shared/protocol';
import { fmtInt } from '../common/format';

const NAMES: Record<BackendChoice, string> = {
  auto: 'Auto (fastest)',
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WASM',
  cpu: 'CPU',
};
const rate = (v: number) => `${fmtInt(v)} samples/s`;

/** Backend picker, the badge naming the backend in use, and why the others were skipped. */
export function BackendPanel() {
  const choice = useAppStore((s) => s.config.backend);
  const inUse = useAppStore((s) => s.backendInUse);
  const probe = useAppStore((s) => s.probe);
  const phase = useAppStore((s) => s.phase);
  const sps = useAppStore((s) => s.samplesPerSec);
  const busy = useSettingsLocked();
  const setConfig = useAppStore((s) => s.setConfig);
  return (
    <section className="card">
      <h2>Compute backend</h2>
      <div className="row">
        <select
          data-testid="backend.select"
          value={choice}
          disabled={busy}
          title="Where training runs. Auto times a few real steps on each backend and picks the fastest."
          onChange={(e) => setConfig({ backend: e.target.value as BackendChoice })}
        >
          {(Object.keys(NAMES) as BackendChoice[]).map((b) => (
            <option key={b} value={b}>
              {NAMES[b]}
            </option>
          ))}
        </select>
        <span className={`badge ${inUse ? '' : 'muted'}`} data-testid="backend.badge" data-backend={inUse ?? ''}>
          {phase === 'probing'
            ? 'measuring…'
            : inUse
              ? `${NAMES[inUse]}${sps ? ` · ${rate(sps)}` : ''}`
              : 'not started'}
        </span>
      </div>
      {probe.length > 0 && (
        <ul className="probe" data-testid="backend.probe">
          {probe.map((p) => (
            <li key={p.backend} data-backend={p.backend}>
              <strong>{NAMES[p.backend]}</strong>{' '}
              <span className="muted">{p.note || (p.samplesPerSec !== null ? rate(p.samplesPerSec) : '')}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
