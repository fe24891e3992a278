import { useState } from 'react';
import { useAppStore } from '../../store/useAppStore';
import { exportRuns, importSummary, parseRunFile } from '../../store/runFile';
import type { Run } from '../../store/runsSlice';
import { FilePicker, OutcomeMessage, type Outcome } from '../common/FilePicker';
import { downloadBlob } from '../common/download';

/** Downloads runs as a JSON file that Import reads back. */
export function downloadRuns(runs: Run[], name: string) {
  downloadBlob(new Blob([exportRuns(runs)], { type: 'application/json' }), name);
}

/** Export every run, or import runs from a file; a bad file changes nothing and says why. */
export function RunFileButtons() {
  const [message, setMessage] = useState<Outcome | null>(null);
  const count = useAppStore((s) => s.runs.length);
  const load = async (file: File) => {
    const r = parseRunFile(await file.text());
    if (!r.ok) setMessage({ ok: false, text: `${file.name}: ${r.message}` });
    else setMessage({ ok: true, text: importSummary(useAppStore.getState().importRuns(r.runs), file.name) });
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
        <FilePicker
          className="link"
          buttonTestId="run.importButton"
          inputTestId="run.import"
          accept="application/json,.json"
          onFiles={(files) => void load(files[0])}
          title="Adds runs from a JSON file exported here; a bad file changes nothing"
        >
          Import runs
        </FilePicker>
      </div>
      <OutcomeMessage outcome={message} testId="run.importMessage" />
    </>
  );
}
