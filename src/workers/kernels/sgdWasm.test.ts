import { afterAll, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from './registry';
import { FUSED_SGD, FusedSgdOptimizer } from '../../model/fusedSgd';
import { mulberry32 } from '../../model/rng';
import { unloadSimdKernels } from './simd/simdKernels';
import { loadTestKernels } from '../../../test/helpers/simdKernels';

afterAll(() => unloadSimdKernels());

it.each(['JS loop', 'SIMD kernels'])(
  'one fused SGD kernel (%s) steps every weight exactly as tfjs SGD does, and leaks nothing',
  async (path) => {
    if (path === 'SIMD kernels') expect(await loadTestKernels()).not.toBeNull();
    registerWasmTrainingKernels();
    await tf.setBackend('wasm');
    expect(tf.getKernel(FUSED_SGD, 'wasm')).toBeDefined();
    const rand = mulberry32(11);
    const shapes = [[5, 5, 1, 6], [6], [400, 120], [10]];
    const make = () =>
      shapes.map((s) =>
        tf.variable(
          tf.tensor(
            Float32Array.from({ length: s.reduce((a, b) => a * b) }, () => rand() - 0.5),
            s,
          ),
        ),
      );
    const fusedW = make();
    const plainW = fusedW.map((w) => tf.variable(w.clone()));
    const grads = shapes.map((s) =>
      tf.tensor(
        Float32Array.from({ length: s.reduce((a, b) => a * b) }, () => 3 * rand() - 1.5),
        s,
      ),
    );
    const fused = new FusedSgdOptimizer(0.0137);
    const plain = tf.train.sgd(0.0137);
    const before = tf.memory().numTensors;
    for (let step = 0; step < 3; step++) {
      if (step === 2) [fused, plain].forEach((o) => o.setLearningRate(0.002));
      fused.applyGradients(fusedW.map((w, i) => ({ name: w.name, tensor: grads[i] })));
      plain.applyGradients(plainW.map((w, i) => ({ name: w.name, tensor: grads[i] })));
    }
    expect(tf.memory().numTensors).toBe(before);
    fusedW.forEach((w, i) => {
      expect(Array.from(w.dataSync())).toEqual(Array.from(plainW[i].dataSync()));
      expect(w.shape).toEqual(shapes[i]);
    });
    // It moved: not three no-ops.
    expect(fusedW[2].dataSync()[0]).not.toBe(make()[2].dataSync()[0]);
    expect(fused.iterations).toBe(3);
    tf.dispose([...fusedW, ...plainW, ...grads]);
  },
);
