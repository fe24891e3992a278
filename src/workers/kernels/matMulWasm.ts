import type { KernelBackend, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import type { WasmLike } from './wasmLike';
import { runWasmKernel } from './wrapNative';

/** The last two axes swapped, for a tensor of any rank >= 2. */
function swapLastTwo(backend: KernelBackend, x: TensorInfo): TensorInfo {
  const r = x.shape.length;
  return runWasmKernel(backend, 'Transpose', { x }, { perm: [...Array(r - 2).keys(), r - 1, r - 2] });
}

/**
 * BatchMatMul for the wasm backend, around its native kernel. The native kernel only reaches
 * XNNPACK when neither operand is transposed; a dense layer's two gradients (x^T·dy and dy·W^T)
 * take a loop five times slower. Transposing the operand first (a copy of a few thousand floats)
 * and multiplying plainly is faster.
 */
export const untransposedMatMul =
  (native: KernelFunc): KernelFunc =>
  ({ inputs, backend, attrs }) => {
    const { a, b } = inputs as { a: TensorInfo; b: TensorInfo };
    const { transposeA, transposeB } = attrs as { transposeA: boolean; transposeB: boolean };
    if (!transposeA && !transposeB) return native({ inputs, backend, attrs });
    const a2 = transposeA ? swapLastTwo(backend as KernelBackend, a) : a;
    const b2 = transposeB ? swapLastTwo(backend as KernelBackend, b) : b;
    const out = native({
      inputs: { a: a2, b: b2 },
      backend,
      attrs: { ...attrs, transposeA: false, transposeB: false } as NamedAttrMap,
    });
    const wasm = backend as unknown as WasmLike;
    if (transposeA) wasm.disposeData(a2.dataId);
    if (transposeB) wasm.disposeData(b2.dataId);
    return out as TensorInfo;
  };
