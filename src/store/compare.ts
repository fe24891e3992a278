import type { Run } from './runsSlice';
import { ASPECT_NAMES, LABELS, trainedBy, type ConfigAspect } from './runLabels';

/** One row of the config diff: an aspect that differs (or where the runs trained), and each run's value. */
export interface DiffRow {
  aspect: ConfigAspect | 'trainedBy';
  name: string;
  values: string[];
}

/**
 * What differs between the runs' configs, aspect by aspect (activation, pooling, optimizer, batch
 * size, the rest of the architecture...), in display form; aspects that agree are left out.
 */
export function configDiff(runs: (Pick<Run, 'config'> & Partial<Pick<Run, 'backend' | 'engine'>>)[]): DiffRow[] {
  if (runs.length < 2) return [];
  const rows: DiffRow[] = (Object.keys(LABELS) as ConfigAspect[]).flatMap((aspect) => {
    const values = runs.map((r) => LABELS[aspect]!(r.config));
    return values.every((v) => v === values[0]) ? [] : [{ aspect, name: ASPECT_NAMES[aspect], values }];
  });
  // A run trained by an exported script differs by where it ran (the page's backends differ by speed only).
  const where = runs.map((r) => (r.engine ? trainedBy(r) : 'browser'));
  return where.every((w) => w === where[0])
    ? rows
    : [...rows, { aspect: 'trainedBy', name: 'Trained by', values: runs.map(trainedBy) }];
}

/** The comparison table's numbers for one run (accuracies in [0, 1], null before the first epoch). */
export interface CompareRow {
  id: number;
  finalTestAcc: number | null;
  bestTestAcc: number | null;
  /** Final train accuracy minus final test accuracy: how much the run overfits. */
  gap: number | null;
  params: number | null;
  /** Wall time from start to end (or to now, while running), in seconds. */
  seconds: number;
  samplesPerSec: number;
}

export function compareRow(r: Run, now = Date.now()): CompareRow {
  const last = r.epochs.at(-1);
  return {
    id: r.id,
    finalTestAcc: last?.testAcc ?? null,
    bestTestAcc: r.epochs.length ? Math.max(...r.epochs.map((m) => m.testAcc)) : null,
    gap: last ? last.trainAcc - last.testAcc : null,
    params: r.params,
    seconds: ((r.endedAt ?? now) - r.startedAt) / 1000,
    samplesPerSec: r.samplesPerSec,
  };
}
