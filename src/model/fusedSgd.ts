import * as tf from '@tensorflow/tfjs';

/**
 * Name of the optional kernel that does one plain SGD step for every weight at once: inputs `w0, g0, w1,
 * g1, …` (weights and their gradients), attrs {@link FusedSgdAttrs}, outputs `[w0', w1', …]` with
 * w' = w - learningRate · g. A backend that registers it (wasm does, see src/workers/kernels/sgdWasm.ts)
 * updates a network in one kernel instead of two per weight: at batch 1 the kernels' fixed cost, not their
 * arithmetic, is what a step spends its time on.
 */
export const FUSED_SGD = 'FusedSgdUpdate';

/** Attributes of {@link FUSED_SGD}. */
export interface FusedSgdAttrs {
  learningRate: number;
}

/** tfjs's SGD, the same results, with one {@link FUSED_SGD} kernel per step where the backend has it. */
export class FusedSgdOptimizer extends tf.SGDOptimizer {
  applyGradients(variableGradients: Parameters<tf.SGDOptimizer['applyGradients']>[0]): void {
    if (!tf.getKernel(FUSED_SGD, tf.getBackend())) return super.applyGradients(variableGradients);
    const list = (
      Array.isArray(variableGradients)
        ? variableGradients
        : Object.entries(variableGradients).map(([name, tensor]) => ({ name, tensor }))
    ).filter((e) => e.tensor != null);
    const weights = list.map(({ name }) => tf.engine().registeredVariables[name]);
    const inputs: tf.NamedTensorMap = {};
    list.forEach(({ tensor }, i) => {
      inputs[`w${i}`] = weights[i];
      inputs[`g${i}`] = tensor;
    });
    const attrs: FusedSgdAttrs = { learningRate: this.learningRate };
    const updated = tf.engine().runKernel(FUSED_SGD, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
    updated.forEach((w1, i) => {
      weights[i].assign(w1);
      w1.dispose();
    });
    this.incrementIterations();
  }
}
