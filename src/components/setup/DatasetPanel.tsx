import { useSettingsLocked } from '../training/SettingsLock';
import { useEffect } from 'react';
import { useAppStore } from '../../store/useAppStore';
import { getTrainerClient } from '../../client/trainerClient';
import { ErrorMessage } from '../common/ErrorMessage';
import { DatasetBrowser } from './DatasetBrowser';

const KNOWN = [
  { id: 'mnist', name: 'MNIST' },
  { id: 'fashion-mnist', name: 'Fashion-MNIST' },
  { id: 'cifar10', name: 'CIFAR-10' },
];

const mb = (b: number) => (b / 1e6).toFixed(1);

/** Dataset picker with load progress, readiness and the fix when a dataset is missing. */
export function DatasetPanel() {
  const datasetId = useAppStore((s) => s.config.datasetId);
  const datasets = useAppStore((s) => s.datasets);
  const state = useAppStore((s) => s.datasetState);
  const loaded = useAppStore((s) => s.datasetLoaded);
  const total = useAppStore((s) => s.datasetTotal);
  const info = useAppStore((s) => s.datasetInfo);
  const message = useAppStore((s) => s.datasetMessage);
  const busy = useSettingsLocked();
  const colorMode = useAppStore((s) => s.config.colorMode);
  const options = [...KNOWN, ...datasets.filter((d) => !KNOWN.some((k) => k.id === d.id))];
  const stateOf = (id: string) => datasets.find((d) => d.id === id)?.state ?? 'unavailable';
  // When the page first shows a dataset ready (after the commit): `npm run bench` reads this mark.
  useEffect(() => {
    if (state === 'ready' && !performance.getEntriesByName('dataset-ready').length) performance.mark('dataset-ready');
  }, [state]);

  return (
    <section className="card">
      <h2>Dataset</h2>
      <select
        data-testid="dataset.select"
        aria-label="Dataset"
        value={datasetId}
        disabled={busy}
        title="The images the network learns from; the layers adapt to its image size and classes."
        onChange={(e) => getTrainerClient().selectDataset(e.target.value)}
      >
        {options.map((d) => (
          <option key={d.id} value={d.id}>
            {d.name}
            {stateOf(d.id) === 'ready' ? '' : ' (unavailable)'}
          </option>
        ))}
      </select>
      <div className="dataset-status" data-testid="dataset.status" data-state={state}>
        {state === 'loading' && (
          <>
            <progress max={total || 1} value={loaded} aria-label="Dataset download" />
            <span className="muted">Loading {total ? `${mb(loaded)} / ${mb(total)} MB` : '…'}</span>
          </>
        )}
        {state === 'ready' && info && (
          <span className="ok">
            Ready: {info.trainCount.toLocaleString('en-US')} train / {info.testCount.toLocaleString('en-US')} test,{' '}
            {info.imageShape.join('x')}
            {info.fromCache ? ' (from cache)' : ''}
          </span>
        )}
        {state === 'unavailable' && <span className="muted">Unavailable</span>}
      </div>
      {message && <ErrorMessage>{message}</ErrorMessage>}
      {state === 'ready' && info?.imageShape[2] === 3 && (
        <label
          className="field colour"
          title="Train on the colour images, or on grayscale versions of them (the source found gray makes LeNet overfit)."
        >
          <span className="field-label">Input colour</span>
          <select
            data-testid="hp.colorMode"
            value={colorMode}
            disabled={busy}
            onChange={(e) => useAppStore.getState().setConfig({ colorMode: e.target.value as 'rgb' | 'gray' })}
          >
            <option value="rgb">RGB (3 channels)</option>
            <option value="gray">Grayscale (1 channel)</option>
          </select>
        </label>
      )}
      <DatasetBrowser />
    </section>
  );
}
