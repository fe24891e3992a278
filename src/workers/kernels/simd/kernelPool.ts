// Threads for this project's SIMD kernels. tfjs's own thread pool (XNNPACK's) only runs tfjs's kernels,
// and none of the libraries at hand splits a call of a wasm function of ours over threads: this does, with
// the means the platform gives (one module on shared memory, an instance per thread, Atomics to start and
// join). Written by hand because there is nothing to reuse: Emscripten's pthreads need an Emscripten
// build, and AssemblyScript, which builds these kernels, has no thread runtime.
//
// The trainer worker (thread 0) and `threads - 1` helper workers each instantiate kernels-shared.wasm on
// one shared WebAssembly.Memory. A call worth splitting ({@link SPLITS}) writes its arguments into a small
// shared control block, cuts its range into chunks ({@link CHUNKS_PER_THREAD} per thread), wakes the
// helpers, and every thread, the caller too, claims chunks one at a time until none is left; the caller
// then waits for the chunks a helper is still computing. A helper that wakes late or is descheduled (two
// cores, shared with the browser's own threads) costs only the chunk it holds, not a fixed half of the
// call: with fixed halves, LeNet-5's dense products at batch 64 took 2-2.5x longer on 2 threads than on
// one. Every output element is computed by exactly the code and order one thread uses, whichever thread
// computes its chunk, so results are bit-identical for any thread count.

import { BEAT_AT, BEATING_AT, BUSY_HEAVY } from '../../../shared/protocol';

