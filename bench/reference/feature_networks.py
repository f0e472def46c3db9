#!/usr/bin/python3
"""Tiny feature networks as TorchScript and ONNX files, for gen4j's feature-network tests.

Run with Debian's /usr/bin/python3 (python3-torch):

  feature_networks.py --out evaluation/src/test/resources/org/gen4j/evaluation/features/files

It writes, into --out:

- tiny-rgb.onnx, tiny-rgb.pt: a network for (3, 16, 16) images in [0, 1] (then normalised
  with a per-channel mean and std): conv 3x3 (3 -> 8, pad 1), ReLU, conv 3x3 (8 -> 8, stride 2,
  pad 1), ReLU, global average pooling to the 8 features, then a linear layer to 5 logits. The
  forward pass returns (features, logits).
- tiny-rgb.weights.json: the same weights as plain lists (PyTorch layouts: conv weights
  (out, in, kh, kw), linear (out, in)), so that a test can run the network in plain Java.
- tiny-rgb.onnx.json, tiny-rgb.pt.json: the sidecars, the input contract gen4j reads.
- tiny-flat.onnx: a network that takes exactly (1, 8, 8): flatten, then linear 64 -> 4. It
  returns its features only (no logits), and rejects any other input size.
- resize-golden.json: torch.nn.functional.interpolate (align_corners=False, no antialias) of
  small arrays, bilinear and nearest, up and down, as the reference of gen4j's resize.
- features-golden.json: the network's own features and logits for a few inputs, computed by
  PyTorch here.

The weights come from torch.manual_seed(SEED) and PyTorch's default initialisation; the
files are small (a few KB) and committed, so the tests need neither Python nor a download.
"""
import argparse
import json
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

SEED = 20261201
MEAN = [0.5, 0.45, 0.4]
STD = [0.25, 0.2, 0.3]


class TinyRgb(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 3, padding=1)
        self.conv2 = nn.Conv2d(8, 8, 3, stride=2, padding=1)
        self.fc = nn.Linear(8, 5)

    def forward(self, x):
        h = F.relu(self.conv1(x))
        h = F.relu(self.conv2(h))
        features = h.mean(dim=(2, 3))
        return features, self.fc(features)


class TinyFlat(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(64, 4)

    def forward(self, x):
        return self.fc(x.reshape(x.shape[0], 64))


def tolist(t):
    return [float(v) for v in t.detach().reshape(-1)]


def sidecar(ident):
    return {
        "id": ident,
        "channels": 3, "height": 16, "width": 16,
        "range": [0.0, 1.0],
        "mean": MEAN,
        "std": STD,
        "resize": "bilinear",
        "features-output": 0,
        "logits-output": 1,
    }


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--out", required=True)
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    torch.manual_seed(SEED)
    net = TinyRgb().eval()
    example = torch.rand(2, 3, 16, 16)
    torch.onnx.export(net, example, os.path.join(a.out, "tiny-rgb.onnx"),
                      input_names=["images"], output_names=["features", "logits"],
                      dynamic_axes={"images": {0: "n"}, "features": {0: "n"},
                                    "logits": {0: "n"}},
                      opset_version=13)
    torch.jit.trace(net, example).save(os.path.join(a.out, "tiny-rgb.pt"))
    weights = {name: {"shape": list(t.shape), "values": tolist(t)}
               for name, t in net.state_dict().items()}
    with open(os.path.join(a.out, "tiny-rgb.weights.json"), "w") as f:
        json.dump(weights, f)
    for ext in ("onnx", "pt"):
        with open(os.path.join(a.out, "tiny-rgb." + ext + ".json"), "w") as f:
            json.dump(sidecar("tiny-rgb"), f, indent=2)

    flat = TinyFlat().eval()
    torch.onnx.export(flat, torch.rand(2, 1, 8, 8), os.path.join(a.out, "tiny-flat.onnx"),
                      input_names=["images"], output_names=["features"],
                      dynamic_axes={"images": {0: "n"}, "features": {0: "n"}},
                      opset_version=13)
    with open(os.path.join(a.out, "tiny-flat.onnx.json"), "w") as f:
        json.dump({"id": "tiny-flat", "channels": 1, "height": 8, "width": 8,
                   "range": [-1.0, 1.0], "resize": "bilinear", "features-output": 0},
                  f, indent=2)

    g = torch.Generator().manual_seed(7)
    cases = []
    for shape, size in (((1, 2, 3, 5), (4, 7)), ((1, 1, 6, 8), (3, 3)),
                        ((1, 3, 5, 4), (5, 9)), ((1, 1, 7, 7), (16, 16))):
        x = torch.rand(shape, generator=g) * 2 - 1
        for mode in ("bilinear", "nearest"):
            kw = {"align_corners": False} if mode == "bilinear" else {}
            y = F.interpolate(x, size=size, mode=mode, **kw)
            cases.append({"mode": mode, "in_shape": list(shape[1:]), "in": tolist(x),
                          "out_size": list(size), "out": tolist(y)})
    with open(os.path.join(a.out, "resize-golden.json"), "w") as f:
        json.dump(cases, f)

    x = torch.rand(3, 3, 16, 16, generator=g)
    with torch.no_grad():
        feats, logits = net((x - torch.tensor(MEAN).view(1, 3, 1, 1))
                            / torch.tensor(STD).view(1, 3, 1, 1))
    with open(os.path.join(a.out, "features-golden.json"), "w") as f:
        json.dump({"images_0_1": tolist(x), "shape": [3, 3, 16, 16],
                   "features": tolist(feats), "logits": tolist(logits)}, f)


if __name__ == "__main__":
    main()
