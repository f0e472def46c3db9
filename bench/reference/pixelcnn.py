#!/usr/bin/python3
"""Reference PixelCNN in PyTorch eager, the peer of gen4j's 'bench/run pixelcnn'.

Run with Debian's /usr/bin/python3 (python3-torch and libopenblas0-openmp installed):

  pixelcnn.py --test-binarized FILE [--data /usr/share/datasets/fashion-mnist] [--epochs 1]
              [--batch 64] [--lr 1e-3] [--test-n 10000] [--seed 0] [--threads 2]
              [--init djl-xavier|torch]

  pixelcnn.py --bench [--batch 64] [--warmup 20] [--steps 50] [--reps 3] [--threads 2]

times the train step on one fixed batch of random binary images instead (no data needed), as
'bench/run likelihood-step --model pixelcnn' times gen4j's; its RESULT line is eager_bench's.

The setup of gen4j's 'pixelcnn' network under the 'autoregressive' procedure:

- data: the Fashion-MNIST training split, binarised dynamically (every pixel drawn anew each
  epoch as Bernoulli(intensity / 255), a fresh permutation per epoch), fed to the network as -1
  and +1 as gen4j does; the test split is read already binarised from --test-binarized (an IDX3
  file of bytes 0 and 255 that gen4j writes), so both sides score the very same images.
- network: a 7x7 mask-A convolution to 64 channels; 5 residual blocks, each ReLU, 1x1 to 32,
  ReLU, 3x3 mask B, ReLU, 1x1 to 64, plus the skip; ReLU, a 1x1 mask-B convolution to 64, ReLU,
  and a 1x1 mask-B convolution to one Bernoulli logit per pixel.
- loss: the NLL summed per image (binary cross-entropy of the logits), averaged over the batch;
  Adam (lr, betas 0.9/0.999, eps 1e-8).
- initial weights: with --init djl-xavier (the default), gen4j's: U(-a, a) with
  a = sqrt(6 / ((fan_in + fan_out) / 2)), fans counted with the kernel's whole area, and zero
  biases; --init torch keeps PyTorch's own.

After training it scores the first --test-n test images with the exact NLL, in nats per image
and bits per dimension. The last line is 'RESULT impl=pytorch-eager images_per_s=... nll=...
nll_se=... bits_per_dim=... train_s=... eval_s=...'; images_per_s counts training images over
the training loop's wall time (the Bernoulli draws included).
"""
import argparse
import math
import resource
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

from binarized_fashion import (add_bench_arguments, bench_if_asked, bench_step, djl_xavier,
                               load_splits, mean_se, train_dynamic)




class MaskedConv2d(nn.Conv2d):
    """A convolution whose taps below the centre, and right of it on its row, are zero; the
    centre itself too for mask A (one channel: no colour groups)."""

    def __init__(self, mask_type, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kh, kw = self.kernel_size
        mask = torch.ones_like(self.weight)
        mask[:, :, kh // 2, kw // 2 + (mask_type == "B"):] = 0
        mask[:, :, kh // 2 + 1:] = 0
        self.register_buffer("mask", mask)

    def forward(self, x):
        return F.conv2d(x, self.weight * self.mask, self.bias, padding=self.padding)


class ResidualBlock(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.a = MaskedConv2d("B", channels, channels // 2, 1)
        self.b = MaskedConv2d("B", channels // 2, channels // 2, 3, padding=1)
        self.c = MaskedConv2d("B", channels // 2, channels, 1)

    def forward(self, x):
        y = self.a(F.relu(x))
        y = self.b(F.relu(y))
        y = self.c(F.relu(y))
        return x + y


class PixelCnn(nn.Module):
    def __init__(self, channels=64, blocks=5):
        super().__init__()
        self.first = MaskedConv2d("A", 1, channels, 7, padding=3)
        self.blocks = nn.Sequential(*[ResidualBlock(channels) for _ in range(blocks)])
        self.head = MaskedConv2d("B", channels, channels, 1)
        self.out = MaskedConv2d("B", channels, 1, 1)

    def forward(self, x):
        h = self.blocks(self.first(x))
        return self.out(F.relu(self.head(F.relu(h))))




def nll(model, x01):
    logits = model(2 * x01 - 1)
    return F.binary_cross_entropy_with_logits(logits, x01, reduction="none").sum((1, 2, 3))


def bench(a):
    """The train step of train_dynamic on one fixed batch of random binary images."""
    torch.manual_seed(a.seed)
    model = PixelCnn()
    if a.init == "djl-xavier":
        model.apply(djl_xavier)
    bench_step(model, nll, torch.bernoulli(torch.full((a.batch, 1, 28, 28), 0.5)), a)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--test-binarized")
    add_bench_arguments(p)
    p.add_argument("--epochs", type=int, default=1)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--test-n", type=int, default=10000)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--init", choices=["djl-xavier", "torch"], default="djl-xavier")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    if bench_if_asked(p, a, bench):
        return
    torch.manual_seed(a.seed)

    train, test = load_splits(a, (1, 28, 28))

    model = PixelCnn()
    if a.init == "djl-xavier":
        model.apply(djl_xavier)
    n = train.shape[0] // a.batch * a.batch
    print(f"reference PixelCNN: {train.shape[0]} training images, {a.epochs} epoch(s) of"
          f" {n // a.batch} steps, batch {a.batch}, init {a.init}, torch {torch.__version__},"
          f" {a.threads} threads", flush=True)
    images, train_s = train_dynamic(model, nll, train, a, "NLL")

    t1 = time.perf_counter()
    with torch.no_grad():
        values = torch.cat([nll(model, test[i:i + 500]) for i in range(0, len(test), 500)])
    eval_s = time.perf_counter() - t1
    mean, se = mean_se(values)
    bpd = mean / (784 * math.log(2))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"test ({len(test)} images): NLL {mean:.3f} +- {se:.3f} nats, {bpd:.4f} bits/dim")
    print(f"RESULT impl=pytorch-eager images_per_s={images / train_s:.1f} nll={mean:.4f}"
          f" nll_se={se:.4f} bits_per_dim={bpd:.5f} train_s={train_s:.1f} eval_s={eval_s:.1f}"
          f" peak_rss_mb={rss} torch={torch.__version__}")


if __name__ == "__main__":
    main()
