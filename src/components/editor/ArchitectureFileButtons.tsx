import { useState } from 'react';
import { useAppStore } from '../../store/useAppStore';
import { exportArchitecture, parseArchitecture } from '../../model/archSchema';
import { ErrorMessage } from '../common/ErrorMessage';
import { FilePicker } from '../common/FilePicker';
import { downloadBlob } from '../common/download';

/** Export the layers as JSON, or import a file; a bad file leaves the network untouched and says why. */
export function ArchitectureFileButtons({ disabled }: { disabled: boolean }) {
  const [message, setMessage] = useState<string | null>(null);

  const download = () => {
    const { config } = useAppStore.getState();
    downloadBlob(
      new Blob([exportArchitecture(config.layers, config.preset)], { type: 'application/json' }),
      `architecture-${config.preset}.json`,
    );
  };
  const load = async (file: File) => {
    const r = parseArchitecture(await file.text());
    setMessage(r.ok ? null : `${file.name}: ${r.message}`);
    if (r.ok) useAppStore.getState().replaceLayers(r.layers);
  };
  return (
    <>
      <button
        type="button"
        data-testid="editor.export"
        onClick={download}
        title="Downloads the layers as a JSON file you can share or import later."
      >
        Export JSON
      </button>
      <FilePicker
        buttonTestId="editor.importButton"
        inputTestId="editor.import"
        disabled={disabled}
        accept="application/json,.json"
        onFiles={(files) => void load(files[0])}
        title="Loads layers from a JSON file exported here; a bad file changes nothing."
      >
        Import JSON
      </FilePicker>
      {message && (
        <div className="editor-message">
          <ErrorMessage>{message}</ErrorMessage>
        </div>
      )}
    </>
  );
}
