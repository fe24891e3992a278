import type { KernelConfig, KernelBackend, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import type { WasmLike } from './wasmLike';
import { fastPathPads, filterGradByConv, padBefore, pair } from './conv2dGradWasm';
import { simdKernels } from './simd/simdKernels';
import { filterGradChannels, filterGradOneChannel } from './simd/convGrad';

interface Attrs {
  strides: number | [number, number];
  pad: 'same' | 'valid' | number;
  filterShape: [number, number, number, number];
  dataFormat?: 'NHWC' | 'NCHW';
  dimRoundingMode?: string;
}

/**
 * Direct loop for strided convolutions, which the forward-convolution trick does not cover
 * (wasm's Conv3DBackpropFilterV2, the other candidate, is wrong for strides > 1).
 */
function stridedFilterGrad(
  wasm: WasmLike,
  x: TensorInfo,
  dy: TensorInfo,
  a: Attrs,
  sh: number,
  sw: number,
): TensorInfo {
  const xv = wasm.readSync(x.dataId);
  const dv = wasm.readSync(dy.dataId);
  const [n, h, w, c] = x.shape;
  const [, oh, ow, oc] = dy.shape;
  const [fh, fw] = a.filterShape;
  const top = padBefore(a.pad, h, oh, sh, fh);
  const left = padBefore(a.pad, w, ow, sw, fw);
  const out = new Float32Array(fh * fw * c * oc);
  for (let b = 0; b < n; b++) {
    for (let oy = 0; oy < oh; oy++) {
      for (let ox = 0; ox < ow; ox++) {
        const dOff = ((b * oh + oy) * ow + ox) * oc;
        for (let ky = 0; ky < fh; ky++) {
          const iy = oy * sh + ky - top;
          if (iy < 0 || iy >= h) continue;
          for (let kx = 0; kx < fw; kx++) {
            const ix = ox * sw + kx - left;
            if (ix < 0 || ix >= w) continue;
            const xOff = ((b * h + iy) * w + ix) * c;
            for (let ci = 0; ci < c; ci++) {
              const xval = xv[xOff + ci];
              const wOff = ((ky * fw + kx) * c + ci) * oc;
              for (let co = 0; co < oc; co++) out[wOff + co] += xval * dv[dOff + co];
            }
          }
        }
      }
    }
  }
  const dw = wasm.makeOutput(a.filterShape, 'float32');
  wasm.typedArrayFromHeap(dw).set(out);
  return dw;
}

/**
 * Conv2DBackpropFilter for the wasm backend, which tfjs-backend-wasm 4.22 lacks (training any
 * conv net there fails with "Kernel 'Conv2DBackpropFilter' not registered"). Stride-1
 * convolutions run in the SIMD kernels ({@link filterGradOneChannel}, {@link filterGradChannels}), or
 * before they load as one forward convolution through XNNPACK ({@link filterGradByConv}); strided ones
 * take a plain JS loop ({@link stridedFilterGrad}).
 */
const kernelFunc: KernelFunc = ({ inputs, backend, attrs }) => {
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const a = attrs as unknown as Attrs;
  if (a.dataFormat === 'NCHW') throw new Error('Conv2DBackpropFilter (wasm): only NHWC is supported');
  if (typeof a.pad !== 'string' && typeof a.pad !== 'number')
    throw new Error('Conv2DBackpropFilter (wasm): explicit padding is not supported');
  const pads = fastPathPads(attrs as NamedAttrMap, x.shape, a.filterShape[0], a.filterShape[1], dy.shape);
  const simd = simdKernels();
  if (pads && simd && x.shape[3] === 1) {
    return filterGradOneChannel(simd, backend as unknown as WasmLike, x, dy, a.filterShape[0], a.filterShape[1], pads);
  }
  if (pads && simd) {
    return filterGradChannels(simd, backend as unknown as WasmLike, x, dy, a.filterShape[0], a.filterShape[1], pads);
  }
  if (pads) return filterGradByConv(backend as KernelBackend, x, dy, pads);
  const [sh, sw] = pair(a.strides);
  return stridedFilterGrad(backend as unknown as WasmLike, x, dy, a, sh, sw);
};

/** Kernel config for `Conv2DBackpropFilter` on `wasm`. */
export const conv2dBackpropFilterWasm: KernelConfig = {
  kernelName: 'Conv2DBackpropFilter',
  backendName: 'wasm',
  kernelFunc,
};
