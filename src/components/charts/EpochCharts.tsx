import { memo, useCallback, useDeferredValue, useMemo, type ReactNode, type RefObject } from 'react';
import { useShallowItems } from '../common/useShallowItems';
import {
  CartesianGrid,
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
import { useSameAxis } from './useSameAxis';
import { StaticLines, type StaticLine } from './StaticLines';
import { CHART_MARGIN, ChartTip, GRID_STROKE, LIVE_MARGIN, TICK, X_AXIS_HEIGHT, Y_AXIS_WIDTH } from './chartStyle';
import { useLatest } from '../common/useLatest';
import { useSameItems } from '../common/useSameItems';
import { axisTicks } from './chartMath';
import { epochRows, valueAxis, type Curve, type EpochRows, type Metric, type ValueAxis } from './epochSeries';
import { RECIPE_NATIVE, recipeById } from '../../shared/recipes';

const HEIGHT = 220;

/**
 * Per-epoch train (dashed), validation (dotted, when held out) and test (solid) curves of every run,
 * on shared axes, in two layers as in the batch chart: the finished runs with the axes, grid,
 * references and tooltip, redrawn only when a run ends or is picked; over them the run training now,
 * alone in a chart with hidden axes. recharts redraws every line of a chart when one line's data
 * change: with a dozen runs on the charts, an epoch's end redrew some fifty lines in one long task.
 */
function EpochChart({ metric }: { metric: Metric }) {
  // Runs without a finished epoch have nothing to draw here: leaving them out spares both charts a
  // redraw when a run starts.
  const shownEpochs = useAppStore(
    useShallowItems((s) => s.runs.filter((r) => r.shown && r.epochs.length > 0).map((r) => r.epochs)),
  );
  const shownIds = useAppStore(
    useShallowItems((s) => s.runs.filter((r) => r.shown && r.epochs.length > 0).map((r) => r.id)),
  );
  const trainingId = useAppStore((s) => s.runs.find((r) => r.status === 'running')?.id ?? null);
  const trainingEpochs = useAppStore((s) => s.runs.find((r) => r.status === 'running')?.config.epochs ?? 0);
  // The recipes of the runs drawn: their source's number and native curve go on the accuracy chart.
  const recipeIds = useAppStore(
    useShallowItems((s) => [
      ...new Set(s.runs.filter((r) => r.shown && r.epochs.length > 0 && r.recipe).map((r) => r.recipe!)),
    ]),
  );
  const references = useMemo(
    () => (metric === 'acc' ? recipeReferences(recipeIds) : NO_REFERENCES),
    [metric, recipeIds],
  );
  const { epochs, ids, liveId, planned } = useStaggered(
    useMemo(
      () => ({ epochs: shownEpochs, ids: shownIds, liveId: trainingId, planned: trainingEpochs }),
      [shownEpochs, shownIds, trainingId, trainingEpochs],
    ),
  );
  // Labels reach the tooltip through a ref: a new run can rename the others ("ReLU" -> "ReLU ·
  // max"), which must not redraw a chart whose lines have not changed.
  const labelsRef = useLatest(useRunLabels());
  const at = liveId === null ? -1 : ids.indexOf(liveId);
  // The finished runs' lists keep their identity while the live run's epochs come in.
  const finishedEpochs = useSameItems(epochs.filter((_, i) => i !== at));
  const finishedIds = useSameItems(ids.filter((_, i) => i !== at));
  const finished = useMemo(
    () => epochRows(metric, finishedEpochs, finishedIds, references.curves),
    [metric, finishedEpochs, finishedIds, references],
  );
  const liveEpochs = at >= 0 ? epochs[at] : null;
  const live = useMemo(
    () => (liveEpochs && liveId !== null ? epochRows(metric, [liveEpochs], [liveId], []) : null),
    [metric, liveEpochs, liveId],
  );
  // Axes both layers share, as numbers (an empty chart's stand-in: epoch 1, and 0-2.5 or 0-100%). The
  // live run's epochs axis reaches the epochs it plans, and the value axis seldom moves after its first
  // epoch, so that its next epochs redraw its layer alone.
  const xEnd = Math.max(1, finished.data.length, live ? Math.max(live.data.length, planned) : 0);
  const axis = valueAxis(
    metric,
    live ? [finished, live] : [finished],
    references.lines.map((l) => l.value),
  );
  const y = useSameAxis(axis);
  // The layers and axes change together, at low priority: a new axis redraws every finished line.
  const deferred = useDeferredValue(
    useMemo(() => ({ finished, live, xEnd, y, references }), [finished, live, xEnd, y, references]),
  );
  return <EpochPlot metric={metric} {...deferred} labelsRef={labelsRef} />;
}

/**
 * The chart itself, memoised and fed deferred props: an epoch end re-renders it at low priority,
 * in slices React can interrupt, instead of in one long main-thread task beside the other charts.
 */
const EpochPlot = memo(function EpochPlot({
  metric,
  finished,
  live,
  xEnd,
  y,
  references,
  labelsRef,
}: {
  metric: Metric;
  finished: EpochRows;
  live: EpochRows | null;
  xEnd: number;
  y: ValueAxis;
  references: References;
  labelsRef: RefObject<Map<number, string>>;
}) {
  const liveRef = useLatest(live);
  const x = useMemo(() => ({ domain: [1, xEnd] as [number, number], ticks: epochTicks(xEnd) }), [xEnd]);
  // The tooltip sits on the finished runs' layer (the live layer lets the pointer through) unless it
  // has no rows to hover; either way it lists every run at the hovered epoch.
  // The finished layer's tooltip changes with its rows, so that the redraw in which a run joins them
  // lists it while the pointer rests (a ref is updated after the render, one render late); it reads
  // the live run when it draws, so that an epoch's end does not redraw the finished layer. The live
  // layer's tooltip (no finished rows) changes with the live rows.
  const tipOnLive = finished.data.length === 0;
  const liveOnTip = tipOnLive ? live : null;
  const tip = useCallback(
    (p: TooltipContentProps) => {
      const epoch = Number(p.label);
      const done = rowEntries(finished, epoch);
      // For one render the run that just ended is in both the finished rows and the live ref.
      const running = rowEntries(liveOnTip ?? liveRef.current, epoch).filter(
        (e) => !done.some((d) => d.dataKey === e.dataKey),
      );
      return (
        <EpochTip
          {...p}
          entries={[...done, ...running]}
          metric={metric}
          labels={labelsRef.current}
          curves={references.curves}
        />
      );
    },
    [metric, labelsRef, finished, liveRef, liveOnTip, references],
  );
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
        height={HEIGHT}
        empty={finished.data.length === 0 && !live}
        message={`Train a model to see its ${metric === 'loss' ? 'loss' : 'accuracy'} on the training and test sets after every epoch.`}
      >
        <FinishedLayer
          metric={metric}
          rows={finished}
          x={x}
          y={y}
          references={references}
          tip={tipOnLive ? null : tip}
        />
        <div className="chart-layer" style={{ pointerEvents: tipOnLive && live ? 'auto' : 'none' }}>
          <LiveLayer rows={live} x={x} y={y} tip={tipOnLive ? tip : null} />
        </div>
      </ChartFrame>
    </div>
  );
});

