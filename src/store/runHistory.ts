import { openDB, type IDBPDatabase } from 'idb';
import type { StoreApi } from 'zustand';
import type { AppState } from './useAppStore';
import { legacyUid, type Run } from './runsSlice';

// Version 2 adds the trained models kept beside the runs, version 3 the person's own drawings;
// earlier versions' data carry over untouched.
const DB_VERSION = 3;
const RUNS = 'runs';
const MODELS = 'models';
const PERSONAL = 'personal';

/** One of the person's own drawings, labelled, as the canvas made it (28x28 bytes). */
export interface PersonalSample {
  id: number;
  label: number;
  image: Uint8Array;
}

/** A run's trained model as the worker saved it (TensorFlow.js layers format). */
export interface KeptModel {
  runId: number;
  modelJson: string;
  weights: ArrayBuffer;
  savedAt: number;
}

/** How many runs keep their trained model: the newest this many, plus every starred run. */
export const KEPT_MODELS = 50;

/** A run as stored: batch metrics as Float32Array (half the bytes of numbers, cloned natively). */
type StoredRun = Omit<Run, 'batchLoss' | 'batchAcc'> & { batchLoss: Float32Array; batchAcc: Float32Array };

const toStored = (r: Run): StoredRun => ({
  ...r,
  batchLoss: Float32Array.from(r.batchLoss),
  batchAcc: Float32Array.from(r.batchAcc),
});
const fromStored = (r: StoredRun): Run => ({
  ...r,
  batchLoss: Array.from(r.batchLoss),
  batchAcc: Array.from(r.batchAcc),
});

/** The run history in IndexedDB: every run of every session, by id. */
export interface RunHistory {
  /** All stored runs, oldest first. Runs still marked running were cut off by a reload: they come back interrupted. */
  loadAll(): Promise<Run[]>;
  put(run: Run): Promise<void>;
  /** Deletes a run's record (its kept model goes with the next pruning, so an undone delete keeps it). */
  delete(id: number): Promise<void>;
  putModel(model: KeptModel): Promise<void>;
  getModel(runId: number): Promise<KeptModel | null>;
  deleteModel(runId: number): Promise<void>;
  /** The run ids that have a kept model. */
  modelIds(): Promise<number[]>;
  /** The person's own labelled drawings. */
  personal(): Promise<PersonalSample[]>;
  putPersonal(sample: PersonalSample): Promise<void>;
  deletePersonal(id: number): Promise<void>;
  close(): void;
}

/** Opens (creating if needed) the history database `name`. */
export async function openRunHistory(name = 'nn-playground'): Promise<RunHistory> {
  const db: IDBPDatabase = await openDB(name, DB_VERSION, {
    upgrade(d) {
      if (!d.objectStoreNames.contains(RUNS)) d.createObjectStore(RUNS, { keyPath: 'id' });
      if (!d.objectStoreNames.contains(MODELS)) d.createObjectStore(MODELS, { keyPath: 'runId' });
      if (!d.objectStoreNames.contains(PERSONAL)) d.createObjectStore(PERSONAL, { keyPath: 'id' });
    },
  });
  return {
    async loadAll() {
      const stored = (await db.getAll(RUNS)) as StoredRun[];
      return stored
        .map(fromStored)
        .map((r) => ({
          ...r,
          uid: r.uid ?? legacyUid(r),
          shown: r.shown ?? true,
          // Before "compare" had its own tick, the chart tick meant both.
          compared: r.compared ?? r.shown ?? true,
          params: r.params ?? null,
          timeline: r.timeline ?? [],
        }))
        .sort((a, b) => a.id - b.id)
        .map((r) => (r.status === 'running' ? { ...r, status: 'interrupted', endedAt: r.endedAt ?? Date.now() } : r));
    },
    async put(run) {
      await db.put(RUNS, toStored(run));
    },
    async delete(id) {
      await db.delete(RUNS, id);
    },
    async putModel(model) {
      await db.put(MODELS, model);
    },
    async getModel(runId) {
      return ((await db.get(MODELS, runId)) as KeptModel | undefined) ?? null;
    },
    async deleteModel(runId) {
      await db.delete(MODELS, runId);
    },
    async modelIds() {
      return (await db.getAllKeys(MODELS)) as number[];
    },
    async personal() {
      return (await db.getAll(PERSONAL)) as PersonalSample[];
    },
    async putPersonal(sample) {
      await db.put(PERSONAL, sample);
    },
    async deletePersonal(id) {
      await db.delete(PERSONAL, id);
    },
    close: () => db.close(),
  };
}

/** A message for a failed write, saying what to do; storage full gets its own. */
export function historyErrorMessage(e: unknown): string {
  const name = (e as { name?: string })?.name;
  if (name === 'QuotaExceededError') {
    return 'Browser storage is full, so new runs are not being saved. Delete old runs (or export them first), then train again.';
  }
  return `Runs could not be saved in this browser (${(e as Error)?.message ?? String(e)}). They stay until you reload.`;
}

/**
 * Keeps the history in step with the store's runs: a changed run is written at most every
 * `everyMs` while it trains and at once when its status, name, star or visibility changes; a removed run is
 * deleted. Write failures land in `historyError`. Returns an unsubscribe function.
 * "At once" is in a task of its own: a write copies the run (IndexedDB's structured clone), 7 ms of the
 * click on Train in a profile, and that click's task is the one the page must keep short.
 */
export function syncRunsToHistory(store: StoreApi<AppState>, history: RunHistory, everyMs = 2000): () => void {
  const timers = new Map<number, ReturnType<typeof setTimeout>>();
  const fail = (e: unknown) => store.getState().setHistoryError(historyErrorMessage(e));
  const write = (id: number) => {
    timers.delete(id);
    const run = store.getState().runs.find((r) => r.id === id);
    if (run) history.put(run).catch(fail);
  };
  return store.subscribe((s, prev) => {
    if (s.runs === prev.runs) return;
    const before = new Map(prev.runs.map((r) => [r.id, r]));
    for (const run of s.runs) {
      const old = before.get(run.id);
      before.delete(run.id);
      if (old === run) continue;
      const urgent =
        !old ||
        old.status !== run.status ||
        old.name !== run.name ||
        old.starred !== run.starred ||
        old.shown !== run.shown ||
        old.compared !== run.compared;
      if (urgent) {
        clearTimeout(timers.get(run.id));
        timers.set(
          run.id,
          setTimeout(() => write(run.id), 0),
        );
      } else if (!timers.has(run.id)) {
        timers.set(
          run.id,
          setTimeout(() => write(run.id), everyMs),
        );
      }
    }
    for (const id of before.keys()) {
      clearTimeout(timers.get(id));
      timers.delete(id);
      history.delete(id).catch(fail);
    }
  });
}

/**
 * The kept models to drop so that at most `keep` unstarred runs keep theirs: the oldest first.
 * `runs` is the run list (oldest first); starred runs always keep their model.
 */
export function modelsToDrop(runs: Pick<Run, 'id' | 'starred'>[], withModel: number[], keep = KEPT_MODELS): number[] {
  const have = new Set(withModel);
  const known = new Set(runs.map((r) => r.id));
  const orphans = withModel.filter((id) => !known.has(id));
  const unstarred = runs.filter((r) => have.has(r.id) && !r.starred).map((r) => r.id);
  return [...orphans, ...unstarred.slice(0, Math.max(0, unstarred.length - keep))];
}
