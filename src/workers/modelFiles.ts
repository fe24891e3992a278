import * as tf from '@tensorflow/tfjs';
import type { PixelTransform } from '../data/normalize';
import { checkModelFiles, MAX_MODEL_JSON_CHARS } from './modelFileCheck';

/** What the playground stores in a saved model's `userDefinedMetadata`, so predictions see the same inputs. */
export interface ModelMeta {
  pixel: PixelTransform;
  datasetId: string;
  classes: string[];
}

type LayerJson = { class_name: string; config: Record<string, unknown> };

/** A layer entry with a class and a config object (a hostile file may hold anything else; tfjs reports those). */
const isLayer = (l: unknown): l is LayerJson =>
  typeof l === 'object' &&
  l !== null &&
  typeof (l as LayerJson).config === 'object' &&
  (l as LayerJson).config !== null;

/** The layer list of a Sequential topology (tfjs writes `config.layers`; old Keras files a bare list). */
function topologyLayers(topology: unknown): LayerJson[] | null {
  const config = (topology as { config?: unknown } | null)?.config;
  const layers = Array.isArray(config) ? config : (config as { layers?: unknown } | undefined)?.layers;
  return Array.isArray(layers) ? (layers as LayerJson[]) : null;
}

/**
 * The topology as an exported classifier ships: the last Dense ends in softmax (so the file gives
 * probabilities, in the page or in stock TensorFlow.js), and the page's seeded dropout is Keras's
 * Dropout (identity at inference), which stock TensorFlow.js knows. Returns a new object.
 */
export function exportTopology<T>(topology: T): T {
  const copy = structuredClone(topology);
  const layers = topologyLayers(copy);
  if (!layers) return copy;
  layers.forEach((l, i) => {
    if (isLayer(l) && l.class_name === 'SeededDropout') {
      layers[i] = { class_name: 'Dropout', config: { ...l.config, noise_shape: null } }; // keeps its seed
    }
  });
  const last = layers.at(-1);
  if (isLayer(last) && last.class_name === 'Dense' && last.config.activation === 'linear')
    last.config.activation = 'softmax';
  return copy;
}

/**
 * The topology the page builds from a file: a last Dense with softmax becomes linear again, since
 * the page applies softmax itself (in the loss and in `predictProbs`). Files saved before the
 * softmax was written (linear) stay as they are, so no path applies softmax twice. A seeded
 * Dropout is the page's SeededDropout again (fresh, reproducible masks when the model trains on,
 * as in fine-tuning), where stock Dropout would reuse one mask.
 */
export function importTopology<T>(topology: T): T {
  const copy = structuredClone(topology);
  const layers = topologyLayers(copy);
  layers?.forEach((l, i) => {
    if (!isLayer(l)) return;
    const { rate, seed, name } = l.config as { rate?: unknown; seed?: unknown; name?: unknown };
    if (l.class_name === 'Dropout' && typeof seed === 'number' && typeof rate === 'number')
      layers[i] = { class_name: 'SeededDropout', config: { name, trainable: true, rate, seed } };
  });
  const last = layers?.at(-1);
  if (isLayer(last) && last.class_name === 'Dense' && last.config.activation === 'softmax')
    last.config.activation = 'linear';
  return copy;
}

/** The weights file name model.json points at. */
export const WEIGHTS_FILE = 'model.weights.bin';

/**
 * Serialises `model` in the standard TensorFlow.js layers format: model.json (topology, weights
 * manifest and our metadata) and one binary weights file.
 */
export async function saveModelFiles(
  model: tf.LayersModel,
  meta: ModelMeta,
): Promise<{ modelJson: string; weights: ArrayBuffer }> {
  let out: { modelJson: string; weights: ArrayBuffer } | null = null;
  model.setUserDefinedMetadata({ nnPlayground: meta });
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      const json: tf.io.ModelJSON = {
        modelTopology: exportTopology(a.modelTopology!),
        format: a.format,
        generatedBy: a.generatedBy,
        convertedBy: a.convertedBy ?? null,
        weightsManifest: [{ paths: [WEIGHTS_FILE], weights: a.weightSpecs ?? [] }],
        userDefinedMetadata: a.userDefinedMetadata,
      };
      out = { modelJson: JSON.stringify(json), weights: new tf.io.CompositeArrayBuffer(a.weightData).slice() };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return out!;
}

/** Thrown when files are not a model this playground can use; the message says what to do. */
export class ModelFileError extends Error {}

/** Reads a model saved by {@link saveModelFiles} (or any tfjs layers model with one weights file). */
export async function loadModelFiles(
  modelJson: string,
  weights: ArrayBuffer,
): Promise<{ model: tf.LayersModel; meta: ModelMeta | null }> {
  if (modelJson.length > MAX_MODEL_JSON_CHARS)
    throw new ModelFileError(
      'model.json is larger than 10 MB, so it is not a model saved here. Pick the model.json that Save model downloaded.',
    );
  let json: tf.io.ModelJSON;
  try {
    json = JSON.parse(modelJson);
  } catch {
    throw new ModelFileError(
      'model.json is not valid JSON. Pick the model.json and model.weights.bin that Save model downloaded.',
    );
  }
  if (!json?.modelTopology || !Array.isArray(json.weightsManifest)) {
    throw new ModelFileError('model.json is not a TensorFlow.js layers model (no topology or weights manifest).');
  }
  const checked = checkModelFiles(json, weights.byteLength);
  if (!checked.ok) throw new ModelFileError(checked.message);
  const artifacts = await tf.io.getModelArtifactsForJSON(
    { ...json, modelTopology: importTopology(json.modelTopology) },
    async (manifest) => {
      const specs = manifest.flatMap((g) => g.weights);
      return [specs, weights];
    },
  );
  let model: tf.LayersModel;
  try {
    model = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
  } catch (e) {
    throw new ModelFileError(
      `The model could not be built from these files (${(e as Error).message}). Check that the weights file belongs to this model.json.`,
    );
  }
  return { model, meta: checked.meta };
}

/** A copy of `model` with its own weights (through the same files Save model writes). */
export async function cloneModel(model: tf.LayersModel): Promise<tf.LayersModel> {
  const files = await saveModelFiles(model, { pixel: { scale: [1], offset: [0] }, datasetId: '', classes: [] });
  return (await loadModelFiles(files.modelJson, files.weights)).model;
}
