# ---------------------------------------------------------------------------------------------------------------------
# Keras 3 (any backend; jax unless KERAS_BACKEND says otherwise): the network, the optimizer and the training loop.
# ---------------------------------------------------------------------------------------------------------------------
os.environ.setdefault('KERAS_BACKEND', 'jax')
import keras  # noqa: E402
from keras import initializers, layers, ops, regularizers  # noqa: E402


@keras.saving.register_keras_serializable('nn_playground')
class LecunTanh(layers.Layer):
    """LeCun's scaled tanh, 1.7159·tanh(2x/3) (LeCun et al. 1998, appendix A)."""

    def call(self, x):
        return 1.7159 * ops.tanh(2 / 3 * x)


# @@BUILD_MODEL@@


class AdamFamily(keras.optimizers.Optimizer):
    """NAdam and AdaBelief exactly as the page defines them; per weight w, gradient g, step t, c1 = 1 - b1^t,
    c2 = 1 - b2^t, m = b1 m + (1-b1) g:
    NAdam: v = b2 v + (1-b2) g²; w -= lr (b1 m/(1-b1^(t+1)) + (1-b1) g/c1) / (sqrt(v/c2) + eps)
    AdaBelief: s = b2 s + (1-b2)(g-m)² + eps; w -= lr (m/c1) / (sqrt(s/c2) + eps)"""

    def __init__(self, rule, learning_rate, beta_1, beta_2, epsilon, **kwargs):
        super().__init__(learning_rate=learning_rate, name=rule, **kwargs)
        self.rule, self.b1, self.b2, self.eps = rule, beta_1, beta_2, epsilon

    def build(self, var_list):
        if self.built:
            return
        super().build(var_list)
        self._m = [self.add_variable_from_reference(v, 'm') for v in var_list]
        self._v = [self.add_variable_from_reference(v, 'v') for v in var_list]

    def update_step(self, g, var, lr):
        i = self._get_variable_index(var)
        m, v = self._m[i], self._v[i]
        b1, b2, eps = self.b1, self.b2, self.eps
        t = ops.cast(self.iterations + 1, var.dtype)
        c1, c2 = 1 - ops.power(b1, t), 1 - ops.power(b2, t)
        m1 = m * b1 + g * (1 - b1)
        v1 = v * b2 + ops.square(g - m1) * (1 - b2) + eps if self.rule == 'adabelief' else v * b2 + ops.square(g) * (1 - b2)
        num = m1 * (b1 / (1 - ops.power(b1, t + 1))) + g * ((1 - b1) / c1) if self.rule == 'nadam' else m1 / c1
        self.assign(m, m1)
        self.assign(v, v1)
        self.assign_sub(var, num / (ops.sqrt(v1 / c2) + eps) * lr)


def make_optimizer(lr):
    kind, p = CONFIG['optimizer'], CONFIG['optimizerParams']
    eps = p['epsilon']
    if kind == 'sgd':
        return keras.optimizers.SGD(lr)
    if kind == 'momentum':
        return keras.optimizers.SGD(lr, momentum=p['momentum'], nesterov=p['nesterov'])
    if kind == 'rmsprop':
        return keras.optimizers.RMSprop(lr, rho=p['rho'], momentum=p['momentum'], epsilon=eps)
    if kind == 'adam':
        return keras.optimizers.Adam(lr, beta_1=p['beta1'], beta_2=p['beta2'], epsilon=eps)
    if kind == 'adamw':  # decoupled decay w -= lr·wd·w, as the page's
        return keras.optimizers.AdamW(lr, weight_decay=p['weightDecay'], beta_1=p['beta1'], beta_2=p['beta2'], epsilon=eps)
    return AdamFamily(kind, lr, p['beta1'], p['beta2'], eps)


def sample_losses(y, logits):
    """Per-sample loss on logits: softmax cross-entropy, or the mean squared error of the probabilities."""
    if CONFIG['loss'] == 'mse':
        return ops.mean(ops.square(ops.softmax(logits, -1) - y), -1)
    return keras.losses.categorical_crossentropy(y, logits, from_logits=True)


def data_loss(y, logits):
    """The loss without the L2 term, as the page reports it."""
    return sample_losses(y, logits)


def numpy_losses(y, logits):
    z = logits - logits.max(1, keepdims=True)
    p = np.exp(z) / np.exp(z).sum(1, keepdims=True)
    onehot = np.eye(logits.shape[1])[y]
    if CONFIG['loss'] == 'mse':
        return ((p - onehot) ** 2).mean(1)
    return -(z - np.log(np.exp(z).sum(1, keepdims=True)))[np.arange(len(y)), y]


