import { useState } from 'react';
import { useAppStore } from '../../store/useAppStore';
import { getTrainerClient } from '../../client/trainerClient';
import { parseSweepValues, sweepConfigs, SWEEP_KNOBS, SWEEP_RECIPES, type SweepKnob } from '../../store/sweep';
import { downloadSweepScript } from './exportScripts';
import { trainBlocker } from '../../store/selectors';
import { ErrorMessage } from '../common/ErrorMessage';

const KNOBS = Object.entries(SWEEP_KNOBS) as [SweepKnob, { name: string; example: string }][];

/** Sweep one knob over a list of values from the current settings (same seed); a recipe from the source experiments fills it in. */
export function SweepPanel() {
  const sweep = useAppStore((s) => s.sweep);
  const message = useAppStore((s) => s.sweepMessage);
  const blocker = useAppStore(trainBlocker);
  const [knob, setKnob] = useState<SweepKnob>('activation');
  const [text, setText] = useState(SWEEP_RECIPES[0].values);
  const [loaded, setLoaded] = useState<string | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const exportSweep = async () => {
    if (!('values' in parsed)) return;
    const { config, datasetInfo } = useAppStore.getState();
    const members = sweepConfigs(config, knob, parsed.values).map((c, i) => ({
      label: `${SWEEP_KNOBS[knob].name.toLowerCase()} ${parsed.values[i]}`,
      config: c,
    }));
    setExportError(await downloadSweepScript(members, datasetInfo));
  };
  const parsed = parseSweepValues(knob, text);
  const client = getTrainerClient();
  const run = (k: SweepKnob, t: string) => {
    const p = parseSweepValues(k, t);
    if ('values' in p) client.runs.startSweep(k, p.values);
  };
  return (
    <section className="card" data-testid="sweep">
      <h2>Sweep one knob</h2>
      {sweep ? (
        <div className="row">
          <span data-testid="sweep.status">
            Sweeping {SWEEP_KNOBS[sweep.knob].name.toLowerCase()}: run {sweep.runIds.length} of {sweep.values.length}
          </span>
          <button
            type="button"
            data-testid="sweep.cancel"
            onClick={() => client.runs.cancelSweep()}
            title="Stops the current run and skips the rest of the sweep"
          >
            Cancel sweep
          </button>
        </div>
      ) : (
        <>
          <div className="grid2">
            <label
              className="field"
              title="The one setting that changes between the sweep's runs; everything else, seed included, stays."
            >
              <span className="field-label">Knob</span>
              <select
                data-testid="sweep.knob"
                value={knob}
                onChange={(e) => {
                  setKnob(e.target.value as SweepKnob);
                  setLoaded(null);
                }}
              >
                {KNOBS.map(([k, { name }]) => (
                  <option key={k} value={k}>
                    {name}
                  </option>
                ))}
              </select>
            </label>
            <label className="field" title={`Comma-separated values to try, e.g. ${SWEEP_KNOBS[knob].example}.`}>
              <span className="field-label">Values</span>
              <input
                data-testid="sweep.values"
                value={text}
                aria-invalid={'error' in parsed}
                placeholder={SWEEP_KNOBS[knob].example}
                onChange={(e) => {
                  setText(e.target.value);
                  setLoaded(null);
                }}
              />
            </label>
          </div>
          {'error' in parsed && <ErrorMessage>{parsed.error}</ErrorMessage>}
          {loaded && (
            <p className="note" data-testid="sweep.loaded">
              {loaded}
            </p>
          )}
          <button
            type="button"
            className="primary sweep-go"
            data-testid="sweep.start"
            disabled={'error' in parsed || !!blocker}
            title={blocker ?? 'Trains one run per value, one after another, then compares them'}
            onClick={() => {
              setLoaded(null);
              run(knob, text);
            }}
          >
            Run sweep{'values' in parsed ? ` (${parsed.values.length} runs)` : ''}
          </button>
          <button
            type="button"
            className="link"
            data-testid="sweep.exportScript"
            disabled={'error' in parsed}
            onClick={() => void exportSweep()}
            title="One shell script that trains every run of this sweep with the exported PyTorch script (python3 or torchrun), each writing a run file to import here"
          >
            Export as a script
          </button>
          {exportError && <ErrorMessage>{exportError}</ErrorMessage>}
          <div className="recipes">
            <span className="muted small">Recipes:</span>
            {SWEEP_RECIPES.map((r) => (
              <button
                type="button"
                key={r.id}
                className="link"
                data-testid={`sweep.recipe.${r.id}`}
                title={`Fills in a sweep of ${SWEEP_KNOBS[r.knob].name.toLowerCase()} over ${r.values}; Run sweep starts it`}
                onClick={() => {
                  setKnob(r.knob);
                  setText(r.values);
                  setLoaded(
                    `Loaded “${r.name}”: knob ${SWEEP_KNOBS[r.knob].name.toLowerCase()}, values ${r.values}. Press Run sweep to train them.`,
                  );
                }}
              >
                {r.name}
              </button>
            ))}
          </div>
        </>
      )}
      {message && (
        <p className="note" data-testid="sweep.message">
          {message}
        </p>
      )}
    </section>
  );
}
