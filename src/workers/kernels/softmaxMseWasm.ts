import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { SOFTMAX_MSE_GRAD, softmaxMseGrad } from '../../model/softmaxMse';
import type { WasmLike } from './wasmLike';

/** {@link SOFTMAX_MSE_GRAD} on the wasm heap: two passes per row instead of seven kernel launches. */
const kernelFunc: KernelFunc = ({ inputs, backend }) => {
  const { p, ys, dy } = inputs as Record<'p' | 'ys' | 'dy', TensorInfo>;
  const wasm = backend as unknown as WasmLike;
  const out = wasm.makeOutput(p.shape, 'float32');
  const classes = p.shape[p.shape.length - 1];
  const pv = wasm.typedArrayFromHeap(p);
  softmaxMseGrad(
    pv,
    wasm.typedArrayFromHeap(ys),
    wasm.typedArrayFromHeap(dy)[0],
    classes,
    wasm.typedArrayFromHeap(out),
  );
  return out;
};

/** Kernel config for {@link SOFTMAX_MSE_GRAD} on `wasm`. */
export const softmaxMseWasm: KernelConfig = { kernelName: SOFTMAX_MSE_GRAD, backendName: 'wasm', kernelFunc };
