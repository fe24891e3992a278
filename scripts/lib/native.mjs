// The native baseline for `npm run bench`: PyTorch on this machine's CPU at its best. PyTorch's speed here
// depends on which BLAS it loads and how many threads it runs (measured on 2 cores: LeNet-5 at batch 64
// trains at ~7,000 samples/s with Debian's default BLAS and ~14,000-17,000 with OpenBLAS's OpenMP build),
// so every build found is tried with every thread count and the app is compared with the fastest.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';

const CACHE = resolve('.cache/openblas-openmp');
const OPENMP_LIB = join(CACHE, 'usr/lib/x86_64-linux-gnu/openblas-openmp');

/** The Python that imports torch (Debian's python3-torch lives in /usr/bin/python3), or null. */
export function torchPython() {
  return (
    ['/usr/bin/python3', 'python3'].find((p) => {
      try {
        execFileSync(p, ['-c', 'import torch'], { stdio: 'ignore' });
        return true;
      } catch {
        return false;
      }
    }) ?? null
  );
}

/**
 * OpenBLAS's OpenMP build, unpacked into .cache (not installed: it would replace the system's BLAS for every
 * program): `apt-get download libopenblas0-openmp` and `dpkg -x`. Returns its library folder, or null with why.
 */
function openmpBlas() {
  if (existsSync(join(OPENMP_LIB, 'libopenblas.so.0'))) return { dir: OPENMP_LIB };
  try {
    mkdirSync(CACHE, { recursive: true });
    execFileSync('apt-get', ['download', 'libopenblas0-openmp'], { cwd: CACHE, stdio: 'ignore' });
    const deb = readdirSync(CACHE).find((f) => f.startsWith('libopenblas0-openmp') && f.endsWith('.deb'));
    execFileSync('dpkg', ['-x', deb, '.'], { cwd: CACHE, stdio: 'ignore' });
    return existsSync(join(OPENMP_LIB, 'libopenblas.so.0'))
      ? { dir: OPENMP_LIB }
      : { why: 'the package unpacked without libopenblas.so.0' };
  } catch (e) {
    return { why: `apt-get download libopenblas0-openmp failed (${String(e.message).split('\n')[0]})` };
  }
}

/**
 * Every native setup to try: each BLAS build found × each thread count from 1 to the core count.
 * Emits a line for a build that could not be had.
 */
export function nativeSetups(emit) {
  const python = torchPython();
  if (!python) {
    emit({ metric: 'native_setup', skipped: 'PyTorch not found: apt-get install python3-torch' });
    return [];
  }
  const builds = [{ blas: 'system default', env: {} }];
  const omp = openmpBlas();
  if (omp.dir) builds.push({ blas: 'openblas-openmp', env: { LD_LIBRARY_PATH: omp.dir } });
  else emit({ metric: 'native_setup', blas: 'openblas-openmp', skipped: omp.why });
  const cores = cpus().length;
  return builds.flatMap((b) =>
    Array.from({ length: cores }, (_, i) => ({ ...b, python, threads: i + 1, name: `${b.blas}, ${i + 1} threads` })),
  );
}

/** Samples/s of one training case under one native setup (scripts/native_bench.py), as its JSON line. */
export function nativeSpeed(setup, { preset, batch }, seconds) {
  const out = execFileSync(
    setup.python,
    [
      'scripts/native_bench.py',
      '--case',
      preset,
      '--batch',
      String(batch),
      '--threads',
      String(setup.threads),
      '--seconds',
      String(seconds),
    ],
    { env: { ...process.env, ...setup.env } },
  ).toString();
  return { ...JSON.parse(out.trim().split('\n').at(-1)), setup: setup.name };
}
