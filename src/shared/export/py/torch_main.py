# ---------------------------------------------------------------------------------------------------------------------
# PyTorch: the network, its initialisation, the optimizer, and the training loop (one process, or one per rank under
# torchrun with DistributedDataParallel: gloo on CPUs, NCCL on GPUs).
# ---------------------------------------------------------------------------------------------------------------------
from collections import OrderedDict  # noqa: E402

import torch  # noqa: E402
import warnings  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from torch import nn  # noqa: E402


# DDP's note about a 1-channel first convolution's gradient layout is about speed, not results.
warnings.filterwarnings('ignore', message='Grad strides do not match bucket view strides')


class FlattenHWC(nn.Module):
    """Flattens in height, width, channel order, as TensorFlow.js does, so Dense weights move between the two as is."""

    def forward(self, x):
        return x.permute(0, 2, 3, 1).flatten(1)


class GlobalAvgPool(nn.Module):
    def forward(self, x):
        return x.mean((2, 3))


class SamePad(nn.Module):
    """TensorFlow's 'same' padding for a strided window (the extra row and column go at the bottom and right)."""

    def __init__(self, kernel, stride):
        super().__init__()
        self.kernel, self.stride = kernel, stride

    def forward(self, x):
        def pads(size):
            total = max((math.ceil(size / self.stride) - 1) * self.stride + self.kernel - size, 0)
            return total // 2, total - total // 2

        (top, bottom), (left, right) = pads(x.shape[2]), pads(x.shape[3])
        return F.pad(x, (left, right, top, bottom))


class LecunTanh(nn.Module):
    """LeCun's scaled tanh, 1.7159·tanh(2x/3) (LeCun et al. 1998, appendix A)."""

    def forward(self, x):
        return 1.7159 * torch.tanh(2 / 3 * x)


# @@BUILD_MODEL@@


def init_weights(model):
    """Each kernel as the page initialises it (Keras's initialisers); biases, BatchNorm as usual."""
    for name, init in INITS.items():
        w = getattr(model, name).weight
        fan_in = w[0].numel()
        with torch.no_grad():
            if init[0] == 'glorotUniform':
                nn.init.xavier_uniform_(w)
            elif init[0] in ('heNormal', 'lecunNormal'):  # truncated at 2 std, as TensorFlow.js's VarianceScaling
                std = math.sqrt((2 if init[0] == 'heNormal' else 1) / fan_in)
                nn.init.trunc_normal_(w, 0, std, -2 * std, 2 * std)
            elif init[0] == 'normal':
                nn.init.normal_(w, init[1], init[2])
            else:
                nn.init.zeros_(w)
            nn.init.zeros_(getattr(model, name).bias)


class AdamFamily(torch.optim.Optimizer):
    """AdamW, NAdam and AdaBelief exactly as the page defines them; per weight w, gradient g, step t, c1 = 1 - b1^t,
    c2 = 1 - b2^t, m = b1 m + (1-b1) g:
    AdamW: v = b2 v + (1-b2) g²; w -= lr (m/c1 / (sqrt(v/c2) + eps) + wd w)
    NAdam: v as AdamW; w -= lr (b1 m/(1-b1^(t+1)) + (1-b1) g/c1) / (sqrt(v/c2) + eps)
    AdaBelief: s = b2 s + (1-b2)(g-m)² + eps; w -= lr (m/c1) / (sqrt(s/c2) + eps)"""

    def __init__(self, params, rule, lr, betas, eps, weight_decay):
        super().__init__(params, dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay))
        self.rule = rule

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            (b1, b2), eps, lr = group['betas'], group['eps'], group['lr']
            for p in group['params']:
                if p.grad is None:
                    continue
                state = self.state[p]
                if not state:
                    state.update(t=0, m=torch.zeros_like(p), v=torch.zeros_like(p))
                state['t'] += 1
                t, m, v, g = state['t'], state['m'], state['v'], p.grad
                c1, c2 = 1 - b1 ** t, 1 - b2 ** t
                m.mul_(b1).add_(g, alpha=1 - b1)
                if self.rule == 'adabelief':
                    v.mul_(b2).add_((g - m).square(), alpha=1 - b2).add_(eps)
                else:
                    v.mul_(b2).add_(g.square(), alpha=1 - b2)
                denom = (v / c2).sqrt().add_(eps)
                num = m * (b1 / (1 - b1 ** (t + 1))) + g * ((1 - b1) / c1) if self.rule == 'nadam' else m / c1
                step = num / denom
                if self.rule == 'adamw':
                    step.add_(p, alpha=group['weight_decay'])
                p.sub_(step, alpha=lr)


