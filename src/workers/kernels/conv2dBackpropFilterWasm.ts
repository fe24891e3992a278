import { getKernel, registerKernel, unregisterKernel, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import type { WasmLike } from './wasmLike';
import { maxPoolGradWasm } from './maxPoolGradWasm';

interface Attrs {
  strides: number | [number, number];
  pad: 'same' | 'valid' | number;
  filterShape: [number, number, number, number];
  dataFormat?: 'NHWC' | 'NCHW';
  dimRoundingMode?: string;
}


/** Same-padding offset (top or left) as tfjs computes it. */
function padBefore(pad: Attrs['pad'], inSize: number, outSize: number, stride: number, k: number): number {
  if (typeof pad === 'number') return pad;
  if (pad === 'valid') return 0;
  return Math.floor(Math.max((outSize - 1) * stride + k - inSize, 0) / 2);
}

/**
 * Direct loop for strided convolutions: wasm's Conv3DBackpropFilterV2 gives wrong results for
 * strides > 1 (checked against the cpu backend), so those shapes are computed here in JS.
 */
function stridedFilterGrad(wasm: WasmLike, x: TensorInfo, dy: TensorInfo, a: Attrs, sh: number, sw: number): TensorInfo {
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

const pair = (v: number | [number, number]): [number, number] => (typeof v === 'number' ? [v, v] : v);

/**
 * Conv2DBackpropFilter for the wasm backend, which tfjs-backend-wasm 4.22 lacks (training any
 * conv net there fails with "Kernel 'Conv2DBackpropFilter' not registered"). A 2-D convolution
 * is a 3-D one of depth 1, so this reshapes x and dy to 5-D (free on wasm: reshape shares the
 * buffer) and runs the backend's native Conv3DBackpropFilterV2 kernel. Strided convolutions
 * take a plain JS loop instead (see {@link stridedFilterGrad}).
 */
const kernelFunc: KernelFunc = ({ inputs, backend, attrs }) => {
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const a = attrs as unknown as Attrs;
  if (a.dataFormat === 'NCHW') throw new Error('Conv2DBackpropFilter (wasm): only NHWC is supported');
  if (typeof a.pad !== 'string' && typeof a.pad !== 'number') throw new Error('Conv2DBackpropFilter (wasm): explicit padding is not supported');
  const wasm = backend as unknown as WasmLike;
  const [sh, sw] = pair(a.strides);
  if (sh !== 1 || sw !== 1) return stridedFilterGrad(wasm, x, dy, a, sh, sw);
  const reshape = getKernel('Reshape', 'wasm')!.kernelFunc;
  const conv3d = getKernel('Conv3DBackpropFilterV2', 'wasm')!.kernelFunc;
  const [n, h, w, c] = x.shape;
  const [on, oh, ow, oc] = dy.shape;
  const [fh, fw, fin, fout] = a.filterShape;
  const x5 = reshape({ inputs: { x }, backend, attrs: { shape: [n, 1, h, w, c] } }) as TensorInfo;
  const dy5 = reshape({ inputs: { x: dy }, backend, attrs: { shape: [on, 1, oh, ow, oc] } }) as TensorInfo;
  const dw5 = conv3d({ inputs: { x: x5, dy: dy5 }, backend,
    attrs: { strides: [1, 1, 1], pad: a.pad, filterShape: [1, fh, fw, fin, fout] } }) as TensorInfo;
  const dw = reshape({ inputs: { x: dw5 }, backend, attrs: { shape: [fh, fw, fin, fout] } }) as TensorInfo;
  wasm.disposeData(x5.dataId);
  wasm.disposeData(dy5.dataId);
  wasm.disposeData(dw5.dataId);
  return dw;
};

/** Kernel config for `Conv2DBackpropFilter` on `wasm`. */
export const conv2dBackpropFilterWasm: KernelConfig = {
  kernelName: 'Conv2DBackpropFilter',
  backendName: 'wasm',
  kernelFunc,
};

/**
 * Registers every kernel the wasm backend lacks or gets wrong for training: Conv2DBackpropFilter
 * (missing) and MaxPoolGrad (wrong for all-negative windows). Safe to call twice.
 */
export function registerWasmTrainingKernels(): void {
  for (const k of [conv2dBackpropFilterWasm, maxPoolGradWasm]) {
    if (getKernel(k.kernelName, 'wasm')?.kernelFunc === k.kernelFunc) continue;
    if (getKernel(k.kernelName, 'wasm')) unregisterKernel(k.kernelName, 'wasm');
    registerKernel(k);
  }
}
