#!/usr/bin/python3
"""Reference WGAN-GP iteration in PyTorch eager, the peer of gen4j's 'wgan-gp-step' benchmark.

Run with Debian's /usr/bin/python3 (python3-torch and libopenblas0-openmp installed):

  wgan_gp.py bench [--batch 64] [--warmup 5] [--iterations 10] [--reps 3] [--threads 2]

One iteration is what WGAN-GP (Gulrajani et al. 2017) calls one generator iteration: 5 critic
updates, each on a real batch and a generated batch with the gradient penalty (lambda 10, at
random interpolates, norm per sample, create_graph=True), then 1 generator update. Adam 1e-4,
betas (0, 0.9). The networks are the 28x28 DCGAN of bench/reference/dcgan.py, with the critic's
BatchNorm replaced by layer normalisation over (C, H, W) with per-channel scale and shift
(GroupNorm with one group), as gen4j's 'dcgan' critic with norm=layer. The last line is
'RESULT impl=pytorch-eager ... images_per_s=<median> ms_per_iteration=<median>', where
images_per_s counts the generator's batch once per iteration.
"""
import argparse

import torch
import torch.nn as nn
import torch.nn.functional as F

from dcgan import Generator, init_weights
from eager_bench import time_step


class Critic(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(1, 64, 4, 2, 1)
        self.c2 = nn.Conv2d(64, 128, 4, 2, 1, bias=False)
        self.ln = nn.GroupNorm(1, 128)
        self.fc = nn.Linear(128 * 7 * 7, 1)

    def forward(self, x):
        x = F.leaky_relu(self.c1(x), 0.2)
        x = F.leaky_relu(self.ln(self.c2(x)), 0.2)
        return self.fc(x.flatten(1))


class WganGp:
    def __init__(self, z_dim=100, n_critic=5, lam=10.0):
        self.z_dim, self.n_critic, self.lam = z_dim, n_critic, lam
        self.g, self.d = Generator(), Critic()
        self.g.apply(init_weights)
        self.d.apply(init_weights)
        self.opt_g = torch.optim.Adam(self.g.parameters(), lr=1e-4, betas=(0.0, 0.9))
        self.opt_d = torch.optim.Adam(self.d.parameters(), lr=1e-4, betas=(0.0, 0.9))

    def penalty(self, real, fake):
        eps = torch.rand(real.shape[0], 1, 1, 1)
        x = (eps * real + (1 - eps) * fake).requires_grad_(True)
        (grad,) = torch.autograd.grad(self.d(x).sum(), x, create_graph=True)
        return ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()

    def iteration(self, real):
        n = real.shape[0]
        for _ in range(self.n_critic):
            with torch.no_grad():
                fake = self.g(torch.randn(n, self.z_dim))
            self.opt_d.zero_grad(set_to_none=True)
            loss_d = (self.d(fake).mean() - self.d(real).mean()
                      + self.lam * self.penalty(real, fake))
            loss_d.backward()
            self.opt_d.step()
        self.opt_g.zero_grad(set_to_none=True)
        loss_g = -self.d(self.g(torch.randn(n, self.z_dim))).mean()
        loss_g.backward()
        self.opt_g.step()
        return loss_d.item(), loss_g.item()


def bench(args):
    torch.manual_seed(0)
    gan = WganGp()
    real = torch.rand(args.batch, 1, 28, 28) * 2 - 1
    time_step(lambda: gan.iteration(real), args.batch, args.warmup, args.iterations, args.reps,
              args.threads, unit="iteration")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="mode", required=True)
    b = sub.add_parser("bench")
    b.add_argument("--batch", type=int, default=64)
    b.add_argument("--warmup", type=int, default=5)
    b.add_argument("--iterations", type=int, default=10)
    b.add_argument("--steps", type=int, dest="iterations", help="alias of --iterations")
    b.add_argument("--reps", type=int, default=3)
    b.add_argument("--threads", type=int, default=2)
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    bench(args)


if __name__ == "__main__":
    main()
