import type { KernelBackend, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import type { WasmLike } from './wasmLike';
import { runWasmKernel } from './wrapNative';
import { simdKernels } from './simd/simdKernels';

/**
 * Products up to this many multiply-adds go to our SIMD kernel: for them XNNPACK's per-call setup (it
 * packs the right operand into a new operator each time, since a gradient or a transposed copy is a new
 * tensor every step) costs more than the product. LeNet-5 at batch 1: 8 products took 0.71 ms of a 3.1 ms
 * step. At batch 64 only the 84→10 layer's products are this small.
 */
export const SMALL_MATMUL_MACS = 1 << 17;

/**
 * One [m, k] x [k, n] product (no batch) in our SIMD kernels, or null when they are not loaded: small ones
 * ({@link SMALL_MATMUL_MACS}) in `matMulSmall`, larger ones in `gemm`, which splits its rows over the
 * kernel threads. A B stored transposed (a dense layer's input gradient, dy · W^T) is transposed first into
 * scratch by `channelsFirst`, four by four in registers: tfjs's Transpose took ~3 ms of the CIFAR LeNet's
 * 1568 x 224 weights' 5.1 ms product in Node. Single-threaded XNNPACK was no faster than `gemm` on one thread
 * (the CIFAR LeNet's 2048 x 224 layer at batch 64).
 */
function simdMatMul(backend: KernelBackend, a: TensorInfo, b: TensorInfo, transA: boolean, transB: boolean) {
  const k = simdKernels();
  const batch = (t: TensorInfo) => t.shape.slice(0, -2).reduce((x, y) => x * y, 1);
  if (!k || a.dtype !== 'float32' || b.dtype !== 'float32' || batch(a) !== 1 || batch(b) !== 1) return null;
  const [ar, ac] = a.shape.slice(-2);
  const [br, bc] = b.shape.slice(-2);
  const [m, inner] = transA ? [ac, ar] : [ar, ac];
  const n = transB ? br : bc;
  const small = m * inner * n <= SMALL_MATMUL_MACS;
  const wasm = backend as unknown as WasmLike;
  const transposeB = transB && !small;
  const out = wasm.makeOutput([...a.shape.slice(0, -2), m, n], 'float32');
  const placed = k.place(wasm, [a, b], [out], transposeB ? [inner * n] : []);
  const [aAt, bAt] = placed.inputs;
  const [outAt] = placed.outputs;
  if (small) k.matMulSmall(aAt, bAt, outAt, m, inner, n, transA ? 1 : 0, transB ? 1 : 0);
  else {
    // B is n rows of `inner` floats: as n "pixels" of `inner` "channels", channels first is B^T.
    if (transposeB) k.channelsFirst(bAt, placed.scratch[0], 1, n, n, inner);
    k.gemm(aAt, transposeB ? placed.scratch[0] : bAt, outAt, m, inner, n, transA ? 1 : 0);
  }
  placed.done();
  return out;
}

/** The last two axes swapped, for a tensor of any rank >= 2. */
function swapLastTwo(backend: KernelBackend, x: TensorInfo): TensorInfo {
  const r = x.shape.length;
  return runWasmKernel(backend, 'Transpose', { x }, { perm: [...Array(r - 2).keys(), r - 1, r - 2] });
}

/**
 * BatchMatMul for the wasm backend, around its native kernel: products without batch dimensions run in our
 * SIMD kernels ({@link simdMatMul}). Otherwise (or before they load): the native kernel only reaches
 * XNNPACK when neither operand is transposed; a dense layer's two gradients (x^T·dy and dy·W^T) take a
 * loop five times slower, so the operand is transposed first (a copy) and multiplied plainly.
 */
export const untransposedMatMul =
  (native: KernelFunc): KernelFunc =>
  ({ inputs, backend, attrs }) => {
    const { a, b } = inputs as { a: TensorInfo; b: TensorInfo };
    const { transposeA, transposeB } = attrs as { transposeA: boolean; transposeB: boolean };
    const simd = simdMatMul(backend as KernelBackend, a, b, transposeA, transposeB);
    if (simd) return simd;
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

/**
 * _FusedMatMul (a dense layer's product, bias and activation in one kernel) for the wasm backend, around its
 * native kernel: products with a linear or ReLU activation and a bias of one value per output column run in
 * our SIMD kernels ({@link simdMatMul}), the bias and ReLU applied after them. XNNPACK packed a new
 * operator per call here too (the 1998 LeNet-5's three dense layers at batch 1: 0.36 ms of a 2.7 ms step).
 */
export const smallFusedMatMul =
  (native: KernelFunc): KernelFunc =>
  (args) => {
    const { a, b, bias, preluActivationWeights } = args.inputs as Record<string, TensorInfo | undefined>;
    const { transposeA, transposeB, activation } = args.attrs as unknown as {
      transposeA: boolean;
      transposeB: boolean;
      activation?: string;
    };
    const act = activation ?? 'linear';
    if (!a || !b || preluActivationWeights || (act !== 'linear' && act !== 'relu')) return native(args);
    const n = transposeB ? b.shape[b.shape.length - 2] : b.shape[b.shape.length - 1];
    if (bias && (bias.dtype !== 'float32' || bias.shape.length !== 1 || bias.shape[0] !== n)) return native(args);
    const out = simdMatMul(args.backend as KernelBackend, a, b, transposeA, transposeB);
    if (!out) return native(args);
    const wasm = args.backend as unknown as WasmLike;
    const y = wasm.typedArrayFromHeap(out);
    const bv = bias ? wasm.typedArrayFromHeap(bias) : null;
    for (let i = 0; i < y.length; i++) {
      const v = bv ? y[i] + bv[i % n] : y[i];
      y[i] = act === 'relu' && v < 0 ? 0 : v;
    }
    return out;
  };
