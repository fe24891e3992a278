import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { ONE_HOT_ACCURACY, oneHotAccuracy } from '../../model/accuracy';
import type { WasmLike } from './wasmLike';

/** {@link ONE_HOT_ACCURACY} on the wasm heap: one pass over the rows instead of five kernel launches. */
const kernelFunc: KernelFunc = ({ inputs, backend }) => {
  const { logits, ys } = inputs as Record<'logits' | 'ys', TensorInfo>;
  const wasm = backend as unknown as WasmLike;
  const out = wasm.makeOutput([], 'float32');
  const classes = logits.shape[logits.shape.length - 1];
  wasm.typedArrayFromHeap(out)[0] = oneHotAccuracy(
    wasm.typedArrayFromHeap(logits),
    wasm.typedArrayFromHeap(ys),
    classes,
  );
  return out;
};

/** Kernel config for {@link ONE_HOT_ACCURACY} on `wasm`. */
export const accuracyWasm: KernelConfig = { kernelName: ONE_HOT_ACCURACY, backendName: 'wasm', kernelFunc };
