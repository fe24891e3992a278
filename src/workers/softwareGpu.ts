// Whether a GPU backend would run on a software renderer (SwiftShader, llvmpipe, WARP): then it
// is far slower than wasm on the same CPU (here ~22 and ~140 samples/s for WebGPU and WebGL vs
// ~5,000 on wasm), and timing it in the probe keeps the GPU process busy for half a minute, which
// stalls the page's own frames (a stroke on the drawing pad waited 3 s for a frame).
import type { BackendName } from '../shared/protocol';

/** Names of software renderers as browsers report them (adapter architecture/description, WebGL renderer). */
const SOFTWARE = /swiftshader|llvmpipe|softpipe|lavapipe|software|microsoft basic render|\bwarp\b/i;

/** The renderer's name when `text` (an adapter's or WebGL renderer's description) names a software one. */
export function softwareRendererIn(text: string): string | null {
  const m = SOFTWARE.exec(text);
  return m ? m[0] : null;
}

interface AdapterLike {
  isFallbackAdapter?: boolean;
  info?: { vendor?: string; architecture?: string; description?: string; isFallbackAdapter?: boolean };
}

/** Software renderer named by a WebGPU adapter, or null for a hardware one (or none). */
export function softwareAdapter(adapter: AdapterLike | null | undefined): string | null {
  if (!adapter) return null;
  const info = adapter.info ?? {};
  const named = softwareRendererIn(`${info.architecture ?? ''} ${info.description ?? ''}`);
  if (named) return named;
  return adapter.isFallbackAdapter || info.isFallbackAdapter ? 'a fallback adapter' : null;
}

/** Reads the renderer behind `backend` in this browser; null when it is hardware or cannot be told. */
export async function softwareRenderer(backend: BackendName): Promise<string | null> {
  try {
    if (backend === 'webgpu') {
      const gpu = (globalThis.navigator as { gpu?: { requestAdapter(): Promise<AdapterLike | null> } }).gpu;
      return gpu ? softwareAdapter(await gpu.requestAdapter()) : null;
    }
    if (backend === 'webgl' && typeof OffscreenCanvas !== 'undefined') {
      const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
      if (!gl) return null;
      const ext = gl.getExtension('WEBGL_debug_renderer_info');
      const renderer = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
      gl.getExtension('WEBGL_lose_context')?.loseContext();
      return softwareRendererIn(renderer);
    }
  } catch {
    /* cannot tell: time it */
  }
  return null;
}
