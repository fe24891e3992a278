/**
 * The wasm SIMD kernels of assembly/kernels.ts (compiled to kernels.wasm by `npm run build:wasm`),
 * for the shapes where tfjs-backend-wasm is slow. They run in their own module's memory: callers
 * copy inputs in and results out. Optional: until {@link loadSimdKernels} has resolved (or if
 * the module cannot load), {@link simdKernels} is null and callers take tfjs's path.
 */
export interface SimdKernels {
  /** Float32 view of `count` floats at byte offset `at`, valid until the next {@link SimdKernels.reserve}. */
  f32(at: number, count: number): Float32Array;
  /** Grows the module's memory to at least `bytes`; invalidates earlier views. */
  reserve(bytes: number): void;
  padImages(src: number, dst: number, n: number, h: number, w: number, ph: number, pw: number, top: number, left: number): void;
  channelsFirst(dy: number, dyT: number, rows: number, w: number, w4: number, c: number): void;
  filterGradC1(xp: number, dyT: number, out: number, n: number, oh: number, w4: number, ph: number, pw: number,
    oc: number, kh: number, kw: number): void;
}

let loaded: SimdKernels | null = null;

/** The loaded kernels, or null before {@link loadSimdKernels} resolves. */
export function simdKernels(): SimdKernels | null {
  return loaded;
}

/** Forgets the loaded kernels, so callers take tfjs's paths again (tests compare both). */
export function unloadSimdKernels(): void {
  loaded = null;
}

/** Instantiates kernels.wasm from its bytes; resolves to null (and leaves tfjs's paths) if it fails. */
export async function loadSimdKernels(bytes: BufferSource | Promise<BufferSource>): Promise<SimdKernels | null> {
  try {
    const { instance } = await WebAssembly.instantiate(await bytes, {});
    const e = instance.exports as unknown as Omit<SimdKernels, 'f32' | 'reserve'> & { memory: WebAssembly.Memory };
    const memory = e.memory;
    loaded = {
      f32: (at, count) => new Float32Array(memory.buffer, at, count),
      reserve: (bytes) => {
        const missing = bytes - memory.buffer.byteLength;
        if (missing > 0) memory.grow(Math.ceil(missing / 65536));
      },
      padImages: e.padImages,
      channelsFirst: e.channelsFirst,
      filterGradC1: e.filterGradC1,
    };
  } catch {
    loaded = null;
  }
  return loaded;
}