interface Axes {
  x: ValueAxis;
  y: ValueAxis;
}
type Tip = (p: TooltipContentProps) => ReactNode;

/**
 * The finished runs, with the axes, grid, the recipes' references and (usually) the tooltip. Their
 * lines and the recipes' native curves are drawn by hand ({@link StaticLines}): as recharts `<Line>`s,
 * a run's end redrew every one of them in one long task.
 */
const FinishedLayer = memo(function FinishedLayer({
  metric,
  rows,
  x,
  y,
  references,
  tip,
}: Axes & {
  metric: Metric;
  rows: EpochRows;
  references: References;
  tip: Tip | null;
}) {
  const lines = useMemo(() => staticLines(rows, references.curves), [rows, references]);
  return (
    <ResponsiveContainer width="100%" height={HEIGHT}>
      <LineChart data={rows.data} margin={CHART_MARGIN}>
        <CartesianGrid stroke={GRID_STROKE} />
        <XAxis
          dataKey="epoch"
          type="number"
          domain={x.domain}
          ticks={x.ticks}
          allowDataOverflow
          allowDecimals={false}
          tick={TICK}
          interval={0}
          height={X_AXIS_HEIGHT}
        />
        <YAxis
          domain={y.domain}
          ticks={y.ticks}
          allowDataOverflow
          tick={TICK}
          interval={0}
          width={Y_AXIS_WIDTH}
          tickFormatter={AXIS[metric].tick}
        />
        {tip && <Tooltip content={tip} />}
        {references.lines.map((l) => (
          <ReferenceLine key={l.key} y={l.value} stroke={REFERENCE_STROKE} strokeDasharray="2 3" />
        ))}
        <StaticLines lines={lines} />
      </LineChart>
    </ResponsiveContainer>
  );
});

/**
 * The run training now, over the finished layer, with the same axes hidden; its lines are drawn by hand
 * too, so that an epoch's end redraws a few paths and not recharts' lines (registered in its store).
 */
