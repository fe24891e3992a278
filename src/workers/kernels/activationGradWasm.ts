import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { ACTIVATION_GRAD, activationGrad } from '../../model/activationGradient';
import type { WasmLike } from './wasmLike';

/** {@link ACTIVATION_GRAD} on the wasm heap: one loop instead of three kernel launches. */
const kernelFunc: KernelFunc = ({ inputs, backend, attrs }) => {
  const { dy, y } = inputs as Record<'dy' | 'y', TensorInfo>;
  const wasm = backend as unknown as WasmLike;
  const out = wasm.makeOutput(y.shape, 'float32');
  const { activation } = attrs as unknown as { activation: 'tanh' | 'sigmoid' };
  activationGrad(activation, wasm.typedArrayFromHeap(dy), wasm.typedArrayFromHeap(y), wasm.typedArrayFromHeap(out));
  return out;
};

/** Kernel config for {@link ACTIVATION_GRAD} on `wasm`. */
export const activationGradWasm: KernelConfig = { kernelName: ACTIVATION_GRAD, backendName: 'wasm', kernelFunc };
