import { memo, useCallback, useDeferredValue, useMemo, type RefObject } from 'react';
import { useShallow } from 'zustand/react/shallow';
import {
  CartesianGrid,
  Line,
  ReferenceLine,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type TooltipContentProps,
} from 'recharts';
import { useAppStore } from '../../store/useAppStore';
import { runColor } from './chartColors';
import { useRunLabels } from '../runs/useRunLabels';
import { ChartFrame } from './ChartFrame';
import { useStaggered } from './useStaggered';
import { CHART_MARGIN, ChartTip, GRID_STROKE, TICK } from './chartStyle';
import { useLatest } from '../common/useLatest';
import { axisTicks, EMPTY_LOSS_END, percentAxis } from './chartMath';
import { RECIPE_NATIVE, recipeById } from '../../shared/recipes';

type Metric = 'loss' | 'acc';

/** Per-epoch train (dashed), validation (dotted, when held out) and test (solid) curves of every run, on shared axes. */
function EpochChart({ metric }: { metric: Metric }) {
  // Runs without a finished epoch have nothing to draw here: leaving them out spares both charts a
  // redraw when a run starts.
  const liveEpochs = useAppStore(
    useShallow((s) => s.runs.filter((r) => r.shown && r.epochs.length > 0).map((r) => r.epochs)),
  );
  const liveIds = useAppStore(useShallow((s) => s.runs.filter((r) => r.shown && r.epochs.length > 0).map((r) => r.id)));
  // The recipes of the runs drawn: their source's number and native curve go on the accuracy chart.
  const recipeIds = useAppStore(
    useShallow((s) => [
      ...new Set(s.runs.filter((r) => r.shown && r.epochs.length > 0 && r.recipe).map((r) => r.recipe!)),
    ]),
  );
  const references = useMemo(
    () => (metric === 'acc' ? recipeReferences(recipeIds) : NO_REFERENCES),
    [metric, recipeIds],
  );
  const { epochs, ids } = useStaggered(useMemo(() => ({ epochs: liveEpochs, ids: liveIds }), [liveEpochs, liveIds]));
  // Labels reach the tooltip through a ref: a new run can rename the others ("ReLU" -> "ReLU ·
  // max"), which must not redraw a chart whose lines have not changed.
  const labelsRef = useLatest(useRunLabels());
  const data = useMemo(() => {
    const maxEpochs = Math.max(0, ...epochs.map((e) => e.length), ...references.curves.map((c) => c.values.length));
    return Array.from({ length: maxEpochs }, (_, i) => {
      const row: Record<string, number> = { epoch: i + 1 };
      for (const c of references.curves) if (i < c.values.length) row[c.key] = c.values[i];
      epochs.forEach((runEpochs, r) => {
        const m = runEpochs[i];
        if (!m) return;
        row[`train${ids[r]}`] = metric === 'loss' ? m.trainLoss : m.trainAcc * 100;
        row[`test${ids[r]}`] = metric === 'loss' ? m.testLoss : m.testAcc * 100;
        if (m.valLoss !== undefined) row[`val${ids[r]}`] = metric === 'loss' ? m.valLoss : m.valAcc! * 100;
      });
      return row;
    });
  }, [epochs, ids, metric, references]);
  const withVal = useMemo(() => ids.filter((_, r) => epochs[r].some((m) => m.valLoss !== undefined)), [ids, epochs]);
  return (
    <EpochPlot
      metric={metric}
      data={useDeferredValue(data)}
      ids={useDeferredValue(ids)}
      withVal={useDeferredValue(withVal)}
      references={useDeferredValue(references)}
      labelsRef={labelsRef}
    />
  );
}

/**
 * The chart itself, memoised and fed deferred props: an epoch end re-renders it at low priority,
 * in slices React can interrupt, instead of in one long main-thread task beside the other charts.
 */
