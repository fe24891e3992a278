import { useState } from 'react';
import { useAppStore } from '../../store/useAppStore';
import { runActive } from '../../store/selectors';
import { getTrainerClient } from '../../client/trainerClient';
import { FilePicker, OutcomeMessage, type Outcome } from '../common/FilePicker';
import { downloadBlob } from '../common/download';
import { fmtInt } from '../common/format';

/** Save the last trained model as TensorFlow.js files (model.json + weights), or load such files to classify drawings with. */
export function ModelFileButtons() {
  const [message, setMessage] = useState<Outcome | null>(null);
  const training = useAppStore(runActive);
  const client = getTrainerClient();
  const save = async () => {
    const r = await client.saveModel();
    if (r.type !== 'modelSaved')
      return setMessage({ ok: false, text: r.type === 'modelFileError' ? r.message : 'Unexpected reply.' });
    downloadBlob(new Blob([r.modelJson], { type: 'application/json' }), 'model.json');
    downloadBlob(new Blob([r.weights], { type: 'application/octet-stream' }), 'model.weights.bin');
    setMessage({ ok: true, text: 'Saved model.json and model.weights.bin (TensorFlow.js layers format).' });
  };
  const load = async (files: File[]) => {
    const json = files.find((f) => f.name.endsWith('.json'));
    const bin = files.find((f) => f.name.endsWith('.bin'));
    if (!json || !bin)
      return setMessage({ ok: false, text: 'Pick both files together: model.json and its .bin weights file.' });
    const r = await client.loadModel(await json.text(), await bin.arrayBuffer(), json.name);
    if (r.type !== 'modelLoaded')
      return setMessage({ ok: false, text: r.type === 'modelFileError' ? r.message : 'Unexpected reply.' });
    setMessage({
      ok: true,
      text: `Loaded ${json.name} (${fmtInt(r.params)} parameters): draw to see its predictions.`,
    });
  };
  return (
    <div className="model-files">
      <div className="row">
        <button
          type="button"
          data-testid="model.save"
          disabled={training}
          onClick={() => void save()}
          title="Downloads the last trained model as model.json + model.weights.bin (TensorFlow.js format)"
        >
          Save model
        </button>
        <FilePicker
          buttonTestId="model.loadButton"
          inputTestId="model.load"
          disabled={training}
          multiple
          accept=".json,.bin"
          onFiles={(files) => void load(files)}
          title="Loads a saved model.json with its weights file, to classify drawings with it"
        >
          Load model…
        </FilePicker>
      </div>
      <OutcomeMessage outcome={message} testId="model.message" />
    </div>
  );
}
