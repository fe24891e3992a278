// Threads for this project's SIMD kernels. tfjs's own thread pool (XNNPACK's) only runs tfjs's kernels,
// and none of the libraries at hand splits a call of a wasm function of ours over threads: this does, with
// the means the platform gives (one module on shared memory, an instance per thread, Atomics to start and
// join). Written by hand because there is nothing to reuse: Emscripten's pthreads need an Emscripten
// build, and AssemblyScript, which builds these kernels, has no thread runtime.
//
// The trainer worker (thread 0) and `threads - 1` helper workers each instantiate kernels-shared.wasm on
// one shared WebAssembly.Memory. A call worth splitting ({@link SPLITS}) writes its arguments and each
// thread's share of the range into a small shared control block, wakes the helpers, runs its own share
// and waits for theirs. Every output element is computed by exactly the code and order one thread uses,
// so results are bit-identical for any thread count.

/** The kernels a call of which can be split, with the size of their last `from, to` range and their work. */
export const SPLITS = {
  /** Rows of output (images x output rows); work in multiply-adds. */
  convForward: (a: number[]) => ({ range: a[4] * a[5], work: a[4] * a[5] * a[6] * a[9] * a[10] * a[11] * a[12] }),
  /** Output channels; work in multiply-adds. */
  filterGradC1: (a: number[]) => ({ range: a[8], work: a[3] * a[4] * a[5] * a[8] * a[9] * a[10] }),
  /** Images; work in floats touched, weighted as a multiply-add each (a memory-bound pass). */
  maxPoolGrad2x2: (a: number[]) => ({ range: a[3], work: 2 * a[3] * a[4] * a[5] * a[6] }),
  /** (Tap, block of four input channels) pairs; work in multiply-adds. */
  filterGrad: (a: number[]) => ({
    range: a[8] * a[9] * Math.ceil(a[10] / 4),
    work: a[3] * a[4] * a[5] * a[8] * a[9] * a[10] * a[11],
  }),
  /** Rows of the product; work in multiply-adds. */
  gemm: (a: number[]) => ({ range: a[3], work: a[3] * a[4] * a[5] }),
  /** Rows of the product; work in multiply-adds. */
  matMulSmall: (a: number[]) => ({ range: a[3], work: a[3] * a[4] * a[5] }),
} as const;

/** Name of a kernel that takes a trailing `from, to` range. */
export type SplitKernel = keyof typeof SPLITS;
const NAMES = Object.keys(SPLITS) as SplitKernel[];

/**
 * Calls with less work than this run on the calling thread alone: waking a helper costs tens of
 * microseconds, about what a million multiply-adds take here (~40 GFLOP/s per thread).
 */
export const MIN_SPLIT_WORK = 1 << 20;

/** What a helper thread gets, once: the compiled module, the shared memory and the control block. */
export interface HelperInit {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  control: SharedArrayBuffer;
  /** This helper's thread number, 1 to threads - 1. */
  index: number;
}

type KernelFn = (...args: number[]) => void;

// Control block: int32 [0] job generation, [1] helpers still working, [2] stop, [3] a helper failed; float64 from byte 64:
// [0] kernel, [1] argument count, [2..] arguments; each thread's range from float64 index RANGES.
const CONTROL_BYTES = 4096;
const F64_AT = 64;
const RANGES = 32;
const MAX_THREADS = (CONTROL_BYTES - F64_AT) / 8 / 2 - RANGES / 2;
/** A helper that has not finished its share after this long has died: the caller does the call itself. */
const JOIN_TIMEOUT_MS = 2_000;
/**
 * How long a helper keeps polling after a job before it sleeps. Waking a sleeping thread takes ~0.1 ms
 * here, paid at every split call; but polling longer slowed the calling thread's own work (LeNet-5 at
 * batch 64, 2 threads: polling 2 ms after each job cut the split kernels' time by 2.1 ms a step and the
 * step's by 0.1 ms). 50 µs catches calls that follow each other closely.
 */
const SPIN_MS = 0.05;
const JOIN_SPIN = 100_000;

/** A new control block for a pool of `threads` threads. */
export function newControl(threads: number): SharedArrayBuffer {
  if (threads < 1 || threads > MAX_THREADS) throw new Error(`kernel threads: 1 to ${MAX_THREADS}, not ${threads}`);
  return new SharedArrayBuffer(CONTROL_BYTES);
}

