import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import {
  BATCH_NORM_TRAIN,
  BATCH_NORM_TRAIN_GRAD,
  batchNormTrainArrays,
  batchNormTrainGradArrays,
} from '../../model/batchNorm';
import type { WasmLike } from './wasmLike';
import { simdKernels, type SimdKernels } from './simd/simdKernels';

/** Floats in a period of per-channel values a SIMD pass repeats: lcm(c, 4). */
const periodOf = (c: number) => (c % 4 === 0 ? c : c % 2 === 0 ? 2 * c : 4 * c);

/** Writes per-channel `values` repeated over a period at `at`. */
function repeat(k: SimdKernels, at: number, values: ArrayLike<number>, period: number) {
  const v = k.f32(at, period);
  for (let j = 0; j < period; j++) v[j] = values[j % values.length];
}

interface Shape {
  total: number;
  c: number;
  n: number;
  period: number;
}
const shapeOf = (x: TensorInfo): Shape => {
  const c = x.shape[x.shape.length - 1];
  const total = x.shape.reduce((a, b) => a * b, 1);
  return { total, c, n: total / c, period: periodOf(c) };
};

/** Outputs of `shapes` on the wasm heap, filled with `values`. */
function outputs(wasm: WasmLike, shapes: number[][], values: ArrayLike<number>[]): TensorInfo[] {
  return shapes.map((shape, i) => {
    const t = wasm.makeOutput(shape, 'float32');
    wasm.typedArrayFromHeap(t).set(values[i]);
    return t;
  });
}

/**
 * {@link BATCH_NORM_TRAIN} in the SIMD kernels: two passes for the statistics, one for y (in plain arrays
 * until they load).
 */
const forward: KernelFunc = ({ inputs, backend, attrs }) => {
  const { x, gamma, beta } = inputs as Record<'x' | 'gamma' | 'beta', TensorInfo>;
  const { epsilon } = attrs as unknown as { epsilon: number };
  const wasm = backend as unknown as WasmLike;
  const k = simdKernels();
  const { total, c, n, period } = shapeOf(x);
  if (!k) {
    const r = batchNormTrainArrays(
      wasm.typedArrayFromHeap(x),
      wasm.typedArrayFromHeap(gamma),
      wasm.typedArrayFromHeap(beta),
      c,
      epsilon,
    );
    return outputs(wasm, [x.shape, [c], [c]], [r.y, r.mean, r.variance]);
  }
  // Every output first: a view of the kernels' memory must not be held across tfjs allocating.
  const [yT, meanT, varianceT] = [x.shape, [c], [c]].map((s) => wasm.makeOutput(s, 'float32'));
  const placed = k.place(wasm, [x], [yT], [period, period, period, period, c]);
  const [xAt] = placed.inputs;
  const [yAt] = placed.outputs;
  const [accAt, mAt, aAt, kAt, sumAt] = placed.scratch;
  k.channelMoments(xAt, 0, 0, accAt, sumAt, total, c, period, 0);
  const mean = k.f32(sumAt, c).map((s) => s / n);
  repeat(k, mAt, mean, period);
  k.channelMoments(xAt, 0, mAt, accAt, sumAt, total, c, period, 1);
  const variance = k.f32(sumAt, c).map((s) => s / n);
  const g = wasm.typedArrayFromHeap(gamma);
  const b = wasm.typedArrayFromHeap(beta);
  const scale = variance.map((v, j) => g[j] / Math.sqrt(v + epsilon));
  repeat(k, aAt, scale, period);
  repeat(
    k,
    kAt,
    scale.map((s, j) => b[j] - mean[j] * s),
    period,
  );
  k.channelAffine(xAt, 0, yAt, aAt, 0, kAt, total, period);
  placed.done();
  wasm.typedArrayFromHeap(meanT).set(mean);
  wasm.typedArrayFromHeap(varianceT).set(variance);
  return [yT, meanT, varianceT];
};

/**
 * {@link BATCH_NORM_TRAIN_GRAD} in the SIMD kernels: two passes for Σ dy and Σ dy·(x - mean), one for dx
 * (in plain arrays until they load).
 */
const backward: KernelFunc = ({ inputs, backend, attrs }) => {
  const { dy, x, gamma, mean, variance } = inputs as Record<'dy' | 'x' | 'gamma' | 'mean' | 'variance', TensorInfo>;
  const { epsilon } = attrs as unknown as { epsilon: number };
  const wasm = backend as unknown as WasmLike;
  const k = simdKernels();
  const { total, c, n, period } = shapeOf(x);
  if (!k) {
    const heap = (t: TensorInfo) => wasm.typedArrayFromHeap(t);
    const r = batchNormTrainGradArrays(heap(dy), heap(x), heap(gamma), heap(mean), heap(variance), c, epsilon);
    return outputs(wasm, [x.shape, [c], [c]], [r.dx, r.dgamma, r.dbeta]);
  }
  // Every output first: a view of the kernels' memory must not be held across tfjs allocating.
  const [dxT, dgammaT, dbetaT] = [x.shape, [c], [c]].map((s) => wasm.makeOutput(s, 'float32'));
  const placed = k.place(wasm, [dy, x], [dxT], [period, period, period, period, period, c]);
  const [dyAt, xAt] = placed.inputs;
  const [dxAt] = placed.outputs;
  const [accAt, mAt, aAt, bAt, kAt, sumAt] = placed.scratch;
  const mu = wasm.typedArrayFromHeap(mean);
  repeat(k, mAt, mu, period);
  k.channelMoments(dyAt, 0, 0, accAt, sumAt, total, c, period, 0);
  const dbeta = k.f32(sumAt, c).slice();
  k.channelMoments(dyAt, xAt, mAt, accAt, sumAt, total, c, period, 2);
  const d = k.f32(sumAt, c).slice();
  const g = wasm.typedArrayFromHeap(gamma);
  const s = wasm.typedArrayFromHeap(variance).map((v) => 1 / Math.sqrt(v + epsilon));
  // dx = gamma·s·dy + (x - mean)·b + k0 with b = -gamma·s³·D/N and k0 = -gamma·s·Σdy/N: x·b + (k0 - mean·b).
  const a = s.map((sj, j) => g[j] * sj);
  const b = s.map((sj, j) => (-g[j] * sj * sj * sj * d[j]) / n);
  repeat(k, aAt, a, period);
  repeat(k, bAt, b, period);
  repeat(
    k,
    kAt,
    a.map((aj, j) => (-aj * dbeta[j]) / n - mu[j] * b[j]),
    period,
  );
  k.channelAffine(dyAt, xAt, dxAt, aAt, bAt, kAt, total, period);
  placed.done();
  wasm.typedArrayFromHeap(dgammaT).set(Float32Array.from(d, (dj, j) => dj * s[j]));
  wasm.typedArrayFromHeap(dbetaT).set(dbeta);
  return [dxT, dgammaT, dbetaT];
};

/** Kernel configs for {@link BATCH_NORM_TRAIN} and its gradient on `wasm`. */
export const batchNormTrainWasm: KernelConfig = {
  kernelName: BATCH_NORM_TRAIN,
  backendName: 'wasm',
  kernelFunc: forward,
};
export const batchNormTrainGradWasm: KernelConfig = {
  kernelName: BATCH_NORM_TRAIN_GRAD,
  backendName: 'wasm',
  kernelFunc: backward,
};
