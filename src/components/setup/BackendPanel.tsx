import { useSettingsLocked } from '../training/SettingsLock';
import { useAppStore } from '../../store/useAppStore';
import type { BackendChoice } from '../../shared/protocol';
import { fmtInt } from '../common/format';
import { getTrainerClient } from '../../client/trainerClient';
import { defaultThreads, MAX_THREADS } from '../../shared/workerName';

const NAMES: Record<BackendChoice, string> = {
  auto: 'Auto (fastest)',
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WASM',
  cpu: 'CPU',
};
const rate = (v: number) => `${fmtInt(v)} samples/s`;

const when = (t: number) => new Date(t).toISOString().slice(0, 10);
const threadsText = (n: number) => `${n} thread${n === 1 ? '' : 's'}`;

/** Backend picker, the badge naming the backend in use, and what Auto measured (with a way to measure again). */
export function BackendPanel() {
  const choice = useAppStore((s) => s.config.backend);
  const inUse = useAppStore((s) => s.backendInUse);
  const probe = useAppStore((s) => s.probe);
  const phase = useAppStore((s) => s.phase);
  const sps = useAppStore((s) => s.samplesPerSec);
  const threads = useAppStore((s) => s.threadsInUse);
  const threadCap = useAppStore((s) => s.threadCap);
  const cores = Math.min(MAX_THREADS, Math.max(1, navigator.hardwareConcurrency || 1));
  const busy = useSettingsLocked();
  const setConfig = useAppStore((s) => s.setConfig);
  const chosen = probe.results.find((r) => r.note.startsWith('chosen'))?.backend;
  return (
    <section className="card">
      <h2>Compute backend</h2>
      <div className="row">
        <select
          data-testid="backend.select"
          aria-label="Compute backend"
          value={choice}
          disabled={busy}
          title="Where training runs. Auto times a few real steps on each backend, once per browser and kind of network, and picks the fastest."
          onChange={(e) => setConfig({ backend: e.target.value as BackendChoice })}
        >
          {(Object.keys(NAMES) as BackendChoice[]).map((b) => (
            <option key={b} value={b}>
              {NAMES[b]}
            </option>
          ))}
        </select>
        <span
          className={`badge ${inUse ? '' : 'muted'}`}
          data-testid="backend.badge"
          data-backend={inUse ?? ''}
          data-threads={inUse && threads ? threads : undefined}
        >
          {phase === 'probing'
            ? 'measuring…'
            : inUse
              ? `${NAMES[inUse]}${threads ? ` · ${threadsText(threads)}` : ''}${sps ? ` · ${rate(sps)}` : ''}`
              : 'not started'}
        </span>
      </div>
      {(choice === 'auto' || choice === 'wasm') && (
        <label className="row small">
          <span className="muted">WASM threads</span>
          <select
            data-testid="backend.threads"
            value={threadCap}
            disabled={busy}
            title="Threads training on the WASM backend: large convolutions and products are split over them. The default uses every core; fewer leave cores for other work."
            onChange={(e) => getTrainerClient().setThreadCap(Number(e.target.value))}
          >
            <option value={0}>Default ({threadsText(defaultThreads(cores))})</option>
            {Array.from({ length: cores }, (_, i) => i + 1).map((n) => (
              <option key={n} value={n}>
                {threadsText(n)}
                {n === cores ? ' (all cores)' : ''}
              </option>
            ))}
          </select>
        </label>
      )}
      {choice === 'auto' && (
        <p className="muted small" data-testid="backend.probeState" data-state={probe.state}>
          {probe.state === 'measuring'
            ? 'Measuring each backend for this kind of network, in the background…'
            : probe.state === 'done' && chosen
              ? `Auto trains this kind of network on ${NAMES[chosen]} (measured in this browser on ${when(probe.measuredAt!)}).`
              : probe.state === 'failed'
                ? probe.message
                : 'Auto measures each backend once per browser and kind of network, after the dataset loads.'}{' '}
          <button
            type="button"
            className="link"
            data-testid="backend.remeasure"
            title="Times each backend again for this kind of network (e.g. after an update or on battery)"
            disabled={busy || probe.state === 'measuring'}
            onClick={() => getTrainerClient().remeasureBackends()}
          >
            Measure again
          </button>
        </p>
      )}
      {probe.results.length > 0 && (
        <ul className="probe" data-testid="backend.probe">
          {probe.results.map((p) => (
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
