// Downloads of the exported scripts: the current settings, a run's, or a sweep's members.
import type { Config } from '../../shared/config';
import type { DatasetInfo } from '../../shared/protocol';
import { exportDataset } from '../../shared/export/datasets';
import type { ScriptEngine, ScriptInput } from '../../shared/export/scripts';
import { presetTitle } from '../../model/presets';
import { downloadBlob } from '../common/download';

declare const __APP_BUILD__: string;
const appVersion = () => (typeof __APP_BUILD__ === 'string' ? __APP_BUILD__.split('+')[0] : 'dev');

/** The script's input for a config, or why there is none (the message the page shows). */
export function scriptInput(config: Config, loaded: DatasetInfo | null): ScriptInput | { error: string } {
  const dataset = exportDataset(config.datasetId, loaded);
  if (!dataset)
    return { error: `Load the ${config.datasetId} dataset first: the script needs its image size and classes.` };
  const title = config.preset === 'custom' ? 'Custom network' : presetTitle(config.preset, config.layers);
  return { config, dataset, title, appVersion: appVersion() };
}

// The generator and its Python (~70 KB) load on the first export, not with the page.
const generator = () => import('../../shared/export/sweepScript');

/** Downloads the script for `config`; resolves to an error message instead when it cannot be made. */
export async function downloadScript(
  config: Config,
  loaded: DatasetInfo | null,
  engine: ScriptEngine,
): Promise<string | null> {
  const input = scriptInput(config, loaded);
  if ('error' in input) return input.error;
  const { exportScript, scriptFileName } = await generator();
  try {
    downloadBlob(new Blob([exportScript(input, engine)], { type: 'text/x-python' }), scriptFileName(input, engine));
    return null;
  } catch (e) {
    return `${(e as Error).message} Fix the network in the layer editor, then export again.`;
  }
}

/** Downloads one shell script that trains every member of a sweep with the PyTorch script. */
export async function downloadSweepScript(
  members: { label: string; config: Config }[],
  loaded: DatasetInfo | null,
): Promise<string | null> {
  const inputs = members.map((m) => ({ label: m.label, input: scriptInput(m.config, loaded) }));
  const bad = inputs.find((m) => 'error' in m.input);
  if (bad) return (bad.input as { error: string }).error;
  const { sweepShellScript } = await generator();
  try {
    const text = sweepShellScript(inputs as { label: string; input: ScriptInput }[]);
    downloadBlob(new Blob([text], { type: 'text/x-sh' }), 'sweep.sh');
    return null;
  } catch (e) {
    return `${(e as Error).message} Fix the network in the layer editor, then export again.`;
  }
}
