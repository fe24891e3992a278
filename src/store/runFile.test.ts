import { describe, expect, it } from 'vitest';
import { exportRuns, importSummary, parseRunFile } from './runFile';
import { newRun, type Run } from './runsSlice';
import { DEFAULT_CONFIG } from '../shared/config';
import { NO_AUGMENT } from '../data/augment';
import { createAppStore } from './useAppStore';
import { readShareHash, shareHash } from './shareLink';
import { addTestRun } from '../../test/helpers/testRuns';

const run = () => ({
  ...newRun(3, { ...DEFAULT_CONFIG, seed: 11 }, 61706, 5),
  status: 'done' as const,
  batchLoss: [2.3, 1.1],
  batchAcc: [0.1, 0.6],
  endedAt: 9,
  samplesPerSec: 480,
  timeline: [[2, 4]] as [number, number][],
  epochs: [
    {
      epoch: 1,
      trainLoss: 1,
      trainAcc: 0.6,
      testLoss: 0.9,
      testAcc: 0.7,
      seconds: 4,
      samplesPerSec: 480,
      numTensors: 12,
      valLoss: 0.8,
      valAcc: 0.65,
    },
  ],
});

describe('run files and share links', () => {
  it('a run round-trips through its file, and imports with a fresh id after existing runs', () => {
    const r = run();
    const parsed = parseRunFile(exportRuns([r]));
    expect(parsed).toEqual({ ok: true, runs: [r] });
    const store = createAppStore();
    addTestRun(store, 7, DEFAULT_CONFIG);
    store.getState().importRuns([r, { ...r, uid: 'another-run', status: 'running' }]);
    expect(store.getState().runs.map((x) => [x.id, x.status])).toEqual([
      [7, 'running'],
      [8, 'done'],
      [9, 'interrupted'],
    ]);
    expect(store.getState().runs[1].config.seed).toBe(11);
  });

  it('refuses malformed and hostile run files, naming the problem', () => {
    const bad = (text: string) => {
      const p = parseRunFile(text);
      return p.ok ? 'accepted' : p.message;
    };
    const file = (runs: unknown) => JSON.stringify({ format: 'nn-playground/runs', version: 1, runs });
    expect(bad('{')).toMatch(/^The file is not valid JSON/);
    expect(bad(JSON.stringify({ format: 'other' }))).toMatch(/^Not a valid run file: format: .*Nothing was changed\.$/);
    expect(bad(file([{ ...run(), config: { ...DEFAULT_CONFIG, epochs: 1e9 } }]))).toMatch(/runs\.0\.config\.epochs/);
    expect(bad(file([{ ...run(), evil: '<script>' }]))).toMatch(/runs\.0/);
    expect(bad(file([{ ...run(), status: 'hacked' }]))).toMatch(/runs\.0\.status/);
    expect(bad(file([]))).toMatch(/runs/);
  });

  it('a share link carries the whole config; a tampered one is refused with a message', () => {
    const config = {
      ...DEFAULT_CONFIG,
      seed: 1234,
      optimizer: 'adabelief' as const,
      augment: { ...NO_AUGMENT, rotation: 10, shift: 2, flip: false, cropPadding: 0 },
    };
    const hash = shareHash(config);
    expect(hash).toMatch(/^#config=[A-Za-z0-9_-]+$/);
    expect(readShareHash(hash)).toEqual({ config });
    expect(readShareHash('')).toBeNull();
    expect(readShareHash('#config=%%%')).toMatchObject({ error: expect.stringMatching(/damaged/) });
    const tampered = shareHash({ ...config, epochs: -5 });
    expect(readShareHash(tampered)).toEqual({
      error:
        "This link's settings are not valid (epochs: Too small: expected number to be >=1), so your current settings are kept.",
    });
  });
});

describe('importing runs that are already here', () => {
  it('skips a run with the same id, and one from an older file with the same start time and settings', () => {
    const store = createAppStore();
    const here = { ...newRun(1, DEFAULT_CONFIG, 61706, 1000), status: 'done' as const };
    store.setState({ runs: [here] });
    expect(store.getState().importRuns([{ ...here, id: 9 }])).toEqual({ added: 0, skipped: 1 });
    const { uid: _uid, ...old } = { ...here, id: 7 };
    expect(store.getState().importRuns([old as Run])).toEqual({ added: 0, skipped: 1 });
    const other = { ...newRun(2, { ...DEFAULT_CONFIG, seed: 5 }, 61706, 1000), status: 'done' as const };
    expect(store.getState().importRuns([other, other])).toEqual({ added: 1, skipped: 1 });
    expect(store.getState().runs.map((r) => r.id)).toEqual([1, 2]);
    expect(store.getState().runs[1].uid).toBe(other.uid);
  });

  it('says what it did', () => {
    expect(importSummary({ added: 2, skipped: 1 }, 'a.json')).toBe(
      'Imported 2 runs from a.json; skipped 1 run already here.',
    );
    expect(importSummary({ added: 0, skipped: 2 }, 'a.json')).toBe(
      'Nothing imported from a.json: its 2 runs are already here.',
    );
    expect(importSummary({ added: 1, skipped: 0 }, 'a.json')).toBe('Imported 1 run from a.json.');
  });
});

describe('undoing a delete', () => {
  it('puts the run back where it was', () => {
    const store = createAppStore();
    store.setState({ runs: [1, 2, 3].map((id) => newRun(id, DEFAULT_CONFIG)) });
    store.getState().deleteRun(2);
    expect(store.getState().runs.map((r) => r.id)).toEqual([1, 3]);
    expect(store.getState().lastDeleted?.run.id).toBe(2);
    store.getState().undoDelete();
    expect(store.getState().runs.map((r) => r.id)).toEqual([1, 2, 3]);
    expect(store.getState().lastDeleted).toBeNull();
  });
});
