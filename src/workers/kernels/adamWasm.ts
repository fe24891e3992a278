import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { adamStep, FUSED_ADAM, type FusedAdamAttrs } from '../../model/fusedAdam';
import type { WasmLike } from './wasmLike';
import { simdKernels } from './simd/simdKernels';

/**
 * One Adam step for one weight on the wasm heap into new outputs w', m', v': with the SIMD kernels
 * when loaded (reading the inputs and writing the outputs where they are when the kernels run in tfjs's
 * memory: copying the seven in and out through scratch was a third of the step's Adam time in the page),
 * else a JS loop.
 */
const kernelFunc: KernelFunc = ({ inputs, backend, attrs }) => {
  const { w, m, v, g } = inputs as Record<'w' | 'm' | 'v' | 'g', TensorInfo>;
  const wasm = backend as unknown as WasmLike;
  const outs = [w, m, v].map((t) => wasm.makeOutput(t.shape, 'float32'));
  const a = attrs as unknown as FusedAdamAttrs;
  const k = simdKernels();
  const count = w.shape.reduce((x, y) => x * y, 1);
  if (k) {
    // SIMD in float32, as tfjs's own ops compute it (LeNet-5: ~1.0 -> ~0.3 ms per step).
    const placed = k.place(wasm, [w, m, v, g], outs);
    const [wAt, mAt, vAt, gAt] = placed.inputs;
    const [wo, mo, vo] = placed.outputs;
    k.adamStep(wAt, mAt, vAt, gAt, wo, mo, vo, count, a.beta1, a.beta2, a.epsilon, a.learningRate, a.c1, a.c2);
    placed.done();
    return outs;
  }
  // Views after every makeOutput, which may grow (and so move) the heap.
  const [w1, m1, v1] = outs.map((t) => wasm.typedArrayFromHeap(t));
  w1.set(wasm.typedArrayFromHeap(w));
  m1.set(wasm.typedArrayFromHeap(m));
  v1.set(wasm.typedArrayFromHeap(v));
  adamStep(w1, m1, v1, wasm.typedArrayFromHeap(g), a);
  return outs;
};

/** Kernel config for {@link FUSED_ADAM} on `wasm`. */
export const fusedAdamWasm: KernelConfig = { kernelName: FUSED_ADAM, backendName: 'wasm', kernelFunc };
