import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import type { WasmLike } from './wasmLike';

/**
 * How many whole copies of x a Tile makes when it only repeats x as one block (every repeated
 * axis has size 1 in x and comes before every axis that is not repeated), else null.
 */
export function blockRepeats(shape: number[], reps: number[]): number | null {
  let copies = 1;
  let inner = false;
  for (let i = 0; i < shape.length; i++) {
    if (reps[i] === 1) {
      if (shape[i] !== 1) inner = true;
      continue;
    }
    if (inner || shape[i] !== 1) return null;
    copies *= reps[i];
  }
  return copies;
}

/**
 * `src` (of `shape`) tiled `reps` times along each axis, an axis at a time from the last: along an axis,
 * each contiguous block from there inward is copied `reps` times in a row (one `set` per block).
 */
export function tileArrays(src: Float32Array, shape: number[], reps: number[]): Float32Array {
  let cur = src;
  const dims = shape.slice();
  for (let axis = dims.length - 1; axis >= 0; axis--) {
    const r = reps[axis];
    if (r === 1) continue;
    const block = dims.slice(axis).reduce((a, b) => a * b, 1);
    const outer = cur.length / block;
    const next = new Float32Array(cur.length * r);
    for (let o = 0; o < outer; o++) {
      const s = cur.subarray(o * block, (o + 1) * block);
      for (let k = 0; k < r; k++) next.set(s, (o * r + k) * block);
    }
    cur = next;
    dims[axis] *= r;
  }
  return cur;
}

/**
 * Tile for the wasm backend, around its native kernel, which copies element by element. BatchNorm's
 * gradient tiled a [1, 1, 1, C] statistic over the whole activation (almost half of a compact CNN's
 * training step): as whole copies of one block, doubling with copyWithin, it is a few memcpys. Global
 * average pooling's gradient tiles [n, 1, 1, C] over the pooled rows and columns (6.4 ms for the compact
 * CNN at batch 64, 36,864 floats): as a copy per block, {@link tileArrays}. Other dtypes use the native
 * kernel.
 */
export const blockTile =
  (native: KernelFunc): KernelFunc =>
  ({ inputs, backend, attrs }) => {
    const { x } = inputs as { x: TensorInfo };
    const { reps } = attrs as unknown as { reps: number[] };
    if (x.dtype !== 'float32') return native({ inputs, backend, attrs });
    const wasm = backend as unknown as WasmLike;
    const shape = x.shape.map((d, i) => d * reps[i]);
    if (blockRepeats(x.shape, reps) !== null) return repeatBlock(wasm, x, shape);
    const tiled = tileArrays(wasm.typedArrayFromHeap(x), x.shape, reps);
    const out = wasm.makeOutput(shape, 'float32');
    wasm.typedArrayFromHeap(out).set(tiled);
    return out;
  };

/** A new tensor of `shape` holding whole copies of `x` one after another (doubling with copyWithin). */
export function repeatBlock(wasm: WasmLike, x: TensorInfo, shape: number[]): TensorInfo {
  const out = wasm.makeOutput(shape, 'float32');
  const dst = wasm.typedArrayFromHeap(out);
  const src = wasm.typedArrayFromHeap(x);
  dst.set(src);
  for (let filled = src.length; filled < dst.length; filled *= 2)
    dst.copyWithin(filled, 0, Math.min(filled, dst.length - filled));
  return out;
}
