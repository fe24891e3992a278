import { useAppStore } from '../../store/useAppStore';
import { fmtInt } from '../common/format';

const pct = (v: number) => `${(v * 100).toFixed(2)}%`;

/** One row per finished epoch of the current run. */
export function EpochTable() {
  // Only the epochs: the run object itself changes with every progress report.
  const epochs = useAppStore((s) => s.runs.find((r) => r.id === s.currentRunId)?.epochs);
  if (!epochs || epochs.length === 0) return null;
  const hasVal = epochs.some((m) => m.valLoss !== undefined);
  return (
    <table className="epochs">
      <thead>
        <tr>
          <th>Epoch</th>
          <th className="num">Train loss</th>
          <th className="num">Train acc</th>
          {hasVal && (
            <>
              <th className="num">Val loss</th>
              <th className="num">Val acc</th>
            </>
          )}
          <th className="num">Test loss</th>
          <th className="num">Test acc</th>
          <th className="num">LR</th>
          <th className="num">Time</th>
          <th className="num">Samples/s</th>
        </tr>
      </thead>
      <tbody>
        {epochs.map((m) => (
          <tr
            key={m.epoch}
            data-testid="epoch.row"
            data-epoch={m.epoch}
            data-train-loss={m.trainLoss.toFixed(4)}
            data-train-acc={m.trainAcc.toFixed(4)}
            data-test-loss={m.testLoss.toFixed(4)}
            data-test-acc={m.testAcc.toFixed(4)}
            data-seconds={m.seconds.toFixed(2)}
            data-samples-per-sec={Math.round(m.samplesPerSec)}
            data-lr={m.lr ?? ''}
            data-val-loss={m.valLoss?.toFixed(4) ?? ''}
            data-val-acc={m.valAcc?.toFixed(4) ?? ''}
            data-num-tensors={m.numTensors}
          >
            <td>{m.epoch}</td>
            <td className="num">{m.trainLoss.toFixed(4)}</td>
            <td className="num">{pct(m.trainAcc)}</td>
            {hasVal && (
              <>
                <td className="num">{m.valLoss?.toFixed(4) ?? '—'}</td>
                <td className="num">{m.valAcc !== undefined ? pct(m.valAcc) : '—'}</td>
              </>
            )}
            <td className="num">{m.testLoss.toFixed(4)}</td>
            <td className="num strong">{pct(m.testAcc)}</td>
            <td className="num">{m.lr !== undefined ? m.lr.toPrecision(2) : '—'}</td>
            <td className="num">{m.seconds.toFixed(1)}s</td>
            <td className="num">{fmtInt(m.samplesPerSec)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
