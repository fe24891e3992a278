import { memo, useDeferredValue, useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useAppStore } from '../../store/useAppStore';
import { runActive } from '../../store/selectors';
import { scheduleCurve } from '../../model/schedules';
import { useStaggered } from '../charts/useStaggered';
import { ChartFrame } from '../charts/ChartFrame';
import { GRID_STROKE, SMALL_CHART_MARGIN, SMALL_TICK } from '../charts/chartStyle';

// Constant props: recharts redoes its layout when their identity changes (see chartStyle.ts).
const Y_DOMAIN = [0, 'auto'] as const;
const yTick = (v: number) => v.toExponential(0);
const tipValue = (v: unknown) => Number(v).toPrecision(3);
const tipLabel = (l: unknown) => `epoch ${l}`;

/** The learning rate of every epoch of the configured run; during a run, the current epoch and rate. */
export function ScheduleChart() {
  const schedule = useAppStore((s) => s.config.schedule);
  const lr = useAppStore((s) => s.config.learningRate);
  const epochs = useAppStore((s) => s.config.epochs);
  const active = useAppStore(runActive);
  const epoch = useAppStore((s) => s.epoch);
  const lineEpoch = useStaggered(epoch);
  const currentLr = useAppStore((s) => s.currentLr);
  const curve = useMemo(
    () => scheduleCurve(schedule, lr, epochs).map((v, i) => ({ epoch: i + 1, lr: v })),
    [schedule, lr, epochs],
  );
  const xDomain = useMemo(() => [1, Math.max(2, epochs)] as const, [epochs]);
  // The marker follows the run one transition late: mounting it makes recharts recompute the whole
  // chart (~10 ms), which must not land in the Train click's task.
  const marker = useDeferredValue(active && lineEpoch > 0 ? lineEpoch : null);
  return (
    <div className="schedule-chart" data-testid="schedule.chart" data-rates={curve.map((p) => p.lr).join(',')}>
      <ChartFrame height={110}>
        <SchedulePlot curve={curve} xDomain={xDomain} dots={epochs <= 30} marker={marker} />
      </ChartFrame>
      {active && currentLr !== null && (
        <p className="small muted" data-testid="train.lr" data-value={currentLr}>
          Epoch {epoch}: learning rate {currentLr.toPrecision(3)}
        </p>
      )}
    </div>
  );
}

/** The chart alone, memoised: starting or ending a run re-renders the panel, not the plot. */
const SchedulePlot = memo(function SchedulePlot({
  curve,
  xDomain,
  dots,
  marker,
}: {
  curve: { epoch: number; lr: number }[];
  xDomain: readonly [number, number];
  dots: boolean;
  marker: number | null;
}) {
  return (
    <ResponsiveContainer width="100%" height={110}>
      <LineChart data={curve} margin={SMALL_CHART_MARGIN}>
        <CartesianGrid stroke={GRID_STROKE} />
        <XAxis dataKey="epoch" type="number" domain={xDomain} tick={SMALL_TICK} interval={0} allowDecimals={false} />
        <YAxis tick={SMALL_TICK} interval={0} width={52} domain={Y_DOMAIN} tickFormatter={yTick} />
        <Tooltip formatter={tipValue} labelFormatter={tipLabel} />
        <Line
          type="stepAfter"
          dataKey="lr"
          name="learning rate"
          stroke="#4f46e5"
          dot={dots}
          strokeWidth={1.5}
          isAnimationActive={false}
        />
        {marker !== null && <ReferenceLine x={marker} stroke="#f59e0b" />}
      </LineChart>
    </ResponsiveContainer>
  );
});
