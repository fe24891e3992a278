import { useEffect, useRef, useState } from 'react';
import { useAppStore } from '../../store/useAppStore';
import { getTrainerClient } from '../../client/trainerClient';
import { writePixels } from '../common/imagePixels';
import type { DatasetBrowse } from '../../store/datasetSlice';

const PER_CLASS = 8;

/** One class's row of sample images, drawn into one canvas. */
function ClassRow({ b, cls, from }: { b: DatasetBrowse; cls: number; from: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const n = b.shown[cls];
  useEffect(() => {
    const [h, w] = b.shape;
    const c = canvas.current!;
    c.width = Math.max(1, n) * w;
    c.height = h;
    const ctx = c.getContext('2d')!;
    const out = ctx.createImageData(c.width, h);
    for (let k = 0; k < n; k++) writePixels(out, b.images, from + k, b.shape, k * w, 0);
    ctx.putImageData(out, 0, 0);
  }, [b, from, n]);
  return <canvas ref={canvas} style={{ width: `${(n / PER_CLASS) * 100}%` }} />;
}

/** Samples of every class with their counts, and the training set's per-channel mean and std. */
export function DatasetBrowser() {
  const [open, setOpen] = useState(false);
  const info = useAppStore((s) => s.datasetInfo);
  const browse = useAppStore((s) => s.browse);
  const datasetId = useAppStore((s) => s.config.datasetId);
  const current = browse?.datasetId === datasetId && info ? browse : null;
  useEffect(() => {
    if (open && info && !current) getTrainerClient().browseDataset(PER_CLASS);
  }, [open, info, current]);
  if (!info) return null;
  const fmt = (xs: number[]) => xs.map((v) => v.toFixed(4)).join(', ');
  return (
    <details
      className="browser"
      data-testid="dataset.browser"
      onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}
    >
      <summary title="Sample images of each class, how many there are, and the pixel statistics">
        Browse samples
      </summary>
      {current && (
        <>
          <p className="muted small" data-testid="dataset.stats">
            Per-channel mean ({fmt(current.stats.mean)}) · std ({fmt(current.stats.std)})
          </p>
          <ul className="classes">
            {info.classes.map((name, cls) => {
              const from = current.shown.slice(0, cls).reduce((a, b) => a + b, 0);
              const row = <ClassRow b={current} cls={cls} from={from} />;
              return (
                <li
                  key={name}
                  data-testid="dataset.class"
                  data-class={cls}
                  data-train={current.trainCounts[cls]}
                  data-test={current.testCounts[cls]}
                >
                  <span className="class-name">{name}</span>
                  <span className="muted small">
                    {current.trainCounts[cls].toLocaleString('en-US')} /{' '}
                    {current.testCounts[cls].toLocaleString('en-US')}
                  </span>
                  {row}
                </li>
              );
            })}
          </ul>
          <p className="muted small">Counts are train / test.</p>
        </>
      )}
    </details>
  );
}
