import * as tf from '@tensorflow/tfjs';

/** LeCun's scaled tanh, 1.7159·tanh(2x/3) (LeCun et al. 1998, appendix A). Shape-preserving. */
export class LecunTanh extends tf.layers.Layer {
  static className = 'LecunTanh';
  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => tf.mul(1.7159, tf.tanh(tf.mul(2 / 3, Array.isArray(inputs) ? inputs[0] : inputs))));
  }
}

interface SeededDropoutArgs { rate: number; seed: number; name?: string }

/**
 * Inverted dropout whose mask is reproducible yet new on every training call: call k draws its mask
 * with seed `seed + k`. (tfjs's own Dropout reuses one mask forever when given a seed.)
 * Identity at inference.
 */
export class SeededDropout extends tf.layers.Layer {
  static className = 'SeededDropout';
  readonly rate: number;
  readonly seed: number;
  private calls = 0;
  constructor(args: SeededDropoutArgs) {
    super({ name: args.name });
    this.rate = args.rate;
    this.seed = args.seed;
  }
  call(inputs: tf.Tensor | tf.Tensor[], kwargs: { training?: boolean }): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    if (!kwargs.training || this.rate === 0) return tf.clone(x);
    const seed = this.seed + this.calls++;
    return tf.tidy(() => tf.dropout(x, this.rate, undefined, seed));
  }
  getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), rate: this.rate, seed: this.seed };
  }
}

tf.serialization.registerClass(LecunTanh);
tf.serialization.registerClass(SeededDropout);
