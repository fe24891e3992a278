import * as tf from '@tensorflow/tfjs';

/**
 * Early stopping on the validation loss, as Keras's EarlyStopping(restore_best_weights=True): keeps
 * a copy of the weights at the best validation loss and says when `patience` epochs have passed
 * without improvement.
 */
export class EarlyStopper {
  best = Infinity;
  bestEpoch = 0;
  private saved: tf.Tensor[] = [];
  constructor(private patience: number) {}
  /** Records an epoch's validation loss; true when training should stop. */
  update(model: tf.LayersModel, epoch: number, valLoss: number): boolean {
    if (valLoss < this.best) {
      this.best = valLoss;
      this.bestEpoch = epoch;
      tf.dispose(this.saved);
      this.saved = model.getWeights().map((w) => tf.keep(w.clone()));
      return false;
    }
    return epoch - this.bestEpoch >= this.patience;
  }
  restore(model: tf.LayersModel) {
    if (this.saved.length) model.setWeights(this.saved);
  }
  dispose() {
    tf.dispose(this.saved);
    this.saved = [];
  }
}