def logits_of(model, xs, pixel):
    return np.concatenate([np.asarray(model.predict_on_batch(normalize(xs[i:i + 500], pixel)), np.float64)
                           for i in range(0, len(xs), 500)]) if len(xs) else np.zeros((0, len(DATASET['classes'])))


def evaluate(model, xs, ys, pixel):
    logits = logits_of(model, xs, pixel)
    return float(numpy_losses(ys, logits).mean()), float((logits.argmax(1) == ys).mean())


def weights_by_layer(model):
    return [dict(zip(shapes, model.get_layer(name).get_weights())) for name, _, shapes in TFJS_LAYERS]


def main():
    args = arguments(__doc__, torch_flags=False)
    keras.utils.set_random_seed(args.seed)
    model = build_model()
    meta = None
    if args.init_from:
        found, meta = read_tfjs(args.init_from)
        check_layers(found)
        for (name, _, shapes), (_, w) in zip(TFJS_LAYERS, found):
            model.get_layer(name).set_weights([w[k] for k in shapes])
    params = int(sum(np.prod(w.shape) for w in model.trainable_weights))
    engine = {'name': 'keras', 'version': f'{keras.__version__} ({keras.backend.backend()})', 'device': 'cpu',
              'processes': 1, 'nodes': 1, 'amp': False, 'hardware': hardware(keras.backend.backend())}
    emit({'params': params, 'engine': 'keras', 'backend': keras.backend.backend()})
    exp = Experiment(args)
    if meta and len(meta['pixel']['scale']) == INPUT_SHAPE[2]:
        exp.pixel = (meta['pixel']['scale'], meta['pixel']['offset'])
    started, message = time.time(), None

    def finish(record):
        if args.predict:
            z = logits_of(model, exp.test_x[:args.predict], exp.pixel)
            p = np.exp(z - z.max(1, keepdims=True))
            emit({'probs': (p / p.sum(1, keepdims=True)).tolist()})
        if args.save_tfjs:
            write_tfjs(args.save_tfjs, weights_by_layer(model), exp.pixel, f'nn-playground {APP_VERSION} Keras {keras.__version__}')
            log(f'saved the model for the playground\'s Load model in {args.save_tfjs}')
        if args.out and record:
            write_run_file(args.out, args, engine, params, *record, started, message)
            log(f'wrote the run file {args.out}: import it with "Import runs" in the playground')

    if args.eval_only:
        loss, acc = evaluate(model, exp.test_x, exp.test_y, exp.pixel)
        emit({'test_loss': round(loss, 6), 'test_acc': acc, 'test_samples': len(exp.test_y)})
        finish(None)
        return

    classes = len(DATASET['classes'])
    model.compile(optimizer=make_optimizer(args.lr), loss=sample_losses,
                  metrics=[data_loss, keras.metrics.CategoricalAccuracy(name='acc')])
    val_count = len(exp.val_y)
    stopper = EarlyStopper(CONFIG['patience'], args.epochs) if CONFIG['earlyStopping'] and val_count else None
    epochs, batch_loss, batch_acc = [], [], []
    batches = math.ceil(exp.train_count / args.batch_size)
    for epoch in range(1, args.epochs + 1):
        lr = learning_rate(args.lr, epoch, args.epochs)
        model.optimizer.learning_rate.assign(lr)
        order = epoch_order(exp.train_count, args.seed, epoch)
        t_epoch, active, loss_sum, acc_sum = time.perf_counter(), 0.0, 0.0, 0.0
        for start in range(0, exp.train_count, args.batch_size):
            t0 = time.perf_counter()
            x, y = exp.train_batch(order[start:start + args.batch_size], epoch)
            model.reset_metrics()
            logs = model.train_on_batch(x, np.eye(classes, dtype=np.float32)[y], return_dict=True)
            loss, acc = float(logs['data_loss']), float(logs['acc'])
            if not math.isfinite(loss):
                raise DataError(f'The loss became NaN or infinite in epoch {epoch}. Try a lower learning rate.')
            loss_sum, acc_sum = loss_sum + loss, acc_sum + acc
            batch_loss.append(loss)
            batch_acc.append(acc)
            active += time.perf_counter() - t0
        val = evaluate(model, exp.val_x, exp.val_y, exp.pixel) if val_count else None
        test = evaluate(model, exp.test_x, exp.test_y, exp.pixel)
        m = epoch_record(epoch, loss_sum, acc_sum, batches, test, val, t_epoch, active, exp.train_count, lr)
        epochs.append(m)
        emit(epoch_line(m))
        message = stopper.update(epoch, val[0], model.get_weights) if stopper else None
        if message:
            break
    if stopper:
        message = stopper.restore(epochs[-1]['epoch'], model.set_weights, message)
    finish((epochs, batch_loss, batch_acc))


if __name__ == '__main__':
    run_script(main)
