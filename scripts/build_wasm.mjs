#!/usr/bin/env node
// Compiles assembly/kernels.ts (the project's wasm SIMD kernels) four ways into src/workers/kernels/simd/:
// on the module's own memory or on a shared one (for helper threads: kernelPool.ts), each with plain SIMD and
// with relaxed SIMD, whose fused multiply-adds Chromium runs where the CPU has them (the worker picks the
// relaxed build where the browser compiles it: workers/runtime.ts). `npm run build:wasm` runs this.
import asc from 'assemblyscript/asc';

const COMMON = ['-O3', '--enable', 'simd', '--enable', 'bulk-memory', '--runtime', 'stub', '--noAssert'];
const SHARED = ['--enable', 'threads', '--importMemory', '--sharedMemory', '--maximumMemory', '65536'];
const OWN = ['--importMemory'];
const RELAXED = ['--enable', 'relaxed-simd'];
const BUILDS = {
  kernels: OWN,
  'kernels-shared': SHARED,
  'kernels-relaxed': [...RELAXED, ...OWN],
  'kernels-relaxed-shared': [...RELAXED, ...SHARED],
};

for (const [name, flags] of Object.entries(BUILDS)) {
  const { error, stderr } = await asc.main([
    'assembly/kernels.ts',
    ...COMMON,
    ...flags,
    '--outFile',
    `src/workers/kernels/simd/${name}.wasm`,
  ]);
  if (error) {
    console.error(stderr.toString());
    throw error;
  }
}