/** The kernels a call of which can be split, with the size of their last `from, to` range and their work. */
export const SPLITS = {
  /** Rows of output (images x output rows); work in multiply-adds. */
  convForward: (a: number[]) => ({ range: a[4] * a[5], work: a[4] * a[5] * a[6] * a[9] * a[10] * a[11] * a[12] }),
  /** (Pair of output channels, kernel row) units; work in multiply-adds. */
  filterGradC1: (a: number[]) => ({
    range: Math.ceil(a[8] / 2) * a[9],
    work: a[3] * a[4] * a[5] * a[8] * a[9] * a[10],
  }),
  /** Images; work in floats touched, weighted as a multiply-add each (a memory-bound pass). */
  maxPoolGrad2x2: (a: number[]) => ({ range: a[3], work: 2 * a[3] * a[4] * a[5] * a[6] }),
  /** (Tap, block of six or four input channels) pairs (a[12] blocks of six first); work in multiply-adds. */
  filterGrad: (a: number[]) => ({
    range: a[8] * a[9] * (a[12] + Math.ceil((a[10] - 6 * a[12]) / 4)),
    work: a[3] * a[4] * a[5] * a[8] * a[9] * a[10] * a[11],
  }),
  /** Images; work in multiply-adds. */
  convInputGrad: (a: number[]) => ({ range: a[4], work: a[4] * a[5] * a[6] * a[7] * a[8] * a[9] * a[10] }),
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

// Control block: int32 [WAKE] bumped to wake the helpers, [CLAIM] the open call's claim word, [STOP], [FAILED] a
// helper's chunk threw, [DONE] chunks finished; float64 from byte 64: [0] kernel, [1] argument count, [2..]
// arguments, [RANGE] the call's range, [CHUNKS] its chunk count.
// The claim word is (call number << 8) | next chunk. A call closes it (chunk CLOSED) before it rewrites
// the arguments and opens it (chunk 0, a new call number) after: a thread that read the arguments of
// one call can claim (compare-and-exchange) a chunk only if the word has not changed since, so it never
// computes a chunk with another call's arguments.
const WAKE = 0;
const CLAIM = 1;
const STOP = 2;
const FAILED = 3;
const DONE = 4;
const CLOSED = 255;
const CONTROL_BYTES = 4096;
const F64_AT = 64;
const RANGE = 32;
const CHUNKS = 33;
/** Chunks a split call is cut into, per thread: small enough that a late helper delays the call little. */
export const CHUNKS_PER_THREAD = 4;
const MAX_THREADS = 128;
/** A helper that has not finished its chunk after this long has died: the caller does the call itself. */
const JOIN_TIMEOUT_MS = 2_000;
/**
 * How long a helper keeps polling after a job before it sleeps. Waking a sleeping thread takes ~0.1 ms
 * here, paid at every split call; but polling longer slowed the calling thread's own work (LeNet-5 at
 * batch 64, 2 threads: polling 2 ms after each job cut the split kernels' time by 2.1 ms a step and the
 * step's by 0.1 ms). 50 µs catches calls that follow each other closely.
 */
const SPIN_MS = 0.05;
const JOIN_SPIN = 100_000;

/**
 * The page's busy flag ({@link yieldToPage}), or null. While it is non-zero, calls run on the calling thread
 * alone and the helpers sleep: on this 2-core machine, while the trainer and a helper held both cores, a page
 * task (a progress report's redraw, the click on Train) took up to three times its CPU time (9-25 ms of CPU in
 * 52-70 ms tasks), waiting for a core.
 */
let pageBusy: Int32Array | null = null;

/** Shares the page's busy flag (the `pageBusy` message's Int32s) with this thread's pool callers; null: none. */
export function yieldToPage(flag: SharedArrayBuffer | null): void {
  pageBusy = flag && new Int32Array(flag);
  lastBeat = { count: -1, at: 0, waited: -1 };
}

/** The longest the trainer waits between two steps for the page to paint a large frame. */
export const PAGE_FRAME_WAIT_MS = 50;

/**
 * Between two training steps: while the page has a large frame to show (a run's start or end, an epoch's end, a
 * person's click), waits until it is painted, at most {@link PAGE_FRAME_WAIT_MS}, so the page has both cores.
 * True if it waited.
 */
export function waitForPageFrame(): boolean {
  if (pageBusy === null || Atomics.load(pageBusy, 0) !== BUSY_HEAVY) return false;
  Atomics.wait(pageBusy, 0, BUSY_HEAVY, PAGE_FRAME_WAIT_MS);
  return true;
}

/**
 * A page whose heartbeat has not moved for this long (ms, three of its ticks) is stuck: in a long task or a
 * garbage collection.
 */
export const PAGE_STUCK_MS = 24;
/** The longest the trainer waits for a stuck page, once per time it is stuck. */
export const PAGE_STUCK_WAIT_MS = 100;

/** The page's heartbeat count as last seen, when it was first seen (ms), and the count last waited on. */
let lastBeat = { count: -1, at: 0, waited: -1 };

/**
 * Between two training steps: while the page beats (a run trains and the page shows) but its heartbeat has
 * not moved for {@link PAGE_STUCK_MS}, waits for its next beat, at most {@link PAGE_STUCK_WAIT_MS}, so that
 * whatever holds the page's thread (a collection of its heap, with V8's helper threads) has both cores. It
 * waits once for each count: a page that stays stuck past the wait (a debugger, a frozen tab) costs one wait,
 * not the run. `now` in ms on any steady clock. True if it waited.
 */
export function waitForStuckPage(now = performance.now()): boolean {
  if (pageBusy === null || pageBusy.length <= BEATING_AT || Atomics.load(pageBusy, BEATING_AT) !== 1) return false;
  const count = Atomics.load(pageBusy, BEAT_AT);
  if (count !== lastBeat.count) {
    lastBeat.count = count;
    lastBeat.at = now;
    return false;
  }
  if (now - lastBeat.at < PAGE_STUCK_MS || lastBeat.waited === count) return false;
  lastBeat.waited = count;
  Atomics.wait(pageBusy, BEAT_AT, count, PAGE_STUCK_WAIT_MS);
  return true;
}

/** A new control block for a pool of `threads` threads. */
export function newControl(threads: number): SharedArrayBuffer {
  if (threads < 1 || threads > MAX_THREADS) throw new Error(`kernel threads: 1 to ${MAX_THREADS}, not ${threads}`);
  const control = new SharedArrayBuffer(CONTROL_BYTES);
  Atomics.store(new Int32Array(control), CLAIM, CLOSED);
  return control;
}

/**
 * Claims and computes chunks of the open call until none is left (or the call changes). Each chunk is
 * [floor(i·range/chunks), floor((i+1)·range/chunks)) of the kernel's range.
 */
function work(e: Record<string, KernelFn>, ctl: Int32Array, f: Float64Array): void {
  for (;;) {
    const word = Atomics.load(ctl, CLAIM);
    const chunk = word & 255;
    const chunks = f[CHUNKS];
    if (chunk >= chunks) return;
    const name = NAMES[f[0]];
    const args = Array.from(f.subarray(2, 2 + f[1]));
    const range = f[RANGE];
    if (Atomics.compareExchange(ctl, CLAIM, word, word + 1) !== word) continue;
    try {
      e[name](...args, Math.floor((chunk * range) / chunks), Math.floor(((chunk + 1) * range) / chunks));
    } catch {
      // The caller computes the call again on its own thread and splits no more (see poolCaller).
      Atomics.store(ctl, FAILED, 1);
    } finally {
      if (Atomics.add(ctl, DONE, 1) + 1 === chunks) Atomics.notify(ctl, DONE);
    }
  }
}

/**
 * A helper thread's life: instantiates the module on the shared memory, calls `ready` (after which
 * calls may be split onto it), then runs its share of every split call until the pool stops. Blocks
 * the thread it runs on (Atomics.wait): call it in a worker made for it.
 */
export function serveKernels(init: HelperInit, ready: () => void): void {
  const e = new WebAssembly.Instance(init.module, { env: { memory: init.memory } }).exports as Record<string, KernelFn>;
  const ctl = new Int32Array(init.control, 0, 8);
  const f = new Float64Array(init.control, F64_AT);
  let gen = Atomics.load(ctl, WAKE);
  ready();
  for (;;) {
    const until = performance.now() + SPIN_MS;
    for (let i = 1; Atomics.load(ctl, WAKE) === gen; i++) if ((i & 255) === 0 && performance.now() > until) break;
    Atomics.wait(ctl, WAKE, gen);
    gen = Atomics.load(ctl, WAKE);
    if (Atomics.load(ctl, STOP)) return;
    work(e, ctl, f);
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
  const ctl = control && new Int32Array(control, 0, 8);
  const f = control && new Float64Array(control, F64_AT);
  // Set when a helper failed or stopped answering: the call is computed again here, and none is split again.
  let broken = false;
  let call = 0;
  return (name, args) => {
    const { range, work: size } = SPLITS[name](args);
    const chunks = Math.min(threads * CHUNKS_PER_THREAD, range, CLOSED - 1);
    if (
      !ctl ||
      !f ||
      broken ||
      threads < 2 ||
      chunks < 2 ||
      size < MIN_SPLIT_WORK ||
      (pageBusy !== null && Atomics.load(pageBusy, 0) !== 0)
    ) {
      exports[name](...args, 0, range);
      return;
    }
    call = (call + 1) & 0x7fffff;
    Atomics.store(ctl, CLAIM, (call << 8) | CLOSED);
    f[0] = NAMES.indexOf(name);
    f[1] = args.length;
    f.set(args, 2);
    f[RANGE] = range;
    f[CHUNKS] = chunks;
    Atomics.store(ctl, DONE, 0);
    Atomics.store(ctl, CLAIM, call << 8);
    Atomics.add(ctl, WAKE, 1);
    Atomics.notify(ctl, WAKE);
    try {
      work(exports, ctl, f);
    } finally {
      if (!join(ctl, chunks) || Atomics.load(ctl, FAILED)) {
        // Every output is computed by the same code on any thread: doing the whole call here gives the same
        // result, whatever a late helper still writes.
        broken = true;
        exports[name](...args, 0, range);
      }
    }
  };
}

/**
 * Waits until all `chunks` chunks of the call are done (every one is claimed when this is called): a short
 * spin (a helper's last chunk usually ends with the caller's), then sleep. False if they are not after
 * {@link JOIN_TIMEOUT_MS}.
 */
function join(ctl: Int32Array, chunks: number): boolean {
  for (let i = 0; i < JOIN_SPIN; i++) if (Atomics.load(ctl, DONE) === chunks) return true;
  const start = performance.now();
  for (;;) {
    const done = Atomics.load(ctl, DONE);
    if (done === chunks) return true;
    Atomics.wait(ctl, DONE, done, 100);
    if (performance.now() - start > JOIN_TIMEOUT_MS) return false;
  }
}

/** Tells every helper of the pool to return (their workers can then be closed). */
export function stopHelpers(control: SharedArrayBuffer): void {
  const ctl = new Int32Array(control, 0, 8);
  Atomics.store(ctl, STOP, 1);
  Atomics.add(ctl, WAKE, 1);
  Atomics.notify(ctl, WAKE);
}
