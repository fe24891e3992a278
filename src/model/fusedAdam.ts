import * as tf from '@tensorflow/tfjs';

/**
 * Name of the optional kernel that does one Adam step for one weight: inputs `{ w, m, v, g }`,
 * attrs {@link FusedAdamAttrs}, outputs `[w', m', v']`. A backend that registers it (the wasm
 * backend does, see src/workers/kernels/adamWasm.ts) runs Adam in one kernel per weight instead
 * of about fifteen.
 */
export const FUSED_ADAM = 'FusedAdamUpdate';

/** Attributes of {@link FUSED_ADAM}: tfjs's Adam with bias corrections c1 = 1 - b1^t, c2 = 1 - b2^t. */
export interface FusedAdamAttrs {
  beta1: number;
  beta2: number;
  epsilon: number;
  learningRate: number;
  c1: number;
  c2: number;
}

/**
 * One Adam step on plain arrays, in place, exactly as tfjs's AdamOptimizer computes it:
 * m = b1 m + (1-b1) g; v = b2 v + (1-b2) g²; w -= lr (m/c1) / (sqrt(v/c2) + eps).
 */
export function adamStep(w: Float32Array, m: Float32Array, v: Float32Array, g: Float32Array, a: FusedAdamAttrs): void {
  const { beta1: b1, beta2: b2, epsilon: eps, learningRate: lr, c1, c2 } = a;
  const k1 = 1 - b1;
  const k2 = 1 - b2;
  for (let i = 0; i < w.length; i++) {
    const gi = g[i];
    const mi = b1 * m[i] + k1 * gi;
    const vi = b2 * v[i] + k2 * gi * gi;
    m[i] = mi;
    v[i] = vi;
    w[i] -= (lr * (mi / c1)) / (Math.sqrt(vi / c2) + eps);
  }
}

/**
 * tfjs's Adam, the same state and results, that updates each weight with one {@link FUSED_ADAM}
 * kernel where the backend has it (on wasm a LeNet-5 step spent ~3 ms in ~150 tiny Adam kernels)
 * and with tfjs's own ops elsewhere.
 */
export class FusedAdamOptimizer extends tf.AdamOptimizer {
  applyGradients(variableGradients: Parameters<tf.AdamOptimizer['applyGradients']>[0]): void {
    if (!tf.getKernel(FUSED_ADAM, tf.getBackend())) return super.applyGradients(variableGradients);
    const self = this as unknown as {
      accumulatedFirstMoment: { originalName: string; variable: tf.Variable }[];
      accumulatedSecondMoment: { originalName: string; variable: tf.Variable }[];
      accBeta1: tf.Variable;
      accBeta2: tf.Variable;
    };
    const list = Array.isArray(variableGradients)
      ? variableGradients
      : Object.entries(variableGradients).map(([name, tensor]) => ({ name, tensor }));
    // accBeta1/2 hold b1^t and b2^t (t = steps so far + 1); reading a wasm scalar is synchronous and cheap.
    const attrs: FusedAdamAttrs = {
      beta1: this.beta1,
      beta2: this.beta2,
      epsilon: this.epsilon,
      learningRate: this.learningRate,
      c1: 1 - self.accBeta1.dataSync()[0],
      c2: 1 - self.accBeta2.dataSync()[0],
    };
    tf.tidy(() => {
      list.forEach(({ name, tensor: g }, i) => {
        const w = tf.engine().registeredVariables[name];
        self.accumulatedFirstMoment[i] ??= {
          originalName: `${name}/m`,
          variable: tf.tidy(() => tf.zerosLike(w).variable(false)),
        };
        self.accumulatedSecondMoment[i] ??= {
          originalName: `${name}/v`,
          variable: tf.tidy(() => tf.zerosLike(w).variable(false)),
        };
        if (g == null) return;
        const m = self.accumulatedFirstMoment[i].variable;
        const v = self.accumulatedSecondMoment[i].variable;
        const [w1, m1, v1] = tf
          .engine()
          .runKernel(FUSED_ADAM, { w, m, v, g }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
        m.assign(m1);
        v.assign(v1);
        w.assign(w1);
      });
      self.accBeta1.assign(tf.mul(self.accBeta1, this.beta1));
      self.accBeta2.assign(tf.mul(self.accBeta2, this.beta2));
    });
    this.incrementIterations();
  }
}
