import { memo, useDeferredValue, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useAppStore } from '../store/useAppStore';
import { runColor } from './chartColors';
import { useRunLabels } from './useRunLabels';
import { ChartFrame } from './ChartFrame';
import { useStaggered } from './useStaggered';
import { CHART_MARGIN, GRID_STROKE, TICK } from './chartStyle';

type Metric = 'loss' | 'acc';

/** Per-epoch train (dashed), validation (dotted, when held out) and test (solid) curves of every run, on shared axes. */
function EpochChart({ metric }: { metric: Metric }) {
  const liveEpochs = useAppStore(useShallow((s) => s.runs.filter((r) => r.shown).map((r) => r.epochs)));
  const liveIds = useAppStore(useShallow((s) => s.runs.filter((r) => r.shown).map((r) => r.id)));
  const { epochs, ids } = useStaggered(useMemo(() => ({ epochs: liveEpochs, ids: liveIds }), [liveEpochs, liveIds]));
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
  return (
    <div className="chart" data-testid={`chart.epoch.${metric}`}>
      <h3>{metric === 'loss' ? 'Loss per epoch' : 'Accuracy per epoch'}</h3>
      <ChartFrame height={220} empty={data.length === 0}
        message={`Train a model to see its ${metric === 'loss' ? 'loss' : 'accuracy'} on the training and test sets after every epoch.`}>
        <ResponsiveContainer width="100%" height={220}>
          <LineChart data={data} margin={CHART_MARGIN}>
            <CartesianGrid stroke={GRID_STROKE} />
            <XAxis dataKey="epoch" type="number" domain={X_DOMAIN} allowDecimals={false} tick={TICK} interval={0} />
            <YAxis domain={AXIS[metric].domain} tick={TICK} interval={0} width={48} tickFormatter={AXIS[metric].tick} />
            <Tooltip formatter={AXIS[metric].value} labelFormatter={epochLabel} />
            {ids.flatMap((id) => [
              <Line key={`train${id}`} dataKey={`train${id}`} name={`${labels.get(id)} · train`} stroke={runColor(id)}
                strokeDasharray="5 4" dot={SMALL_DOT} isAnimationActive={false} connectNulls />,
              <Line key={`test${id}`} dataKey={`test${id}`} name={`${labels.get(id)} · test`} stroke={runColor(id)}
                strokeWidth={2} dot={DOT} isAnimationActive={false} connectNulls />,
              ...(withVal.includes(id) ? [<Line key={`val${id}`} dataKey={`val${id}`} name={`${labels.get(id)} · validation`} stroke={runColor(id)}
                strokeDasharray="1 3" strokeWidth={2} dot={SMALL_DOT} isAnimationActive={false} connectNulls />] : []),
            ])}
          </LineChart>
        </ResponsiveContainer>
      </ChartFrame>
    </div>
  );
});

// Constant props: recharts redoes its layout when their identity changes (see chartStyle.ts).
const X_DOMAIN = [1, 'dataMax'] as const;
const AXIS = {
  loss: { domain: [0, 'auto'] as const, tick: (v: number) => v.toFixed(2), value: (v: unknown) => Number(v).toFixed(3) },
  acc: { domain: ['auto', 100] as const, tick: (v: number) => `${v.toFixed(0)}%`, value: (v: unknown) => `${Number(v).toFixed(2)}%` },
};
const epochLabel = (l: unknown) => `Epoch ${l}`;
const DOT = { r: 3 };
const SMALL_DOT = { r: 2 };

export function EpochCharts() {
  return (
    <div className="charts2">
      <EpochChart metric="loss" />
      <EpochChart metric="acc" />
    </div>
  );
}
