import * as tf from '@tensorflow/tfjs';
import type { Conv2D, ConvLayerArgs } from '@tensorflow/tfjs-layers/dist/layers/convolutional';

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

/** tfjs-layers' Conv2D class (the package exports only its factory). */
const Conv2DLayer = tf.layers.conv2d({ filters: 1, kernelSize: 1 }).constructor as new (args: ConvLayerArgs) => Conv2D;

/**
 * A Conv2D layer that always computes conv2d, bias add and activation as separate ops. tfjs-layers
 * uses its fused conv op for every activation but ReLU, and that op's gradient always computes the
 * gradient of the layer's input too: wasted work on a network's first layer (15% of a sigmoid
 * LeNet-5 training step). Same weights, same initialisation; saved models name it plain "Conv2D".
 */
export class UnfusedConv2D extends Conv2DLayer {
  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
      const self = this as unknown as { kernel: tf.LayerVariable; bias?: tf.LayerVariable; strides: number[];
        padding: 'same' | 'valid'; dilationRate: number[]; activation: { apply(t: tf.Tensor): tf.Tensor } };
      let y: tf.Tensor = tf.conv2d(x, self.kernel.read() as tf.Tensor4D, self.strides as [number, number], self.padding,
        'NHWC', self.dilationRate as [number, number]);
      if (self.bias) y = tf.add(y, self.bias.read());
      return self.activation.apply(y);
    });
  }
}

tf.serialization.registerClass(LecunTanh);
tf.serialization.registerClass(SeededDropout);
