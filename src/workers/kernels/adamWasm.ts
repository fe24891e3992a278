import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { adamStep, FUSED_ADAM, type FusedAdamAttrs } from '../../model/fusedAdam';
import type { WasmLike } from './wasmLike';

/** One Adam step for one weight on the wasm heap: copies w, m, v into new outputs and updates them in place. */
const kernelFunc: KernelFunc = ({ inputs, backend, attrs }) => {
  const { w, m, v, g } = inputs as Record<'w' | 'm' | 'v' | 'g', TensorInfo>;
  const wasm = backend as unknown as WasmLike;
  const outs = [w, m, v].map((t) => wasm.makeOutput(t.shape, 'float32'));
  // Views after every makeOutput: allocating may grow (and so move) the heap.
  const [w1, m1, v1] = outs.map((t) => wasm.typedArrayFromHeap(t));
  w1.set(wasm.typedArrayFromHeap(w));
  m1.set(wasm.typedArrayFromHeap(m));
  v1.set(wasm.typedArrayFromHeap(v));
  adamStep(w1, m1, v1, wasm.typedArrayFromHeap(g), attrs as unknown as FusedAdamAttrs);
  return outs;
};

/** Kernel config for {@link FUSED_ADAM} on `wasm`. */
export const fusedAdamWasm: KernelConfig = { kernelName: FUSED_ADAM, backendName: 'wasm', kernelFunc };