const EpochPlot = memo(function EpochPlot({
  metric,
  data,
  ids,
  withVal,
  references,
  labelsRef,
}: {
  metric: Metric;
  data: Record<string, number>[];
  ids: number[];
  withVal: number[];
  references: References;
  labelsRef: RefObject<Map<number, string>>;
}) {
  const tip = useCallback(
    (p: TooltipContentProps) => (
      <EpochTip {...p} metric={metric} labels={labelsRef.current} curves={references.curves} />
    ),
    [metric, labelsRef, references],
  );
  // Accuracy ends at 100%, whatever ticks recharts would round to.
  const percent = useMemo(
    () =>
      metric === 'acc'
        ? percentAxis(
            data
              .flatMap((row) =>
                Object.entries(row)
                  .filter(([k]) => k !== 'epoch')
                  .map(([, v]) => v),
              )
              .concat(references.lines.map((l) => l.value)),
          )
        : null,
    [metric, data, references],
  );
  // An empty chart keeps its axes (under its empty-state box) over a stand-in range with explicit
  // ticks (recharts draws none for an axis without data), so that recharts mounts them while the
  // page is idle rather than at a run's first epoch.
  const empty = data.length === 0;
  return (
    <div className="chart" data-testid={`chart.epoch.${metric}`}>
      <h3>{metric === 'loss' ? 'Loss per epoch' : 'Accuracy per epoch'}</h3>
      {references.lines.length > 0 && (
        <p className="chart-note" data-testid="chart.reference">
          In grey: {references.lines.map((l) => l.label).join(', ')} (dotted)
          {references.curves.length > 0 ? '; the same recipe trained by its PyTorch script (dashed)' : ''}
        </p>
      )}
      <ChartFrame
        height={220}
        empty={data.length === 0}
        message={`Train a model to see its ${metric === 'loss' ? 'loss' : 'accuracy'} on the training and test sets after every epoch.`}
      >
        <ResponsiveContainer width="100%" height={220}>
          <LineChart data={data} margin={CHART_MARGIN}>
            <CartesianGrid stroke={GRID_STROKE} />
            <XAxis
              dataKey="epoch"
              type="number"
              domain={empty ? EMPTY_X_DOMAIN : X_DOMAIN}
              ticks={empty ? EMPTY_X_TICKS : undefined}
              allowDataOverflow={empty}
              allowDecimals={false}
              tick={TICK}
              interval={0}
            />
            <YAxis
              domain={percent?.domain ?? (empty ? EMPTY_LOSS_DOMAIN : AXIS[metric].domain)}
              ticks={percent?.ticks ?? (empty ? EMPTY_LOSS_TICKS : undefined)}
              allowDataOverflow={!!percent || empty}
              tick={TICK}
              interval={0}
              width={48}
              tickFormatter={AXIS[metric].tick}
            />
            <Tooltip content={tip} />
            {references.lines.map((l) => (
              <ReferenceLine
                key={l.key}
                y={l.value}
                stroke={REFERENCE_STROKE}
                strokeDasharray="2 3"
                ifOverflow="extendDomain"
              />
            ))}
            {references.curves.map((c) => (
              <Line
                key={c.key}
                dataKey={c.key}
                stroke={REFERENCE_STROKE}
                strokeWidth={1.5}
                strokeDasharray="6 3"
                dot={false}
                isAnimationActive={false}
                connectNulls
              />
            ))}
            {ids.flatMap((id) => [
              <Line
                key={`train${id}`}
                dataKey={`train${id}`}
                stroke={runColor(id)}
                strokeDasharray="5 4"
                dot={SMALL_DOT}
                isAnimationActive={false}
                connectNulls
              />,
              <Line
                key={`test${id}`}
                dataKey={`test${id}`}
                stroke={runColor(id)}
                strokeWidth={2}
                dot={DOT}
                isAnimationActive={false}
                connectNulls
              />,
              ...(withVal.includes(id)
                ? [
                    <Line
                      key={`val${id}`}
                      dataKey={`val${id}`}
                      stroke={runColor(id)}
                      strokeDasharray="1 3"
                      strokeWidth={2}
                      dot={SMALL_DOT}
                      isAnimationActive={false}
                      connectNulls
                    />,
                  ]
                : []),
            ])}
          </LineChart>
        </ResponsiveContainer>
      </ChartFrame>
    </div>
  );
});

