import { useState } from 'react';
import { useAppStore } from '../../store/useAppStore';
import { ErrorMessage } from '../common/ErrorMessage';
import { downloadScript } from './exportScripts';
import type { ScriptEngine } from '../../shared/export/scripts';

const ENGINES: { engine: ScriptEngine; name: string; title: string }[] = [
  {
    engine: 'pytorch',
    name: 'PyTorch',
    title:
      'A PyTorch script of these settings: same network, data and training; runs with python3 or torchrun (many processes or machines), and writes a run file to import here',
  },
  {
    engine: 'keras',
    name: 'Keras',
    title:
      'A Keras 3 script of these settings (any backend): same network, data and training, and a run file to import here',
  },
];

/**
 * "Export as PyTorch / Keras": the current settings as one runnable Python file (network, data
 * pipeline, training; torchrun-ready for PyTorch). Its --out run file comes back through Import runs.
 */
export function ExportButtons() {
  const [error, setError] = useState<string | null>(null);
  const exportAs = async (engine: ScriptEngine) => {
    const s = useAppStore.getState();
    setError(await downloadScript(s.config, s.datasetInfo, engine));
  };
  return (
    <div className="export-code">
      <span className="muted small">Export as</span>
      {ENGINES.map(({ engine, name, title }) => (
        <button
          key={engine}
          type="button"
          data-testid={`export.${engine}`}
          onClick={() => void exportAs(engine)}
          title={title}
        >
          {name}
        </button>
      ))}
      {error && <ErrorMessage>{error}</ErrorMessage>}
    </div>
  );
}
