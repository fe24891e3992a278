import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { buildModel } from '../../model/build';
import { inferShapes } from '../../model/shapes';
import { inputShapeFor } from '../../data/grayscale';
import { exportPlan } from './plan';
import { exportCases } from '../../../test/helpers/exportCases';
import '../../model/layers'; // LecunTanh for the every-kind network

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('exportPlan', () => {
  it.each(exportCases().map((c) => [c.id, c] as const))(
    '%s: the TensorFlow.js topology the scripts save is the page network with a softmax output',
    async (_, { input }) => {
      const spec = {
        inputShape: inputShapeFor(input.dataset.imageShape, input.config.colorMode),
        classes: input.dataset.classes.length,
        layers: input.config.layers,
      };
      const plan = exportPlan(spec, input.config.l2, 1);
      expect(plan.params).toBe(inferShapes(spec).trainableParams);
      const page = buildModel(spec, 3);
      // Non-trivial BatchNorm statistics, so their order and placement matter.
      page.setWeights(
        page.getWeights().map((w, i) => tf.add(w, tf.randomUniform(w.shape, -0.3, 0.3, 'float32', i)).abs()),
      );
      const exported = (await tf.models.modelFromJSON({
        modelTopology: plan.topology,
      } as tf.io.ModelJSON)) as tf.LayersModel;
      expect(exported.layers.at(-1)!.getConfig().activation).toBe('softmax');
      // The weighted layers, in order, with the shapes TFJS_LAYERS names.
      const weighted = exported.layers.filter((l) => l.weights.length > 0);
      expect(
        weighted.map((l) => [
          l.name,
          l.getClassName(),
          Object.fromEntries(l.weights.map((w) => [w.originalName.split('/').at(-1), w.shape])),
        ]),
      ).toEqual(plan.weighted);
      exported.setWeights(page.getWeights());
      const xs = tf.randomUniform([3, ...spec.inputShape], 0, 1, 'float32', 5);
      const want = tf.softmax(page.predict(xs) as tf.Tensor2D);
      const got = exported.predict(xs) as tf.Tensor2D;
      expect(tf.max(tf.abs(tf.sub(want, got))).dataSync()[0]).toBeLessThan(1e-5);
      expect(Array.from(tf.sum(got, 1).dataSync()).every((s) => Math.abs(s - 1) < 1e-5)).toBe(true);
      tf.dispose([xs, want, got]);
      page.dispose();
      exported.dispose();
    },
  );

  it('names PyTorch modules after the TensorFlow.js layers and pads strided same convolutions as TensorFlow', () => {
    const plan = exportPlan(
      {
        inputShape: [28, 28, 1],
        classes: 10,
        layers: [
          {
            kind: 'conv2d',
            filters: 4,
            kernelSize: 3,
            strides: 2,
            padding: 'same',
            activation: 'lecunTanh',
            init: { kind: 'heNormal' },
            l2: 0.01,
          },
          { kind: 'batchnorm', activation: 'relu' },
          { kind: 'flatten' },
          { kind: 'batchnorm', activation: 'linear' },
          { kind: 'output', init: { kind: 'normal', mean: 0.01, std: 0.1 } },
        ],
      },
      0.001,
      42,
    );
    expect(plan.torch).toEqual([
      "('pad_1', SamePad(3, 2)),",
      "('conv2d_1', nn.Conv2d(1, 4, 3, stride=2, padding=0)),  # → 14x14x4",
      "('lecun_tanh_1', LecunTanh()),  # → 14x14x4",
      "('batch_normalization_1', nn.BatchNorm2d(4, eps=1e-5, momentum=0.1)),",
      "('activation_1', nn.ReLU()),  # → 14x14x4",
      "('flatten_1', FlattenHWC()),  # → 784",
      "('batch_normalization_2', nn.BatchNorm1d(784, eps=1e-5, momentum=0.1)),",
      "('dense_1', nn.Linear(784, 10)),  # the output: logits (softmax in the loss and in saved models)",
    ]);
    expect(plan.inits).toEqual({ conv2d_1: ['heNormal'], dense_1: ['normal', 0.01, 0.1] });
    expect(plan.kernelL2).toEqual({ conv2d_1: 0.01, dense_1: 0.001 });
    expect(plan.keras[0]).toBe(
      "layers.Conv2D(4, 3, strides=2, padding='same', kernel_initializer=initializers.HeNormal(seed=42), kernel_regularizer=regularizers.L2(0.01), name='conv2d_1')",
    );
    expect(plan.keras[1]).toBe("LecunTanh(name='lecun_tanh_1')");
    expect(plan.keras.at(-1)).toBe(
      "layers.Dense(10, kernel_initializer=initializers.RandomNormal(mean=0.01, stddev=0.1, seed=4042), kernel_regularizer=regularizers.L2(0.001), name='dense_1')",
    );
  });

  it('refuses a network the page could not train, with its reason', () => {
    expect(() => exportPlan({ inputShape: [28, 28, 1], classes: 10, layers: [{ kind: 'flatten' }] }, 0, 1)).toThrow(
      /cannot be exported/,
    );
  });
});