/**
 * A helper thread's life: instantiates the module on the shared memory, calls `ready` (after which
 * calls may be split onto it), then runs its share of every split call until the pool stops. Blocks
 * the thread it runs on (Atomics.wait): call it in a worker made for it.
 */
export function serveKernels(init: HelperInit, ready: () => void): void {
  const e = new WebAssembly.Instance(init.module, { env: { memory: init.memory } }).exports as Record<string, KernelFn>;
  const ctl = new Int32Array(init.control, 0, 4);
  const f = new Float64Array(init.control, F64_AT);
  let gen = Atomics.load(ctl, 0);
  ready();
  for (;;) {
    const until = performance.now() + SPIN_MS;
    for (let i = 1; Atomics.load(ctl, 0) === gen; i++) if ((i & 255) === 0 && performance.now() > until) break;
    Atomics.wait(ctl, 0, gen);
    gen = Atomics.load(ctl, 0);
    if (Atomics.load(ctl, 2)) return;
    const from = f[RANGES + 2 * init.index];
    const to = f[RANGES + 2 * init.index + 1];
    try {
      if (to > from) e[NAMES[f[0]]](...Array.from(f.subarray(2, 2 + f[1])), from, to);
    } catch {
      // The caller computes this call again on its own thread and splits no more (see poolCaller).
      Atomics.store(ctl, 3, 1);
    } finally {
      if (Atomics.sub(ctl, 1, 1) === 1) Atomics.notify(ctl, 1);
    }
  }
}

/**
 * The calling side of a pool: `call(name, args)` runs kernel `name` over its whole range, split over
 * `threads` threads when the work is worth it. `threads` 1 (no helpers) runs everything here.
 */
export function poolCaller(
  exports: Record<string, KernelFn>,
  control: SharedArrayBuffer | null,
  threads: number,
): (name: SplitKernel, args: number[]) => void {
  const ctl = control && new Int32Array(control, 0, 4);
  const f = control && new Float64Array(control, F64_AT);
  // Set when a helper failed or stopped answering: the call is computed again here, and none is split again.
  let broken = false;
  return (name, args) => {
    const { range, work } = SPLITS[name](args);
    const parts = Math.min(threads, range);
    if (!ctl || !f || broken || parts < 2 || work < MIN_SPLIT_WORK) {
      exports[name](...args, 0, range);
      return;
    }
    const at = (t: number) => Math.floor((t * range) / parts);
    f[0] = NAMES.indexOf(name);
    f[1] = args.length;
    f.set(args, 2);
    for (let t = 1; t < threads; t++) {
      f[RANGES + 2 * t] = t < parts ? at(t) : 0;
      f[RANGES + 2 * t + 1] = t < parts ? at(t + 1) : 0;
    }
    Atomics.store(ctl, 1, threads - 1);
    Atomics.add(ctl, 0, 1);
    Atomics.notify(ctl, 0);
    try {
      exports[name](...args, 0, at(1));
    } finally {
      if (!join(ctl) || Atomics.load(ctl, 3)) {
        // Every output is computed by the same code on any thread: doing the whole call here gives the same
        // result, whatever a late helper still writes.
        broken = true;
        exports[name](...args, 0, range);
      }
    }
  };
}

/**
 * Waits until every helper has finished its share: a short spin (they usually finish together), then sleep.
 * False if they have not after {@link JOIN_TIMEOUT_MS}.
 */
function join(ctl: Int32Array): boolean {
  for (let i = 0; i < JOIN_SPIN; i++) if (Atomics.load(ctl, 1) === 0) return true;
  const start = performance.now();
  for (;;) {
    const left = Atomics.load(ctl, 1);
    if (left === 0) return true;
    Atomics.wait(ctl, 1, left, 100);
    if (performance.now() - start > JOIN_TIMEOUT_MS) return false;
  }
}

/** Tells every helper of the pool to return (their workers can then be closed). */
export function stopHelpers(control: SharedArrayBuffer): void {
  const ctl = new Int32Array(control, 0, 4);
  Atomics.store(ctl, 2, 1);
  Atomics.add(ctl, 0, 1);
  Atomics.notify(ctl, 0);
}
