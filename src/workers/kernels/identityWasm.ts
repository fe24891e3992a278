import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';

/**
 * Identity for the wasm backend, around its native kernel: shares the input's buffer (one more
 * reference, as the cpu backend does) instead of copying it. The gradient tape saves every tensor
 * a backward pass needs through Identity, so a LeNet-5 step made ~30 copies (0.6 ms). Kernels
 * never write into their inputs, so sharing is safe. Strings keep the native path.
 */
export const sharedIdentity =
  (native: KernelFunc): KernelFunc =>
  (args) => {
    const { x } = args.inputs as { x: TensorInfo };
    if (x.dtype === 'string') return native(args);
    (args.backend as unknown as { incRef(dataId: object): void }).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  };
