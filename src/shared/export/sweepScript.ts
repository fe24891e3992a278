import { exportScript, scriptFileName, type ScriptInput } from './scripts';

export { exportScript, scriptFileName };

/** The heredoc marker around each member's Python (no exported script holds this line). */
const END = 'NN_PLAYGROUND_PYTHON';

/**
 * One bash script that writes each sweep member's PyTorch script and runs them in turn, every run
 * file into sweep-runs/ for "Import runs". Extra arguments go to every member (e.g. --data DIR),
 * and LAUNCH chooses how each runs (default: python3; e.g. "torchrun --nproc_per_node 4").
 */
export function sweepShellScript(members: { label: string; input: ScriptInput }[]): string {
  const slug = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9.]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40);
  const lines = [
    '#!/usr/bin/env bash',
    `# A sweep of ${members.length} runs exported from nn-playground: ${members.map((m) => m.label).join(', ')}.`,
    '# Each member is the PyTorch script the page exports for it; this writes them to a temporary folder and runs',
    '# them one after another, each run file into sweep-runs/ (import them all with "Import runs").',
    '# Usage: bash sweep.sh --data DIR [more flags for every member, e.g. --epochs 5]',
    '#   LAUNCH="torchrun --nproc_per_node 4" bash sweep.sh ...   runs each member on 4 processes',
    '#   PYTHON=/usr/bin/python3 (the default: python3) picks the Python that imports torch',
    'set -euo pipefail',
    'PYTHON=${PYTHON:-python3}',
    'LAUNCH=${LAUNCH:-$PYTHON}',
    'work=$(mktemp -d)',
    'trap \'rm -rf "$work"\' EXIT',
    'mkdir -p sweep-runs',
  ];
  members.forEach((m, i) => {
    const file = `${i + 1}-${scriptFileName(m.input, 'pytorch')}`;
    const out = `sweep-runs/${i + 1}-${slug(m.label) || 'run'}.json`;
    lines.push(
      '',
      `cat > "$work/${file}" <<'${END}'`,
      exportScript(m.input, 'pytorch'),
      END,
      `echo "== run ${i + 1} of ${members.length}: ${m.label.replace(/["$`\\]/g, '')}" >&2`,
      `$LAUNCH "$work/${file}" --out ${out} "$@"`,
    );
  });
  lines.push('', `echo "Done: ${members.length} run files in sweep-runs/. Import them with Import runs." >&2`, '');
  return lines.join('\n');
}
