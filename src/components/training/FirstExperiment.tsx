import { useAppStore } from '../../store/useAppStore';
import { drawsDigits, trainBlocker } from '../../store/selectors';
import { getTrainerClient } from '../../client/trainerClient';

/** The experiment a first visit starts with: the same network with sigmoid, then ReLU, compared. */
const BUDGET = { epochs: 1, trainSize: 10000 };

/** Shown until the first run: what to try first, in one click. */
export function FirstExperiment() {
  const noRuns = useAppStore((s) => s.runs.length === 0);
  const blocker = useAppStore(trainBlocker);
  const digits = useAppStore(drawsDigits);
  if (!noRuns) return null;
  return (
    <section className="card first-run" data-testid="first.experiment">
      <h2>Start here</h2>
      <p>
        <strong>Why does ReLU train faster than sigmoid?</strong> Train this network twice on{' '}
        {BUDGET.trainSize.toLocaleString('en-US')} {digits ? 'digits' : 'images'} for one epoch, once with sigmoid and
        once with ReLU, and compare their curves.{' '}
        {digits && (
          <>
            Meanwhile, <a href="#draw">draw a digit</a>: the starter model answers.
          </>
        )}
      </p>
      <button
        type="button"
        className="primary"
        data-testid="first.start"
        disabled={!!blocker}
        title={blocker ?? 'Trains two runs, sigmoid then ReLU, with your other settings, then compares them'}
        onClick={() => getTrainerClient().runs.startSweep('activation', ['sigmoid', 'relu'], BUDGET)}
      >
        Train sigmoid, then ReLU, and compare
      </button>
    </section>
  );
}
