import { newControl, poolCaller, stopHelpers, type HelperInit, type SplitKernel } from './kernelPool';

/**
 * The wasm SIMD kernels of assembly/kernels.ts (compiled to kernels.wasm by `npm run build:wasm`),
 * for the shapes where tfjs-backend-wasm is slow. They run in their own module's memory: callers
 * copy inputs in and results out. Optional: until {@link loadSimdKernels} has resolved (or if
 * the module cannot load), {@link simdKernels} is null and callers take tfjs's path. With
 * {@link loadSharedSimdKernels} the large calls of convForward, filterGradC1, filterGrad, maxPoolGrad2x2,
 * gemm and matMulSmall are split over threads (kernelPool.ts); their signatures here are the same.
 */
export interface SimdKernels {
  /** Threads a large call is split over (1: this thread only). */
  threads: number;
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
    top: number,
    rows: number,
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
  /** model/layers.ts's dropout mask (mulberry32 draws below `limit` drop), four lanes at a time. */
  dropoutMask(out: number, count: number, seed: number, limit: number, keep: number): void;
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
  filterGrad(
    xp: number,
    dy: number,
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
  ): void;
  gemm(a: number, b: number, out: number, m: number, k: number, n: number, transA: number): void;
  channelMoments(
    p: number,
    q: number,
    m: number,
    acc: number,
    out: number,
    total: number,
    c: number,
    period: number,
    mode: number,
  ): void;
  channelAffine(
    p: number,
    q: number,
    out: number,
    a: number,
    b: number,
    k: number,
    total: number,
    period: number,
  ): void;
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
let stopPool: (() => void) | null = null;
let loading: Promise<unknown> = Promise.resolve();

/**
 * Resolves when loading has finished, whether or not it succeeded: the latest load of either kind, and
 * any load started as that one ended (a fallback to one thread).
 */
export async function simdKernelsSettled(): Promise<void> {
  for (let p = null; p !== loading;) {
    p = loading;
    await p.catch(() => null);
  }
}

/** The loaded kernels, or null before {@link loadSimdKernels} resolves. */
export function simdKernels(): SimdKernels | null {
  return loaded;
}

/** Forgets the loaded kernels (and stops a pool's helpers), so callers take tfjs's paths again. */
export function unloadSimdKernels(): void {
  stopPool?.();
  stopPool = null;
  loaded = null;
}

type Exports = Record<string, (...args: number[]) => void>;

function kernelsOver(
  e: Exports,
  memory: WebAssembly.Memory,
  threads: number,
  call: (name: SplitKernel, args: number[]) => void,
): SimdKernels {
  const split =
    (name: SplitKernel) =>
    (...args: number[]) =>
      call(name, args);
  return {
    threads,
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
    maxPoolGrad2x2: split('maxPoolGrad2x2'),
    convForward: split('convForward'),
    filterGradC1: split('filterGradC1'),
    filterGrad: split('filterGrad'),
    matMulSmall: split('matMulSmall'),
    gemm: split('gemm'),
    reluGradSum: e.reluGradSum,
    adamStep: e.adamStep,
    sgdStep: e.sgdStep,
    dropoutMask: e.dropoutMask,
    padImages: e.padImages,
    channelsFirst: e.channelsFirst,
    channelMoments: e.channelMoments,
    channelAffine: e.channelAffine,
  } as SimdKernels;
}

/** Instantiates kernels.wasm from its bytes; resolves to null (and leaves tfjs's paths) if it fails. */
export function loadSimdKernels(bytes: BufferSource | Promise<BufferSource>): Promise<SimdKernels | null> {
  const p = loadOne(bytes);
  loading = p;
  return p;
}

async function loadOne(bytes: BufferSource | Promise<BufferSource>): Promise<SimdKernels | null> {
  try {
    const { instance } = await WebAssembly.instantiate(await bytes, {});
    const e = instance.exports as unknown as Exports & { memory: WebAssembly.Memory };
    unloadSimdKernels();
    loaded = kernelsOver(e, e.memory, 1, poolCaller(e, null, 1));
  } catch {
    loaded = null;
  }
  return loaded;
}

/** A started helper thread: `init` has been posted; `ready` resolves once it serves calls. */
export interface KernelHelper {
  ready: Promise<void>;
  close(): void;
}

/**
 * Instantiates kernels-shared.wasm on a new shared memory and starts `threads - 1` helper threads with
 * `spawn` (a worker running {@link serveKernels}); large calls are then split over all of them. Resolves
 * to null, leaving the kernels as they were, if shared memory, the module or a helper fails (a page that
 * is not cross-origin isolated has no shared memory: load kernels.wasm with {@link loadSimdKernels}).
 */
export function loadSharedSimdKernels(
  bytes: BufferSource | Promise<BufferSource>,
  threads: number,
  spawn: (init: HelperInit) => KernelHelper,
): Promise<SimdKernels | null> {
  const p = loadShared(bytes, threads, spawn);
  loading = p;
  return p;
}

async function loadShared(
  bytes: BufferSource | Promise<BufferSource>,
  threads: number,
  spawn: (init: HelperInit) => KernelHelper,
): Promise<SimdKernels | null> {
  const helpers: KernelHelper[] = [];
  try {
    const module = await WebAssembly.compile(await bytes);
    // The maximum is the module's own (`--maximumMemory 16384` in package.json's build:wasm): 1 GiB. Started at
    // 64 MiB (reserved, not touched), so that it rarely grows while helpers run: a helper that met memory it had
    // not seen grow yet would fail its share (the caller then does the call itself, see poolCaller).
    const memory = new WebAssembly.Memory({ initial: 1024, maximum: 16384, shared: true });
    const e = (await WebAssembly.instantiate(module, { env: { memory } })).exports as unknown as Exports;
    const control = newControl(threads);
    for (let index = 1; index < threads; index++) helpers.push(spawn({ module, memory, control, index }));
    await Promise.all(helpers.map((h) => h.ready));
    unloadSimdKernels();
    stopPool = () => {
      stopHelpers(control);
      for (const h of helpers) h.close();
    };
    loaded = kernelsOver(e, memory, threads, poolCaller(e, control, threads));
    return loaded;
  } catch {
    for (const h of helpers) h.close();
    return null;
  }
}
