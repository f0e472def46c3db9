"""What the likelihood references (pixelcnn.py, vae.py) share: reading IDX files, gen4j's initial
weights, the binarised Fashion-MNIST splits, the dynamically binarised training loop and the
mean with its standard error.
"""

import gzip
import math
import os
import struct
import sys
import time

import numpy as np
import torch
import torch.nn as nn

from eager_bench import time_step


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        magic, = struct.unpack(">I", f.read(4))
        if magic >> 8 != 0x08:
            sys.exit(f"{path}: not an IDX file of unsigned bytes (magic {magic:#x})")
        dims = struct.unpack(">" + "I" * (magic & 0xFF), f.read(4 * (magic & 0xFF)))
        data = np.frombuffer(f.read(), dtype=np.uint8)
    if data.size != int(np.prod(dims)):
        sys.exit(f"{path}: {data.size} values for dimensions {dims}")
    return data.reshape(dims)


def djl_xavier(module):
    """gen4j's (DJL's) Xavier: U(-a, a), a = sqrt(6 / ((fan_in + fan_out) / 2)), the fans counted
    with a kernel's whole area, and zero biases, for linear and 2-D convolution layers."""
    if isinstance(module, (nn.Linear, nn.Conv2d)):
        shape = module.weight.shape
        area = math.prod(shape[2:])
        a = math.sqrt(6.0 / ((shape[1] * area + shape[0] * area) / 2.0))
        nn.init.uniform_(module.weight, -a, a)
        nn.init.zeros_(module.bias)


def load_splits(a, shape):
    """The training split's intensities in [0, 1] and the first --test-n images of the binarised
    test split gen4j wrote (--test-binarized), both reshaped to (-1, *shape)."""
    train = torch.from_numpy(read_idx(os.path.join(a.data, "train-images-idx3-ubyte.gz"))
                             .reshape(-1, *shape).astype(np.float32) / 255.0)
    test = read_idx(a.test_binarized).reshape(-1, *shape)
    if not np.isin(test, (0, 255)).all():
        sys.exit(f"{a.test_binarized}: a binarised split has only bytes 0 and 255")
    return train, torch.from_numpy(test[:a.test_n].astype(np.float32) / 255.0)


def train_dynamic(model, loss, train, a, what):
    """Adam (lr a.lr, betas 0.9/0.999, eps 1e-8) for a.epochs epochs of batch a.batch, a fresh
    permutation and Bernoulli draw of every pixel per epoch; returns the training images and the
    loop's wall seconds."""
    opt = torch.optim.Adam(model.parameters(), lr=a.lr, betas=(0.9, 0.999), eps=1e-8)
    n = train.shape[0] // a.batch * a.batch
    t0 = time.perf_counter()
    for epoch in range(a.epochs):
        order = torch.randperm(train.shape[0])[:n]
        total = 0.0
        for s in range(0, n, a.batch):
            x = torch.bernoulli(train[order[s:s + a.batch]])
            value = loss(model, x).mean()
            opt.zero_grad(set_to_none=True)
            value.backward()
            opt.step()
            total += value.item()
        print(f"epoch {epoch + 1}: training {what} {total / (n // a.batch):.3f}", flush=True)
    return a.epochs * n, time.perf_counter() - t0


def add_bench_arguments(p):
    """The options of a script's --bench mode."""
    p.add_argument("--bench", action="store_true", help="time the step on random data")
    p.add_argument("--warmup", type=int, default=20)
    p.add_argument("--steps", type=int, default=50)
    p.add_argument("--reps", type=int, default=3)


def bench_if_asked(p, a, bench):
    """Runs bench(a) and returns True with --bench; otherwise requires --test-binarized."""
    if a.bench:
        torch.set_num_interop_threads(1)
        bench(a)
        return True
    if a.test_binarized is None:
        p.error("--test-binarized is required (or --bench)")
    return False


def bench_step(model, loss, x, a):
    """Times train_dynamic's step (Adam a.lr, betas 0.9/0.999, eps 1e-8, on the mean of
    loss(model, x)) on the fixed batch x, as eager_bench.time_step times a step."""
    opt = torch.optim.Adam(model.parameters(), lr=a.lr, betas=(0.9, 0.999), eps=1e-8)

    def step():
        value = loss(model, x).mean()
        opt.zero_grad(set_to_none=True)
        value.backward()
        opt.step()
        value.item()

    time_step(step, a.batch, a.warmup, a.steps, a.reps, a.threads)


def mean_se(values):
    v = values.double()
    return v.mean().item(), (v.std(unbiased=True) / math.sqrt(v.numel())).item()
