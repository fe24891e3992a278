import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { FUSED_SGD, type FusedSgdAttrs } from '../../model/fusedSgd';
import type { WasmLike } from './wasmLike';
import { simdKernels } from './simd/simdKernels';

/**
 * Every weight's SGD step, w' = w - lr·g, in one kernel on the wasm heap: with the SIMD kernels when loaded
 * (each weight and gradient copied in, the result out), else a JS loop (~0.2 ms for LeNet-5's 61,706
 * weights, no faster than the ~20 kernel launches it replaces).
 */
const kernelFunc: KernelFunc = ({ inputs, backend, attrs }) => {
  const wasm = backend as unknown as WasmLike;
  const lr = Math.fround((attrs as unknown as FusedSgdAttrs).learningRate);
  const count = Object.keys(inputs).length / 2;
  const outs: TensorInfo[] = [];
  for (let i = 0; i < count; i++) outs.push(wasm.makeOutput((inputs[`w${i}`] as TensorInfo).shape, 'float32'));
  const k = simdKernels();
  // Views after every makeOutput: allocating may grow (and so move) the heap.
  for (let i = 0; i < count; i++) {
    // Views after scratch, which may grow (and so move) the heap the kernels share with tfjs.
    const size = outs[i].shape.reduce((a, b) => a * b, 1);
    const at = k?.scratch([size, size]);
    const w = wasm.typedArrayFromHeap(inputs[`w${i}`] as TensorInfo);
    const g = wasm.typedArrayFromHeap(inputs[`g${i}`] as TensorInfo);
    const out = wasm.typedArrayFromHeap(outs[i]);
    if (k && at) {
      const [wAt, gAt] = at;
      k.f32(wAt, w.length).set(w);
      k.f32(gAt, w.length).set(g);
      k.sgdStep(wAt, gAt, w.length, lr);
      out.set(k.f32(wAt, w.length));
      continue;
    }
    // As tfjs computes it: add(mul(-lr, g), w), each product and sum rounded to float32.
    for (let j = 0; j < out.length; j++) out[j] = w[j] + Math.fround(-lr * g[j]);
  }
  return outs;
};

/** Kernel config for {@link FUSED_SGD} on `wasm`. */
export const fusedSgdWasm: KernelConfig = { kernelName: FUSED_SGD, backendName: 'wasm', kernelFunc };
