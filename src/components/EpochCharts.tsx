import { memo, useDeferredValue, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useAppStore } from '../store/useAppStore';
import { runColor } from './chartColors';
import { useRunLabels } from './useRunLabels';
import { ChartPlaceholder } from './ChartPlaceholder';

type Metric = 'loss' | 'acc';

/** Per-epoch train (dashed), validation (dotted, when held out) and test (solid) curves of every run, on shared axes. */
function EpochChart({ metric }: { metric: Metric }) {
  const epochs = useAppStore(useShallow((s) => s.runs.filter((r) => r.shown).map((r) => r.epochs)));
  const ids = useAppStore(useShallow((s) => s.runs.filter((r) => r.shown).map((r) => r.id)));
  const labels = useRunLabels();
  const data = useMemo(() => {
    const maxEpochs = Math.max(0, ...epochs.map((e) => e.length));
    return Array.from({ length: maxEpochs }, (_, i) => {
      const row: Record<string, number> = { epoch: i + 1 };
      epochs.forEach((runEpochs, r) => {
        const m = runEpochs[i];
        if (!m) return;
        row[`train${ids[r]}`] = metric === 'loss' ? m.trainLoss : m.trainAcc * 100;
        row[`test${ids[r]}`] = metric === 'loss' ? m.testLoss : m.testAcc * 100;
        if (m.valLoss !== undefined) row[`val${ids[r]}`] = metric === 'loss' ? m.valLoss : m.valAcc! * 100;
      });
      return row;
    });
  }, [epochs, ids, metric]);
  const withVal = useMemo(() => ids.filter((_, r) => epochs[r].some((m) => m.valLoss !== undefined)), [ids, epochs]);
  return <EpochPlot metric={metric} data={useDeferredValue(data)} ids={useDeferredValue(ids)} withVal={useDeferredValue(withVal)}
    labels={useDeferredValue(labels)} />;
}

/**
 * The chart itself, memoised and fed deferred props: an epoch end re-renders it at low priority,
 * in slices React can interrupt, instead of in one long main-thread task beside the other charts.
 */
const EpochPlot = memo(function EpochPlot({ metric, data, ids, withVal, labels }: { metric: Metric; data: Record<string, number>[];
  ids: number[]; withVal: number[]; labels: Map<number, string> }) {
  const fmt = (v: number) => (metric === 'loss' ? v.toFixed(3) : `${v.toFixed(2)}%`);
  return (
    <div className="chart" data-testid={`chart.epoch.${metric}`}>
      <h3>{metric === 'loss' ? 'Loss per epoch' : 'Accuracy per epoch'}</h3>
      {ids.length === 0 ? (
        <ChartPlaceholder height={212}>{`Train a model to see its ${metric === 'loss' ? 'loss' : 'accuracy'} on the training and test sets after every epoch.`}</ChartPlaceholder>
      ) : (
        <ResponsiveContainer width="100%" height={220}>
          <LineChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
            <CartesianGrid stroke="#eef0f4" />
            <XAxis dataKey="epoch" type="number" domain={[1, 'dataMax']} allowDecimals={false} tick={{ fontSize: 12 }} />
            <YAxis domain={metric === 'acc' ? ['auto', 100] : [0, 'auto']} tick={{ fontSize: 12 }} width={48}
              tickFormatter={(v: number) => (metric === 'acc' ? `${v.toFixed(0)}%` : v.toFixed(2))} />
            <Tooltip formatter={(v) => fmt(Number(v))} labelFormatter={(l) => `Epoch ${l}`} />
            {ids.flatMap((id) => [
              <Line key={`train${id}`} dataKey={`train${id}`} name={`${labels.get(id)} · train`} stroke={runColor(id)}
                strokeDasharray="5 4" dot={{ r: 2 }} isAnimationActive={false} connectNulls />,
              <Line key={`test${id}`} dataKey={`test${id}`} name={`${labels.get(id)} · test`} stroke={runColor(id)}
                strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} connectNulls />,
              ...(withVal.includes(id) ? [<Line key={`val${id}`} dataKey={`val${id}`} name={`${labels.get(id)} · validation`} stroke={runColor(id)}
                strokeDasharray="1 3" strokeWidth={2} dot={{ r: 2 }} isAnimationActive={false} connectNulls />] : []),
            ])}
          </LineChart>
        </ResponsiveContainer>
      )}
    </div>
  );
});

export function EpochCharts() {
  return (
    <div className="charts2">
      <EpochChart metric="loss" />
      <EpochChart metric="acc" />
    </div>
  );
}
