import { backend_util, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import type { WasmLike } from './wasmLike';
import { simdKernels } from './simd/simdKernels';

interface Attrs {
  filterSize: number | [number, number];
  strides: number | [number, number];
  pad: 'same' | 'valid' | number;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/**
 * Sends each pooling window's upstream gradient back to the input: `scatter` gets one channel's
 * window (its in-bounds rows y0..y1 and columns x0..x1, the flat offset of its image and
 * channel) and adds the gradient `g` into dx. Works on views of the wasm heap: no copies in or
 * out. NHWC only.
 */
function poolGrad(
  inputs: Record<string, TensorInfo>,
  backend: unknown,
  attrs: unknown,
  scatter: (
    x: Float32Array,
    dx: Float32Array,
    g: number,
    y0: number,
    y1: number,
    x0: number,
    x1: number,
    rowStride: number,
    base: number,
    c: number,
    div: number,
  ) => void,
): TensorInfo {
  const { dy, input } = inputs as { dy: TensorInfo; input: TensorInfo };
  const a = attrs as Attrs;
  const wasm = backend as WasmLike;
  const info = backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    a.filterSize,
    a.strides,
    1,
    a.pad,
    a.dimRoundingMode,
  );
  const out = wasm.makeOutput(input.shape, 'float32');
  // Views taken after makeOutput, which may grow (and so move) the heap.
  const dx = wasm.typedArrayFromHeap(out);
  const x = wasm.typedArrayFromHeap(input);
  const g = wasm.typedArrayFromHeap(dy);
  dx.fill(0);
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: c, outHeight: oh, outWidth: ow } = info;
  const { strideHeight: sh, strideWidth: sw, filterHeight: fh, filterWidth: fw } = info;
  const div = fh * fw;
  for (let b = 0; b < n; b++) {
    for (let oy = 0; oy < oh; oy++) {
      const yStart = oy * sh - info.padInfo.top;
      const y0 = Math.max(0, yStart);
      const y1 = Math.min(h, yStart + fh);
      for (let ox = 0; ox < ow; ox++) {
        const xStart = ox * sw - info.padInfo.left;
        const x0 = Math.max(0, xStart);
        const x1 = Math.min(w, xStart + fw);
        const gOff = ((b * oh + oy) * ow + ox) * c;
        const base = b * h * w * c;
        for (let ch = 0; ch < c; ch++) scatter(x, dx, g[gOff + ch], y0, y1, x0, x1, w * c, base + ch, c, div);
      }
    }
  }
  return out;
}

/** The pooling geometry when it is a 2x2, stride-2, unpadded pooling (every window in bounds), else null. */
function pool2x2Info(input: TensorInfo, attrs: unknown): backend_util.Conv2DInfo | null {
  const a = attrs as Attrs;
  const info = backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    a.filterSize,
    a.strides,
    1,
    a.pad,
    a.dimRoundingMode,
  );
  const ok =
    info.filterHeight === 2 &&
    info.filterWidth === 2 &&
    info.strideHeight === 2 &&
    info.strideWidth === 2 &&
    info.padInfo.top === 0 &&
    info.padInfo.left === 0 &&
    2 * info.outHeight <= info.inHeight &&
    2 * info.outWidth <= info.inWidth;
  return ok ? info : null;
}

/**
 * AvgPoolGrad of a 2x2, stride-2, unpadded pooling in one flat loop: a quarter of each window's
 * gradient to each of its inputs (LeNet-5's first pool: 2.0 ms in the general path). Null otherwise.
 */
function avgPoolGrad2x2(inputs: Record<string, TensorInfo>, backend: unknown, attrs: unknown): TensorInfo | null {
  const { dy, input } = inputs as { dy: TensorInfo; input: TensorInfo };
  const info = pool2x2Info(input, attrs);
  if (!info) return null;
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: c, outHeight: oh, outWidth: ow } = info;
  const wasm = backend as WasmLike;
  const out = wasm.makeOutput(input.shape, 'float32');
  const dx = wasm.typedArrayFromHeap(out);
  const g = wasm.typedArrayFromHeap(dy);
  if (2 * oh < h || 2 * ow < w) dx.fill(0); // an odd last row or column gets no gradient
  const row = w * c;
  let gi = 0;
  for (let b = 0; b < n; b++) {
    for (let oy = 0; oy < oh; oy++) {
      const rowBase = (b * h + 2 * oy) * row;
      for (let ox = 0; ox < ow; ox++) {
        const p0 = rowBase + 2 * ox * c;
        for (let ch = 0; ch < c; ch++, gi++) {
          const v = g[gi] / 4;
          const p = p0 + ch;
          dx[p] = v;
          dx[p + c] = v;
          dx[p + row] = v;
          dx[p + row + c] = v;
        }
      }
    }
  }
  return out;
}

