import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { WasmLike } from '../wasmLike';
import { newControl, poolCaller, stopHelpers, type HelperInit, type SplitKernel } from './kernelPool';

/**
 * The wasm SIMD kernels of assembly/kernels.ts (compiled to kernels.wasm by `npm run build:wasm`),
 * for the shapes where tfjs-backend-wasm is slow. Loaded over tfjs's wasm backend ({@link TfHeap}), they
 * run in tfjs's own memory and read and write its tensors in place; otherwise (no wasm backend yet, or
 * threads over a memory tfjs does not share) in a memory of their own, and {@link SimdKernels.place}
 * copies tensors in and out. Optional: until {@link loadSimdKernels} has resolved (or if
 * the module cannot load), {@link simdKernels} is null and callers take tfjs's path. With
 * {@link loadSharedSimdKernels} the large calls of convForward, filterGradC1, filterGrad, maxPoolGrad2x2,
 * convInputGrad, gemm and matMulSmall are split over threads (kernelPool.ts); their signatures here are the same.
 */
export interface SimdKernels {
  /** Threads a large call is split over (1: this thread only). */
  threads: number;
  /** True when the kernels run in tfjs's wasm memory: {@link SimdKernels.place} then copies nothing. */
  inPlace: boolean;
  /**
   * False when tfjs allocating a tensor can detach views of the kernels' memory (it is tfjs's heap and not
   * shared: growing it replaces its buffer). Then a view must not be held across a makeOutput or tf.tensor.
   */
  viewsOutliveAllocation: boolean;
  /** Float32 view of `count` floats at byte offset `at`, valid until the next {@link SimdKernels.scratch}. */
  f32(at: number, count: number): Float32Array;
  /**
   * Lays out one buffer per entry of `floats` (that many floats, 64-byte aligned, with 32 readable
   * bytes after each) in the kernels' memory, growing it if needed, and returns their byte
   * offsets. Invalidates earlier views; each call reuses the same space.
   */
  scratch(floats: number[]): number[];
  /**
   * One call's memory: byte offsets where a kernel reads `inputs` and writes `outputs` (float32 tensors of
   * `wasm`, the outputs already made), then scratch buffers as {@link SimdKernels.scratch} lays them out. In
   * place these are the tensors' own bytes; else copies, and `done()` (call it after the kernels) copies the
   * outputs back. Invalidates earlier views, like `scratch`.
   */
  place(wasm: WasmLike, inputs: TensorInfo[], outputs: TensorInfo[], floats?: number[]): Placed;
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
  /** One Adam step from w, m, v (and g) into wo, mo, vo, which may be the same buffers. */
  adamStep(
    w: number,
    m: number,
    v: number,
    g: number,
    wo: number,
    mo: number,
    vo: number,
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
    /** Blocks of six input channels before the blocks of four (convGrad.ts: sixChannelBlocks(c)). */
    six: number,
  ): void;
  gemm(a: number, b: number, out: number, m: number, k: number, n: number, transA: number): void;
  /** Input gradient of a stride-1 convolution by scattering each pixel's products (assembly/kernels.ts). */
  convInputGrad(
    dy: number,
    wt: number,
    dx: number,
    cols: number,
    n: number,
    oh: number,
    ow: number,
    oc: number,
    kh: number,
    kw: number,
    c: number,
    h: number,
    w: number,
    top: number,
    left: number,
  ): void;
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

/** Where {@link SimdKernels.place} put a call's tensors and scratch: byte offsets in the kernels' memory. */
export interface Placed {
  inputs: number[];
  outputs: number[];
  scratch: number[];
  /** Copies the outputs back into tfjs's memory when they were placed in the kernels' own. */
  done(): void;
}

/** tfjs's wasm heap: its memory and allocator, for kernels that run in it (see {@link tfHeap}). */
export interface TfHeap {
  memory: WebAssembly.Memory;
  malloc(bytes: number): number;
  free(at: number): void;
}

/** Start of the scratch area in a memory of the kernels' own (the module has no static data; keep clear of 0). */
const BASE = 1024;
/** Bytes a kernel may read past a buffer's end (loads of four floats from its last element). */
const OVERREAD = 32;

let loaded: SimdKernels | null = null;
/** The tfjs memory the loader was last run for. */
let triedOn: WebAssembly.Memory | null = null;
let stopPool: (() => void) | null = null;
let loading: Promise<unknown> = Promise.resolve();
let loader: ((heap: TfHeap | null) => Promise<unknown>) | null = null;

/** True when `memory` can be shared between threads. */
export const isShared = (memory: WebAssembly.Memory): boolean =>
  typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;

/**
 * tfjs-backend-wasm's heap, or null when `backend` is not a started wasm backend. Its Emscripten module
 * keeps the memory as `wasmMemory` in the threaded build (shared) and as `asm.memory` in the others.
 */
export function tfHeap(backend: unknown): TfHeap | null {
  const m = (backend as { wasm?: Record<string, unknown> } | null)?.wasm;
  const memory = (m?.wasmMemory ?? (m?.asm as { memory?: unknown } | undefined)?.memory) as WebAssembly.Memory;
  if (!m || !(memory instanceof WebAssembly.Memory) || typeof m._malloc !== 'function') return null;
  const malloc = m._malloc as (n: number) => number;
  const free = m._free as (at: number) => void;
  return { memory, malloc: (n) => malloc(n) >>> 0, free: (at) => free(at) };
}

/**
 * Sets how the kernels load over a wasm backend's heap (the worker's runtime: its module files and
 * threads). {@link simdKernelsFor} calls it when tfjs switches to wasm.
 */
export function setSimdKernelLoader(load: (heap: TfHeap | null) => Promise<unknown>): void {
  loader = load;
}

/**
 * Resolves when the kernels run over `backend`'s memory (loading them there the first time, with the loader
 * {@link setSimdKernelLoader} set), or have settled without a loader.
 */
export async function simdKernelsFor(backend: unknown): Promise<void> {
  const heap = tfHeap(backend);
  if (loader && heap && triedOn !== heap.memory) {
    await simdKernelsSettled();
    if (triedOn !== heap.memory) {
      triedOn = heap.memory;
      loading = loader(heap);
    }
  }
  await simdKernelsSettled();
}

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

/** Where the kernels lay out scratch: a block they own in their memory, from `reserve(bytes)`. */
interface Space {
  memory: WebAssembly.Memory;
  inPlace: boolean;
  /** Start (64-byte aligned) of a block of at least `bytes`; may move the block, never the tensors. */
  reserve(bytes: number): number;
}

/** Scratch at {@link BASE} of a memory of the kernels' own, grown as needed. */
function ownSpace(memory: WebAssembly.Memory): Space {
  return {
    memory,
    inPlace: false,
    reserve: (bytes) => {
      const missing = BASE + bytes - memory.buffer.byteLength;
      if (missing > 0) memory.grow(Math.ceil(missing / 65536));
      return BASE;
    },
  };
}

/** Scratch in one block of tfjs's heap from its allocator, replaced by a larger one when a call needs more. */
function heapSpace(heap: TfHeap): Space {
  let block = 0;
  let size = 0;
  return {
    memory: heap.memory,
    inPlace: true,
    reserve: (bytes) => {
      if (bytes > size) {
        if (block) heap.free(block);
        size = Math.max(bytes, Math.ceil(size * 1.5));
        block = heap.malloc(size + 64);
        if (!block) {
          size = 0;
          throw new Error(`the wasm heap has no room for ${bytes} bytes of kernel scratch`);
        }
      }
      return (block + 63) & ~63;
    },
  };
}

/** Byte offsets of buffers of `floats` floats each, 64-byte aligned with {@link OVERREAD} bytes after each. */
function layout(floats: number[]): { offsets: number[]; bytes: number } {
  let end = 0;
  const offsets = floats.map((count) => {
    const at = end;
    end += Math.ceil((count * 4 + OVERREAD) / 64) * 64;
    return at;
  });
  return { offsets, bytes: end };
}

const floatsOf = (t: TensorInfo) => t.shape.reduce((a, b) => a * b, 1);

/** `t`'s byte offset in tfjs's heap when a kernel may read it there (its bytes and the over-read in bounds). */
function inPlaceAt(wasm: WasmLike, t: TensorInfo, memory: WebAssembly.Memory, readable: boolean): number | null {
  const at = wasm.dataIdMap.get(t.dataId)?.memoryOffset;
  if (at == null) return null;
  return at + floatsOf(t) * 4 + (readable ? OVERREAD : 0) <= memory.buffer.byteLength ? at : null;
}

function placeIn(space: Space, wasm: WasmLike, inputs: TensorInfo[], outputs: TensorInfo[], floats: number[]): Placed {
  const memory = space.memory;
  const inAt = inputs.map((t) => (space.inPlace ? inPlaceAt(wasm, t, memory, true) : null));
  const outAt = outputs.map((t) => (space.inPlace ? inPlaceAt(wasm, t, memory, false) : null));
  const copiedIn = inputs.filter((_, i) => inAt[i] === null);
  const copiedOut = outputs.filter((_, i) => outAt[i] === null);
  const { offsets, bytes } = layout([...copiedIn.map(floatsOf), ...copiedOut.map(floatsOf), ...floats]);
  const base = space.reserve(bytes);
  let next = 0;
  const at = offsets.map((o) => o + base);
  const view = (o: number, t: TensorInfo) => new Float32Array(memory.buffer, o, floatsOf(t));
  const placedIn = inputs.map((t, i) => {
    if (inAt[i] !== null) return inAt[i];
    const o = at[next++];
    view(o, t).set(wasm.typedArrayFromHeap(t));
    return o;
  });
  const placedOut = outputs.map((_, i) => outAt[i] ?? at[next++]);
  return {
    inputs: placedIn,
    outputs: placedOut,
    scratch: at.slice(next),
    done: () => {
      outputs.forEach((t, i) => {
        if (outAt[i] === null) wasm.typedArrayFromHeap(t).set(view(placedOut[i], t));
      });
    },
  };
}

type Exports = Record<string, (...args: number[]) => void>;

function kernelsOver(
  e: Exports,
  space: Space,
  threads: number,
  call: (name: SplitKernel, args: number[]) => void,
): SimdKernels {
  const split =
    (name: SplitKernel) =>
    (...args: number[]) =>
      call(name, args);
  return {
    threads,
    inPlace: space.inPlace,
    viewsOutliveAllocation: !space.inPlace || isShared(space.memory),
    f32: (at, count) => new Float32Array(space.memory.buffer, at, count),
    scratch: (floats) => {
      const { offsets, bytes } = layout(floats);
      const base = space.reserve(bytes);
      return offsets.map((o) => o + base);
    },
    place: (wasm, inputs, outputs, floats = []) => placeIn(space, wasm, inputs, outputs, floats),
    maxPoolGrad2x2: split('maxPoolGrad2x2'),
    convForward: split('convForward'),
    filterGradC1: split('filterGradC1'),
    filterGrad: split('filterGrad'),
    matMulSmall: split('matMulSmall'),
    gemm: split('gemm'),
    convInputGrad: split('convInputGrad'),
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

/**
 * Instantiates kernels.wasm from its bytes on one thread: in `heap`'s memory when it is not shared (tfjs's
 * single-threaded builds), else in a memory of its own. Resolves to null (and leaves tfjs's paths) if it fails.
 */
export function loadSimdKernels(
  bytes: BufferSource | Promise<BufferSource>,
  heap: TfHeap | null = null,
): Promise<SimdKernels | null> {
  const p = loadOne(bytes, heap && !isShared(heap.memory) ? heap : null);
  loading = p;
  return p;
}

async function loadOne(bytes: BufferSource | Promise<BufferSource>, heap: TfHeap | null): Promise<SimdKernels | null> {
  try {
    const memory = heap?.memory ?? new WebAssembly.Memory({ initial: 16 });
    const { instance } = await WebAssembly.instantiate(await bytes, { env: { memory } });
    const e = instance.exports as unknown as Exports;
    unloadSimdKernels();
    loaded = kernelsOver(e, heap ? heapSpace(heap) : ownSpace(memory), 1, poolCaller(e, null, 1));
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
 * Instantiates kernels-shared.wasm on a shared memory, `heap`'s when it is shared (tfjs's threaded build:
 * the kernels then read and write its tensors in place) else a new one, and starts `threads - 1` helper
 * threads with `spawn` (a worker running {@link serveKernels}); large calls are then split over all of them.
 * Resolves to null, leaving the kernels as they were, if shared memory, the module or a helper fails (a
 * page that is not cross-origin isolated has no shared memory: load kernels.wasm with {@link loadSimdKernels}).
 */
export function loadSharedSimdKernels(
  bytes: BufferSource | Promise<BufferSource>,
  threads: number,
  spawn: (init: HelperInit) => KernelHelper,
  heap: TfHeap | null = null,
): Promise<SimdKernels | null> {
  const p = loadShared(bytes, threads, spawn, heap && isShared(heap.memory) ? heap : null);
  loading = p;
  return p;
}

async function loadShared(
  bytes: BufferSource | Promise<BufferSource>,
  threads: number,
  spawn: (init: HelperInit) => KernelHelper,
  heap: TfHeap | null,
): Promise<SimdKernels | null> {
  const helpers: KernelHelper[] = [];
  try {
    const module = await WebAssembly.compile(await bytes);
    // The module declares tfjs's maximum (`--maximumMemory 65536` in package.json's build:wasm: 4 GiB), so that
    // it can import the threaded build's memory. A memory of its own starts at 64 MiB (reserved, not touched)
    // with a 1 GiB maximum, so that it rarely grows while helpers run: a helper that met memory it had not seen
    // grow yet would fail its share (the caller then does the call itself, see poolCaller).
    const memory = heap?.memory ?? new WebAssembly.Memory({ initial: 1024, maximum: 16384, shared: true });
    const e = (await WebAssembly.instantiate(module, { env: { memory } })).exports as unknown as Exports;
    const control = newControl(threads);
    for (let index = 1; index < threads; index++) helpers.push(spawn({ module, memory, control, index }));
    await Promise.all(helpers.map((h) => h.ready));
    unloadSimdKernels();
    stopPool = () => {
      stopHelpers(control);
      for (const h of helpers) h.close();
    };
    loaded = kernelsOver(e, heap ? heapSpace(heap) : ownSpace(memory), threads, poolCaller(e, control, threads));
    return loaded;
  } catch {
    for (const h of helpers) h.close();
    return null;
  }
}
