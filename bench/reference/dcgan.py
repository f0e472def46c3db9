#!/usr/bin/python3
"""Reference DCGAN in PyTorch eager, the peer of gen4j's 'dcgan' model and its benchmarks.

Run with Debian's /usr/bin/python3 (python3-torch and libopenblas0-openmp installed):

  dcgan.py bench [--batch 64] [--warmup 30] [--steps 50] [--reps 3] [--threads 2]
  dcgan.py train --idx /usr/share/datasets/fashion-mnist [--epochs 5] [--batch 64] [--n 10000]
                 [--seed 0] [--threads 2] --out SAMPLES.idx

The model and step of gen4j's default 'dcgan' on 28x28 images:

- G: Linear 100 -> 128 x 7 x 7, BatchNorm1d, ReLU; ConvTranspose 128 -> 64 (4, stride 2, pad 1,
  no bias), BatchNorm2d, ReLU; ConvTranspose 64 -> 1 (4, 2, 1), tanh.
- D: Conv 1 -> 64 (4, 2, 1), LeakyReLU 0.2; Conv 64 -> 128 (4, 2, 1, no bias), BatchNorm2d,
  LeakyReLU 0.2; Linear 128 x 7 x 7 -> 1 logit.
- Weights N(0, 0.02), biases 0, BatchNorm gamma 1 and beta 0; latent z ~ N(0, I) of 100.
- One step: one D update on a real and a generated batch (separate forward passes, so
  BatchNorm sees each batch alone), then one G update on the same generated batch; the
  non-saturating loss (binary cross-entropy on logits, G's target "real"); Adam 2e-4, betas
  (0.5, 0.999), for both.
- Data (train): the IDX training images scaled to [-1, 1] (x / 127.5 - 1), a fresh
  permutation per epoch, the last partial batch dropped; sampling in eval mode (BatchNorm's
  running statistics).

'bench' times the step on one random batch after --warmup steps, --reps times --steps steps,
and prints 'RESULT impl=pytorch-eager ... images_per_s=<median> peak_rss_mb=...'.
'train' trains for --epochs and writes --n samples as an IDX3 file of bytes, which
'gen4j evaluate --samples' scores like gen4j's own.
"""
import argparse
import gzip
import os
import struct
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

from eager_bench import time_step

Z = 100


