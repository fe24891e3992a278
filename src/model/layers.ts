import * as tf from '@tensorflow/tfjs';
import type { Conv2D, ConvLayerArgs } from '@tensorflow/tfjs-layers/dist/layers/convolutional';
import './meanGradient';
import './activationGradient';

/** LeCun's scaled tanh, 1.7159·tanh(2x/3) (LeCun et al. 1998, appendix A). Shape-preserving. */
export class LecunTanh extends tf.layers.Layer {
  static className = 'LecunTanh';
  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => tf.mul(1.7159, tf.tanh(tf.mul(2 / 3, Array.isArray(inputs) ? inputs[0] : inputs))));
  }
}

interface SeededDropoutArgs {
  rate: number;
  seed: number;
  name?: string;
}

/**
 * An inverted-dropout multiplier of `shape`: 0 with probability `rate`, else 1 / (1 - rate), drawn from
 * mulberry32(seed). Written straight into one array: tf.dropout's seeded path draws each number through
 * tfjs's Alea generator and builds the mask with three more kernels, which took a sixth of a compact CNN
 * training step in the page.
 */
export function dropoutMask(shape: number[], rate: number, seed: number): tf.Tensor {
  const count = shape.reduce((a, b) => a * b, 1);
  const limit = Math.ceil(rate * 4294967296);
  const keep = 1 / (1 - rate);
  return tf.tensor(maskFill?.(count, seed, limit, keep) ?? fillDropoutMask(count, seed, limit, keep), shape);
}

/**
 * {@link dropoutMask}'s `count` values: 0 where the mulberry32(seed) draw u (its ith call for element i)
 * has u / 2³² < rate, i.e. u < `limit` = ⌈rate·2³²⌉ (compared as integers), else `keep`. mulberry32
 * (model/rng.ts) inlined: the same masks as calling it per element, 3x faster.
 */
export function fillDropoutMask(count: number, seed: number, limit: number, keep: number): Float32Array {
  const m = new Float32Array(count);
  let a = seed | 0;
  for (let i = 0; i < count; i++) {
    a = (a + 0x6d2b79f5) | 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    m[i] = (t ^ (t >>> 14)) >>> 0 < limit ? 0 : keep;
  }
  return m;
}

/** A faster {@link fillDropoutMask} with the same values, or null where it cannot run now (the loop runs). */
export type DropoutMaskFill = (count: number, seed: number, limit: number, keep: number) => Float32Array | null;
let maskFill: DropoutMaskFill | null = null;

/** Makes {@link dropoutMask} try `fill` first (workers/kernels/dropoutWasm.ts); null: the loop only. */
export function setDropoutMaskFill(fill: DropoutMaskFill | null): void {
  maskFill = fill;
}

/**
 * Inverted dropout whose mask is reproducible yet new on every training call: call k draws its mask
 * with seed `seed + k` ({@link dropoutMask}). (tfjs's own Dropout reuses one mask forever when given a
 * seed.) Identity at inference.
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
    return tf.tidy(() => tf.mul(x, dropoutMask(x.shape, this.rate, seed)));
  }
  getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), rate: this.rate, seed: this.seed };
  }
}

/** tfjs-layers' Conv2D class (the package exports only its factory). */
const Conv2DLayer = tf.layers.conv2d({ filters: 1, kernelSize: 1 }).constructor as new (args: ConvLayerArgs) => Conv2D;

/** Activations the convolution kernels of every backend can apply in the same pass. */
const FUSABLE = new Set(['linear', 'relu']);

/**
 * Name of an optional kernel for the backward pass of a ReLU convolution: inputs `{ dy, y }`
 * (upstream gradient and the layer's ReLU output, NHWC), outputs `[g, db]` with g = dy where
 * y > 0 else 0, and db = g summed per channel. A backend that registers it (wasm does, see
 * src/workers/kernels/reluGradWasm.ts) does in one pass what otherwise takes four kernels.
 */
export const RELU_GRAD_BIAS = 'ReluGradBiasSum';

