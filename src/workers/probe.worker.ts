/// <reference lib="webworker" />
// The backend probe's own worker: times a few training steps of a network on every backend and
// reports which is fastest, then is done. Apart from the trainer, so measuring never holds up a
// prediction, a model load or a run on a backend already chosen.
import * as tf from '@tensorflow/tfjs';
import { setUpBackends } from './runtime';
import { probeBackends } from './backends';
import type { FromProbe, ToProbe } from '../shared/protocol';
import { mulberry32 } from '../model/rng';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (msg: FromProbe) => scope.postMessage(msg);
setUpBackends();

/** A batch of seeded noise with random labels: speed does not depend on the pixels. */
function noiseBatch(shape: [number, number, number], classes: number, n: number, seed: number) {
  const rand = mulberry32(seed);
  const xs = Float32Array.from({ length: n * shape[0] * shape[1] * shape[2] }, rand);
  const labels = Int32Array.from({ length: n }, () => Math.floor(rand() * classes));
  return () => ({
    xs: tf.tensor4d(xs, [n, ...shape]),
    ys: tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), classes).toFloat() as tf.Tensor2D),
  });
}

scope.onmessage = async (e: MessageEvent<ToProbe>) => {
  const { spec, batchSize, seed } = e.data;
  try {
    const batch = noiseBatch(spec.inputShape, spec.classes, batchSize, seed);
    const { chosen, results } = await probeBackends(spec, batch, seed, (partial) =>
      post({ type: 'probeProgress', results: partial }),
    );
    post({ type: 'probeDone', chosen, results });
  } catch (err) {
    post({ type: 'probeFailed', message: (err as Error).message });
  }
};
