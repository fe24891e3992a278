// Keeps each run's trained model in IndexedDB, so any kept run can answer drawings, be evaluated
// and be saved again, also after a reload; and chooses which model answers: a run's, else the
// dataset's starter.
import type { StoreApi } from 'zustand';
import type { AppState } from '../store/useAppStore';
import type { Bridge } from './bridge';
import { runActive } from '../store/selectors';
import { historyErrorMessage, KEPT_MODELS, modelsToDrop, type KeptModel, type RunHistory } from '../store/runHistory';
import { fetchStarter, type StarterFiles } from './starters';

export class ModelKeeper {
  private history: RunHistory | null = null;
  private readonly starters = new Map<string, Promise<StarterFiles | null>>();

  constructor(
    private readonly bridge: Bridge,
    private readonly store: StoreApi<AppState>,
    private readonly fetchStarterFiles: (datasetId: string) => Promise<StarterFiles | null> = fetchStarter,
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
        try {
          await this.history.putModel({ runId, modelJson: r.modelJson, weights: r.weights, savedAt: Date.now() });
          await this.prune();
        } catch (e) {
          // Storage full or blocked: the run stays listed; the page says why its model was not kept.
          this.s.setHistoryError(historyErrorMessage(e));
        }
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
      { type: 'loadModel', modelJson: kept.modelJson, weights: kept.weights },
      { transfer: [kept.weights] },
    );
    if (r.type !== 'modelLoaded') return r.type === 'modelFileError' ? r.message : 'The model could not be loaded.';
    const run = this.s.runs.find((x) => x.id === runId);
    const last = run?.epochs.at(-1);
    this.s.modelLoaded({
      kind: 'run',
      datasetId: run?.config.datasetId ?? this.s.config.datasetId,
      runId,
      epoch: last?.epoch,
      testAcc: last?.testAcc,
    });
    return null;
  }

  /** The dataset's starter files, fetched once per dataset (the first ask starts the download). */
  starterFiles(datasetId: string): Promise<StarterFiles | null> {
    let p = this.starters.get(datasetId);
    if (!p) {
      p = this.fetchStarterFiles(datasetId);
      this.starters.set(datasetId, p);
    }
    return p;
  }

  /** Makes the current dataset's starter answer; returns why it cannot, or null. */
  async useStarter(): Promise<string | null> {
    const datasetId = this.s.config.datasetId;
    const files = await this.starterFiles(datasetId);
    this.s.setStarter(files ? { datasetId, name: files.name, testAcc: files.testAcc } : null);
    if (!files)
      return `There is no starter model for ${this.s.datasetInfo?.name ?? datasetId}: train one to see predictions.`;
    // The worker takes the weights; the kept copy stays for the next switch back.
    const weights = files.weights.slice(0);
    const r = await this.bridge.request(
      { type: 'loadModel', modelJson: files.modelJson, weights },
      { transfer: [weights] },
    );
    if (r.type !== 'modelLoaded')
      return r.type === 'modelFileError' ? r.message : 'The starter model could not be loaded.';
    if (this.s.config.datasetId !== datasetId) return null;
    this.s.modelLoaded({ kind: 'starter', datasetId, name: files.name, testAcc: files.testAcc });
    globalThis.performance?.mark?.('starter-answering'); // for the benchmark
    return null;
  }

  /**
   * Picks who answers drawings and images once the dataset is in (and again when it changes): a
   * model of this dataset already answering stays; else the newest kept run on it (after a
   * reload); else its starter; else the page says there is none and invites training.
   */
  async answer() {
    const s = this.s;
    const datasetId = s.config.datasetId;
    // Whatever answers, the page offers the way back to this dataset's starter.
    void this.starterFiles(datasetId).then((f) => {
      if (this.s.config.datasetId === datasetId)
        this.s.setStarter(f ? { datasetId, name: f.name, testAcc: f.testAcc } : null);
    });
    if (s.modelSource?.datasetId === datasetId || s.datasetState !== 'ready') return;
    const kept = new Set(s.keptModels);
    const latest = [...s.runs].reverse().find((r) => kept.has(r.id) && r.config.datasetId === datasetId);
    if (latest && !(await this.use(latest.id))) return;
    const problem = await this.useStarter();
    // A run that started meanwhile answers from its first epoch; no need to say the starter did not load.
    if (problem && this.s.config.datasetId === datasetId && !runActive(this.s)) this.s.setPrediction(null, problem);
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
