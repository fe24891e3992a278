// The network of a config as the exported scripts build it: one walk over the layers gives the
// PyTorch modules, the Keras layers, the TensorFlow.js topology the scripts save (so the page's
// "Load model" reads what they write) and the weighted layers both sides exchange.
import type { Init, LayerActivation, LayerSpec, ModelSpec } from '../../model/spec';
import { inferShapes } from '../../model/shapes';

/** A layer with weights, as the scripts exchange them with TensorFlow.js files: name, class, weight shapes. */
export type WeightedLayer = [
  name: string,
  cls: 'Conv2D' | 'Dense' | 'BatchNormalization',
  shapes: Record<string, number[]>,
];

/** Everything the script generators need about the network. */
export interface ExportPlan {
  /** `('name', nn.Module(...))` entries of the PyTorch nn.Sequential, with a shape comment. */
  torch: string[];
  /** `layers.X(...)` expressions of the Keras Sequential. */
  keras: string[];
  /** Kernel initialiser per weighted conv/dense layer: `[kind, ...args]`. */
  inits: Record<string, (string | number)[]>;
  /** L2 coefficient per kernel (the layer's own, else the global one). */
  kernelL2: Record<string, number>;
  weighted: WeightedLayer[];
  /** The TensorFlow.js layers topology the scripts write: the page's network with the output softmax. */
  topology: Record<string, unknown>;
  /** Trainable parameters (the summary's count). */
  params: number;
}

type Json = Record<string, unknown>;
const ZEROS = { class_name: 'Zeros', config: {} };

/** The initialiser as TensorFlow.js serialises it. */
function tfjsInit(init: Init): Json {
  switch (init.kind) {
    case 'glorotUniform':
      return {
        class_name: 'VarianceScaling',
        config: { scale: 1, mode: 'fan_avg', distribution: 'uniform', seed: null },
      };
    case 'heNormal':
      return {
        class_name: 'VarianceScaling',
        config: { scale: 2, mode: 'fan_in', distribution: 'normal', seed: null },
      };
    case 'lecunNormal':
      return {
        class_name: 'VarianceScaling',
        config: { scale: 1, mode: 'fan_in', distribution: 'normal', seed: null },
      };
    case 'normal':
      return { class_name: 'RandomNormal', config: { mean: init.mean, stddev: init.std, seed: null } };
    case 'zeros':
      return ZEROS;
  }
}

function kerasInit(init: Init, seed: number): string {
  switch (init.kind) {
    case 'glorotUniform':
      return `initializers.GlorotUniform(seed=${seed})`;
    case 'heNormal':
      return `initializers.HeNormal(seed=${seed})`;
    case 'lecunNormal':
      return `initializers.LecunNormal(seed=${seed})`;
    case 'normal':
      return `initializers.RandomNormal(mean=${py(init.mean)}, stddev=${py(init.std)}, seed=${seed})`;
    case 'zeros':
      return `initializers.Zeros()`;
  }
}

const initArgs = (init: Init): (string | number)[] =>
  init.kind === 'normal' ? ['normal', init.mean, init.std] : [init.kind];

/** A number as Python source (JavaScript's form is Python's for the finite values specs hold). */
export const py = (v: number) => String(v);

/** Activations TensorFlow.js fuses into a conv/dense layer's own `activation`. */
const FUSED = new Set<LayerActivation>(['relu', 'sigmoid', 'tanh', 'linear']);
const TORCH_ACT: Record<Exclude<LayerActivation, 'linear'>, string> = {
  relu: 'nn.ReLU()',
  sigmoid: 'nn.Sigmoid()',
  tanh: 'nn.Tanh()',
  leakyRelu: 'nn.LeakyReLU(0.01)',
  lecunTanh: 'LecunTanh()',
};
const KERAS_ACT: Record<Exclude<LayerActivation, 'linear'>, (name: string) => string> = {
  relu: (n) => `layers.Activation('relu', name='${n}')`,
  sigmoid: (n) => `layers.Activation('sigmoid', name='${n}')`,
  tanh: (n) => `layers.Activation('tanh', name='${n}')`,
  leakyRelu: (n) => `layers.LeakyReLU(negative_slope=0.01, name='${n}')`,
  lecunTanh: (n) => `LecunTanh(name='${n}')`,
};

