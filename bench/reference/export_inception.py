#!/usr/bin/python3
"""Export an Inception-v3 feature network to ONNX and TorchScript, with gen4j's sidecars.

  export_inception.py --source pytorch-fid --out DIR
  export_inception.py --source torchvision-random --out DIR

--source pytorch-fid: the network of pytorch-fid (https://github.com/mseitzer/pytorch-fid), the
one FID papers use. Run it on a machine with `pip install pytorch-fid`; it loads pytorch-fid's
own weights (pt_inception-2015-12-05, which pytorch-fid downloads on first use, into the torch
hub cache). gen4j never downloads anything: copy the two files this writes to where gen4j runs.
The exported module is pytorch-fid's InceptionV3 with output block 3 (the 2048 pool features)
and with resize_input=False, normalize_input=False: gen4j resizes to 299 x 299 bilinearly
(align_corners=False, as pytorch-fid does) and hands it pixels in [-1, 1], which is what
pytorch-fid's normalize_input makes of [0, 1]. So the sidecar says size 299, range [-1, 1],
resize bilinear, features-output 0 and no logits (pytorch-fid's network has no classifier: the
classifier score needs a network with logits).

--source torchvision-random: torchvision's inception_v3 architecture with random weights
(weights=None), features (2048) and logits (1000). Its scores mean nothing; it stands in for
the real network where pytorch-fid's weights are not at hand, to measure the speed of a network
of Inception's size through each route (bench/run features).

It writes DIR/NAME.onnx and DIR/NAME.pt with NAME.onnx.json and NAME.pt.json beside them, and
prints their SHA-256, which gen4j records in evaluation.json.

--time N then times the module itself in PyTorch eager (no_grad, --threads threads) on N grey
28 x 28 images repeated to 3 channels and resized to 299 x 299 bilinearly, in batches of 100:
the reference for bench/run features. The last line is
'RESULT impl=pytorch-eager network=NAME images_per_s=...'.
"""
import argparse
import hashlib
import json
import os

import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class FidInception(nn.Module):
    """pytorch-fid's network, giving the (N, 2048) pool features."""

    def __init__(self):
        super().__init__()
        from pytorch_fid.inception import InceptionV3
        self.net = InceptionV3([InceptionV3.BLOCK_INDEX_BY_DIM[2048]], resize_input=False,
                               normalize_input=False).eval()

    def forward(self, x):
        return self.net(x)[0].flatten(1)


class TorchvisionInception(nn.Module):
    """torchvision's inception_v3 with random weights, giving (features, logits)."""

    def __init__(self):
        super().__init__()
        import torchvision
        torch.manual_seed(0)
        m = torchvision.models.inception_v3(weights=None, aux_logits=False, init_weights=True,
                                            transform_input=False)
        self.fc = m.fc
        m.fc = nn.Identity()
        self.body = m.eval()

    def forward(self, x):
        f = self.body(x)
        return f, self.fc(f)


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--source", choices=["pytorch-fid", "torchvision-random"], required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--time", type=int, default=0)
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    os.makedirs(a.out, exist_ok=True)
    if a.source == "pytorch-fid":
        name, net, outputs = "pytorch-fid-inception-v3", FidInception(), ["features"]
        sidecar = {"id": name, "channels": 3, "size": 299, "range": [-1, 1],
                   "resize": "bilinear", "features-output": 0}
    else:
        name, net, outputs = "inception-v3-random", TorchvisionInception(), ["features",
                                                                             "logits"]
        sidecar = {"id": name, "channels": 3, "size": 299, "range": [0, 1],
                   "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225],
                   "resize": "bilinear", "features-output": 0, "logits-output": 1}
    net = net.eval()
    example = torch.rand(2, 3, 299, 299) * 2 - 1
    onnx = os.path.join(a.out, name + ".onnx")
    with torch.no_grad():
        torch.onnx.export(net, example, onnx, input_names=["images"], output_names=outputs,
                          dynamic_axes={k: {0: "n"} for k in ["images"] + outputs},
                          opset_version=13)
        pt = os.path.join(a.out, name + ".pt")
        torch.jit.trace(net, example).save(pt)
    for f in (onnx, pt):
        with open(f + ".json", "w") as out:
            json.dump(sidecar, out, indent=2)
        print(f, "sha256", sha256(f))
    if a.time > 0:
        g = torch.Generator().manual_seed(0)
        grey = torch.rand(a.time, 1, 28, 28, generator=g) * 2 - 1
        lo, hi = sidecar["range"]
        mean = torch.tensor(sidecar.get("mean", [0.0] * 3)).view(1, 3, 1, 1)
        std = torch.tensor(sidecar.get("std", [1.0] * 3)).view(1, 3, 1, 1)

        def run(images):
            with torch.no_grad():
                for i in range(0, images.shape[0], 100):
                    x = images[i:i + 100].repeat(1, 3, 1, 1)
                    x = F.interpolate(x, size=(299, 299), mode="bilinear", align_corners=False)
                    x = (lo + (x + 1) / 2 * (hi - lo) - mean) / std
                    net(x)

        run(grey[:100])
        t0 = time.perf_counter()
        run(grey)
        seconds = time.perf_counter() - t0
        print("RESULT impl=pytorch-eager network=%s images_per_s=%.1f threads=%d"
              % (name, a.time / seconds, a.threads))


if __name__ == "__main__":
    main()