def make_optimizer(params, lr):
    kind, p = CONFIG['optimizer'], CONFIG['optimizerParams']
    eps = p['epsilon']
    if kind == 'sgd':
        return torch.optim.SGD(params, lr=lr)
    if kind == 'momentum':
        return torch.optim.SGD(params, lr=lr, momentum=p['momentum'], nesterov=p['nesterov'])
    if kind == 'rmsprop':
        return torch.optim.RMSprop(params, lr=lr, alpha=p['rho'], eps=eps, momentum=p['momentum'])
    if kind == 'adam':
        return torch.optim.Adam(params, lr=lr, betas=(p['beta1'], p['beta2']), eps=eps)
    return AdamFamily(params, kind, lr, (p['beta1'], p['beta2']), eps, p['weightDecay'])


def sample_losses(logits, y):
    """Per-sample loss: softmax cross-entropy, or the mean squared error of the probabilities (the 1998 setup)."""
    if CONFIG['loss'] == 'mse':
        return (F.softmax(logits, 1) - F.one_hot(y, logits.shape[1]).float()).square().mean(1)
    return F.cross_entropy(logits, y, reduction='none')


def l2_penalty(model):
    """Σ λ·w² over kernels, as Keras's l2(λ) (biases and BatchNorm are not penalised)."""
    terms = [lam * getattr(model, name).weight.float().square().sum() for name, lam in KERNEL_L2.items() if lam > 0]
    return sum(terms) if terms else None


def tfjs_weights(model):
    """The weighted layers' values in TensorFlow.js's layout (conv HWIO, dense in x out), in TFJS_LAYERS order."""
    out = []
    for name, cls, _ in TFJS_LAYERS:
        m = getattr(model, name)
        w = {k: v.detach().float().cpu().numpy() for k, v in m.state_dict().items()}
        if cls == 'Conv2D':
            out.append({'kernel': w['weight'].transpose(2, 3, 1, 0), 'bias': w['bias']})
        elif cls == 'Dense':
            out.append({'kernel': w['weight'].T, 'bias': w['bias']})
        else:
            out.append({'gamma': w['weight'], 'beta': w['bias'], 'moving_mean': w['running_mean'],
                        'moving_variance': w['running_var']})
    return out


def set_tfjs_weights(model, found):
    for (name, cls, _), (_, w) in zip(TFJS_LAYERS, found):
        m = getattr(model, name)
        if cls == 'Conv2D':
            vals = {'weight': w['kernel'].transpose(3, 2, 0, 1), 'bias': w['bias']}
        elif cls == 'Dense':
            vals = {'weight': w['kernel'].T, 'bias': w['bias']}
        else:
            vals = {'weight': w['gamma'], 'bias': w['beta'], 'running_mean': w['moving_mean'],
                    'running_var': w['moving_variance']}
        with torch.no_grad():
            for k, v in vals.items():
                getattr(m, k).copy_(torch.from_numpy(np.ascontiguousarray(v)))


class Ranks:
    """This process's place under torchrun (one process without it), and sums across processes."""

    def __init__(self, device):
        self.world = int(os.environ.get('WORLD_SIZE', '1'))
        self.rank = int(os.environ.get('RANK', '0'))
        self.local_rank = int(os.environ.get('LOCAL_RANK', '0'))
        self.local_world = int(os.environ.get('LOCAL_WORLD_SIZE', str(self.world)))
        self.device = device
        if self.world > 1:
            torch.distributed.init_process_group('nccl' if device.type == 'cuda' else 'gloo')

    @property
    def main(self):
        return self.rank == 0

    def sum(self, values):
        t = torch.tensor(values, dtype=torch.float64, device=self.device)
        if self.world > 1:
            torch.distributed.all_reduce(t)
        return t.tolist()

    def close(self, code=0):
        """Ends this process with `code`; under torchrun only once every process has arrived here."""
        if self.world > 1:
            # Every process arrives before any leaves. Then the process ends without destroy_process_group: with
            # gloo (PyTorch 1.13) it can spin forever when a peer has just exited, which a loaded machine made
            # happen (rank 0 wrote its run file, the launcher waited ~10 min). Nothing is left to send after the
            # barrier, and the sockets close with the process.
            torch.distributed.barrier()
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
        if code:
            sys.exit(code)


