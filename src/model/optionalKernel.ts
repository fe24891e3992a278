import * as tf from '@tensorflow/tfjs';

/**
 * Runs the optional kernel `name` (one this project names and a backend may register, such as the wasm
 * kernels of src/workers/kernels/) where the current backend has it, else `ops()`: tfjs's own ops computing
 * the same, for backends without it.
 */
export function runOptionalKernel<T extends tf.Tensor | tf.Tensor[]>(
  name: string,
  inputs: tf.NamedTensorMap,
  ops: () => T,
  attrs: tf.NamedAttrMap = {},
): T {
  return tf.getKernel(name, tf.getBackend()) ? (tf.engine().runKernel(name, inputs, attrs) as T) : ops();
}
