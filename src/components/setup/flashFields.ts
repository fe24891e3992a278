import type { Config } from '../../shared/config';

/** The fields that show each setting, by test id (prefix match for groups such as `aug.`). */
const FIELDS: Partial<Record<keyof Config, string[]>> = {
  datasetId: ['dataset.select'],
  preset: ['preset.select'],
  layers: ['preset.select', 'toggle.activation', 'toggle.pooling'],
  epochs: ['hp.epochs'],
  batchSize: ['hp.batchSize'],
  learningRate: ['hp.learningRate'],
  trainSize: ['hp.trainSize'],
  seed: ['hp.seed'],
  optimizer: ['hp.optimizer'],
  optimizerParams: ['hp.optimizerParams'],
  schedule: ['hp.schedule'],
  loss: ['hp.loss'],
  l2: ['hp.l2'],
  validationSplit: ['hp.validationSplit'],
  earlyStopping: ['hp.earlyStopping'],
  patience: ['hp.patience'],
  normalization: ['hp.normalization'],
  augment: ['aug.'],
  colorMode: ['hp.colorMode'],
};

/**
 * Briefly highlights the fields of the settings that just changed (a loaded recipe), after React has
 * drawn them: each field's label box gets the `flash` class for the length of its CSS animation.
 */
export function flashFields(keys: (keyof Config)[]) {
  const ids = keys.flatMap((k) => FIELDS[k] ?? []);
  requestAnimationFrame(() => {
    for (const id of ids) {
      const sel = id.endsWith('.') ? `[data-testid^="${id}"]` : `[data-testid="${id}"]`;
      for (const el of document.querySelectorAll<HTMLElement>(sel)) {
        const box = el.closest<HTMLElement>('.field') ?? el;
        box.classList.remove('flash');
        void box.offsetWidth; // restarts the animation when the same field flashes again
        box.classList.add('flash');
        box.addEventListener('animationend', () => box.classList.remove('flash'), { once: true });
      }
    }
  });
}
