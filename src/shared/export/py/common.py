# ---------------------------------------------------------------------------------------------------------------------
# The experiment's data, exactly as the playground feeds it: the same files, the same first `train_size` samples, the
# same validation hold-out (the end of that pool), the same per-epoch shuffle and the same augmentation draws (both
# from the playground's seeded mulberry32 generator), and the same pixel normalisation. Shared by the PyTorch and the
# Keras scripts the playground writes.
# ---------------------------------------------------------------------------------------------------------------------
import argparse
import gzip
import json
import math
import os
import platform
import shutil
import sys
import tarfile
import tempfile
import time
import urllib.request
import uuid

import numpy as np

M32 = 0xFFFFFFFF
IDX_FILES = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte']
CIFAR_CLASSES = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck']
IMAGE_EXT = ('.png', '.jpg', '.jpeg')
# Where each built-in dataset is published (tried only when --data is not given and nothing is cached).
OFFICIAL = {
    'mnist': 'https://storage.googleapis.com/cvdf-datasets/mnist/',
    'fashion-mnist': 'http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/',
    'cifar10': 'https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz',
}


class DataError(Exception):
    """A dataset that cannot be read; the message says what to pass instead."""


def _imul(a, b):
    return (a * b) & M32


def mulberry32(seed):
    """The playground's seeded generator (mulberry32): floats in [0, 1), bit for bit as in the page."""
    state = [seed & M32]

    def rand():
        state[0] = (state[0] + 0x6D2B79F5) & M32
        t = state[0]
        t = _imul(t ^ (t >> 15), t | 1)
        t ^= (t + _imul(t ^ (t >> 7), t | 61)) & M32
        return ((t ^ (t >> 14)) & M32) / 4294967296

    return rand


def shuffled(items, seed):
    """A seeded Fisher-Yates shuffle of a copy of `items`, as the page's."""
    rand = mulberry32(seed)
    out = list(items)
    for i in range(len(out) - 1, 0, -1):
        j = int(rand() * (i + 1))
        out[i], out[j] = out[j], out[i]
    return out


def permutation(n, seed):
    """The order one epoch visits `n` samples in: seeded by the run's seed and the epoch, as in the page."""
    return np.array(shuffled(range(n), seed), dtype=np.int64)


def epoch_order(count, seed, epoch):
    return permutation(count, seed * 1000 + epoch)


# ---- reading the dataset's standard files ---------------------------------------------------------------------------
def read_idx(path):
    """An IDX file (raw or .gz): big-endian header (magic, dims), then uint8 values."""
    with (gzip.open if path.endswith('.gz') else open)(path, 'rb') as f:
        raw = f.read()
    if len(raw) < 8 or raw[:3] != b'\x00\x00\x08':
        raise DataError(f'{path} is not an IDX file of bytes (MNIST and Fashion-MNIST use that format).')
    ndim = raw[3]
    dims = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], 'big') for i in range(ndim)]
    data = np.frombuffer(raw, np.uint8, offset=4 + 4 * ndim)
    if data.size != int(np.prod(dims)):
        raise DataError(f'{path} is cut short: its header promises {dims} values.')
    return data.reshape(dims)


def find_idx(folder):
    """The four IDX files (raw or .gz) in `folder` or its raw/ sub-folder, or None."""
    for d in (folder, os.path.join(folder, 'raw')):
        found = [next((p for p in (os.path.join(d, f), os.path.join(d, f + '.gz')) if os.path.exists(p)), None)
                 for f in IDX_FILES]
        if all(found):
            return found
    return None


def parse_cifar(raw):
    """Official CIFAR-10 binary records (1 label byte, 1,024 red, green, blue bytes each) as HWC images."""
    if len(raw) % 3073:
        raise DataError('not CIFAR-10 binary records: the size is not a multiple of 3,073 bytes')
    rec = np.frombuffer(raw, np.uint8).reshape(-1, 3073)
    return rec[:, 1:].reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1).copy(), rec[:, 0].copy()


