import * as tf from '@tensorflow/tfjs';

/**
 * The gradient of Mean, registered over tfjs's own. tfjs's multiplies the incoming gradient by a tensor
 * of ones the size of the input, filled in a JavaScript loop on every call: a BatchNorm layer takes the
 * mean of its whole activation, and in the compact CNN those loops took a fifth of a training step in the
 * page. Here the gradient is divided by the count while still small and broadcast to the input's shape
 * (the same values: dy · 1 / n = dy / n).
 */
tf.registerGradient({
  kernelName: 'Mean',
  inputsToSave: ['x'],
  gradFunc: (dy, saved, attrs) => {
    const [x] = saved;
    const { axis } = attrs as unknown as { axis: number | number[] };
    const axes = tf.util.parseAxisParam(axis, x.shape);
    const count = axes.reduce((n, a) => n * x.shape[a], 1);
    const kept = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
    return {
      x: () => tf.broadcastTo(tf.div(tf.reshape(dy as tf.Tensor, kept), count), x.shape),
    };
  },
});
