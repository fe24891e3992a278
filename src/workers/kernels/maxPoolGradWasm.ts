import { backend_util, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import type { WasmLike } from './wasmLike';

interface Attrs {
  filterSize: number | [number, number];
  strides: number | [number, number];
  pad: 'same' | 'valid' | number;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/**
 * MaxPoolGrad for the wasm backend. tfjs-backend-wasm 4.22's own kernel routes the gradient
 * wrongly when every value in a pooling window is negative (it starts the running max at 0),
 * which breaks tanh + max pooling networks. This one starts at -Infinity and, like the cpu
 * backend, sends each window's gradient to its first maximum. NHWC only.
 */
const kernelFunc: KernelFunc = ({ inputs, backend, attrs }) => {
  const { dy, input } = inputs as { dy: TensorInfo; input: TensorInfo };
  const a = attrs as unknown as Attrs;
  const wasm = backend as unknown as WasmLike;
  const info = backend_util.computePool2DInfo(input.shape as [number, number, number, number], a.filterSize, a.strides, 1,
    a.pad, a.dimRoundingMode);
  const x = wasm.readSync(input.dataId);
  const g = wasm.readSync(dy.dataId);
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: c, outHeight: oh, outWidth: ow } = info;
  const { strideHeight: sh, strideWidth: sw, filterHeight: fh, filterWidth: fw } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const dx = new Float32Array(n * h * w * c);
  for (let b = 0; b < n; b++) {
    for (let oy = 0; oy < oh; oy++) {
      const y0 = oy * sh - top;
      for (let ox = 0; ox < ow; ox++) {
        const x0 = ox * sw - left;
        for (let ch = 0; ch < c; ch++) {
          let best = -Infinity;
          let at = -1;
          for (let ky = Math.max(0, -y0); ky < fh && y0 + ky < h; ky++) {
            for (let kx = Math.max(0, -x0); kx < fw && x0 + kx < w; kx++) {
              const i = ((b * h + y0 + ky) * w + x0 + kx) * c + ch;
              if (x[i] > best) {
                best = x[i];
                at = i;
              }
            }
          }
          if (at >= 0) dx[at] += g[((b * oh + oy) * ow + ox) * c + ch];
        }
      }
    }
  }
  const out = wasm.makeOutput(input.shape, 'float32');
  wasm.typedArrayFromHeap(out).set(dx);
  return out;
};

/** Kernel config replacing `MaxPoolGrad` on `wasm`. */
export const maxPoolGradWasm: KernelConfig = { kernelName: 'MaxPoolGrad', backendName: 'wasm', kernelFunc };
