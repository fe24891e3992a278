// Numbers the training-health view shows, from a run's health samples.
import type { HealthSample, LayerHealth } from '../../model/health';
import type { LayerSpec } from '../../model/spec';
import { describeLayer } from '../../model/describe';

/** The latest measurement of each weighted layer (the last sample), or null when none was recorded. */
/** A health number in three digits, or in powers of ten when far from 1: 0.214, 14.9, 3.1e-5. */
export const sci = (v: number) => (v === 0 ? '0' : v >= 0.01 && v < 1000 ? v.toPrecision(3) : v.toExponential(1));

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

/**
 * A log axis's range that holds every value of a series (keys other than `step`), with a little room above and below;
 * recharts' 'auto' on a log scale picks linear-looking bounds that cut lines off.
 */
export function logDomain(rows: Record<string, number>[]): [number, number] {
  let lo = Infinity,
    hi = -Infinity;
  for (const row of rows)
    for (const [k, v] of Object.entries(row))
      if (k !== 'step' && v > 0) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
  if (!Number.isFinite(lo)) return [0.1, 1];
  return [lo / 1.25, hi * 1.25];
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
