// Stock TensorFlow.js outside the app: loads a saved model (model.json + one weights file) with
// nothing of the playground registered, and prints the outputs for the images in a JSON file.
// Usage: node test/helpers/stockTfjs.mjs MODEL_DIR INPUT.json   (INPUT: { shape, data } normalised)
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, input] = process.argv.slice(2);
const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
const bin = readFileSync(join(dir, json.weightsManifest[0].paths[0]));
const model = await tf.loadLayersModel(
  tf.io.fromMemory({
    modelTopology: json.modelTopology,
    weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
    weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength),
  }),
);
const { shape, data } = JSON.parse(readFileSync(input, 'utf8'));
const out = model.predict(tf.tensor(data, shape));
console.log(JSON.stringify({ outputs: await out.array() }));
