import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import type { WasmLike } from './wasmLike';
import { simdKernels } from './simd/simdKernels';

/**
 * Floats from which a per-channel reduction runs in the SIMD kernels (a bias gradient of LeNet-5's conv1: 1.1 ->
 * 0.3 ms with a copy in; below, where the kernels copy, the copy costs more than it saves).
 */
const SIMD_FROM = 16384;

/** True when `axis` names every axis of a rank-`rank` tensor but the last (a per-channel reduction). */
export function allButLast(axis: number | number[], rank: number): boolean {
  const axes = new Set((Array.isArray(axis) ? axis : [axis]).map((a) => (a < 0 ? a + rank : a)));
  if (rank < 2 || axes.size !== rank - 1) return false;
  for (let i = 0; i < rank - 1; i++) if (!axes.has(i)) return false;
  return true;
}

/**
 * dst[j] = (sum of channel j over the rows of an [rows, c] array) / divisor, one strided JS pass per
 * channel (the Sum and Mean kernels below take the SIMD kernels for large tensors).
 */
export function sumPerChannel(src: Float32Array, c: number, dst: Float32Array, divisor = 1): void {
  // One strided pass per channel with a scalar accumulator: an inner loop over a handful of
  // channels costs more in loop overhead than the adds (LeNet-5's conv1 bias gradient: 1.8 -> 1.1 ms).
  for (let j = 0; j < c; j++) {
    let sum = 0;
    for (let i = j; i < src.length; i += c) sum += src[i];
    dst[j] = sum / divisor;
  }
}

/**
 * Sum or Mean for the wasm backend, around the native kernel. Per-channel reductions of NHWC
 * activations (bias and BatchNorm gradients, BatchNorm statistics) make the native kernel
 * transpose the whole tensor first; {@link sumPerChannel} sums each channel directly.
 */
export const channelReduce =
  (mean: boolean) =>
  (native: KernelFunc): KernelFunc =>
  ({ inputs, backend, attrs }) => {
    const { x } = inputs as { x: TensorInfo };
    const { axis, keepDims } = attrs as unknown as { axis: number | number[]; keepDims: boolean };
    if (x.dtype !== 'float32' || !allButLast(axis, x.shape.length)) return native({ inputs, backend, attrs });
    const wasm = backend as unknown as WasmLike;
    const c = x.shape[x.shape.length - 1];
    const out = wasm.makeOutput(keepDims ? x.shape.map((d, i) => (i === x.shape.length - 1 ? d : 1)) : [c], 'float32');
    const total = x.shape.reduce((a, b) => a * b, 1);
    const k = simdKernels();
    if (k && total >= SIMD_FROM) {
      // The tensor where the kernels read it (in place in tfjs's memory); views only after placing it.
      const placed = k.place(wasm, [x], [], [c, 4 * c]);
      const [sumAt, accAt] = placed.scratch;
      k.reluGradSum(placed.inputs[0], 0, 0, sumAt, accAt, total / c, c);
      const sums = k.f32(sumAt, c);
      const dst = wasm.typedArrayFromHeap(out);
      for (let j = 0; j < c; j++) dst[j] = mean ? sums[j] / (total / c) : sums[j];
      return out;
    }
    const src = wasm.typedArrayFromHeap(x);
    sumPerChannel(src, c, wasm.typedArrayFromHeap(out), mean ? src.length / c : 1);
    return out;
  };