class Generator(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(Z, 128 * 7 * 7)
        self.bn0 = nn.BatchNorm1d(128 * 7 * 7)
        self.up1 = nn.ConvTranspose2d(128, 64, 4, 2, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        self.up2 = nn.ConvTranspose2d(64, 1, 4, 2, 1)

    def forward(self, z):
        x = F.relu(self.bn0(self.fc(z))).view(-1, 128, 7, 7)
        x = F.relu(self.bn1(self.up1(x)))
        return torch.tanh(self.up2(x))


class Discriminator(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(1, 64, 4, 2, 1)
        self.c2 = nn.Conv2d(64, 128, 4, 2, 1, bias=False)
        self.bn = nn.BatchNorm2d(128)
        self.fc = nn.Linear(128 * 7 * 7, 1)

    def forward(self, x):
        x = F.leaky_relu(self.c1(x), 0.2)
        x = F.leaky_relu(self.bn(self.c2(x)), 0.2)
        return self.fc(x.flatten(1))


def init_weights(module):
    if isinstance(module, (nn.Conv2d, nn.ConvTranspose2d, nn.Linear)):
        nn.init.normal_(module.weight, 0.0, 0.02)
        if module.bias is not None:
            nn.init.zeros_(module.bias)
    elif isinstance(module, (nn.BatchNorm1d, nn.BatchNorm2d)):
        nn.init.ones_(module.weight)
        nn.init.zeros_(module.bias)


class Dcgan:
    def __init__(self):
        self.g, self.d = Generator(), Discriminator()
        self.g.apply(init_weights)
        self.d.apply(init_weights)
        self.opt_g = torch.optim.Adam(self.g.parameters(), lr=2e-4, betas=(0.5, 0.999))
        self.opt_d = torch.optim.Adam(self.d.parameters(), lr=2e-4, betas=(0.5, 0.999))

    def step(self, real):
        n = real.shape[0]
        ones = torch.ones(n, 1)
        zeros = torch.zeros(n, 1)
        fake = self.g(torch.randn(n, Z))
        self.opt_d.zero_grad(set_to_none=True)
        loss_d = (F.binary_cross_entropy_with_logits(self.d(real), ones)
                  + F.binary_cross_entropy_with_logits(self.d(fake.detach()), zeros))
        loss_d.backward()
        self.opt_d.step()
        self.opt_g.zero_grad(set_to_none=True)
        loss_g = F.binary_cross_entropy_with_logits(self.d(fake), ones)
        loss_g.backward()
        self.opt_g.step()
        return loss_d.item(), loss_g.item()


def bench(args):
    torch.manual_seed(0)
    gan = Dcgan()
    real = torch.rand(args.batch, 1, 28, 28) * 2 - 1
    time_step(lambda: gan.step(real), args.batch, args.warmup, args.steps, args.reps,
              args.threads)


def read_idx_images(folder):
    for name in ("train-images-idx3-ubyte", "train-images-idx3-ubyte.gz"):
        path = os.path.join(folder, name)
        if os.path.exists(path):
            opener = gzip.open if name.endswith(".gz") else open
            with opener(path, "rb") as f:
                data = f.read()
            magic, n, h, w = struct.unpack(">IIII", data[:16])
            if magic != 0x803:
                raise SystemExit(f"{path}: not an IDX3 image file (magic {magic:#x})")
            x = torch.frombuffer(bytearray(data[16:16 + n * h * w]), dtype=torch.uint8)
            return x.view(n, 1, h, w).float() / 127.5 - 1
    raise SystemExit(f"{folder}: no train-images-idx3-ubyte[.gz]")


def write_idx_images(path, images):
    x = ((images + 1) * 127.5).round().clamp(0, 255).to(torch.uint8)
    n, _, h, w = x.shape
    with open(path + ".tmp", "wb") as f:
        f.write(struct.pack(">IIII", 0x803, n, h, w))
        f.write(x.numpy().tobytes())
    os.replace(path + ".tmp", path)


def train(args):
    torch.manual_seed(args.seed)
    data = read_idx_images(args.idx)
    gan = Dcgan()
    steps = data.shape[0] // args.batch
    start = time.perf_counter()
    for epoch in range(args.epochs):
        order = torch.randperm(data.shape[0])
        for s in range(steps):
            loss_d, loss_g = gan.step(data[order[s * args.batch:(s + 1) * args.batch]])
        print(f"epoch {epoch + 1}: loss_d {loss_d:.4f} loss_g {loss_g:.4f} "
              f"{(epoch + 1) * steps * args.batch / (time.perf_counter() - start):.0f} img/s")
    gan.g.eval()
    with torch.no_grad():
        samples = torch.cat([gan.g(torch.randn(min(500, args.n - i), Z))
                             for i in range(0, args.n, 500)])
    write_idx_images(args.out, samples)
    print(f"RESULT impl=pytorch-eager images={args.n} out={args.out}")


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="mode", required=True)
    b = sub.add_parser("bench")
    b.add_argument("--batch", type=int, default=64)
    b.add_argument("--warmup", type=int, default=30)
    b.add_argument("--steps", type=int, default=50)
    b.add_argument("--reps", type=int, default=3)
    b.add_argument("--threads", type=int, default=2)
    t = sub.add_parser("train")
    t.add_argument("--idx", default="/usr/share/datasets/fashion-mnist")
    t.add_argument("--epochs", type=int, default=5)
    t.add_argument("--batch", type=int, default=64)
    t.add_argument("--n", type=int, default=10000)
    t.add_argument("--seed", type=int, default=0)
    t.add_argument("--threads", type=int, default=2)
    t.add_argument("--out", required=True)
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    bench(args) if args.mode == "bench" else train(args)


if __name__ == "__main__":
    main()
