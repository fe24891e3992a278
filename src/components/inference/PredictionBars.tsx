import { useAppStore } from '../../store/useAppStore';

interface Props {
  probs: number[] | null;
  hint: string | null;
  /** Test-id prefix: `prediction` for the drawing canvas, `image` for the image classifier. */
  testPrefix?: string;
  emptyText?: string;
}

/** One probability bar per class, named by the dataset's classes, with the top class marked. */
export function PredictionBars({
  probs,
  hint,
  testPrefix = 'prediction',
  emptyText = 'Draw a digit in the box.',
}: Props) {
  const classes = useAppStore((s) => s.datasetInfo?.classes);
  if (!probs) return <p className="muted small prediction-hint">{hint ?? emptyText}</p>;
  const top = probs.indexOf(Math.max(...probs));
  const name = (i: number) => classes?.[i] ?? String(i);
  return (
    <div className="prediction">
      <p
        className="prediction-top"
        data-testid={`${testPrefix}.top`}
        data-class={top}
        data-prob={probs[top].toFixed(4)}
      >
        <span className="big">{name(top)}</span> <span className="muted">{(probs[top] * 100).toFixed(1)}% sure</span>
      </p>
      <ul className="bars">
        {probs.map((p, i) => (
          <li
            key={i}
            data-testid={`${testPrefix}.bar`}
            data-class={i}
            data-prob={p.toFixed(6)}
            className={i === top ? 'top' : ''}
          >
            <span className="bar-label">{name(i)}</span>
            <span className="bar-track">
              <span className="bar-fill" style={{ width: `${p * 100}%` }} />
            </span>
            <span className="bar-value">{(p * 100).toFixed(1)}%</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
