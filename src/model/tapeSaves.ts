import * as tf from '@tensorflow/tfjs';

/** The parts of tfjs-core's Engine (4.x) that {@link shareTapeSaves} replaces and uses. */
interface EngineInternals {
  clone(x: tf.Tensor): tf.Tensor;
  backend: { incRef?(dataId: object): void };
  state: { activeScope: { name: string }; tensorInfo: Map<object, { backend: unknown }> };
  makeTensorFromDataId(dataId: object, shape: number[], dtype: tf.DataType, backend: unknown): tf.Tensor;
  addTapeNode(
    scope: string,
    inputs: tf.NamedTensorMap,
    outputs: tf.Tensor[],
    grad: (dy: tf.Tensor) => Record<string, () => tf.Tensor>,
    saved: tf.Tensor[],
    attrs: object,
  ): void;
}

const shared = new WeakSet<object>();

/**
 * Makes the gradient tape keep what a backward pass needs as shared references, without a kernel.
 * tfjs-core's engine saves every tensor a gradient will read (a kernel's inputs and outputs) through
 * `engine.clone`, which runs the Identity kernel; every backend's Identity only adds a reference to
 * the same buffer, but through a full kernel dispatch: 44 of a batch-1 LeNet-5 step's 156 kernels,
 * each costing as much as a small convolution's arithmetic. This does the same in place (one more
 * reference, the same tape node), so nothing changes but the dispatch. tfjs offers no option for
 * it, hence the patch; it applies only where the engine still has the method it replaces, and
 * strings and tensors of another backend keep the original path. Safe to call twice.
 */
export function shareTapeSaves(): void {
  const engine = tf.engine() as unknown as EngineInternals;
  if (shared.has(engine) || typeof engine.clone !== 'function') return;
  const original = engine.clone.bind(engine);
  engine.clone = (x: tf.Tensor) => {
    const backend = engine.backend;
    if (x.dtype === 'string' || !backend.incRef || engine.state.tensorInfo.get(x.dataId)?.backend !== backend)
      return original(x);
    const y = engine.makeTensorFromDataId(x.dataId, x.shape, x.dtype, backend);
    backend.incRef(x.dataId);
    engine.addTapeNode(
      engine.state.activeScope.name,
      { x },
      [y],
      (dy) => ({ x: () => tf.cast(dy, 'float32') }),
      [],
      {},
    );
    return y;
  };
  shared.add(engine);
}