def to_input(x, device):
    return torch.from_numpy(x).to(device).permute(0, 3, 1, 2)


def evaluate(model, xs, ys, pixel, ranks, amp):
    """Mean loss and accuracy over a split: each process takes every world-th batch of 500, then the sums meet."""
    model.eval()
    loss = correct = 0.0
    with torch.no_grad(), torch.autocast('cuda', torch.float16, enabled=amp):
        for start in range(ranks.rank * 500, len(ys), 500 * ranks.world):
            x = to_input(normalize(xs[start:start + 500], pixel), ranks.device)
            y = torch.from_numpy(ys[start:start + 500]).to(ranks.device)
            logits = model(x).float()
            loss += sample_losses(logits, y).sum().item()
            correct += (logits.argmax(1) == y).sum().item()
    loss, correct = ranks.sum([loss, correct])
    return loss / max(1, len(ys)), correct / max(1, len(ys))


def predict(model, xs, pixel, device):
    model.eval()
    with torch.no_grad():
        return F.softmax(model(to_input(normalize(xs, pixel), device)).float(), 1).cpu().numpy()


def main():
    args = arguments(__doc__, torch_flags=True)
    if args.device == 'cuda' and not torch.cuda.is_available():
        raise DataError('--device cuda: PyTorch sees no CUDA GPU here. Use --device cpu.')
    local = int(os.environ.get('LOCAL_RANK', '0'))
    device = torch.device(f'cuda:{local}' if args.device == 'cuda' else 'cpu')
    ranks = Ranks(device)
    if args.batch_size % ranks.world:
        lower = args.batch_size // ranks.world * ranks.world
        options = sorted((b for b in (lower, lower + ranks.world) if b > 0), key=lambda b: abs(b - args.batch_size))
        nearest = ' (or '.join(map(str, options[:2])) + ')' if len(options) > 1 and abs(
            options[0] - args.batch_size) == abs(options[1] - args.batch_size) else str(options[0])
        if ranks.main:
            log(f'error: --batch-size {args.batch_size} is the global batch and does not split evenly across '
                f'{ranks.world} processes: use {nearest}.')
        ranks.close(2)
    if device.type == 'cpu':  # processes on one machine share its cores
        torch.set_num_threads(max(1, (os.cpu_count() or 1) // ranks.local_world))
    else:
        torch.cuda.set_device(device)
    amp = device.type == 'cuda'
    torch.manual_seed(args.seed)
    model = build_model().to(device)
    init_weights(model)
    meta = None
    if args.init_from:
        found, meta = read_tfjs(args.init_from)
        check_layers(found)
        set_tfjs_weights(model, found)
    params = sum(p.numel() for p in model.parameters() if p.requires_grad)
    engine = {'name': 'pytorch', 'version': torch.__version__, 'device': device.type, 'processes': ranks.world,
              'nodes': max(1, ranks.world // ranks.local_world), 'amp': amp,
              'hardware': hardware(torch.cuda.get_device_name(device) if amp else 'CPU')}
    if ranks.main:
        emit({'params': params, 'engine': 'pytorch', 'processes': ranks.world, 'device': device.type})
    exp = Experiment(args)
    if meta and len(meta['pixel']['scale']) == INPUT_SHAPE[2]:  # the inputs the saved model was trained on
        exp.pixel = (meta['pixel']['scale'], meta['pixel']['offset'])

    def finish(trained_epochs):
        if ranks.main and args.predict:
            emit({'probs': predict(model, exp.test_x[:args.predict], exp.pixel, device).tolist()})
        if ranks.main and args.save_tfjs:
            write_tfjs(args.save_tfjs, tfjs_weights(model), exp.pixel, f'nn-playground {APP_VERSION} PyTorch {torch.__version__}')
            log(f'saved the model for the playground\'s Load model in {args.save_tfjs}')
        if ranks.main and args.out and trained_epochs is not None:
            write_run_file(args.out, args, engine, params, *trained_epochs, started, message)
            log(f'wrote the run file {args.out}: import it with "Import runs" in the playground')

    started, message = time.time(), None
    if args.eval_only:
        loss, acc = evaluate(model, exp.test_x, exp.test_y, exp.pixel, ranks, amp)
        if ranks.main:
            emit({'test_loss': round(loss, 6), 'test_acc': acc, 'test_samples': len(exp.test_y)})
        finish(None)
        ranks.close()
        return

    net = torch.nn.parallel.DistributedDataParallel(model) if ranks.world > 1 else model
    opt = make_optimizer(model.parameters(), args.lr)
    scaler = torch.cuda.amp.GradScaler() if amp else None
    torch.manual_seed(args.seed + ranks.rank)  # dropout masks differ per process
    val_count = len(exp.val_y)
    stopper = EarlyStopper(CONFIG['patience'], args.epochs) if CONFIG['earlyStopping'] and val_count else None
    epochs, batch_loss, batch_acc = [], [], []
    batches = math.ceil(exp.train_count / args.batch_size)
    if exp.train_count % args.batch_size and exp.train_count % args.batch_size < ranks.world:
        batches -= 1  # a last batch smaller than the process count cannot be shared out: it is left out
    for epoch in range(1, args.epochs + 1):
        lr = learning_rate(args.lr, epoch, args.epochs)
        for group in opt.param_groups:
            group['lr'] = lr
        order = epoch_order(exp.train_count, args.seed, epoch)
        model.train()
        t_epoch, active, loss_sum, acc_sum = time.perf_counter(), 0.0, 0.0, 0.0
        for start in range(0, exp.train_count, args.batch_size):
            t0 = time.perf_counter()
            idx = order[start:start + args.batch_size]
            if len(idx) < ranks.world:
                continue
            mine = idx[ranks.rank::ranks.world]  # this process's share of the global batch
            x, y = exp.train_batch(mine, epoch)
            x, y = to_input(x, device), torch.from_numpy(y).to(device)
            with torch.autocast('cuda', torch.float16, enabled=amp):
                logits = net(x)
                per = sample_losses(logits.float(), y)
                # DDP averages gradients over processes: this makes the result the mean over the global batch.
                loss = per.sum() * (ranks.world / len(idx))
                penalty = l2_penalty(model)
                total = loss + penalty if penalty is not None else loss
            opt.zero_grad(set_to_none=True)
            if scaler:
                scaler.scale(total).backward()
                scaler.step(opt)
                scaler.update()
            else:
                total.backward()
                opt.step()
            local_loss, local_correct = per.sum().item(), (logits.argmax(1) == y).sum().item()
            if not math.isfinite(local_loss):
                raise DataError(f'The loss became NaN or infinite at step {(epoch - 1) * batches + start // args.batch_size + 1}. '
                                'Try a lower learning rate.')
            loss_sum += local_loss / len(idx)
            acc_sum += local_correct / len(idx)
            batch_loss.append(local_loss / len(mine))
            batch_acc.append(local_correct / len(mine))
            active += time.perf_counter() - t0
        loss_sum, acc_sum = ranks.sum([loss_sum, acc_sum])
        val = evaluate(model, exp.val_x, exp.val_y, exp.pixel, ranks, amp) if val_count else None
        test = evaluate(model, exp.test_x, exp.test_y, exp.pixel, ranks, amp)
        m = epoch_record(epoch, loss_sum, acc_sum, batches, test, val, t_epoch, active, exp.train_count, lr)
        epochs.append(m)
        if ranks.main:
            emit(epoch_line(m))
        if stopper:
            message = stopper.update(epoch, val[0], lambda: {k: v.clone() for k, v in model.state_dict().items()})
            if message:
                break
    if stopper:
        message = stopper.restore(epochs[-1]['epoch'], model.load_state_dict, message)
    finish((epochs, batch_loss, batch_acc))
    ranks.close()


if __name__ == '__main__':
    run_script(main)