def read_cifar_dir(folder):
    inner = folder if os.path.exists(os.path.join(folder, 'test_batch.bin')) else os.path.join(folder, 'cifar-10-batches-bin')
    if not os.path.exists(os.path.join(inner, 'test_batch.bin')):
        return None

    def read(names):
        return parse_cifar(b''.join(open(os.path.join(inner, n), 'rb').read() for n in names))

    train = read([f'data_batch_{i}.bin' for i in range(1, 6)])
    return {'train': train, 'test': read(['test_batch.bin'])}


def _subdirs(d):
    return sorted(e for e in os.listdir(d) if os.path.isdir(os.path.join(d, e)))


def _images_in(d):
    return sorted(f for f in os.listdir(d) if f.lower().endswith(IMAGE_EXT))


def dataset_root(d):
    """The folder inside an extracted archive that holds the dataset (an archive may wrap it in one folder)."""
    entries = os.listdir(d)
    if len(entries) == 1 and os.path.isdir(os.path.join(d, entries[0])) and not os.path.exists(os.path.join(d, 'train')):
        return os.path.join(d, entries[0])
    return d


def decode_image(path, size, channels):
    """One image scaled to cover size x size and centre-cropped (as the app's dataset script), RGB or BT.601 gray."""
    from PIL import Image  # only image folders need Pillow (Debian: python3-pil)
    img = Image.open(path).convert('RGB')
    if img.size != (size, size):
        k = max(size / img.size[0], size / img.size[1])
        w, h = max(size, round(img.size[0] * k)), max(size, round(img.size[1] * k))
        img = img.resize((w, h), Image.LANCZOS).crop(((w - size) // 2, (h - size) // 2, (w - size) // 2 + size,
                                                        (h - size) // 2 + size))
    a = np.asarray(img, dtype=np.uint8)
    return to_gray(a) if channels == 1 else a


def read_image_folder(root, size, channels, class_order, train_limit=None):
    """train/<class>/* and test/<class>/* (or <class>/* with every 6th image held out), shuffled as the app's script.
    Only the first `train_limit` training images (the ones a run uses) are decoded."""
    has_splits = os.path.isdir(os.path.join(root, 'train')) and os.path.isdir(os.path.join(root, 'test'))
    class_root = os.path.join(root, 'train') if has_splits else root
    found = _subdirs(class_root)
    classes = class_order if class_order and all(c in found for c in class_order) else found
    if len(classes) < 2:
        raise DataError(f'{root}: an image folder needs one sub-folder per class (at least 2), found {len(classes)}.')
    split = {'train': [], 'test': []}
    for label, name in enumerate(classes):
        if has_splits:
            for s in ('train', 'test'):
                d = os.path.join(root, s, name)
                if not os.path.isdir(d):
                    raise DataError(f'{d} is missing: every class needs a folder in train/ and test/.')
                split[s] += [(os.path.join(d, f), label) for f in _images_in(d)]
        else:
            for i, f in enumerate(_images_in(os.path.join(root, name))):
                split['test' if (i + 1) % 6 == 0 else 'train'].append((os.path.join(root, name, f), label))
    out = {}
    for s, seed in (('train', 1), ('test', 2)):
        items = shuffled(split[s], seed)
        if not items:
            raise DataError(f'{root}: no PNG or JPEG images for {s}.')
        if s == 'train' and train_limit:
            if train_limit > len(items):
                raise DataError(f'--train-size {train_limit}: use 2 to {len(items):,} (the training images in {root}).')
            items = items[:train_limit]
        log(f'decoding {len(items):,} {s} images from {root} …')
        out[s] = (np.stack([decode_image(p, size, channels) for p, _ in items]).reshape(len(items), size, size, channels),
                  np.array([label for _, label in items], dtype=np.uint8))
    return out


def _read_folder(folder, dataset, train_limit=None):
    files = find_idx(folder) if dataset['image_shape'][2] == 1 else None
    if files:
        tx, ty, vx, vy = (read_idx(f) for f in files)
        return {'train': (tx[..., None], ty), 'test': (vx[..., None], vy)}
    cifar = read_cifar_dir(folder)
    if cifar:
        return cifar
    root = dataset_root(folder)
    if _subdirs(root):
        h, _, c = dataset['image_shape']
        order = CIFAR_CLASSES if dataset['id'] == 'cifar10' else dataset['classes']
        return read_image_folder(root, h, c, order, train_limit)
    return None


def extract(archive, dest):
    """Extracts a tar archive's files and folders only, refusing paths that leave `dest`."""
    for m in archive:
        target = os.path.realpath(os.path.join(dest, m.name))
        if not target.startswith(os.path.realpath(dest) + os.sep) or not (m.isfile() or m.isdir()):
            continue
        archive.extract(m, dest, set_attrs=False)


def _download(dataset, cache):
    """The official files into `cache`; returns an error message or None."""
    url = OFFICIAL.get(dataset['id'])
    if not url:
        return 'this dataset was imported into the playground from your own images and has no official download'
    os.makedirs(cache, exist_ok=True)
    try:
        if dataset['id'] == 'cifar10':
            log(f'downloading {url} (163 MB) …')
            with urllib.request.urlopen(url, timeout=20) as r, tarfile.open(fileobj=r, mode='r|gz') as t:
                extract(t, cache)
        else:
            for f in IDX_FILES:
                log(f'downloading {url}{f}.gz …')
                with urllib.request.urlopen(url + f + '.gz', timeout=20) as r, open(os.path.join(cache, f + '.gz'), 'wb') as out:
                    shutil.copyfileobj(r, out)
    except OSError as e:
        return f'the download from {url} failed ({e})'
    return None


def load_dataset(data, dataset, train_limit=None):
    """(train images, train labels), (test images, test labels) as uint8 NHWC and labels, from --data or a download."""
    what = ('a folder with train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and '
            't10k-labels-idx1-ubyte (raw or .gz)') if dataset['image_shape'][2] == 1 else (
        'the official cifar-10-binary.tar.gz (or its folder), or an image-folder tree: train/<class>/*.jpg and test/<class>/*.jpg')
    if data:
        path = os.path.abspath(os.path.expanduser(data))
        if not os.path.exists(path):
            raise DataError(f'--data {data}: no such file or folder. Pass {what}.')
        if os.path.isfile(path) and path.endswith(('.tar.gz', '.tgz', '.tar')):
            with tempfile.TemporaryDirectory() as tmp:
                with tarfile.open(path) as t:
                    extract(t, tmp)
                found = _read_folder(tmp, dataset, train_limit)
        else:
            found = _read_folder(path if os.path.isdir(path) else os.path.dirname(path), dataset, train_limit)
        if not found:
            raise DataError(f'--data {data} holds no {dataset["name"]} files. Pass {what}.')
    else:
        cache = os.path.join(os.path.expanduser('~'), '.cache', 'nn-playground', dataset['id'])
        found = _read_folder(cache, dataset) if os.path.isdir(cache) else None
        if not found:
            problem = _download(dataset, cache)
            found = None if problem else _read_folder(cache, dataset)
            if not found:
                raise DataError(f'No {dataset["name"]} files: {problem or "the download held no dataset"}. '
                                f'Pass --data DIR with {what}.')
    (tx, ty), (vx, vy) = found['train'], found['test']
    if list(tx.shape[1:]) != list(dataset['image_shape']):
        raise DataError(f'The images are {list(tx.shape[1:])} but this experiment was set up for '
                        f'{dataset["image_shape"]} ({dataset["name"]}). Pass the {dataset["name"]} files with --data.')
    if INPUT_SHAPE[2] == 1 and tx.shape[3] == 3:  # the page's "train in grayscale" for colour datasets
        tx, vx = to_gray(tx), to_gray(vx)
    return (tx, ty.astype(np.int64)), (vx, vy.astype(np.int64))


def to_gray(rgb):
    """BT.601 luma, rounded half up as the page's Math.round: [..., 3] uint8 → [..., 1] uint8."""
    v = 0.299 * rgb[..., 0] + 0.587 * rgb[..., 1] + 0.114 * rgb[..., 2]
    return np.floor(v + 0.5).astype(np.uint8)[..., None]


# ---- normalisation and augmentation ---------------------------------------------------------------------------------
def pixel_transform(kind, images):
    """Input = raw · scale[c] + offset[c]; `standardize` uses the mean and std of `images` (the samples trained on)."""
    c = images.shape[-1]
    if kind == 'none':
        return [1.0] * c, [0.0] * c
    if kind == 'unit':
        return [1 / 255] * c, [0.0] * c
    if kind == 'centered':
        return [1 / 255] * c, [-0.5] * c
    flat = images.reshape(-1, c).astype(np.float64)
    mean, std = flat.mean(0) / 255, np.maximum(flat.std(0) / 255, 1e-6)
    return [float(1 / (255 * s)) for s in std], [float(-m / s) for m, s in zip(mean, std)]


def normalize(images, pixel):
    return (images.astype(np.float64) * np.array(pixel[0]) + np.array(pixel[1])).astype(np.float32)


def _hash3(a, b, c):
    h = _imul((a & M32) ^ 0x9E3779B9, 0x85EBCA6B) ^ _imul((b + 0x7F4A7C15) & M32, 0xC2B2AE35) ^ _imul(
        (c + 0x165667B1) & M32, 0x27D4EB2F)
    h ^= h >> 16
    h = _imul(h, 0x85EBCA6B)
    h ^= h >> 13
    return h & M32


WARP_GRID = 4


def draw_transform(cfg, seed, epoch, index):
    """The page's per-sample augmentation draw: depends only on (seed, epoch, sample index)."""
    rand = mulberry32(_hash3(seed, epoch, index))

    def rint(m):
        return math.floor(rand() * (2 * m + 1)) - m

    def sym():
        return rand() * 2 - 1

    u = rand()
    angle = (u * 2 - 1) * cfg['rotation'] * math.pi / 180 if cfg['rotation'] > 0 else 0.0
    dx = rint(cfg['shift']) + rint(cfg['cropPadding'])
    dy = rint(cfg['shift']) + rint(cfg['cropPadding'])
    flip = bool(cfg['flip']) and rand() < 0.5
    scale = 1 + sym() * cfg['scale'] / 100 if cfg['scale'] > 0 else 1.0
    shear = math.tan(sym() * cfg['slant'] * math.pi / 180) if cfg['slant'] > 0 else 0.0
    thicken = rint(cfg['thickness']) if cfg['thickness'] > 0 else 0
    warp = [sym() * cfg['elastic'] for _ in range(2 * WARP_GRID * WARP_GRID)] if cfg['elastic'] > 0 else None
    return angle, dx, dy, flip, scale, shear, thicken, warp


def augments(cfg):
    return any(cfg[k] for k in ('rotation', 'shift', 'flip', 'cropPadding', 'scale', 'slant', 'thickness', 'elastic'))


def _thicken(img, by):
    """Grey dilation (by > 0) or erosion (by < 0) with a plus-shaped neighbourhood, |by| times; outside is 0."""
    for _ in range(abs(by)):
        p = np.pad(img, 1)
        stack = [p[1:-1, 1:-1], p[:-2, 1:-1], p[2:, 1:-1], p[1:-1, :-2], p[1:-1, 2:]]
        img = np.maximum.reduce(stack) if by > 0 else np.minimum.reduce(stack)
    return img


def augment_batch(images, indices, seed, epoch, cfg, pixel):
    """The page's transformInto for a batch: thicken, scale, slant, rotate, warp, shift, flip; bilinear; 0 outside."""
    n, h, w, c = images.shape
    out = np.empty((n, h, w, c), np.float32)
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float64)
    cx, cy = (w - 1) / 2, (h - 1) / 2
    gx = np.clip(xs / (w - 1) * (WARP_GRID - 1), 0, WARP_GRID - 1.000001)
    gy = np.clip(ys / (h - 1) * (WARP_GRID - 1), 0, WARP_GRID - 1.000001)
    gi, gj = np.floor(gx).astype(int), np.floor(gy).astype(int)
    gfx, gfy = gx - gi, gy - gj
    scale, offset = np.array(pixel[0]), np.array(pixel[1])
    for k in range(n):
        angle, dx, dy, flip, sc, sh, thick, warp = draw_transform(cfg, seed, epoch, int(indices[k]))
        img = images[k]
        if c == 1 and thick:
            img = _thicken(img[..., 0], thick)[..., None]
        px, py = xs - dx - cx, ys - dy - cy
        if warp is not None:
            g = np.array(warp).reshape(WARP_GRID, WARP_GRID, 2)  # [row j][col i][x|y]

            def lerp(ch):
                return ((1 - gfy) * ((1 - gfx) * g[gj, gi, ch] + gfx * g[gj, gi + 1, ch])
                        + gfy * ((1 - gfx) * g[gj + 1, gi, ch] + gfx * g[gj + 1, gi + 1, ch]))

            px, py = px - lerp(0), py - lerp(1)
        cos, sin = math.cos(angle), math.sin(angle)
        qx, qy = cos * px + sin * py, -sin * px + cos * py
        sx, sy = (qx - sh * qy) / sc + cx, qy / sc + cy
        if flip:
            sx = w - 1 - sx
        x0, y0 = np.floor(sx).astype(int), np.floor(sy).astype(int)
        fx, fy = (sx - x0)[..., None], (sy - y0)[..., None]
        padded = np.pad(img.astype(np.float64), ((1, 1), (1, 1), (0, 0)))

        def at(yy, xx):
            inside = ((yy >= 0) & (yy < h) & (xx >= 0) & (xx < w))[..., None]
            return np.where(inside, padded[np.clip(yy + 1, 0, h + 1), np.clip(xx + 1, 0, w + 1)], 0.0)

        v = (1 - fy) * ((1 - fx) * at(y0, x0) + fx * at(y0, x0 + 1)) + fy * ((1 - fx) * at(y0 + 1, x0) + fx * at(y0 + 1, x0 + 1))
        out[k] = (v * scale + offset).astype(np.float32)
    return out


def learning_rate(base, epoch, epochs):
    """The page's per-epoch schedule (1-based epoch)."""
    s = CONFIG['schedule']
    if s['kind'] == 'step':
        return base * s['gamma'] ** ((epoch - 1) // max(1, s['every']))
    if s['kind'] == 'exponential':
        return base * s['gamma'] ** (epoch - 1)
    if s['kind'] == 'cosine':
        progress = 0 if epochs <= 1 else (epoch - 1) / (epochs - 1)
        return s['minLr'] + 0.5 * (base - s['minLr']) * (1 + math.cos(math.pi * progress))
    if s['kind'] == 'list':
        end = 0
        for seg in s['segments']:
            end += seg['epochs']
            if epoch <= end:
                return seg['lr']
        return s['segments'][-1]['lr'] if s['segments'] else base
    return base


class Experiment:
    """The run's data after the command line: pool, validation hold-out, test set and the pixel map."""

    def __init__(self, args):
        (tx, ty), (vx, vy) = load_dataset(args.data, DATASET, args.train_size)
        if args.train_size < 2 or args.train_size > len(ty):
            raise DataError(f'--train-size {args.train_size}: use 2 to {len(ty):,} (the training images in the files).')
        val = min(args.train_size - 1, round(args.train_size * CONFIG['validationSplit']))
        self.train_count = args.train_size - val
        self.train_x, self.train_y = tx[:self.train_count], ty[:self.train_count]
        self.val_x, self.val_y = tx[self.train_count:args.train_size], ty[self.train_count:args.train_size]
        self.test_x, self.test_y = vx, vy
        self.pixel = pixel_transform(CONFIG['normalization'], self.train_x)
        self.seed = args.seed
        self.augment = CONFIG['augment'] if augments(CONFIG['augment']) else None

    def train_batch(self, order, epoch):
        """Inputs and labels of training samples `order` (dataset indices) in `epoch`, augmented as in the page."""
        if self.augment:
            return augment_batch(self.train_x[order], order, self.seed, epoch, self.augment, self.pixel), self.train_y[order]
        return normalize(self.train_x[order], self.pixel), self.train_y[order]


# ---- output: JSON lines, the run file, TensorFlow.js model files ----------------------------------------------------
def log(text):
    """Progress for people, on standard error (standard output carries the JSON lines)."""
    print(text, file=sys.stderr, flush=True)


def emit(obj):
    print(json.dumps(obj), flush=True)


def epoch_record(epoch, loss_sum, acc_sum, batches, test, val, started, active, train_count, lr):
    """One epoch's metrics in the page's run format: train metrics are the mean of the batches' (as the page's)."""
    m = {'epoch': epoch, 'trainLoss': loss_sum / batches, 'trainAcc': acc_sum / batches, 'testLoss': test[0],
         'testAcc': test[1], 'seconds': time.perf_counter() - started,
         'samplesPerSec': train_count / max(active, 1e-6), 'numTensors': 0, 'lr': lr}
    if val:
        m['valLoss'], m['valAcc'] = val
    return m


class EarlyStopper:
    """The page's early stopping on the validation loss (Keras's restore_best_weights=True): keeps the best epoch's
    weights, and ends the run once `patience` epochs pass without a better one."""

    def __init__(self, patience, epochs):
        self.patience, self.epochs = patience, epochs
        self.best, self.epoch, self.weights = math.inf, 0, None

    def update(self, epoch, val_loss, snapshot):
        """Records an epoch (`snapshot()` copies the weights); returns why the run stops now, or None."""
        if val_loss < self.best:
            self.best, self.epoch, self.weights = val_loss, epoch, snapshot()
        elif epoch - self.epoch >= self.patience and epoch < self.epochs:
            return f'Stopped early after epoch {epoch}: the best validation loss was at epoch {self.epoch}.'
        return None

    def restore(self, last_epoch, load, message):
        """Puts the best weights back (`load(weights)`) when a later epoch ended the run; returns the run's message."""
        if self.weights is None or self.epoch >= last_epoch:
            return message
        load(self.weights)
        return (message or '') + f' Restored the weights of epoch {self.epoch}.'


def run_script(main):
    """Runs `main`; a DataError ends the script with its message and status 2."""
    try:
        main()
    except DataError as e:
        print(f'error: {e}', file=sys.stderr)
        sys.exit(2)


def epoch_line(m):
    keys = [('epoch', 'epoch'), ('train_loss', 'trainLoss'), ('train_acc', 'trainAcc'), ('test_loss', 'testLoss'),
            ('test_acc', 'testAcc'), ('val_loss', 'valLoss'), ('val_acc', 'valAcc'), ('lr', 'lr'),
            ('seconds', 'seconds'), ('samples_per_sec', 'samplesPerSec')]
    return {k: round(m[src], 6) if isinstance(m[src], float) else m[src] for k, src in keys if src in m}


def hardware(device_name):
    return f'{device_name}; {platform.machine()}, {os.cpu_count()} CPU threads, {platform.system()}'


def write_run_file(path, args, engine, params, epochs, batch_loss, batch_acc, started, message, status='done'):
    """A run file the page's "Import runs" reads: the config (with this command line's changes) and the metrics."""
    config = dict(CONFIG, epochs=args.epochs, trainSize=args.train_size, batchSize=args.batch_size,
                  learningRate=args.lr, seed=args.seed)
    step = max(1, math.ceil(len(batch_loss) / 100000))  # the page keeps up to 5M points; this stays far below
    run = {
        'id': 1, 'name': None, 'starred': False, 'shown': True, 'config': config, 'status': status,
        'backend': None, 'batchLoss': [round(float(v), 5) for v in batch_loss[::step]],
        'batchAcc': [round(float(v), 5) for v in batch_acc[::step]], 'epochs': epochs,
        'startedAt': started * 1000, 'endedAt': time.time() * 1000,
        'samplesPerSec': epochs[-1]['samplesPerSec'] if epochs else 0, 'message': message, 'params': params,
        'timeline': [], 'uid': str(uuid.uuid4()), 'engine': engine,
    }
    with open(path, 'w') as f:
        json.dump({'format': 'nn-playground/runs', 'version': 1, 'runs': [run]}, f)


_QUANT_BYTES = {'uint8': 1, 'uint16': 2, 'float16': 2}
_DTYPES = {'float32': '<f4', 'int32': '<i4'}


def read_tfjs(folder):
    """A TensorFlow.js layers model (the page's Save model, quantised or not): its weighted layers in order, and meta."""
    path = folder if folder.endswith('.json') else os.path.join(folder, 'model.json')
    if not os.path.exists(path):
        raise DataError(f'--init-from {folder}: no model.json there. Pass the folder with the model.json and '
                        'model.weights.bin that the page\'s Save model downloaded.')
    with open(path) as f:
        mj = json.load(f)
    base = os.path.dirname(path)
    values = {}
    for group in mj.get('weightsManifest', []):
        buf = b''
        for p in group['paths']:
            wp = os.path.join(base, os.path.basename(p))
            if not os.path.exists(wp):
                raise DataError(f'{wp} is missing: keep the weights file beside model.json.')
            buf += open(wp, 'rb').read()
        pos = 0
        for spec in group['weights']:
            n = int(np.prod(spec['shape'])) if spec['shape'] else 1
            q = spec.get('quantization')
            if q:
                size = n * _QUANT_BYTES[q['dtype']]
                raw = np.frombuffer(buf, {'uint8': '<u1', 'uint16': '<u2', 'float16': '<f2'}[q['dtype']], n, pos)
                v = raw.astype(np.float32) if q['dtype'] == 'float16' else (raw * q['scale'] + q['min']).astype(np.float32)
            else:
                size = n * 4
                v = np.frombuffer(buf, _DTYPES[spec.get('dtype', 'float32')], n, pos).astype(np.float32)
            pos += size
            values[spec['name']] = v.reshape(spec['shape'])
    layers = []
    for layer in mj['modelTopology']['config']['layers'] if isinstance(mj['modelTopology']['config'], dict) else mj['modelTopology']['config']:
        name = layer['config']['name']
        own = {k.split('/')[-1]: v for k, v in values.items() if k.rsplit('/', 1)[0] == name}
        if own:
            layers.append((layer['class_name'], own))
    meta = (mj.get('userDefinedMetadata') or {}).get('nnPlayground')
    return layers, meta


def check_layers(found):
    """Found weighted layers must be this network's: same kinds, same shapes, in order."""
    if len(found) != len(TFJS_LAYERS):
        raise DataError(f'The model has {len(found)} layers with weights; this network has {len(TFJS_LAYERS)}. '
                        'Export the script for the network that model was trained with.')
    for i, ((cls, weights), (_, want_cls, shapes)) in enumerate(zip(found, TFJS_LAYERS)):
        got = {k: list(v.shape) for k, v in weights.items()}
        if cls != want_cls or got != shapes:
            raise DataError(f'Weighted layer {i + 1} is {cls} {got} in the model but {want_cls} {shapes} here. '
                            'Export the script for the network that model was trained with.')


def write_tfjs(folder, layer_weights, pixel, generated_by):
    """model.json + model.weights.bin in the page's format (output softmax included): "Load model" accepts it."""
    os.makedirs(folder, exist_ok=True)
    specs, blobs = [], []
    for (name, _, shapes), weights in zip(TFJS_LAYERS, layer_weights):
        for key, shape in shapes.items():
            v = np.ascontiguousarray(weights[key], dtype='<f4')
            assert list(v.shape) == shape, (name, key, v.shape, shape)
            specs.append({'name': f'{name}/{key}', 'shape': shape, 'dtype': 'float32'})
            blobs.append(v.tobytes())
    model = {
        'modelTopology': TFJS_TOPOLOGY, 'format': 'layers-model', 'generatedBy': generated_by, 'convertedBy': None,
        'weightsManifest': [{'paths': ['model.weights.bin'], 'weights': specs}],
        'userDefinedMetadata': {'nnPlayground': {'pixel': {'scale': pixel[0], 'offset': pixel[1]},
                                                 'datasetId': DATASET['id'], 'classes': DATASET['classes']}},
    }
    with open(os.path.join(folder, 'model.json'), 'w') as f:
        json.dump(model, f)
    with open(os.path.join(folder, 'model.weights.bin'), 'wb') as f:
        f.write(b''.join(blobs))


def arguments(description, torch_flags):
    """The command line both scripts share; the PyTorch one adds --device."""
    class Help(argparse.ArgumentDefaultsHelpFormatter, argparse.RawDescriptionHelpFormatter):
        """Shows each default, and the description's examples as written."""

    ap = argparse.ArgumentParser(description=description, formatter_class=Help)
    ap.add_argument('--data', help='the dataset\'s files: ' + (
        'a folder with the four MNIST-format IDX files (raw or .gz)' if DATASET['image_shape'][2] == 1 else
        'cifar-10-binary.tar.gz or its folder, or an image-folder tree train/<class>/*, test/<class>/*') +
        '; default: ~/.cache/nn-playground, downloading the official files when online')
    ap.add_argument('--epochs', type=int, default=CONFIG['epochs'], help='epochs to train')
    ap.add_argument('--train-size', type=int, default=CONFIG['trainSize'], help='training samples (the first N)')
    ap.add_argument('--batch-size', type=int, default=CONFIG['batchSize'],
                    help='the global batch (split across processes under torchrun)' if torch_flags else 'batch size')
    ap.add_argument('--lr', type=float, default=CONFIG['learningRate'], help='base learning rate (the schedule scales it)')
    ap.add_argument('--seed', type=int, default=CONFIG['seed'], help='fixes the shuffle, augmentation and init')
    if torch_flags:
        ap.add_argument('--device', choices=['cpu', 'cuda'], default='cpu', help='cuda trains with AMP (float16)')
    ap.add_argument('--out', metavar='RUN.json', help='write a run file the playground\'s "Import runs" accepts')
    ap.add_argument('--save-tfjs', metavar='DIR', help='write the trained model for the playground\'s "Load model"')
    ap.add_argument('--init-from', metavar='DIR', help='start from a model the playground saved (TensorFlow.js files)')
    ap.add_argument('--eval-only', action='store_true', help='evaluate the --init-from model on the test set')
    ap.add_argument('--predict', type=int, default=0, metavar='N',
                    help='print the class probabilities of the first N test images as one JSON line')
    args = ap.parse_args()
    if args.eval_only and not args.init_from:
        ap.error('--eval-only evaluates a saved model: give it with --init-from DIR')
    for name in ('epochs', 'batch_size'):
        if getattr(args, name) < 1:
            ap.error(f'--{name.replace("_", "-")} must be at least 1')
    if not args.lr > 0:
        ap.error('--lr must be positive')
    return args
