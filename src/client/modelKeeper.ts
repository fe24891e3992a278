// Keeps each run's trained model in IndexedDB, so any kept run can answer drawings, be evaluated
// and be saved again, also after a reload.
import type { StoreApi } from 'zustand';
import type { AppState } from '../store/useAppStore';
import type { Bridge } from './bridge';
import { KEPT_MODELS, modelsToDrop, type KeptModel, type RunHistory } from '../store/runHistory';

export class ModelKeeper {
  private history: RunHistory | null = null;

  constructor(
    private readonly bridge: Bridge,
    private readonly store: StoreApi<AppState>,
  ) {}

  private get s() {
    return this.store.getState();
  }

  /** Starts keeping models in `history`, and lists the runs that already have one. */
  async attach(history: RunHistory) {
    this.history = history;
    this.s.setKeptModels(await history.modelIds());
  }

  /**
   * Keeps the worker's current model as run `runId`'s. Call it as the run ends, before anything
   * else is posted: the worker answers in order, and the next run replaces the model.
   */
  keep(runId: number): Promise<void> {
    const reply = this.bridge.request({ type: 'saveModel' });
    return reply.then(
      async (r) => {
        if (r.type !== 'modelSaved' || !this.history) return;
        await this.history.putModel({ runId, modelJson: r.modelJson, weights: r.weights, savedAt: Date.now() });
        await this.prune();
      },
      () => undefined,
    );
  }

  /** A kept run's model files, or null. */
  files(runId: number): Promise<KeptModel | null> {
    return this.history?.getModel(runId) ?? Promise.resolve(null);
  }

  /** Makes a kept run's model the one that answers drawings and images. Returns an error message, or null. */
  async use(runId: number): Promise<string | null> {
    const kept = await this.files(runId);
    if (!kept) return `Run ${runId} has no kept model: train it again to use it.`;
    const r = await this.bridge.request(
      { type: 'loadModel', modelJson: kept.modelJson, weights: kept.weights.slice(0) },
      { transfer: [] },
    );
    if (r.type !== 'modelLoaded') return r.type === 'modelFileError' ? r.message : 'The model could not be loaded.';
    const last = this.s.runs.find((x) => x.id === runId)?.epochs.at(-1);
    this.s.modelLoaded({ kind: 'run', runId, epoch: last?.epoch, testAcc: last?.testAcc });
    return null;
  }

  /**
   * After a reload: the newest kept run on the current dataset answers again, so drawing and
   * Evaluate work at once. Nothing happens when a model already answers or none is kept.
   */
  async restoreLatest() {
    const s = this.s;
    if (s.modelSource || !this.history) return;
    const kept = new Set(s.keptModels);
    const latest = [...s.runs].reverse().find((r) => kept.has(r.id) && r.config.datasetId === s.config.datasetId);
    const problem = latest ? await this.use(latest.id) : null;
    if (problem) this.s.setPrediction(null, problem);
  }

  /** Drops models past the budget (the oldest unstarred first) and those of deleted runs; says what was dropped. */
  async prune() {
    if (!this.history) return;
    const s = this.s;
    const pending = s.lastDeleted?.run.id;
    const ids = await this.history.modelIds();
    const drop = modelsToDrop(s.runs, ids).filter((id) => id !== pending);
    for (const id of drop) await this.history.deleteModel(id);
    const budget = drop.filter((id) => s.runs.some((r) => r.id === id));
    const note = budget.length
      ? `Dropped the kept model of run${budget.length > 1 ? 's' : ''} ${budget.join(', ')} (the oldest): models are kept for the newest ${KEPT_MODELS} runs and every starred run. Their metrics stay.`
      : undefined;
    this.s.setKeptModels(
      ids.filter((id) => !drop.includes(id)),
      note,
    );
  }
}
