import { getKernel, type KernelConfig, type KernelFunc } from '@tensorflow/tfjs-core';
import { BIAS_ADD } from '../../model/biasAdd';

/** {@link BIAS_ADD} on wasm: the Add kernel registered at the time of the call (ours or tfjs's). */
const kernelFunc: KernelFunc = ({ inputs, backend }) => {
  const add = getKernel('Add', 'wasm');
  if (!add) throw new Error('The wasm backend has no Add kernel.');
  return add.kernelFunc({ inputs: { a: inputs.x, b: inputs.bias }, backend, attrs: {} });
};

/** Kernel config for {@link BIAS_ADD} on `wasm`. */
export const biasAddWasm: KernelConfig = { kernelName: BIAS_ADD, backendName: 'wasm', kernelFunc };
