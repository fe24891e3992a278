import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import {
  SOFTMAX_CE,
  SOFTMAX_CE_GRAD,
  softmaxCrossEntropyGrad,
  softmaxCrossEntropyRows,
} from '../../model/softmaxCrossEntropy';
import type { WasmLike } from './wasmLike';

/** {@link SOFTMAX_CE} on the wasm heap: the mean loss and the softmax in one pass per row. */
const forward: KernelFunc = ({ inputs, backend }) => {
  const { z, ys } = inputs as Record<'z' | 'ys', TensorInfo>;
  const wasm = backend as unknown as WasmLike;
  const loss = wasm.makeOutput([], 'float32');
  const p = wasm.makeOutput(z.shape, 'float32');
  // Views after every makeOutput: allocating may grow (and so move) the heap.
  const classes = z.shape[z.shape.length - 1];
  const pv = wasm.typedArrayFromHeap(p);
  wasm.typedArrayFromHeap(loss)[0] = softmaxCrossEntropyRows(
    wasm.typedArrayFromHeap(z),
    wasm.typedArrayFromHeap(ys),
    classes,
    pv,
  );
  return [loss, p];
};

/** {@link SOFTMAX_CE_GRAD} on the wasm heap: one pass per row instead of five kernel launches. */
const gradient: KernelFunc = ({ inputs, backend }) => {
  const { p, ys, dy } = inputs as Record<'p' | 'ys' | 'dy', TensorInfo>;
  const wasm = backend as unknown as WasmLike;
  const out = wasm.makeOutput(p.shape, 'float32');
  softmaxCrossEntropyGrad(
    wasm.typedArrayFromHeap(p),
    wasm.typedArrayFromHeap(ys),
    wasm.typedArrayFromHeap(dy)[0],
    p.shape[p.shape.length - 1],
    wasm.typedArrayFromHeap(out),
  );
  return out;
};

/** Kernel config for {@link SOFTMAX_CE} on `wasm`. */
export const softmaxCrossEntropyWasm: KernelConfig = {
  kernelName: SOFTMAX_CE,
  backendName: 'wasm',
  kernelFunc: forward,
};

/** Kernel config for {@link SOFTMAX_CE_GRAD} on `wasm`. */
export const softmaxCrossEntropyGradWasm: KernelConfig = {
  kernelName: SOFTMAX_CE_GRAD,
  backendName: 'wasm',
  kernelFunc: gradient,
};
