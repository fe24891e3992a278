// A kernel helper thread for Node's worker_threads, as kernelHelper.worker.ts is one for the page.
import { parentPort } from 'node:worker_threads';
import { serveKernels, type HelperInit } from '../../src/workers/kernels/simd/kernelPool';

parentPort!.once('message', (init: HelperInit) => serveKernels(init, () => parentPort!.postMessage('ready')));
