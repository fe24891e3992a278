import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { adamStep, FUSED_ADAM, type FusedAdamAttrs } from '../../model/fusedAdam';
import type { WasmLike } from './wasmLike';
import { simdKernels } from './simd/simdKernels';

/**
 * One Adam step for one weight on the wasm heap into new outputs w', m', v': with the SIMD kernels
 * when loaded, else a JS loop.
 */
const kernelFunc: KernelFunc = ({ inputs, backend, attrs }) => {
  const { w, m, v, g } = inputs as Record<'w' | 'm' | 'v' | 'g', TensorInfo>;
  const wasm = backend as unknown as WasmLike;
  const outs = [w, m, v].map((t) => wasm.makeOutput(t.shape, 'float32'));
  const a = attrs as unknown as FusedAdamAttrs;
  const k = simdKernels();
  const count = w.shape.reduce((x, y) => x * y, 1);
  const at = k?.scratch([count, count, count, count]);
  // Views after every makeOutput and the scratch, which may grow (and so move) the heap.
  const [w1, m1, v1] = outs.map((t) => wasm.typedArrayFromHeap(t));
  if (k && at) {
    // SIMD in float32, as tfjs's own ops compute it (LeNet-5: ~1.0 -> ~0.3 ms per step).
    const [wAt, mAt, vAt, gAt] = at;
    k.f32(wAt, count).set(wasm.typedArrayFromHeap(w));
    k.f32(mAt, count).set(wasm.typedArrayFromHeap(m));
    k.f32(vAt, count).set(wasm.typedArrayFromHeap(v));
    k.f32(gAt, count).set(wasm.typedArrayFromHeap(g));
    k.adamStep(wAt, mAt, vAt, gAt, count, a.beta1, a.beta2, a.epsilon, a.learningRate, a.c1, a.c2);
    w1.set(k.f32(wAt, count));
    m1.set(k.f32(mAt, count));
    v1.set(k.f32(vAt, count));
    return outs;
  }
  w1.set(wasm.typedArrayFromHeap(w));
  m1.set(wasm.typedArrayFromHeap(m));
  v1.set(wasm.typedArrayFromHeap(v));
  adamStep(w1, m1, v1, wasm.typedArrayFromHeap(g), a);
  return outs;
};

/** Kernel config for {@link FUSED_ADAM} on `wasm`. */
export const fusedAdamWasm: KernelConfig = { kernelName: FUSED_ADAM, backendName: 'wasm', kernelFunc };
