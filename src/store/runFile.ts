import '../model/zodSetup';
import { z } from 'zod';
import { configSchema, firstIssue } from '../shared/configSchema';
import type { Run } from './runsSlice';

const num = z.number().finite();
const unitInterval = z.number().min(0).max(1);
const epochSchema = z
  .object({
    epoch: z.number().int().min(1),
    trainLoss: num,
    trainAcc: num,
    testLoss: num,
    testAcc: num,
    seconds: num,
    samplesPerSec: num,
    numTensors: num,
    lr: num.optional(),
    valLoss: num.optional(),
    valAcc: num.optional(),
  })
  .strict();

const histogramSchema = z.object({ min: num, max: num, counts: z.array(z.number().int().min(0)).max(256) }).strict();
const layerHealthSchema = z
  .object({
    layer: z.number().int().min(0).max(64),
    kind: z.enum(['conv2d', 'dense', 'output', 'batchnorm']),
    weightNorm: num,
    gradNorm: num,
    updateRatio: num.nullable(),
    dead: unitInterval,
    saturated: unitInterval,
    weights: histogramSchema,
    grads: histogramSchema,
    activations: histogramSchema,
    bn: z.object({ meanAbsMean: num, meanVariance: num }).strict().optional(),
  })
  .strict();
const healthSchema = z
  .object({
    step: z.number().int().min(0),
    epoch: z.number().int().min(1),
    epochEnd: z.boolean(),
    layers: z.array(layerHealthSchema).max(64),
  })
  .strict();

const engineSchema = z
  .object({
    name: z.enum(['pytorch', 'keras']),
    version: z.string().max(100),
    device: z.string().max(100),
    processes: z.number().int().min(1).max(100_000),
    nodes: z.number().int().min(1).max(100_000),
    amp: z.boolean(),
    hardware: z.string().max(300),
  })
  .strict();

const runSchema = z
  .object({
    id: z.number().int().min(1),
    name: z.string().max(200).nullable(),
    starred: z.boolean(),
    shown: z.boolean(),
    config: configSchema,
    status: z.enum(['running', 'done', 'stopped', 'error', 'interrupted']),
    backend: z.enum(['webgpu', 'webgl', 'wasm', 'cpu']).nullable(),
    batchLoss: z.array(z.number()).max(5_000_000),
    batchAcc: z.array(z.number()).max(5_000_000),
    epochs: z.array(epochSchema).max(1000),
    startedAt: num,
    endedAt: num.nullable(),
    samplesPerSec: num,
    message: z.string().max(2000).nullable(),
    params: z.number().int().min(0).nullable(),
    timeline: z.array(z.tuple([num, num])).max(1_000_000),
    probeMs: num.min(0).optional(),
    uid: z.string().min(1).max(100).optional(),
    compared: z.boolean().optional(),
    recipe: z.string().max(100).nullable().optional(),
    recipeModified: z.boolean().optional(),
    health: z.array(healthSchema).max(5000).optional(),
    engine: engineSchema.optional(),
  })
  .strict();

const runFileSchema = z
  .object({
    format: z.literal('nn-playground/runs'),
    version: z.literal(1),
    runs: z.array(runSchema).min(1).max(1000),
  })
  .strict();

/** The largest run file accepted, in characters. */
export const MAX_RUN_FILE_CHARS = 100_000_000;

/** Runs as a JSON file that {@link parseRunFile} reads back. */
export function exportRuns(runs: Run[]): string {
  return JSON.stringify({ format: 'nn-playground/runs', version: 1, runs });
}

/** Reads a run file; a malformed or hostile file gives a message and no runs. */
export function parseRunFile(text: string): { ok: true; runs: Run[] } | { ok: false; message: string } {
  if (text.length > MAX_RUN_FILE_CHARS)
    return {
      ok: false,
      message: 'The file is larger than 100 MB, so it is not a run file from here. Nothing was changed.',
    };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `The file is not valid JSON (${(e as Error).message}). Nothing was changed.` };
  }
  const r = runFileSchema.safeParse(json);
  if (!r.success) return { ok: false, message: `Not a valid run file: ${firstIssue(r.error)}. Nothing was changed.` };
  return { ok: true, runs: r.data.runs as Run[] }; // runs without a uid get one on import
}

const plural = (n: number) => `${n} run${n === 1 ? '' : 's'}`;

/** What an import did, e.g. "Imported 2 runs from a.json; skipped 1 run already here." */
export function importSummary({ added, skipped }: { added: number; skipped: number }, file: string): string {
  if (added === 0)
    return `Nothing imported from ${file}: its ${plural(skipped)} ${skipped === 1 ? 'is' : 'are'} already here.`;
  return `Imported ${plural(added)} from ${file}${skipped ? `; skipped ${plural(skipped)} already here` : ''}.`;
}
