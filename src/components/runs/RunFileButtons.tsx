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
  // Several files at once (e.g. the run files of a sweep exported as a script); each says how it went.
  const load = async (files: File[]) => {
    const results: Outcome[] = [];
    for (const file of files) {
      const r = parseRunFile(await file.text());
      results.push(
        r.ok
          ? { ok: true, text: importSummary(useAppStore.getState().importRuns(r.runs), file.name) }
          : { ok: false, text: `${file.name}: ${r.message}` },
      );
    }
    setMessage({ ok: results.every((r) => r.ok), text: results.map((r) => r.text).join(' ') });
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
          multiple
          onFiles={(files) => void load(files)}
          title="Adds runs from JSON files exported here or written by an exported script's --out; a bad file changes nothing"
        >
          Import runs
        </FilePicker>
      </div>
      <OutcomeMessage outcome={message} testId="run.importMessage" />
    </>
  );
}