const LiveLayer = memo(function LiveLayer({ rows, x, y, tip }: Axes & { rows: EpochRows | null; tip: Tip | null }) {
  const lines = useMemo(() => (rows ? staticLines(rows, []) : []), [rows]);
  return (
    <ResponsiveContainer width="100%" height={HEIGHT}>
      <LineChart data={rows?.data ?? NO_ROWS} margin={LIVE_MARGIN}>
        <XAxis dataKey="epoch" type="number" domain={x.domain} allowDataOverflow hide />
        <YAxis domain={y.domain} allowDataOverflow hide />
        {tip && <Tooltip content={tip} />}
        <StaticLines lines={lines} />
      </LineChart>
    </ResponsiveContainer>
  );
});

/** How each kind of line is drawn: train dashed, test solid, validation dotted, a native curve grey. */
const LINE_STYLE = {
  train: { dash: '5 4', width: 1, dot: 2 },
  test: { width: 2, dot: 3 },
  val: { dash: '1 3', width: 2, dot: 2 },
  curve: { dash: '6 3', width: 1.5 },
};

/** A layer's lines: the native curves, then each run's train, test and validation lines. */
function staticLines(rows: EpochRows, curves: Curve[]): StaticLine[] {
  const line = (key: string, stroke: string, style: Omit<StaticLine, 'key' | 'points' | 'stroke'>): StaticLine => ({
    key,
    points: rows.data.flatMap((r) => (key in r ? [{ x: r.epoch, y: r[key] }] : [])),
    stroke,
    ...style,
  });
  return [
    ...curves.map((c) => line(c.key, REFERENCE_STROKE, LINE_STYLE.curve)),
    ...rows.ids.flatMap((id) => [
      line(`train${id}`, runColor(id), LINE_STYLE.train),
      line(`test${id}`, runColor(id), LINE_STYLE.test),
      ...(rows.withVal.includes(id) ? [line(`val${id}`, runColor(id), LINE_STYLE.val)] : []),
    ]),
  ];
}

/** One line's value in the tooltip. */
interface TipEntry {
  dataKey: string;
  value: number;
}

/** A layer's values at `epoch`, as tooltip entries, in its lines' order. */
function rowEntries(rows: EpochRows | null, epoch: number): TipEntry[] {
  const row = rows?.data.find((r) => r.epoch === epoch);
  if (!row) return [];
  return Object.entries(row).flatMap(([dataKey, value]) => (dataKey === 'epoch' ? [] : [{ dataKey, value }]));
}

/** Epoch ticks from 1 to `end`: each epoch up to 10, else 1 and round steps. */
function epochTicks(end: number): number[] {
  if (end <= 10) return Array.from({ length: end }, (_, i) => i + 1);
  return [1, ...axisTicks(end).filter((t) => t >= 2 && Number.isInteger(t))];
}

const NO_ROWS: Record<string, number>[] = [];

// Constant props: recharts redoes its layout when their identity changes (see chartStyle.ts).
const AXIS = {
  loss: {
    tick: (v: number) => v.toFixed(2),
    value: (v: unknown) => Number(v).toFixed(3),
  },
  acc: {
    tick: (v: number) => `${v.toFixed(0)}%`,
    value: (v: unknown) => `${Number(v).toFixed(2)}%`,
  },
};
const KIND = { train: 'train', test: 'test', val: 'validation' } as const;

/**
 * Tooltip content: each line's value at the hovered epoch (`entries`, from both layers' rows: the
 * finished lines are not recharts lines, so recharts' payload lacks them), named by its run's label.
 */
function EpochTip({
  active,
  label,
  metric,
  labels,
  curves,
  entries,
}: TooltipContentProps & { metric: Metric; labels: Map<number, string>; curves: Curve[]; entries: TipEntry[] }) {
  if (!active || entries.length === 0) return null;
  return (
    <ChartTip
      label={`Epoch ${String(label)}`}
      rows={entries.flatMap((p) => {
        const curve = curves.find((c) => c.key === p.dataKey);
        if (curve)
          return [{ key: curve.key, color: REFERENCE_STROKE, text: `${curve.label}: ${AXIS[metric].value(p.value)}` }];
        const [, kind, id] = /^(train|test|val)(\d+)$/.exec(String(p.dataKey)) ?? [];
        return kind
          ? [
              {
                key: String(p.dataKey),
                color: runColor(Number(id)),
                text: `${labels.get(Number(id)) ?? `run ${id}`} · ${KIND[kind as keyof typeof KIND]}: ${AXIS[metric].value(p.value)}`,
              },
            ]
          : [];
      })}
    />
  );
}
const REFERENCE_STROKE = '#6b7280';

/** What the accuracy chart draws beside recipe runs: each source's number, and each native curve. */
interface References {
  lines: { key: string; value: number; label: string }[];
  curves: Curve[];
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

export function EpochCharts() {
  return (
    <div className="charts2">
      <EpochChart metric="loss" />
      <EpochChart metric="acc" />
    </div>
  );
}
