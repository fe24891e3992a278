import './zodSetup';
import { z } from 'zod';
import type { LayerSpec } from './spec';

const activation = z.enum(['sigmoid', 'relu', 'tanh', 'lecunTanh', 'leakyRelu', 'linear']);
const init = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('glorotUniform') }).strict(),
  z.object({ kind: z.literal('heNormal') }).strict(),
  z.object({ kind: z.literal('lecunNormal') }).strict(),
  z
    .object({ kind: z.literal('normal'), mean: z.number().min(-10).max(10), std: z.number().positive().max(10) })
    .strict(),
  z.object({ kind: z.literal('zeros') }).strict(),
]);

function makeLayerSchema(strict: boolean) {
  const count = (max: number) => (strict ? z.number().int().min(1).max(max) : z.number().finite());
  const rate = strict ? z.number().min(0).lt(1) : z.number().finite();
  const l2 = (strict ? z.number().min(0).max(1) : z.number().finite()).optional();
  return z.discriminatedUnion('kind', [
    z
      .object({
        kind: z.literal('conv2d'),
        filters: count(1024),
        kernelSize: count(32),
        strides: count(16),
        padding: z.enum(['same', 'valid']),
        activation,
        init,
        l2,
      })
      .strict(),
    z.object({ kind: z.literal('pool'), op: z.enum(['max', 'avg']), poolSize: count(32), strides: count(32) }).strict(),
    z.object({ kind: z.literal('flatten') }).strict(),
    z.object({ kind: z.literal('dense'), units: count(65536), activation, init, l2 }).strict(),
    z.object({ kind: z.literal('dropout'), rate }).strict(),
    z.object({ kind: z.literal('batchnorm'), activation }).strict(),
    z.object({ kind: z.literal('gap') }).strict(),
    z.object({ kind: z.literal('output'), init, l2 }).strict(),
  ]);
}

/** Schema of one layer: the same shape as {@link LayerSpec}, with bounds that keep a hostile file harmless. */
export const layerSchema = makeLayerSchema(true);

/**
 * The same structure with any finite numbers: what the editor may hold while a person is mid-edit
 * (0 units, rate 1), which shape inference then explains. Used to restore the saved config.
 */
export const editedLayerSchema = makeLayerSchema(false);

/** The exported architecture file: a tagged, versioned list of layers. */
export const architectureSchema = z
  .object({
    format: z.literal('nn-playground/architecture'),
    version: z.literal(1),
    name: z.string().max(200).optional(),
    layers: z.array(layerSchema).min(1).max(64),
  })
  .strict();

export type ArchitectureFile = z.infer<typeof architectureSchema>;

/** The largest architecture file accepted, in characters. */
export const MAX_ARCHITECTURE_CHARS = 1_000_000;

/** Serialises layers as an architecture file (pretty JSON). */
export function exportArchitecture(layers: LayerSpec[], name?: string): string {
  const file: ArchitectureFile = {
    format: 'nn-playground/architecture',
    version: 1,
    ...(name ? { name } : {}),
    layers,
  };
  return JSON.stringify(file, null, 2);
}

/**
 * Parses and validates an architecture file. Returns the layers, or a message naming the first
 * problem (with its JSON path) that a person can act on. Never throws.
 */
export function parseArchitecture(
  text: string,
): { ok: true; layers: LayerSpec[]; name?: string } | { ok: false; message: string } {
  if (text.length > MAX_ARCHITECTURE_CHARS)
    return {
      ok: false,
      message: 'The file is larger than 1 MB; an architecture file is a few KB. Pick the JSON this app exported.',
    };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: 'The file is not valid JSON. Pick a file exported with "Export JSON".' };
  }
  const r = architectureSchema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0];
    const where = issue.path.length ? issue.path.join('.') : 'the file';
    return { ok: false, message: `Not a valid architecture file: ${where}: ${issue.message}. Nothing was changed.` };
  }
  return { ok: true, layers: r.data.layers as LayerSpec[], name: r.data.name };
}
