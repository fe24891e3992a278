import { useRef, useState } from 'react';
import { useAppStore } from '../../store/useAppStore';
import { exportArchitecture, parseArchitecture } from '../../model/archSchema';
import { ErrorMessage } from '../common/ErrorMessage';
import { downloadBlob } from '../common/download';

/** Export the layers as JSON, or import a file; a bad file leaves the network untouched and says why. */
export function ArchitectureFileButtons({ disabled }: { disabled: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState<string | null>(null);

  const download = () => {
    const { config } = useAppStore.getState();
    downloadBlob(
      new Blob([exportArchitecture(config.layers, config.preset)], { type: 'application/json' }),
      `architecture-${config.preset}.json`,
    );
  };
  const load = async (file: File | undefined) => {
    if (!file) return;
    const r = parseArchitecture(await file.text());
    setMessage(r.ok ? null : `${file.name}: ${r.message}`);
    if (r.ok) useAppStore.getState().replaceLayers(r.layers);
    if (input.current) input.current.value = '';
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
      <button
        type="button"
        data-testid="editor.importButton"
        disabled={disabled}
        onClick={() => input.current?.click()}
        title="Loads layers from a JSON file exported here; a bad file changes nothing."
      >
        Import JSON
      </button>
      <input
        ref={input}
        type="file"
        accept="application/json,.json"
        hidden
        data-testid="editor.import"
        onChange={(e) => void load(e.target.files?.[0])}
      />
      {message && (
        <div className="editor-message">
          <ErrorMessage>{message}</ErrorMessage>
        </div>
      )}
    </>
  );
}
