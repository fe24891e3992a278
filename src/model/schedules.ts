/**
 * Learning-rate schedules, evaluated once per epoch (1-based):
 * - constant: the base rate throughout;
 * - step: base · gamma^floor((epoch-1)/every);
 * - exponential: base · gamma^(epoch-1);
 * - cosine: from base down to `minLr` along half a cosine over the run's epochs;
 * - list: explicit segments, each `epochs` long at `lr`; the last rate holds after them
 *   (the LeNet paper: 0.0005 ×2, 0.0002 ×3, 0.00005 ×4, then 0.00001).
 */
export type Schedule =
  | { kind: 'constant' }
  | { kind: 'step'; every: number; gamma: number }
  | { kind: 'exponential'; gamma: number }
  | { kind: 'cosine'; minLr: number }
  | { kind: 'list'; segments: { epochs: number; lr: number }[] };

/** The LeNet-5 paper's schedule as a list. */
export const LENET_PAPER_SCHEDULE: Schedule = {
  kind: 'list',
  segments: [
    { epochs: 2, lr: 0.0005 },
    { epochs: 3, lr: 0.0002 },
    { epochs: 4, lr: 0.00005 },
    { epochs: 1, lr: 0.00001 },
  ],
};

/** Learning rate for `epoch` (1-based) of `totalEpochs`, starting from `baseLr`. */
export function lrAt(schedule: Schedule, baseLr: number, epoch: number, totalEpochs: number): number {
  switch (schedule.kind) {
    case 'constant':
      return baseLr;
    case 'step':
      return baseLr * schedule.gamma ** Math.floor((epoch - 1) / Math.max(1, schedule.every));
    case 'exponential':
      return baseLr * schedule.gamma ** (epoch - 1);
    case 'cosine': {
      const progress = totalEpochs <= 1 ? 0 : (epoch - 1) / (totalEpochs - 1);
      return schedule.minLr + 0.5 * (baseLr - schedule.minLr) * (1 + Math.cos(Math.PI * progress));
    }
    case 'list': {
      let end = 0;
      for (const s of schedule.segments) {
        end += s.epochs;
        if (epoch <= end) return s.lr;
      }
      return schedule.segments.at(-1)?.lr ?? baseLr;
    }
  }
}

/** The rate of every epoch of a run: what the schedule plot draws. */
export function scheduleCurve(schedule: Schedule, baseLr: number, epochs: number): number[] {
  return Array.from({ length: epochs }, (_, i) => lrAt(schedule, baseLr, i + 1, epochs));
}

/** Parses "0.0005x2, 0.0002x3, 0.00001" into list segments (a rate without a count lasts 1 epoch); null if malformed. */
export function parseScheduleList(text: string): { epochs: number; lr: number }[] | null {
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return null;
  const segments = parts.map((p) => {
    const m = /^([0-9.eE+-]+)\s*(?:[x×*]\s*(\d+))?$/.exec(p);
    const lr = m ? Number(m[1]) : NaN;
    const epochs = m?.[2] ? Number(m[2]) : 1;
    return Number.isFinite(lr) && lr > 0 && epochs >= 1 ? { lr, epochs } : null;
  });
  return segments.every((s) => s !== null) ? (segments as { epochs: number; lr: number }[]) : null;
}

/** Formats list segments back into the text form {@link parseScheduleList} reads. */
export function formatScheduleList(segments: { epochs: number; lr: number }[]): string {
  return segments.map((s) => (s.epochs === 1 ? `${s.lr}` : `${s.lr}x${s.epochs}`)).join(', ');
}
