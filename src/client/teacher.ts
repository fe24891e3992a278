// The person's own drawings: kept in IndexedDB, exported and imported as a file, and used to
// fine-tune the model that answers (in the worker), with an undo.
import type { StoreApi } from 'zustand';
import '../model/zodSetup';
import { z } from 'zod';
import type { AppState } from '../store/useAppStore';
import type { PersonalSample, RunHistory } from '../store/runHistory';
import type { Bridge } from './bridge';
import type { ModelSource } from '../store/predictionSlice';

/** Fine-tuning steps: a few seconds on a laptop's CPU. */
export const TUNE_STEPS = 40;

const fileSchema = z
  .object({
    format: z.literal('nn-playground/drawings'),
    version: z.literal(1),
    drawings: z
      .array(z.object({ label: z.number().int().min(0).max(9), image: z.string().max(2000) }).strict())
      .min(1)
      .max(5000),
  })
  .strict();

const toBase64 = (b: Uint8Array) => btoa(String.fromCharCode(...b));
const fromBase64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

/** The drawings as a JSON file {@link parseDrawingsFile} reads back. */
export function drawingsFile(samples: PersonalSample[]): string {
  return JSON.stringify({
    format: 'nn-playground/drawings',
    version: 1,
    drawings: samples.map((s) => ({ label: s.label, image: toBase64(s.image) })),
  });
}

/** Reads a drawings file; a bad one gives a message and nothing. */
export function parseDrawingsFile(
  text: string,
): { ok: true; drawings: { label: number; image: Uint8Array }[] } | { ok: false; message: string } {
  if (text.length > 10_000_000)
    return { ok: false, message: 'The file is larger than 10 MB, so it is not a drawings file from here.' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: 'The file is not valid JSON. Pick a file exported with "Export drawings".' };
  }
  const r = fileSchema.safeParse(json);
  if (!r.success)
    return {
      ok: false,
      message: `Not a drawings file: ${r.error.issues[0].path.join('.') || '(top level)'}: ${r.error.issues[0].message}.`,
    };
  const drawings = r.data.drawings.map((d) => ({ label: d.label, image: fromBase64(d.image) }));
  if (drawings.some((d) => d.image.length !== 784))
    return { ok: false, message: 'Not a drawings file: every image must be 28x28.' };
  return { ok: true, drawings };
}

export class Teacher {
  private history: RunHistory | null = null;
  private nextId = 1;
  /** Who answered before the fine-tuning (it answers again on undo). */
  private tunedFrom: ModelSource | null = null;

  constructor(
    private readonly bridge: Bridge,
    private readonly store: StoreApi<AppState>,
  ) {}

  private get s() {
    return this.store.getState();
  }

  /** Loads the kept drawings and keeps new ones in `history`. */
  async attach(history: RunHistory) {
    this.history = history;
    const kept = await history.personal();
    this.nextId = Math.max(0, ...kept.map((k) => k.id)) + 1;
    this.s.setPersonal(kept);
  }

  private async add(samples: { label: number; image: Uint8Array }[]) {
    const added = samples.map((d) => ({ id: this.nextId++, label: d.label, image: d.image }));
    this.s.setPersonal([...this.s.personal, ...added]);
    for (const a of added) await this.history?.putPersonal(a).catch(() => undefined);
  }

  /** Adds the current drawing with `label`. */
  addDrawing(label: number) {
    const image = this.s.drawing;
    if (image) void this.add([{ label, image }]);
  }

  async remove(id: number) {
    this.s.setPersonal(this.s.personal.filter((p) => p.id !== id));
    await this.history?.deletePersonal(id).catch(() => undefined);
  }

  async clear() {
    const all = this.s.personal;
    this.s.setPersonal([]);
    for (const p of all) await this.history?.deletePersonal(p.id).catch(() => undefined);
  }

  /** Adds the drawings of a file; returns what happened, in words. */
  async importFile(text: string, name: string): Promise<{ ok: boolean; message: string }> {
    const r = parseDrawingsFile(text);
    if (!r.ok) return { ok: false, message: `${name}: ${r.message} Nothing was changed.` };
    await this.add(r.drawings);
    return {
      ok: true,
      message: `Added ${r.drawings.length} drawing${r.drawings.length === 1 ? '' : 's'} from ${name}.`,
    };
  }

  /** Fine-tunes the answering model on the drawings; the drawing's answer and the test accuracy before and after are kept. */
  async tune() {
    const s = this.s;
    const samples = s.personal;
    const images = new Uint8Array(samples.length * 784);
    samples.forEach((p, i) => images.set(p.image, i * 784));
    const labels = Uint8Array.from(samples, (p) => p.label);
    const probs = s.probs;
    const drawingBefore = probs ? { top: probs.indexOf(Math.max(...probs)), prob: Math.max(...probs) } : null;
    const source = s.modelSource;
    if (source?.kind !== 'tuned') this.tunedFrom = source;
    s.setTune({ state: 'tuning', drawingBefore });
    const r = await this.bridge.request(
      { type: 'tune', images, labels, steps: TUNE_STEPS },
      { transfer: [images.buffer] },
    );
    if (r.type === 'tuneFailed') return this.s.setTune({ state: 'failed', message: r.reason });
    this.s.setTune({ state: 'tuned', before: r.before, after: r.after, drawingBefore });
    this.s.modelLoaded({
      kind: 'tuned',
      datasetId: source?.datasetId ?? s.config.datasetId,
      testAcc: r.after ?? undefined,
    });
  }

  /** Puts back the model from before the fine-tuning. */
  async undo() {
    const r = await this.bridge.request({ type: 'untune' });
    if (r.type === 'tuneFailed') return this.s.setTune({ state: 'failed', message: r.reason });
    this.s.setTune({ state: 'idle' });
    if (this.tunedFrom) this.s.modelLoaded(this.tunedFrom);
  }
}
