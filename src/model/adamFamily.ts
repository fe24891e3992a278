import * as tf from '@tensorflow/tfjs';

/** Hyperparameters shared by the Adam-family optimizers below. */
export interface AdamFamilyConfig {
  learningRate: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  /** Decoupled weight decay (AdamW only), as a fraction of the weight per unit learning rate. */
  weightDecay?: number;
}

type Rule = 'adamw' | 'nadam' | 'adabelief';

/**
 * AdamW (Loshchilov & Hutter 2019), NAdam (Dozat 2016) and AdaBelief (Zhuang et al. 2020),
 * which tfjs does not ship. Per weight w with gradient g at step t (bias corrections
 * c1 = 1 - b1^t, c2 = 1 - b2^t):
 * - AdamW: m = b1 m + (1-b1) g; v = b2 v + (1-b2) g²; w -= lr (m/c1 / (sqrt(v/c2) + eps) + wd w)
 * - NAdam: same m, v; w -= lr (b1 m/(1-b1^(t+1)) + (1-b1) g/c1) / (sqrt(v/c2) + eps)
 * - AdaBelief: m as above; s = b2 s + (1-b2)(g-m)² + eps; w -= lr (m/c1) / (sqrt(s/c2) + eps)
 */
export class AdamFamilyOptimizer extends tf.Optimizer {
  static className = 'AdamFamilyOptimizer';
  private t = 0;
  private readonly slots = new Map<string, { m: tf.Variable; v: tf.Variable }>();
  private readonly b1: number;
  private readonly b2: number;
  private readonly eps: number;
  private readonly wd: number;

  constructor(
    private readonly rule: Rule,
    private readonly cfg: AdamFamilyConfig,
  ) {
    super();
    this.cfg = { ...cfg };
    this.b1 = cfg.beta1 ?? 0.9;
    this.b2 = cfg.beta2 ?? 0.999;
    this.eps = cfg.epsilon ?? (rule === 'adabelief' ? 1e-16 : 1e-8);
    this.wd = rule === 'adamw' ? (cfg.weightDecay ?? 0.01) : 0;
  }

  /** Changes the learning rate for the following steps (schedules call this between epochs). */
  setLearningRate(lr: number): void {
    this.cfg.learningRate = lr;
  }

  private slot(name: string, like: tf.Tensor) {
    let s = this.slots.get(name);
    if (!s) {
      s = tf.tidy(() => ({ m: tf.variable(tf.zerosLike(like), false), v: tf.variable(tf.zerosLike(like), false) }));
      this.slots.set(name, s);
    }
    return s;
  }

  applyGradients(variableGradients: tf.NamedTensorMap | { name: string; tensor: tf.Tensor }[]): void {
    const list = Array.isArray(variableGradients)
      ? variableGradients
      : Object.entries(variableGradients).map(([name, tensor]) => ({ name, tensor }));
    this.t++;
    const { b1, b2, eps, wd, t } = this;
    const lr = this.cfg.learningRate;
    const c1 = 1 - b1 ** t;
    const c2 = 1 - b2 ** t;
    tf.tidy(() => {
      for (const { name, tensor: g } of list) {
        const w = tf.engine().registeredVariables[name];
        if (!w || g == null) continue;
        const { m, v } = this.slot(name, w);
        const m1 = m.mul(b1).add(g.mul(1 - b1));
        const v1 =
          this.rule === 'adabelief'
            ? v
                .mul(b2)
                .add(
                  g
                    .sub(m1)
                    .square()
                    .mul(1 - b2),
                )
                .add(eps)
            : v.mul(b2).add(g.square().mul(1 - b2));
        const denom = v1.div(c2).sqrt().add(eps);
        const num = this.rule === 'nadam' ? m1.mul(b1 / (1 - b1 ** (t + 1))).add(g.mul((1 - b1) / c1)) : m1.div(c1);
        let step = num.div(denom);
        if (wd) step = step.add(w.mul(wd));
        m.assign(m1);
        v.assign(v1);
        w.assign(w.sub(step.mul(lr)));
      }
    });
    this.incrementIterations();
  }

  dispose(): void {
    super.dispose();
    for (const { m, v } of this.slots.values()) tf.dispose([m, v]);
    this.slots.clear();
  }

  getConfig(): tf.serialization.ConfigDict {
    return { rule: this.rule, ...this.cfg };
  }
}
