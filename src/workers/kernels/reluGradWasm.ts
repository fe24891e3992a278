import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { RELU_GRAD_BIAS } from '../../model/layers';
import type { WasmLike } from './wasmLike';
import { simdKernels } from './simd/simdKernels';
import { sumPerChannel } from './channelSumWasm';

/**
 * {@link RELU_GRAD_BIAS} on wasm: the ReLU-masked gradient and its per-channel sum in one SIMD
 * pass (LeNet-5's conv1: Step, Cast, Multiply and Sum took ~1.9 ms), or one JS pass before the
 * SIMD kernels load.
 */
const kernelFunc: KernelFunc = ({ inputs, backend }) => {
  const { dy, y } = inputs as { dy: TensorInfo; y: TensorInfo };
  const wasm = backend as unknown as WasmLike;
  const c = dy.shape[dy.shape.length - 1];
  const total = dy.shape.reduce((a, b) => a * b, 1);
  const g = wasm.makeOutput(dy.shape, 'float32');
  const db = wasm.makeOutput([c], 'float32');
  const k = simdKernels();
  if (k) {
    const placed = k.place(wasm, [dy, y], [g, db], [4 * c]);
    const [dyAt, yAt] = placed.inputs;
    const [gAt, sumAt] = placed.outputs;
    k.reluGradSum(dyAt, yAt, gAt, sumAt, placed.scratch[0], total / c, c);
    placed.done();
    return [g, db];
  }
  const dv = wasm.typedArrayFromHeap(dy);
  const yv = wasm.typedArrayFromHeap(y);
  const gv = wasm.typedArrayFromHeap(g);
  for (let i = 0; i < total; i++) gv[i] = yv[i] > 0 ? dv[i] : 0;
  sumPerChannel(gv, c, wasm.typedArrayFromHeap(db));
  return [g, db];
};

/** Kernel config for {@link RELU_GRAD_BIAS} on `wasm`. */
export const reluGradBiasWasm: KernelConfig = { kernelName: RELU_GRAD_BIAS, backendName: 'wasm', kernelFunc };
