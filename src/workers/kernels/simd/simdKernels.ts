/**
 * The wasm SIMD kernels of assembly/kernels.ts (compiled to kernels.wasm by `npm run build:wasm`),
 * for the shapes where tfjs-backend-wasm is slow. They run in their own module's memory: callers
 * copy inputs in and results out. Optional: until {@link loadSimdKernels} has resolved (or if
 * the module cannot load), {@link simdKernels} is null and callers take tfjs's path.
 */
export interface SimdKernels {
  /** Float32 view of `count` floats at byte offset `at`, valid until the next {@link SimdKernels.scratch}. */
  f32(at: number, count: number): Float32Array;
  /**
   * Lays out one buffer per entry of `floats` (that many floats, 64-byte aligned, with 32 readable
   * bytes after each) in the module's memory, growing it if needed, and returns their byte
   * offsets. Invalidates earlier views; each call reuses the same space.
   */
  scratch(floats: number[]): number[];
  padImages(
    src: number,
    dst: number,
    n: number,
    h: number,
    w: number,
    ph: number,
    pw: number,
    top: number,
    left: number,
  ): void;
  convForward(
    xp: number,
    wp: number,
    bias: number,
    out: number,
    n: number,
    oh: number,
    ow: number,
    ph: number,
    pw: number,
    kh: number,
    kw: number,
    c: number,
    oc: number,
    ocp: number,
    relu: number,
  ): void;
  adamStep(
    w: number,
    m: number,
    v: number,
    g: number,
    count: number,
    b1: number,
    b2: number,
    eps: number,
    lr: number,
    c1: number,
    c2: number,
  ): void;
  sgdStep(w: number, g: number, count: number, lr: number): void;
  reluGradSum(dy: number, y: number, g: number, sum: number, acc: number, rows: number, c: number): void;
  maxPoolGrad2x2(
    x: number,
    g: number,
    dx: number,
    n: number,
    h: number,
    w: number,
    c: number,
    oh: number,
    ow: number,
  ): void;
  channelsFirst(dy: number, dyT: number, rows: number, w: number, w4: number, c: number): void;
  matMulSmall(a: number, b: number, out: number, m: number, k: number, n: number, transA: number, transB: number): void;
  filterGradC1(
    xp: number,
    dyT: number,
    out: number,
    n: number,
    oh: number,
    w4: number,
    ph: number,
    pw: number,
    oc: number,
    kh: number,
    kw: number,
  ): void;
}

/** Start of the scratch area (the module has no static data; keep clear of address 0). */
const BASE = 1024;

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
    const e = instance.exports as unknown as Omit<SimdKernels, 'f32' | 'scratch'> & { memory: WebAssembly.Memory };
    const memory = e.memory;
    loaded = {
      f32: (at, count) => new Float32Array(memory.buffer, at, count),
      scratch: (floats) => {
        let end = BASE;
        const offsets = floats.map((count) => {
          const at = end;
          end += Math.ceil((count * 4 + 32) / 64) * 64;
          return at;
        });
        const missing = end - memory.buffer.byteLength;
        if (missing > 0) memory.grow(Math.ceil(missing / 65536));
        return offsets;
      },
      maxPoolGrad2x2: e.maxPoolGrad2x2,
      convForward: e.convForward,
      reluGradSum: e.reluGradSum,
      adamStep: e.adamStep,
      sgdStep: e.sgdStep,
      padImages: e.padImages,
      channelsFirst: e.channelsFirst,
      filterGradC1: e.filterGradC1,
      matMulSmall: e.matMulSmall,
    };
  } catch {
    loaded = null;
  }
  return loaded;
}
