import { useRef, useState } from 'react';
import { useAppStore } from '../../store/useAppStore';
import { exportRuns, importSummary, parseRunFile } from '../../store/runFile';
import type { Run } from '../../store/runsSlice';
import { ErrorMessage } from '../common/ErrorMessage';
import { downloadBlob } from '../common/download';

/** Downloads runs as a JSON file that Import reads back. */
export function downloadRuns(runs: Run[], name: string) {
  downloadBlob(new Blob([exportRuns(runs)], { type: 'application/json' }), name);
}

/** Export every run, or import runs from a file; a bad file changes nothing and says why. */
export function RunFileButtons() {
  const input = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const count = useAppStore((s) => s.runs.length);
  const load = async (file: File | undefined) => {
    if (!file) return;
    const r = parseRunFile(await file.text());
    if (!r.ok) setMessage({ ok: false, text: `${file.name}: ${r.message}` });
    else setMessage({ ok: true, text: importSummary(useAppStore.getState().importRuns(r.runs), file.name) });
    if (input.current) input.current.value = '';
  };
  return (
    <>
      <div className="row run-files">
        <button
          type="button"
          className="link"
          data-testid="run.exportAll"
          disabled={count === 0}
          onClick={() => downloadRuns(useAppStore.getState().runs, 'runs.json')}
          title="Downloads every run with its settings and metrics as JSON"
        >
          Export all runs
        </button>
        <button
          type="button"
          className="link"
          data-testid="run.importButton"
          onClick={() => input.current?.click()}
          title="Adds runs from a JSON file exported here; a bad file changes nothing"
        >
          Import runs
        </button>
        <input
          ref={input}
          type="file"
          accept="application/json,.json"
          hidden
          data-testid="run.import"
          onChange={(e) => void load(e.target.files?.[0])}
        />
      </div>
      {message &&
        (message.ok ? (
          <p className="note" data-testid="run.importMessage">
            {message.text}
          </p>
        ) : (
          <ErrorMessage>{message.text}</ErrorMessage>
        ))}
    </>
  );
}
