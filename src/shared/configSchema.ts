import '../model/zodSetup';
import { z } from 'zod';
import { layerSchema } from '../model/archSchema';
import { OPTIMIZER_NAMES, type OptimizerId } from '../model/optimizerIds';
import { PRESETS, type PresetId } from '../model/presets';
import { NORMALIZATION_NAMES, type NormalizationId } from '../data/normalize';
import type { Config } from './config';

const unit = z.number().min(0).max(1);
const int = (min: number, max: number) => z.number().int().min(min).max(max);
const keysOf = <T extends string>(o: Record<T, unknown>) => Object.keys(o) as [T, ...T[]];

const scheduleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('constant') }).strict(),
  z.object({ kind: z.literal('step'), every: int(1, 1000), gamma: z.number().positive().max(10) }).strict(),
  z.object({ kind: z.literal('exponential'), gamma: z.number().positive().max(10) }).strict(),
  z.object({ kind: z.literal('cosine'), minLr: z.number().min(0).max(10) }).strict(),
  z
    .object({
      kind: z.literal('list'),
      segments: z
        .array(z.object({ epochs: int(1, 1000), lr: z.number().positive().max(10) }).strict())
        .min(1)
        .max(100),
    })
    .strict(),
]);

/**
 * Schema of a whole config as share links and run files carry it: the same shape as
 * {@link Config}, bounded so that a tampered link or file can do no harm.
 */
export const configSchema = z
  .object({
    datasetId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
    preset: z.enum(['custom', ...PRESETS.map((p) => p.id)] as ['custom', ...PresetId[]]),
    layers: z.array(layerSchema).min(1).max(64),
    epochs: int(1, 200),
    batchSize: int(1, 1_000_000),
    learningRate: z.number().positive().max(10),
    trainSize: int(1, 10_000_000),
    seed: int(0, 2147483647),
    optimizer: z.enum(keysOf<OptimizerId>(OPTIMIZER_NAMES)),
    optimizerParams: z
      .object({
        momentum: unit,
        nesterov: z.boolean(),
        rho: unit,
        beta1: unit,
        beta2: unit,
        epsilon: unit,
        weightDecay: unit,
      })
      .strict(),
    schedule: scheduleSchema,
    loss: z.enum(['crossEntropy', 'mse']),
    l2: unit,
    validationSplit: z.number().min(0).max(0.5),
    earlyStopping: z.boolean(),
    patience: int(1, 100),
    normalization: z.enum(keysOf<NormalizationId>(NORMALIZATION_NAMES)),
    augment: z
      .object({
        rotation: z.number().min(0).max(180),
        shift: z.number().min(0).max(16),
        flip: z.boolean(),
        cropPadding: z.number().min(0).max(16),
        // Added later: links and files from before them mean "off".
        scale: z.number().min(0).max(50).default(0),
        slant: z.number().min(0).max(45).default(0),
        thickness: int(0, 3).default(0),
        elastic: z.number().min(0).max(8).default(0),
      })
      .strict(),
    colorMode: z.enum(['rgb', 'gray']),
    backend: z.enum(['auto', 'webgpu', 'webgl', 'wasm', 'cpu']),
  })
  .strict() satisfies z.ZodType<Config>;

/** The first problem zod found, as "field.path: message". */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue.path.join('.') || '(top level)'}: ${issue.message}`;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A whole config from a stored, older or partly damaged one: every field the schema accepts is
 * kept, every other falls back to `defaults`, and nested settings (optimizer, augmentation) are
 * restored field by field, so one bad value costs only itself. Layers are checked with `layers`
 * (settings saved mid-edit may hold a layer the editor still flags).
 */
export function restoreFromSchema(
  stored: unknown,
  defaults: Config,
  layers: z.ZodType = configSchema.shape.layers,
): Config {
  const from = isRecord(stored) ? stored : {};
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(configSchema.shape) as [keyof Config, z.ZodType][]) {
    const fallback = defaults[key];
    if (field instanceof z.ZodObject && isRecord(fallback)) {
      const defaultsOf = fallback as Record<string, unknown>;
      const sub = isRecord(from[key]) ? (from[key] as Record<string, unknown>) : {};
      out[key] = Object.fromEntries(
        Object.entries(field.shape as Record<string, z.ZodType>).map(([k, f]) => {
          const r = f.safeParse(sub[k]);
          return [k, r.success ? r.data : defaultsOf[k]];
        }),
      );
      continue;
    }
    const r = (key === 'layers' ? layers : field).safeParse(from[key]);
    out[key] = r.success ? r.data : structuredClone(fallback);
  }
  return out as unknown as Config;
}
