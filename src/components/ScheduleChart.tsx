import { useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useAppStore } from '../store/useAppStore';
import { scheduleCurve } from '../model/schedules';

/** The learning rate of every epoch of the configured run; during a run, the current epoch and rate. */
export function ScheduleChart() {
  const schedule = useAppStore((s) => s.config.schedule);
  const lr = useAppStore((s) => s.config.learningRate);
  const epochs = useAppStore((s) => s.config.epochs);
  const active = useAppStore((s) => s.status === 'running' || s.status === 'paused');
  const epoch = useAppStore((s) => s.epoch);
  const currentLr = useAppStore((s) => s.currentLr);
  const curve = useMemo(() => scheduleCurve(schedule, lr, epochs).map((v, i) => ({ epoch: i + 1, lr: v })), [schedule, lr, epochs]);
  return (
    <div className="schedule-chart" data-testid="schedule.chart" data-rates={curve.map((p) => p.lr).join(',')}>
      <ResponsiveContainer width="100%" height={110}>
        <LineChart data={curve} margin={{ top: 6, right: 10, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#eef0f4" />
          <XAxis dataKey="epoch" type="number" domain={[1, Math.max(2, epochs)]} tick={{ fontSize: 11 }} allowDecimals={false} />
          <YAxis tick={{ fontSize: 11 }} width={52} domain={[0, 'auto']} tickFormatter={(v: number) => v.toExponential(0)} />
          <Tooltip formatter={(v) => Number(v).toPrecision(3)} labelFormatter={(l) => `epoch ${l}`} />
          <Line type="stepAfter" dataKey="lr" name="learning rate" stroke="#4f46e5" dot={epochs <= 30} strokeWidth={1.5} isAnimationActive={false} />
          {active && epoch > 0 && <ReferenceLine x={epoch} stroke="#f59e0b" />}
        </LineChart>
      </ResponsiveContainer>
      {active && currentLr !== null && (
        <p className="small muted" data-testid="train.lr" data-value={currentLr}>Epoch {epoch}: learning rate {currentLr.toPrecision(3)}</p>
      )}
    </div>
  );
}
