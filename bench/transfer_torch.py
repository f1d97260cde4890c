#!/usr/bin/python3
"""torchvision's ResNet-18 as a feature extractor in PyTorch eager: the reference side of
bench/transfer.

  transfer_torch.py prepare --out grey.bin [--mnist DIR] [--images 2000] [--seed 0]
      writes the grey 28x28 images the Java side times and checks: the first --images MNIST
      training images (byte/256) when DIR holds train-images-idx3-ubyte.gz, else seeded uniform
      noise in [0, 1). Format: int32 n, int32 784, n*784 float32 (little-endian). Prints JSON.
  transfer_torch.py export --size 64 --out resnet18-64.onnx --grey grey.bin --check-out f.bin
      [--check 64] [--seed 0]
      builds resnet18() with random weights (torch.manual_seed(seed)), eval mode, wrapped so
      forward returns torch.flatten(avgpool(...), 1) (512 values per image), exports it with
      torch.onnx.export (opset 13, input "input" [batch, 3, size, size], output "features",
      dynamic batch), and writes the features PyTorch computes for the first --check grey images
      through the same conversion as rmnist's NetworkInput: bilinear resize (align_corners=False,
      no antialiasing), grey copied to 3 channels, ImageNet mean/std. Format: int32 n, int32 512,
      n*512 float32.
  transfer_torch.py time --size 64 --threads 1,2 [--images 2000] [--batch 64] [--warmup 3]
      [--seed 0]
      times feature extraction of --images random 3 x size x size images (standard normal) in
      batches of --batch under torch.inference_mode(), per thread count (torch.set_num_threads;
      one inter-op thread), after --warmup untimed batches. Prints one JSON line per thread count.
"""
import argparse
import gzip
import json
import os
import struct
import sys
import time

MEAN = (0.485, 0.456, 0.406)
STD = (0.229, 0.224, 0.225)


def read_f32(path):
    import numpy as np
    with open(path, "rb") as f:
        n, dim = struct.unpack("<ii", f.read(8))
        return np.frombuffer(f.read(4 * n * dim), dtype="<f4").reshape(n, dim)


def write_f32(path, array):
    import numpy as np
    a = np.ascontiguousarray(array, dtype="<f4")
    with open(path, "wb") as f:
        f.write(struct.pack("<ii", a.shape[0], a.shape[1]))
        f.write(a.tobytes())


def prepare(args):
    import numpy as np
    src = os.path.join(args.mnist or "", "train-images-idx3-ubyte.gz")
    if args.mnist and os.path.isfile(src):
        raw = gzip.open(src).read()
        n, rows, cols = struct.unpack(">iii", raw[4:16])
        if (rows, cols) != (28, 28) or n < args.images:
            sys.exit(f"{src}: expected at least {args.images} images of 28x28, found {n} of "
                     f"{rows}x{cols}")
        px = np.frombuffer(raw[16:16 + args.images * 784], dtype=np.uint8)
        grey = px.reshape(args.images, 784).astype(np.float32) / 256.0
        source = src
    else:
        grey = np.random.default_rng(args.seed).random((args.images, 784), dtype=np.float32)
        source = f"uniform noise, seed {args.seed}"
    write_f32(args.out, grey)
    print(json.dumps({"images": args.images, "source": source}))


def feature_net(seed):
    """resnet18() with seeded random weights, eval mode, returning the 512 pooled features."""
    import torch
    import torchvision

    torch.manual_seed(seed)
    net = torchvision.models.resnet18()
    net.eval()

    class Features(torch.nn.Module):
        def __init__(self, m):
            super().__init__()
            self.m = m

        def forward(self, x):
            m = self.m
            x = m.maxpool(m.relu(m.bn1(m.conv1(x))))
            x = m.layer4(m.layer3(m.layer2(m.layer1(x))))
            return torch.flatten(m.avgpool(x), 1)

    return Features(net).eval()


def export(args):
    import torch
    import torch.nn.functional as F

    net = feature_net(args.seed)
    dummy = torch.zeros(2, 3, args.size, args.size)
    torch.onnx.export(net, dummy, args.out, opset_version=13, input_names=["input"],
                      output_names=["features"], do_constant_folding=True,
                      dynamic_axes={"input": {0: "batch"}, "features": {0: "batch"}})
    grey = torch.from_numpy(read_f32(args.grey)[:args.check].copy())
    n = grey.shape[0]
    x = F.interpolate(grey.reshape(n, 1, 28, 28), size=(args.size, args.size), mode="bilinear",
                      align_corners=False)
    x = x.expand(n, 3, args.size, args.size)
    x = (x - torch.tensor(MEAN).view(1, 3, 1, 1)) / torch.tensor(STD).view(1, 3, 1, 1)
    with torch.inference_mode():
        features = net(x)
    write_f32(args.check_out, features.numpy())
    print(json.dumps({"onnx": args.out, "size": args.size, "check": n,
                      "feature_abs_max": float(features.abs().max()),
                      "bytes": os.path.getsize(args.out)}))


def time_side(args):
    import torch

    torch.set_num_interop_threads(1)
    net = feature_net(args.seed)
    gen = torch.Generator().manual_seed(args.seed + 1)
    images = torch.randn(args.images, 3, args.size, args.size, generator=gen)
    for threads in (int(t) for t in args.threads.split(",")):
        torch.set_num_threads(threads)
        with torch.inference_mode():
            for b in range(args.warmup):
                net(images[b * args.batch:(b + 1) * args.batch])
            t0 = time.perf_counter()
            c0 = time.process_time()
            for start in range(0, args.images, args.batch):
                net(images[start:start + args.batch])
            seconds = time.perf_counter() - t0
            cpu = time.process_time() - c0
        print(json.dumps({"side": "torch", "version": torch.__version__, "size": args.size,
                          "threads": torch.get_num_threads(), "images": args.images,
                          "batch": args.batch, "seconds": seconds, "cpuSeconds": cpu,
                          "imagesPerSecond": args.images / seconds}), flush=True)


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    a = sub.add_parser("prepare")
    a.add_argument("--out", required=True)
    a.add_argument("--mnist")
    a.add_argument("--images", type=int, default=2000)
    a.add_argument("--seed", type=int, default=0)
    e = sub.add_parser("export")
    e.add_argument("--size", type=int, default=64)
    e.add_argument("--out", required=True)
    e.add_argument("--grey", required=True)
    e.add_argument("--check-out", required=True)
    e.add_argument("--check", type=int, default=64)
    e.add_argument("--seed", type=int, default=0)
    t = sub.add_parser("time")
    t.add_argument("--size", type=int, default=64)
    t.add_argument("--threads", default="1,2")
    t.add_argument("--images", type=int, default=2000)
    t.add_argument("--batch", type=int, default=64)
    t.add_argument("--warmup", type=int, default=3)
    t.add_argument("--seed", type=int, default=0)
    args = p.parse_args()
    {"prepare": prepare, "export": export, "time": time_side}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