// Constant props: recharts redoes its layout when their identity changes (see chartStyle.ts).
const X_DOMAIN = [1, 'dataMax'] as const;
const EMPTY_X_DOMAIN = [1, 1] as const;
const EMPTY_X_TICKS = [1];
const EMPTY_LOSS_DOMAIN = [0, EMPTY_LOSS_END] as const;
const EMPTY_LOSS_TICKS = axisTicks(EMPTY_LOSS_END);
const AXIS = {
  loss: {
    domain: [0, 'auto'] as const,
    tick: (v: number) => v.toFixed(2),
    value: (v: unknown) => Number(v).toFixed(3),
  },
  acc: {
    domain: [0, 100] as const,
    tick: (v: number) => `${v.toFixed(0)}%`,
    value: (v: unknown) => `${Number(v).toFixed(2)}%`,
  },
};
const KIND = { train: 'train', test: 'test', val: 'validation' } as const;

/** Tooltip content: each line's value at the hovered epoch, named by its run's current label. */
function EpochTip({
  active,
  payload,
  label,
  metric,
  labels,
  curves,
}: TooltipContentProps & { metric: Metric; labels: Map<number, string>; curves: References['curves'] }) {
  if (!active || !payload?.length) return null;
  return (
    <ChartTip
      label={`Epoch ${String(label)}`}
      rows={payload.flatMap((p) => {
        const curve = curves.find((c) => c.key === p.dataKey);
        if (curve)
          return [{ key: curve.key, color: REFERENCE_STROKE, text: `${curve.label}: ${AXIS[metric].value(p.value)}` }];
        const [, kind, id] = /^(train|test|val)(\d+)$/.exec(String(p.dataKey)) ?? [];
        return kind
          ? [
              {
                key: String(p.dataKey),
                color: p.color,
                text: `${labels.get(Number(id)) ?? `run ${id}`} · ${KIND[kind as keyof typeof KIND]}: ${AXIS[metric].value(p.value)}`,
              },
            ]
          : [];
      })}
    />
  );
}
const DOT = { r: 3 };
const REFERENCE_STROKE = '#6b7280';

/** What the accuracy chart draws beside recipe runs: each source's number, and each native curve. */
interface References {
  lines: { key: string; value: number; label: string }[];
  curves: { key: string; values: number[]; label: string }[];
}
const NO_REFERENCES: References = { lines: [], curves: [] };

/** The references of these recipes: the reported accuracy (a line) and the exported script's PyTorch curve. */
function recipeReferences(recipeIds: string[]): References {
  const recipes = recipeIds.flatMap((id) => recipeById(id) ?? []);
  return {
    lines: recipes.map((r) => ({
      key: `ref-${r.id}`,
      value: r.reported.testAcc * 100,
      label: `${recipes.length > 1 ? `${r.name}: ` : ''}reported ${(r.reported.testAcc * 100).toFixed(2)}%`,
    })),
    curves: recipes.flatMap((r) =>
      RECIPE_NATIVE[r.id]
        ? [
            {
              key: `native-${r.id}`,
              values: RECIPE_NATIVE[r.id].testAcc.map((a) => a * 100),
              label: `${r.name} in PyTorch (same settings) · test`,
            },
          ]
        : [],
    ),
  };
}
const SMALL_DOT = { r: 2 };

export function EpochCharts() {
  return (
    <div className="charts2">
      <EpochChart metric="loss" />
      <EpochChart metric="acc" />
    </div>
  );
}