/**
 * Gradient of a FusedConv2D kernel run directly (tfjs runs its own fused convolutions inside a
 * custom gradient, so this applies only to {@link UnfusedConv2D}'s calls). Unlike tfjs's, it is
 * lazy per input: a first layer does not compute the gradient of the images. Linear and ReLU
 * activations only (ReLU's gradient is read off the saved output: y > 0 exactly where x > 0).
 */
tf.registerGradient({
  kernelName: 'FusedConv2D',
  inputsToSave: ['x', 'filter'],
  outputsToSave: [true],
  gradFunc: (dy, saved, attrs) => {
    const [x, filter, y] = saved as [tf.Tensor4D, tf.Tensor4D, tf.Tensor4D];
    const a = attrs as unknown as {
      strides: [number, number];
      pad: 'same' | 'valid';
      activation: string;
      dimRoundingMode?: string;
    };
    if (!FUSABLE.has(a.activation))
      throw new Error(`FusedConv2D gradient: activation ${a.activation} is not supported`);
    let g = dy as tf.Tensor4D;
    let db: tf.Tensor | null = null;
    if (a.activation === 'relu' && tf.getKernel(RELU_GRAD_BIAS, tf.getBackend())) {
      [g, db] = tf.engine().runKernel(RELU_GRAD_BIAS, { dy: dy as tf.Tensor, y }, {}) as unknown as [
        tf.Tensor4D,
        tf.Tensor,
      ];
    } else if (a.activation === 'relu') {
      g = tf.mul(dy as tf.Tensor, tf.cast(tf.step(y), 'float32')) as tf.Tensor4D;
    }
    const conv = { strides: a.strides, pad: a.pad, dataFormat: 'NHWC', dimRoundingMode: a.dimRoundingMode };
    return {
      x: () =>
        tf.engine().runKernel('Conv2DBackpropInput', { dy: g, filter }, {
          ...conv,
          inputShape: x.shape,
        } as unknown as tf.NamedAttrMap) as tf.Tensor,
      filter: () =>
        tf.engine().runKernel('Conv2DBackpropFilter', { x, dy: g }, {
          ...conv,
          filterShape: filter.shape,
        } as unknown as tf.NamedAttrMap) as tf.Tensor,
      bias: () => db ?? tf.sum(g, [0, 1, 2]),
    };
  },
});

/**
 * A Conv2D layer whose gradient skips what a network does not need. tfjs-layers runs its fused
 * convolution inside a custom gradient that always computes the gradient of the layer's input:
 * wasted work on a network's first layer (15% of a sigmoid LeNet-5 training step). This runs the
 * same fused kernel (convolution, bias and a linear or ReLU activation in one XNNPACK pass on wasm)
 * with a lazy gradient; other activations follow as their own op. Dilated convolutions, which
 * tfjs cannot differentiate, and bias-free ones run as a plain conv2d. Same weights, same
 * initialisation; saved models name it plain "Conv2D".
 */
export class UnfusedConv2D extends Conv2DLayer {
  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
      const self = this as unknown as {
        kernel: tf.LayerVariable;
        bias?: tf.LayerVariable;
        strides: number[];
        padding: 'same' | 'valid';
        dilationRate: number[];
        activation: { apply(t: tf.Tensor): tf.Tensor; getClassName(): string };
      };
      const act = self.activation.getClassName();
      const filter = self.kernel.read() as tf.Tensor4D;
      if (self.bias && self.dilationRate.every((d) => d === 1)) {
        const fused = FUSABLE.has(act) ? act : 'linear';
        const y = tf.engine().runKernel('FusedConv2D', { x, filter, bias: self.bias.read() }, {
          strides: self.strides,
          pad: self.padding,
          dataFormat: 'NHWC',
          dilations: [1, 1],
          activation: fused,
        } as unknown as tf.NamedAttrMap) as tf.Tensor;
        return fused === act ? y : self.activation.apply(y);
      }
      let y: tf.Tensor = tf.conv2d(
        x,
        filter,
        self.strides as [number, number],
        self.padding,
        'NHWC',
        self.dilationRate as [number, number],
      );
      if (self.bias) y = tf.add(y, self.bias.read());
      return self.activation.apply(y);
    });
  }
}

tf.serialization.registerClass(LecunTanh);
tf.serialization.registerClass(SeededDropout);
