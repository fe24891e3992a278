// What model.json must say before tfjs builds anything from it. tfjs allocates every weight the
// topology declares before it compares them with the weights file, so a hostile model.json
// (a Dense of 10^9 units) would fill memory, and on the wasm backend abort the module, before
// any error could be shown. These checks refuse such files with a message first.
import '../model/zodSetup';
import { z } from 'zod';
import { PARAM_BUDGET } from '../model/shapes';
import { firstIssue } from '../shared/configSchema';
import type { ModelMeta } from './modelFiles';

/** The largest model.json and weights file accepted. */
export const MAX_MODEL_JSON_CHARS = 10_000_000;
export const MAX_WEIGHTS_BYTES = 4 * PARAM_BUDGET * 2;
/** The largest `units`/`filters` a layer of a loaded model may declare (the layer editor's own bound). */
const MAX_WIDTH = 65_536;
const MAX_LAYERS = 200;

const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2 };

const weightSpec = z.object({
  name: z.string().max(500),
  shape: z.array(z.number().int().min(0).max(1e7)).max(8),
  dtype: z.enum(['float32', 'int32', 'bool']),
  quantization: z
    .object({ dtype: z.enum(['uint8', 'uint16', 'float16']) })
    .loose()
    .optional(),
});

const manifestSchema = z
  .array(z.object({ paths: z.array(z.string()).max(100), weights: z.array(weightSpec).max(10_000) }).loose())
  .min(1)
  .max(100);

const metaSchema = z
  .object({
    pixel: z
      .object({
        scale: z.array(z.number().finite()).min(1).max(4),
        offset: z.array(z.number().finite()).min(1).max(4),
      })
      .strict()
      .refine((p) => p.scale.length === p.offset.length, 'scale and offset differ in length'),
    datasetId: z.string().max(64),
    classes: z.array(z.string().max(100)).max(1000),
  })
  // Other keys (a starter's own description, fields of later versions) are dropped, not refused.
  .strip();

/** Layer configs of a Sequential or functional topology, whichever shape it has. */
function layerConfigs(topology: unknown): unknown[] | null {
  const t = topology as { config?: unknown; model_config?: { config?: unknown } } | null;
  const config = t?.model_config?.config ?? t?.config;
  const layers = Array.isArray(config) ? config : (config as { layers?: unknown } | undefined)?.layers;
  return Array.isArray(layers) ? layers : null;
}

/**
 * Checks model.json and the weights' size; returns the playground's metadata (or null when the
 * model has none) or a message saying what is wrong and what to pick instead.
 */
export function checkModelFiles(
  json: { modelTopology?: unknown; weightsManifest?: unknown; userDefinedMetadata?: unknown },
  weightBytes: number,
): { ok: true; meta: ModelMeta | null } | { ok: false; message: string } {
  const fail = (message: string) => ({ ok: false as const, message });
  if (weightBytes > MAX_WEIGHTS_BYTES)
    return fail(
      `The weights file is ${(weightBytes / 1e6).toFixed(0)} MB, more than a network this playground trains can have (${PARAM_BUDGET.toLocaleString('en-US')} parameters).`,
    );
  const manifest = manifestSchema.safeParse(json.weightsManifest);
  if (!manifest.success) return fail(`model.json's weights manifest is not valid (${firstIssue(manifest.error)}).`);
  const specs = manifest.data.flatMap((g) => g.weights);
  const count = (shape: number[]) => shape.reduce((a, b) => a * b, 1);
  const params = specs.reduce((n, w) => n + count(w.shape), 0);
  if (params > PARAM_BUDGET)
    return fail(
      `model.json declares ${params.toLocaleString('en-US')} weights, over the ${PARAM_BUDGET.toLocaleString('en-US')} a browser tab can use.`,
    );
  const bytes = specs.reduce((n, w) => n + count(w.shape) * BYTES[w.quantization?.dtype ?? w.dtype], 0);
  if (bytes !== weightBytes)
    return fail(
      `The weights file has ${weightBytes.toLocaleString('en-US')} bytes but model.json describes ${bytes.toLocaleString('en-US')}. Check that the weights file belongs to this model.json.`,
    );
  const layers = layerConfigs(json.modelTopology);
  if (!layers) return fail('model.json has no layers in its topology. Pick a TensorFlow.js layers model.');
  if (layers.length > MAX_LAYERS) return fail(`model.json has ${layers.length} layers, more than ${MAX_LAYERS}.`);
  for (const [i, layer] of layers.entries()) {
    const c = (layer as { config?: Record<string, unknown> } | null)?.config ?? {};
    for (const key of ['units', 'filters']) {
      const v = c[key];
      if (v !== undefined && !(Number.isInteger(v) && (v as number) >= 1 && (v as number) <= MAX_WIDTH))
        return fail(
          `Layer ${i + 1} of model.json declares ${key} = ${String(v)}; at most ${MAX_WIDTH} can be built here.`,
        );
    }
  }
  const raw = (json.userDefinedMetadata as { nnPlayground?: unknown } | undefined)?.nnPlayground;
  if (raw === undefined) return { ok: true, meta: null };
  const meta = metaSchema.safeParse(raw);
  if (!meta.success) return fail(`model.json's playground metadata is damaged (${firstIssue(meta.error)}).`);
  return { ok: true, meta: meta.data };
}