/**
 * MaxPoolGrad of the common 2x2, stride-2, unpadded pooling in the SIMD kernels (LeNet-5's conv1
 * pool: 3.5 ms in the general path, which calls a closure per window and channel; a flat JS loop
 * still took 2.1 ms, bound by branch mispredictions; SIMD 0.5 ms with the copies). Null for any
 * other pooling or before the SIMD module loads. Same routing as the general path: the first
 * maximum in row-major window order.
 */
function maxPoolGrad2x2(inputs: Record<string, TensorInfo>, backend: unknown, attrs: unknown): TensorInfo | null {
  const simd = simdKernels();
  const { dy, input } = inputs as { dy: TensorInfo; input: TensorInfo };
  const info = simd && pool2x2Info(input, attrs);
  if (!simd || !info) return null;
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: c, outHeight: oh, outWidth: ow } = info;
  const wasm = backend as WasmLike;
  const out = wasm.makeOutput(input.shape, 'float32');
  const placed = simd.place(wasm, [input, dy], [out]);
  const [xAt, gAt] = placed.inputs;
  simd.maxPoolGrad2x2(xAt, gAt, placed.outputs[0], n, h, w, c, oh, ow);
  placed.done();
  return out;
}

/**
 * MaxPoolGrad for the wasm backend. tfjs-backend-wasm 4.22's own kernel routes the gradient
 * wrongly when every value in a pooling window is negative (it starts the running max at 0),
 * which breaks tanh + max pooling networks. This one starts at -Infinity and, like the cpu
 * backend, sends each window's gradient to its first maximum.
 */
const maxKernel: KernelFunc = ({ inputs, backend, attrs }) =>
  maxPoolGrad2x2(inputs as Record<string, TensorInfo>, backend, attrs) ??
  poolGrad(inputs as Record<string, TensorInfo>, backend, attrs, (x, dx, g, y0, y1, x0, x1, row, base, c) => {
    let best = -Infinity;
    let at = -1;
    for (let y = y0; y < y1; y++) {
      for (let i = base + y * row + x0 * c, end = base + y * row + x1 * c; i < end; i += c) {
        if (x[i] > best) {
          best = x[i];
          at = i;
        }
      }
    }
    if (at >= 0) dx[at] += g;
  });

/**
 * AvgPoolGrad for the wasm backend: each window's gradient spread evenly over its in-bounds
 * inputs, divided by the full window size as the cpu backend does. The native kernel is correct
 * but a slow loop (a sixth of a sigmoid/avg LeNet-5 step).
 */
const avgKernel: KernelFunc = ({ inputs, backend, attrs }) =>
  avgPoolGrad2x2(inputs as Record<string, TensorInfo>, backend, attrs) ??
  poolGrad(inputs as Record<string, TensorInfo>, backend, attrs, (_x, dx, g, y0, y1, x0, x1, row, base, c, div) => {
    const v = g / div;
    for (let y = y0; y < y1; y++) {
      for (let i = base + y * row + x0 * c, end = base + y * row + x1 * c; i < end; i += c) dx[i] += v;
    }
  });

/** Kernel config replacing `MaxPoolGrad` on `wasm`. */
export const maxPoolGradWasm: KernelConfig = { kernelName: 'MaxPoolGrad', backendName: 'wasm', kernelFunc: maxKernel };

/** Kernel config replacing `AvgPoolGrad` on `wasm`. */
export const avgPoolGradWasm: KernelConfig = { kernelName: 'AvgPoolGrad', backendName: 'wasm', kernelFunc: avgKernel };