/** Builds the plan for a valid spec (see `inferShapes`); `l2` is the config's global coefficient. */
export function exportPlan(spec: ModelSpec, l2: number, seed: number): ExportPlan {
  const report = inferShapes(spec);
  if (report.error) throw new Error(`The network cannot be exported: ${report.error.message}.`);
  const counts = new Map<string, number>();
  const name = (base: string) => {
    const n = (counts.get(base) ?? 0) + 1;
    counts.set(base, n);
    return `${base}_${n}`;
  };
  const plan: ExportPlan = {
    torch: [],
    keras: [],
    inits: {},
    kernelL2: {},
    weighted: [],
    topology: {},
    params: report.trainableParams,
  };
  const tfjs: Json[] = [
    {
      class_name: 'InputLayer',
      config: { batch_input_shape: [null, ...spec.inputShape], dtype: 'float32', sparse: false, name: 'input1' },
    },
  ];
  const layer = (cls: string, config: Json) => tfjs.push({ class_name: cls, config: { ...config, trainable: true } });
  const shapeNote = (shape: number[]) => `  # → ${shape.join('x')}`;

  /** The activation after a layer when TensorFlow.js does not fuse it (and always after BatchNorm). */
  const activation = (a: LayerActivation, out: number[], fusedInto: boolean) => {
    if (a === 'linear') return;
    const base = a === 'lecunTanh' ? 'lecun_tanh' : a === 'leakyRelu' ? 'leaky_re_lu' : 'activation';
    const n = name(base);
    plan.torch.push(`('${n}', ${TORCH_ACT[a]}),${shapeNote(out)}`);
    if (fusedInto) return; // TensorFlow.js and Keras carry it inside the conv/dense layer
    plan.keras.push(KERAS_ACT[a](n));
    if (a === 'lecunTanh') layer('LecunTanh', { name: n });
    else if (a === 'leakyRelu') layer('LeakyReLU', { alpha: 0.01, name: n });
    else layer('Activation', { activation: a, name: n });
  };

  let shape = [...spec.inputShape];
  spec.layers.forEach((l: LayerSpec, i) => {
    const out = report.layers[i].outputShape;
    const layerSeed = seed + 1000 * i;
    const note = shapeNote(out);
    switch (l.kind) {
      case 'conv2d':
      case 'dense':
      case 'output': {
        const conv = l.kind === 'conv2d';
        const n = name(conv ? 'conv2d' : 'dense');
        const act: LayerActivation = l.kind === 'output' ? 'linear' : l.activation;
        const fused = FUSED.has(act);
        const units = conv ? l.filters : l.kind === 'dense' ? l.units : spec.classes;
        const lambda = l.l2 ?? l2;
        plan.inits[n] = initArgs(l.init);
        plan.kernelL2[n] = lambda;
        const common = {
          kernel_initializer: tfjsInit(l.init),
          bias_initializer: ZEROS,
          kernel_regularizer: null,
          bias_regularizer: null,
          activity_regularizer: null,
          kernel_constraint: null,
          bias_constraint: null,
          use_bias: true,
          name: n,
        };
        const kerasCommon = `kernel_initializer=${kerasInit(l.init, layerSeed)}${lambda > 0 ? `, kernel_regularizer=regularizers.L2(${py(lambda)})` : ''}, name='${n}'`;
        if (conv) {
          const inC = shape[2];
          const samePadded = l.padding === 'same' && l.strides > 1;
          if (samePadded) plan.torch.push(`('${name('pad')}', SamePad(${l.kernelSize}, ${l.strides})),`);
          const pad = l.padding === 'valid' || samePadded ? '0' : `'same'`;
          plan.torch.push(
            `('${n}', nn.Conv2d(${inC}, ${l.filters}, ${l.kernelSize}, stride=${l.strides}, padding=${pad})),${note}`,
          );
          plan.keras.push(
            `layers.Conv2D(${l.filters}, ${l.kernelSize}, strides=${l.strides}, padding='${l.padding}'${fused && act !== 'linear' ? `, activation='${act}'` : ''}, ${kerasCommon})`,
          );
          layer('Conv2D', {
            filters: l.filters,
            kernel_size: [l.kernelSize, l.kernelSize],
            strides: [l.strides, l.strides],
            padding: l.padding,
            data_format: 'channels_last',
            dilation_rate: [1, 1],
            activation: fused ? act : 'linear',
            ...common,
          });
          plan.weighted.push([
            n,
            'Conv2D',
            { kernel: [l.kernelSize, l.kernelSize, inC, l.filters], bias: [l.filters] },
          ]);
        } else {
          const inF = shape[0];
          const what = l.kind === 'output' ? '  # the output: logits (softmax in the loss and in saved models)' : note;
          plan.torch.push(`('${n}', nn.Linear(${inF}, ${units})),${what}`);
          plan.keras.push(
            `layers.Dense(${units}${fused && act !== 'linear' ? `, activation='${act}'` : ''}, ${kerasCommon})`,
          );
          layer('Dense', { units, activation: l.kind === 'output' ? 'softmax' : fused ? act : 'linear', ...common });
          plan.weighted.push([n, 'Dense', { kernel: [inF, units], bias: [units] }]);
        }
        activation(act, out, fused);
        break;
      }
      case 'pool': {
        const max = l.op === 'max';
        const n = name(max ? 'max_pooling2d' : 'average_pooling2d');
        plan.torch.push(`('${n}', nn.${max ? 'MaxPool2d' : 'AvgPool2d'}(${l.poolSize}, stride=${l.strides})),${note}`);
        plan.keras.push(
          `layers.${max ? 'MaxPooling2D' : 'AveragePooling2D'}(${l.poolSize}, strides=${l.strides}, name='${n}')`,
        );
        layer(max ? 'MaxPooling2D' : 'AveragePooling2D', {
          pool_size: [l.poolSize, l.poolSize],
          padding: 'valid',
          strides: [l.strides, l.strides],
          data_format: 'channels_last',
          name: n,
        });
        break;
      }
      case 'flatten': {
        const n = name('flatten');
        plan.torch.push(`('${n}', FlattenHWC()),${note}`);
        plan.keras.push(`layers.Flatten(name='${n}')`);
        layer('Flatten', { name: n });
        break;
      }
      case 'gap': {
        const n = name('global_average_pooling2d');
        plan.torch.push(`('${n}', GlobalAvgPool()),${note}`);
        plan.keras.push(`layers.GlobalAveragePooling2D(name='${n}')`);
        layer('GlobalAveragePooling2D', { data_format: 'channels_last', name: n });
        break;
      }
      case 'dropout': {
        const n = name('dropout');
        plan.torch.push(`('${n}', nn.Dropout(${py(l.rate)})),`);
        plan.keras.push(`layers.Dropout(${py(l.rate)}, seed=${layerSeed}, name='${n}')`);
        layer('Dropout', { rate: l.rate, noise_shape: null, seed: null, name: n });
        break;
      }
      case 'batchnorm': {
        const n = name('batch_normalization');
        const c = shape.at(-1)!;
        const torchBn = shape.length === 3 ? 'BatchNorm2d' : 'BatchNorm1d';
        // Keras's momentum 0.9 keeps 90% of the running statistics; PyTorch's momentum is the other 10%.
        plan.torch.push(`('${n}', nn.${torchBn}(${c}, eps=1e-5, momentum=0.1)),`);
        plan.keras.push(`layers.BatchNormalization(momentum=0.9, epsilon=1e-5, name='${n}')`);
        layer('BatchNormalization', {
          axis: -1,
          momentum: 0.9,
          epsilon: 1e-5,
          center: true,
          scale: true,
          beta_initializer: ZEROS,
          gamma_initializer: { class_name: 'Ones', config: {} },
          moving_mean_initializer: ZEROS,
          moving_variance_initializer: { class_name: 'Ones', config: {} },
          beta_regularizer: null,
          gamma_regularizer: null,
          beta_constraint: null,
          gamma_constraint: null,
          name: n,
        });
        plan.weighted.push([
          n,
          'BatchNormalization',
          { gamma: [c], beta: [c], moving_mean: [c], moving_variance: [c] },
        ]);
        activation(l.activation, out, false);
        break;
      }
    }
    shape = out;
  });
  plan.topology = {
    class_name: 'Sequential',
    config: { name: 'sequential_1', layers: tfjs },
    keras_version: 'tfjs-layers 4.22.0',
    backend: 'tensor_flow.js',
  };
  return plan;
}
