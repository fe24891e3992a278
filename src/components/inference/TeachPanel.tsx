import { useState } from 'react';
import { useAppStore } from '../../store/useAppStore';
import { runActive } from '../../store/selectors';
import { getTrainerClient } from '../../client/trainerClient';
import { drawingsFile } from '../../client/teacher';
import { downloadBlob } from '../common/download';
import { ErrorMessage } from '../common/ErrorMessage';
import { FilePicker, OutcomeMessage, type Outcome } from '../common/FilePicker';

const pct = (v: number | null | undefined) => (v == null ? '—' : `${(v * 100).toFixed(2)}%`);

/**
 * Teach it your handwriting: label the drawing and keep it (in this browser), then fine-tune the
 * model that answers on those drawings mixed with replayed training images; compare the answer
 * and the test accuracy before and after; undo; export, import or delete the drawings.
 */
export function TeachPanel() {
  const personal = useAppStore((s) => s.personal);
  const drawing = useAppStore((s) => s.drawing);
  const tune = useAppStore((s) => s.tune);
  const probs = useAppStore((s) => s.probs);
  const training = useAppStore(runActive);
  const answering = useAppStore((s) => !!s.modelSource);
  const [label, setLabel] = useState(0);
  const [message, setMessage] = useState<Outcome | null>(null);
  const teacher = getTrainerClient().teacher;
  const counts = Array.from({ length: 10 }, (_, d) => personal.filter((p) => p.label === d).length);
  const top = probs ? probs.indexOf(Math.max(...probs)) : null;
  return (
    <details className="fold teach" data-testid="teach">
      <summary data-testid="teach.open" title="Label your drawings and fine-tune the model on your handwriting">
        Teach it your handwriting ({personal.length} drawing{personal.length === 1 ? '' : 's'})
      </summary>
      <div className="row">
        <label className="field inline-field" title="The digit this drawing is">
          <span className="field-label">This is a</span>
          <select data-testid="teach.label" value={label} onChange={(e) => setLabel(Number(e.target.value))}>
            {counts.map((_, d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          data-testid="teach.add"
          disabled={!drawing}
          onClick={() => teacher.addDrawing(label)}
          title="Keeps this drawing, labelled, in this browser"
        >
          Add drawing
        </button>
      </div>
      <p className="muted small" data-testid="teach.count">
        {personal.length === 0
          ? 'No drawings yet: draw a digit, pick what it is, add it. A few of each digit you write unusually is enough.'
          : counts
              .map((n, d) => (n ? `${n}×${d}` : null))
              .filter(Boolean)
              .join(' · ')}
      </p>
      <div className="row">
        <button
          type="button"
          className="primary"
          data-testid="teach.tune"
          disabled={personal.length === 0 || training || !answering || tune.state === 'tuning'}
          onClick={() => void teacher.tune()}
          title="Fine-tunes the model that answers on your drawings, mixed with training images so it does not forget"
        >
          {tune.state === 'tuning' ? 'Fine-tuning…' : 'Fine-tune on my drawings'}
        </button>
        <button
          type="button"
          data-testid="teach.undo"
          disabled={tune.state !== 'tuned' || training}
          onClick={() => void teacher.undo()}
          title="Puts back the model from before the fine-tuning"
        >
          Undo
        </button>
      </div>
      {tune.state === 'tuned' && (
        <p className="note" data-testid="teach.result" data-before={tune.before ?? ''} data-after={tune.after ?? ''}>
          Test accuracy {pct(tune.before)} → {pct(tune.after)}.
          {tune.drawingBefore && top !== null && probs
            ? ` This drawing: ${tune.drawingBefore.top} (${(tune.drawingBefore.prob * 100).toFixed(0)}%) → ${top} (${(probs[top] * 100).toFixed(0)}%).`
            : ''}
        </p>
      )}
      {tune.state === 'failed' && <ErrorMessage>{tune.message}</ErrorMessage>}
      <div className="row">
        <button
          type="button"
          className="link"
          data-testid="teach.export"
          disabled={personal.length === 0}
          onClick={() =>
            downloadBlob(new Blob([drawingsFile(personal)], { type: 'application/json' }), 'my-drawings.json')
          }
          title="Downloads your labelled drawings as JSON"
        >
          Export drawings
        </button>
        <FilePicker
          className="link"
          inputTestId="teach.import"
          accept="application/json,.json"
          onFiles={async ([f]) => {
            const r = await teacher.importFile(await f.text(), f.name);
            setMessage({ ok: r.ok, text: r.message });
          }}
          title="Adds drawings from a file exported here"
        >
          Import drawings
        </FilePicker>
        <button
          type="button"
          className="link"
          data-testid="teach.clear"
          disabled={personal.length === 0}
          onClick={() => void teacher.clear()}
          title="Deletes your drawings from this browser"
        >
          Delete my drawings
        </button>
      </div>
      <OutcomeMessage outcome={message} testId="teach.message" />
    </details>
  );
}
