// Numbers the training-health view shows, from a run's health samples.
import type { HealthSample, LayerHealth } from '../../model/health';
import type { LayerSpec } from '../../model/spec';
import { describeLayer } from '../../model/describe';
import { axisTicks, niceCeil } from '../charts/chartMath';
import type { ValueAxis } from '../charts/epochSeries';

/** A health number in three digits, or in powers of ten when far from 1: 0.214, 14.9, 3.1e-5. */
export const sci = (v: number) => (v === 0 ? '0' : v >= 0.01 && v < 1000 ? v.toPrecision(3) : v.toExponential(1));

/** The latest measurement of each weighted layer (the last sample), or null when none was recorded. */
export const latestHealth = (health: HealthSample[] | undefined): HealthSample | null => health?.at(-1) ?? null;

/** A weighted layer's short name: "Conv 6@5x5", "Dense 120", "Output". */
export function layerName(l: LayerSpec | undefined, index: number): string {
  if (!l) return `Layer ${index + 1}`;
  return `${index + 1} · ${describeLayer(l, 10).split(',')[0]}`;
}

/**
 * How the first weighted layer's gradient compares with the output layer's, as "1/40" (smaller)
 * or "3x" (larger): the vanishing-gradient headline. Null without both.
 */
export function gradientRatio(
  sample: HealthSample | null,
): { ratio: number; first: LayerHealth; last: LayerHealth } | null {
  if (!sample || sample.layers.length < 2) return null;
  const first = sample.layers[0];
  const last = sample.layers.at(-1)!;
  if (!(last.gradNorm > 0)) return null;
  return { ratio: first.gradNorm / last.gradNorm, first, last };
}

/** A ratio in words: 0.025 -> "1/40", 0.5 -> "1/2", 3.2 -> "3.2x". */
export function ratioWords(r: number): string {
  if (!Number.isFinite(r) || r <= 0) return '0';
  if (r >= 1) return `${r.toFixed(r >= 10 ? 0 : 1)}x`;
  const inv = 1 / r;
  return `1/${inv >= 10 ? Math.round(inv) : inv.toFixed(1).replace(/\.0$/, '')}`;
}

/** The headline of one run: "first conv gradient 1/40 of the output layer's". */
export function gradientHeadline(sample: HealthSample | null, layers: LayerSpec[]): string | null {
  const g = gradientRatio(sample);
  if (!g) return null;
  const name = layers[g.first.layer]?.kind === 'conv2d' ? 'first conv' : 'first layer';
  return `${name} gradient ${ratioWords(g.ratio)} of the output layer's`;
}

const pow10 = (e: number) => +(10 ** e).toPrecision(12);

/**
 * A log axis for a series (keys other than `step`): whole decades, from the power of ten at or below its smallest
 * value to the one at or above its largest, a tick at each (at every other or third past six decades); 0.1-1 with no
 * data. Whole decades, so the axis seldom moves as measurements come in: recharts' 'auto' on a log scale picks bounds
 * that cut lines off, and its own ticks measure every label in the page (a forced layout at each measurement).
 */
export function logAxis(rows: Record<string, number>[]): ValueAxis {
  let lo = Infinity,
    hi = -Infinity;
  for (const row of rows)
    for (const k in row)
      if (k !== 'step' && row[k] > 0 && Number.isFinite(row[k])) {
        lo = Math.min(lo, row[k]);
        hi = Math.max(hi, row[k]);
      }
  if (!Number.isFinite(lo)) return { domain: [0.1, 1], ticks: [0.1, 1] };
  const a = Math.floor(Math.log10(lo) + 1e-9);
  const b = Math.max(a + 1, Math.ceil(Math.log10(hi) - 1e-9));
  const every = Math.ceil((b - a) / 6);
  const ticks: number[] = [];
  for (let e = a; e <= b; e += every) ticks.push(pow10(e));
  return { domain: [pow10(a), pow10(b)], ticks };
}

/** The steps axis: from 0 to the round number at or above the last step, with round ticks; 0-1 with no data. */
export function stepAxis(rows: Record<string, number>[]): ValueAxis {
  const end = niceCeil(rows.at(-1)?.step ?? 0);
  return end > 0 ? { domain: [0, end], ticks: axisTicks(end) } : { domain: [0, 1], ticks: [0, 1] };
}

/** Points for a per-layer line chart of `metric` over training steps (one key per weighted layer). */
export function healthSeries(
  health: HealthSample[],
  metric: 'gradNorm' | 'weightNorm' | 'updateRatio',
): Record<string, number>[] {
  return health.map((s) => {
    const row: Record<string, number> = { step: s.step };
    for (const l of s.layers) {
      const v = l[metric];
      if (v !== null && v > 0) row[`l${l.layer}`] = v;
    }
    return row;
  });
}

/**
 * A histogram's bars as one SVG path in a `width` x `height` box: bar i spans the i-th of `counts.length` equal slots
 * (half a pixel apart, a pixel wide at least), as tall as its count relative to the largest (a pixel at least; none for
 * an empty bin). One path instead of a rect per bin: the health table redraws fifteen histograms at each measurement.
 */
export function histogramPath(counts: number[], width: number, height: number): string {
  const top = Math.max(1, ...counts);
  const slot = width / Math.max(1, counts.length);
  const r = (v: number) => Math.round(v * 100) / 100;
  let d = '';
  counts.forEach((c, i) => {
    if (!c) return;
    const h = r(Math.max(1, (c / top) * height));
    d += `M${r(i * slot)},${height}v${-h}h${r(Math.max(1, slot - 0.5))}v${h}z`;
  });
  return d;
}
