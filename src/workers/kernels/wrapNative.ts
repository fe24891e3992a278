import {
  getKernel,
  registerKernel,
  unregisterKernel,
  type KernelBackend,
  type KernelFunc,
  type NamedAttrMap,
  type TensorInfo,
} from '@tensorflow/tfjs-core';

const wrapped = new WeakSet<KernelFunc>();

/**
 * Replaces the wasm backend's kernel `name` with `wrap(native)`, which handles the cases it can
 * do faster and hands the rest to the native kernel. The native kernel's setup (binding its wasm
 * function when the backend starts) is kept. Calling it again for the same kernel does nothing.
 */
export function wrapNativeKernel(name: string, wrap: (native: KernelFunc) => KernelFunc): void {
  const native = getKernel(name, 'wasm');
  if (!native) throw new Error(`wasm backend has no ${name} kernel to extend`);
  if (wrapped.has(native.kernelFunc)) return;
  const kernelFunc = wrap(native.kernelFunc);
  wrapped.add(kernelFunc);
  unregisterKernel(name, 'wasm');
  registerKernel({
    kernelName: name,
    backendName: 'wasm',
    kernelFunc,
    setupFunc: native.setupFunc,
    disposeFunc: native.disposeFunc,
  });
}

/** Runs another wasm kernel from inside a kernel; the caller disposes what it returns. */
export function runWasmKernel(
  backend: KernelBackend,
  name: string,
  inputs: Record<string, TensorInfo>,
  attrs: NamedAttrMap,
): TensorInfo {
  const kernel = getKernel(name, 'wasm');
  if (!kernel) throw new Error(`wasm backend has no ${name} kernel`);
  return kernel.kernelFunc({ inputs, backend, attrs }) as TensorInfo;
}
