import type { EpochMetrics } from '../../model/train';
import { axisTicks, EMPTY_LOSS_END, niceCeil, percentAxis } from './chartMath';

/** What an epoch chart plots: loss or accuracy. */
export type Metric = 'loss' | 'acc';

/** A native reference curve drawn beside recipe runs (values in percent, one per epoch). */
export interface Curve {
  key: string;
  values: number[];
  label: string;
}

/** The rows one layer of an epoch chart draws, recharts' way: one row per epoch, a key per line. */
export interface EpochRows {
  /** `{ epoch, train<id>, test<id>, val<id>, <curve key> }` per epoch (percent for accuracy). */
  data: Record<string, number>[];
  ids: number[];
  /** The runs among `ids` that held out a validation set. */
  withVal: number[];
}

/** Rows for the runs `ids` (their epochs in `epochs`, in the same order) and the reference `curves`. */
export function epochRows(metric: Metric, epochs: EpochMetrics[][], ids: number[], curves: Curve[]): EpochRows {
  const length = Math.max(0, ...epochs.map((e) => e.length), ...curves.map((c) => c.values.length));
  const data = Array.from({ length }, (_, i) => {
    const row: Record<string, number> = { epoch: i + 1 };
    for (const c of curves) if (i < c.values.length) row[c.key] = c.values[i];
    epochs.forEach((runEpochs, r) => {
      const m = runEpochs[i];
      if (!m) return;
      row[`train${ids[r]}`] = metric === 'loss' ? m.trainLoss : m.trainAcc * 100;
      row[`test${ids[r]}`] = metric === 'loss' ? m.testLoss : m.testAcc * 100;
      if (m.valLoss !== undefined) row[`val${ids[r]}`] = metric === 'loss' ? m.valLoss : m.valAcc! * 100;
    });
    return row;
  });
  const withVal = ids.filter((_, r) => epochs[r].some((m) => m.valLoss !== undefined));
  return { data, ids, withVal };
}

/** The values a layer's rows plot (not the epoch numbers). */
const plotted = (rows: EpochRows) =>
  rows.data.flatMap((row) =>
    Object.entries(row)
      .filter(([k]) => k !== 'epoch')
      .map(([, v]) => v),
  );

/** A value axis: its domain and ticks. */
export interface ValueAxis {
  domain: [number, number];
  ticks: number[];
}

/**
 * The value axis both layers share: accuracy from {@link percentAxis} (with the reference lines'
 * values), loss from 0 to the round number at or above the highest loss ({@link EMPTY_LOSS_END}
 * with none). Fixed numbers, so the live layer lines up with the axis the finished one draws.
 */
export function valueAxis(metric: Metric, layers: EpochRows[], lines: number[]): ValueAxis {
  const values = layers.flatMap(plotted);
  if (metric === 'acc') return percentAxis(values.concat(lines));
  const top = niceCeil(Math.max(0, ...values.filter(Number.isFinite))) || EMPTY_LOSS_END;
  return { domain: [0, top], ticks: axisTicks(top) };
}
