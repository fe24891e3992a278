// A helper thread for this project's SIMD kernels (kernelPool.ts): the trainer worker starts
// `threads - 1` of these and splits its large kernel calls over them and itself.
import { serveKernels, type HelperInit } from './kernelPool';

self.onmessage = (e: MessageEvent<HelperInit>) => serveKernels(e.data, () => self.postMessage('ready'));
