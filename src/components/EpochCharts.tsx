import { useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useAppStore } from '../store/useAppStore';
import { runColor } from './chartColors';
import { useRunLabels } from './useRunLabels';

type Metric = 'loss' | 'acc';

/** Per-epoch train (dashed) and test (solid) curves of every run, on shared axes. */
function EpochChart({ metric }: { metric: Metric }) {
  const runs = useAppStore((s) => s.runs);
  const labels = useRunLabels();
  const data = useMemo(() => {
    const maxEpochs = Math.max(0, ...runs.map((r) => r.epochs.length));
    return Array.from({ length: maxEpochs }, (_, i) => {
      const row: Record<string, number> = { epoch: i + 1 };
      for (const r of runs) {
        const m = r.epochs[i];
        if (!m) continue;
        row[`train${r.id}`] = metric === 'loss' ? m.trainLoss : m.trainAcc * 100;
        row[`test${r.id}`] = metric === 'loss' ? m.testLoss : m.testAcc * 100;
      }
      return row;
    });
  }, [runs, metric]);
  const fmt = (v: number) => (metric === 'loss' ? v.toFixed(3) : `${v.toFixed(2)}%`);
  return (
    <div className="chart" data-testid={`chart.epoch.${metric}`}>
      <h3>{metric === 'loss' ? 'Loss per epoch' : 'Accuracy per epoch'}</h3>
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid stroke="#eef0f4" />
          <XAxis dataKey="epoch" type="number" domain={[1, 'dataMax']} allowDecimals={false} tick={{ fontSize: 12 }} />
          <YAxis domain={metric === 'acc' ? ['auto', 100] : [0, 'auto']} tick={{ fontSize: 12 }} width={48}
            tickFormatter={(v: number) => (metric === 'acc' ? `${v.toFixed(0)}%` : v.toFixed(2))} />
          <Tooltip formatter={(v) => fmt(Number(v))} labelFormatter={(l) => `Epoch ${l}`} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {runs.flatMap((r, i) => [
            <Line key={`train${r.id}`} dataKey={`train${r.id}`} name={`${labels[i]} · train`} stroke={runColor(i)}
              strokeDasharray="5 4" dot={{ r: 2 }} isAnimationActive={false} connectNulls />,
            <Line key={`test${r.id}`} dataKey={`test${r.id}`} name={`${labels[i]} · test`} stroke={runColor(i)}
              strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} connectNulls />,
          ])}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

export function EpochCharts() {
  return (
    <div className="charts2">
      <EpochChart metric="loss" />
      <EpochChart metric="acc" />
    </div>
  );
}
