import type { DatasetInfo } from '../protocol';
import type { ScriptInput } from './scripts';

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** The built-in datasets' shapes and classes, so a run on another dataset than the loaded one still exports. */
export const BUILT_IN_DATASETS: Record<string, ScriptInput['dataset']> = {
  mnist: { id: 'mnist', name: 'MNIST', imageShape: [28, 28, 1], classes: DIGITS },
  'fashion-mnist': {
    id: 'fashion-mnist',
    name: 'Fashion-MNIST',
    imageShape: [28, 28, 1],
    classes: ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'],
  },
  cifar10: {
    id: 'cifar10',
    name: 'CIFAR-10',
    imageShape: [32, 32, 3],
    classes: ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'],
  },
};

/** What a script needs of dataset `id`: the loaded dataset's facts when it is that one, else the built-in's; null if unknown. */
export function exportDataset(id: string, loaded: DatasetInfo | null): ScriptInput['dataset'] | null {
  if (loaded?.id === id) return { id, name: loaded.name, imageShape: loaded.imageShape, classes: loaded.classes };
  return BUILT_IN_DATASETS[id] ?? null;
}
