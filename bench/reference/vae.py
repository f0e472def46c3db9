#!/usr/bin/python3
"""Reference VAE in PyTorch eager, the peer of gen4j's 'bench/run vae'.

Run with Debian's /usr/bin/python3 (python3-torch and libopenblas0-openmp installed):

  vae.py --test-binarized FILE [--data /usr/share/datasets/fashion-mnist] [--epochs 10]
         [--batch 100] [--lr 1e-3] [--latent 32] [--k 1000] [--test-n 10000] [--seed 0]
         [--threads 2] [--init djl-xavier|torch]

  vae.py --bench [--batch 100] [--warmup 20] [--steps 50] [--reps 3] [--threads 2]

times the train step on one fixed batch of random binary images instead (no data needed), as
'bench/run likelihood-step --model vae' times gen4j's; its RESULT line is eager_bench's.

The setup of gen4j's 'vae' procedure as the bench runs it:

- data: the Fashion-MNIST training split (train-images-idx3-ubyte.gz), binarised dynamically:
  every epoch each pixel is drawn anew as Bernoulli(intensity / 255); the batches are a fresh
  permutation per epoch. The test split is read already binarised from --test-binarized (an
  IDX3 file whose bytes are all 0 or 255, as gen4j writes it), so both sides score the very same binary images.
- encoder 784-512-256-(2 x latent) with ReLU, giving the mean and the log-variance (clamped to
  [-30, 20]) of q(z|x); decoder latent-256-512-784 with ReLU and Bernoulli logits.
- loss: the negative ELBO per image (Bernoulli cross-entropy summed over pixels plus the
  analytic KL to N(0, I)), averaged over the batch; Adam (lr, betas 0.9/0.999, eps 1e-8).
- initial weights: with --init djl-xavier (the default), gen4j's: U(-a, a) with
  a = sqrt(6 / ((fan_in + fan_out) / 2)) and zero biases; --init torch keeps PyTorch's own.

After training it scores the first --test-n test images: the -ELBO with one code per image
(the KL analytic), and the importance-weighted NLL of Burda et al. with k codes per image by
log-sum-exp, both in nats per image with their standard errors. The last line is
'RESULT impl=pytorch-eager images_per_s=... neg_elbo=... neg_elbo_se=... iwae_nll=...
iwae_nll_se=... train_s=... eval_s=...'; images_per_s counts training images over the training
loop's wall time (the data draws included, the evaluation not).
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




class Vae(nn.Module):
    def __init__(self, latent, hidden=(512, 256), pixels=784):
        super().__init__()
        self.latent = latent
        enc, width = [], pixels
        for h in hidden:
            enc += [nn.Linear(width, h), nn.ReLU()]
            width = h
        enc.append(nn.Linear(width, 2 * latent))
        self.encoder = nn.Sequential(*enc)
        dec, width = [], latent
        for h in reversed(hidden):
            dec += [nn.Linear(width, h), nn.ReLU()]
            width = h
        dec.append(nn.Linear(width, pixels))
        self.decoder = nn.Sequential(*dec)

    def posterior(self, x):
        out = self.encoder(x)
        return out[:, :self.latent], out[:, self.latent:].clamp(-30.0, 20.0)




def neg_elbo(model, x):
    """Per-image -ELBO with one reparameterised code (KL analytic)."""
    mean, log_var = model.posterior(x)
    z = mean + torch.exp(0.5 * log_var) * torch.randn_like(mean)
    logits = model.decoder(z)
    rec = F.binary_cross_entropy_with_logits(logits, x, reduction="none").sum(1)
    kl = 0.5 * (mean.pow(2) + log_var.exp() - 1.0 - log_var).sum(1)
    return rec + kl


def iwae_nll(model, x, k, chunk):
    """Per-image -log (1/k) sum_j p(x|z_j) p(z_j) / q(z_j|x)."""
    mean, log_var = model.posterior(x)
    std = torch.exp(0.5 * log_var)
    n, d = mean.shape
    log_w = torch.empty(n, k)
    per = max(1, chunk // n)
    half_log_2pi = 0.5 * math.log(2 * math.pi)
    for start in range(0, k, per):
        j = min(per, k - start)
        eps = torch.randn(j, n, d)
        z = mean + std * eps
        logits = model.decoder(z.reshape(j * n, d)).reshape(j, n, -1)
        log_px = -F.binary_cross_entropy_with_logits(
            logits, x.expand(j, n, -1), reduction="none").sum(2)
        log_pz = (-0.5 * z.pow(2) - half_log_2pi).sum(2)
        log_qz = (-0.5 * eps.pow(2) - half_log_2pi - 0.5 * log_var).sum(2)
        log_w[:, start:start + j] = (log_px + log_pz - log_qz).t()
    return -(torch.logsumexp(log_w, 1) - math.log(k))




def bench(a):
    """The train step of train_dynamic on one fixed batch of random binary images."""
    torch.manual_seed(a.seed)
    model = Vae(a.latent)
    if a.init == "djl-xavier":
        model.apply(djl_xavier)
    bench_step(model, neg_elbo, torch.bernoulli(torch.full((a.batch, 784), 0.5)), a)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--test-binarized")
    add_bench_arguments(p)
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--batch", type=int, default=100)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--latent", type=int, default=32)
    p.add_argument("--k", type=int, default=1000)
    p.add_argument("--test-n", type=int, default=10000)
    p.add_argument("--chunk", type=int, default=4096, help="image-code pairs per IWAE pass")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--init", choices=["djl-xavier", "torch"], default="djl-xavier")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    if bench_if_asked(p, a, bench):
        return
    torch.manual_seed(a.seed)

    train, test = load_splits(a, (784,))

    model = Vae(a.latent)
    if a.init == "djl-xavier":
        model.apply(djl_xavier)
    n = train.shape[0] // a.batch * a.batch
    print(f"reference VAE: {train.shape[0]} training images, {a.epochs} epochs of {n // a.batch}"
          f" steps, batch {a.batch}, latent {a.latent}, init {a.init}, torch {torch.__version__},"
          f" {a.threads} threads", flush=True)
    images, train_s = train_dynamic(model, neg_elbo, train, a, "-ELBO")

    model.eval()
    t1 = time.perf_counter()
    with torch.no_grad():
        elbo = torch.cat([neg_elbo(model, test[i:i + 1000]) for i in range(0, len(test), 1000)])
        iw = torch.cat([iwae_nll(model, test[i:i + 100], a.k, a.chunk)
                        for i in range(0, len(test), 100)])
    eval_s = time.perf_counter() - t1
    e, e_se = mean_se(elbo)
    w, w_se = mean_se(iw)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"test ({len(test)} images): -ELBO {e:.3f} +- {e_se:.3f}, IWAE k={a.k} NLL {w:.3f}"
          f" +- {w_se:.3f} nats")
    print(f"RESULT impl=pytorch-eager images_per_s={images / train_s:.1f} neg_elbo={e:.4f}"
          f" neg_elbo_se={e_se:.4f} iwae_nll={w:.4f} iwae_nll_se={w_se:.4f} train_s={train_s:.1f}"
          f" eval_s={eval_s:.1f} peak_rss_mb={rss} torch={torch.__version__}")


if __name__ == "__main__":
    main()
