#!/usr/bin/env python3
"""Native reference for `npm run bench`: the app's presets trained by PyTorch on this machine's CPU.

The networks are the page's presets layer for layer (LeNet-5 ReLU/max: 61,706 parameters; the CIFAR LeNet: 379,178 on
32x32x3; the compact CNN: 8,160 with BatchNorm and dropout), trained with Adam 1e-3 and cross-entropy at the given batch
(the 1998 LeNet-5, tanh and average pooling, as its recipe trains it: plain SGD 5e-4 on the squared error of the
softmax against the one-hot label), timed over whole training steps (forward, backward, optimizer) after a warm-up. The pixels are random: a step's cost
does not depend on their values, and the speed figure needs no dataset on disk.

  /usr/bin/python3 scripts/native_bench.py --case lenet5 --batch 64 --threads 2 [--seconds 6]

Prints one JSON line. Which BLAS PyTorch calls is the caller's choice (LD_LIBRARY_PATH): bench.mjs runs this once per
BLAS build and thread count it finds and compares the app against the fastest.
"""
import argparse
import json
import os
import time

import torch  # noqa: E402
from torch import nn  # noqa: E402


def lenet5():
    """conv 6@5x5 same, max pool, conv 16@5x5, max pool, dense 120, 84, 10; ReLU."""
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
        nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))


def lenet5_1998():
    """LeNet-5 as in 1998: the same layers with tanh and average pooling."""
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.Tanh(), nn.AvgPool2d(2),
        nn.Conv2d(6, 16, 5), nn.Tanh(), nn.AvgPool2d(2), nn.Flatten(),
        nn.Linear(400, 120), nn.Tanh(), nn.Linear(120, 84), nn.Tanh(), nn.Linear(84, 10))


def cifar_lenet():
    """3x3 convs 16 (same) and 32, max pooling, dense 224 and 96 with dropout 0.5, ReLU; 32x32x3 input."""
    return nn.Sequential(
        nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
        nn.Linear(1568, 224), nn.ReLU(), nn.Dropout(0.5), nn.Linear(224, 96), nn.ReLU(), nn.Dropout(0.5),
        nn.Linear(96, 10))


def compact_cnn():
    """Six conv blocks (conv, BatchNorm, ReLU, dropout 0.05), one max pool, global average pooling, dense 10."""
    def block(cin, cout, k=3):
        return [nn.Conv2d(cin, cout, k), nn.BatchNorm2d(cout, eps=1e-3, momentum=0.01), nn.ReLU(), nn.Dropout(0.05)]
    return nn.Sequential(
        *block(1, 10), *block(10, 16), nn.MaxPool2d(2), *block(16, 10, 1), *block(10, 16), *block(16, 16),
        *block(16, 16), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(16, 10))


def softmax_mse(logits, y):
    """The recipe's loss: mean squared error of the softmax against the one-hot label (Keras's 'mse')."""
    return (torch.softmax(logits, 1) - nn.functional.one_hot(y, logits.shape[1]).float()).square().mean()


def adam(params):
    return torch.optim.Adam(params, lr=1e-3)


def sgd(params):
    return torch.optim.SGD(params, lr=5e-4)


# case: (network, input shape, optimizer, loss)
CASES = {
    'lenet5': (lenet5, (1, 28, 28), adam, nn.CrossEntropyLoss()),
    'lenet5-1998': (lenet5_1998, (1, 28, 28), sgd, softmax_mse),
    'cifar-lenet': (cifar_lenet, (3, 32, 32), adam, nn.CrossEntropyLoss()),
    'compact-cnn': (compact_cnn, (1, 28, 28), adam, nn.CrossEntropyLoss()),
}


def blas_name():
    """The BLAS library this process loaded, read from its memory map (e.g. openblas-openmp/libopenblas.so.0)."""
    try:
        with open('/proc/self/maps') as f:
            libs = {line.split()[-1] for line in f if 'blas' in line.lower() and '.so' in line}
        return ', '.join(sorted('/'.join(p.split('/')[-2:]) for p in libs)) or 'none'
    except OSError:
        return 'unknown'


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--case', choices=sorted(CASES), default='lenet5')
    ap.add_argument('--batch', type=int, default=64)
    ap.add_argument('--threads', type=int, default=os.cpu_count() or 1)
    ap.add_argument('--seconds', type=float, default=6.0, help='timed seconds (after a warm-up of a quarter of it)')
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(42)
    make, shape, make_opt, loss_fn = CASES[args.case]
    model = make()
    params = sum(p.numel() for p in model.parameters())
    opt = make_opt(model.parameters())
    pool = 4096 if args.batch > 1 else 1024
    xs = torch.rand(pool, *shape)
    ys = torch.randint(0, 10, (pool,))
    model.train()

    def steps(seconds):
        n, i, t0 = 0, 0, time.perf_counter()
        while time.perf_counter() - t0 < seconds:
            if i + args.batch > pool:
                i = 0
            opt.zero_grad(set_to_none=True)
            loss_fn(model(xs[i:i + args.batch]), ys[i:i + args.batch]).backward()
            opt.step()
            i += args.batch
            n += args.batch
        return n / (time.perf_counter() - t0)

    steps(args.seconds / 4)
    rate = steps(args.seconds)
    print(json.dumps({'metric': 'native_samples_per_sec', 'engine': f'pytorch {torch.__version__} cpu',
                      'blas': blas_name(), 'threads': torch.get_num_threads(), 'case': args.case,
                      'batch': args.batch, 'params': params, 'value': round(rate)}), flush=True)


if __name__ == '__main__':
    main()
