#!/usr/bin/python3
"""Nielsen's convnet on RMNIST/N in PyTorch eager: the reference side of bench/convnet.

  convnet_torch.py prepare --mnist DIR --n 10 [--expand] --out data.bin
      draws Nielsen's RMNIST/N (nielsen2017: Python's random.seed(619), his shuffle), pixels
      byte/256, optionally expanded 9x by +-1 px shifts (zero fill, his order dx, dy in 1, 0, -1),
      and writes: int32 n, int32 pixels per image, n*784 float32, n int32 labels (little-endian).
  convnet_torch.py train --data data.bin --epochs 20 --threads 1 [--seed 1] [--validate DIR]
      trains his Net exactly as conv.py does (batch 10, batches fixed once, plain SGD at
      0.1*0.8^(epoch//10+1), epochs numbered from 1) and prints ms/step as JSON; with
      --validate (the MNIST folder) also the accuracy on images 50000..59999 after training.
"""
import argparse
import gzip
import json
import random
import struct
import sys
import time


def nielsen_subset(labels, n):
    """Indices of Nielsen's RMNIST/n in training order (fresh generator per n)."""
    pool = list(labels[:50000])
    r = random.Random()
    r.seed(619)

    def shuf(x):
        for i in reversed(range(1, len(x))):
            j = int(r.random() * (i + 1))
            x[i], x[j] = x[j], x[i]

    idx = list(range(50000))
    shuf(idx)
    chosen = []
    for d in range(10):
        chosen += [i for i in idx if pool[i] == d][:n]
    shuf(chosen)
    return chosen


def shifted(img, dx, dy):
    """img (28*28 list) moved dx rows down and dy columns right, zero fill."""
    out = [0.0] * 784
    for r in range(28):
        for c in range(28):
            rr, cc = r - dx, c - dy
            if 0 <= rr < 28 and 0 <= cc < 28:
                out[r * 28 + c] = img[rr * 28 + cc]
    return out


def prepare(args):
    lab = gzip.open(f"{args.mnist}/train-labels-idx1-ubyte.gz").read()[8:]
    img = gzip.open(f"{args.mnist}/train-images-idx3-ubyte.gz").read()[16:]
    chosen = nielsen_subset(lab, args.n)
    pixels, labels = [], []
    for i in chosen:
        x = [b / 256.0 for b in img[i * 784:(i + 1) * 784]]
        shifts = [(dx, dy) for dx in (1, 0, -1) for dy in (1, 0, -1)] if args.expand else [(0, 0)]
        for dx, dy in shifts:
            pixels += shifted(x, dx, dy)
            labels.append(lab[i])
    n = len(labels)
    with open(args.out, "wb") as f:
        f.write(struct.pack("<ii", n, 784))
        f.write(struct.pack(f"<{n * 784}f", *pixels))
        f.write(struct.pack(f"<{n}i", *labels))
    print(json.dumps({"images": n, "first": chosen[:10]}))


def load(path):
    import torch
    with open(path, "rb") as f:
        n, size = struct.unpack("<ii", f.read(8))
        px = torch.frombuffer(bytearray(f.read(4 * n * size)), dtype=torch.float32)
        lb = torch.frombuffer(bytearray(f.read(4 * n)), dtype=torch.int32).long()
    return px.reshape(n, 1, 28, 28).clone(), lb.clone()


def train(args):
    import torch
    import torch.nn as nn
    import torch.nn.functional as F

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.conv1 = nn.Conv2d(1, 10, kernel_size=5)
            self.conv2 = nn.Conv2d(10, 20, kernel_size=5)
            self.conv2_drop = nn.Dropout2d()
            self.fc1 = nn.Linear(320, 50)
            self.fc2 = nn.Linear(50, 10)

        def forward(self, x):
            x = F.relu(F.max_pool2d(self.conv1(x), 2))
            x = F.relu(F.max_pool2d(self.conv2_drop(self.conv2(x)), 2))
            x = x.view(-1, 320)
            x = F.relu(self.fc1(x))
            x = F.dropout(x, training=self.training)
            x = self.fc2(x)
            return F.log_softmax(x, dim=1)

    px, lb = load(args.data)
    px = (px - 0.1) / 0.25
    perm = torch.randperm(len(lb))
    batches = [(px[perm[i:i + 10]], lb[perm[i:i + 10]]) for i in range(0, len(lb), 10)]
    model = Net()
    model.train()
    steps = 0
    t0 = time.perf_counter()
    c0 = time.thread_time()
    for epoch in range(1, args.epochs + 1):
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1 * 0.8 ** (epoch // 10 + 1))
        for data, target in batches:
            optimizer.zero_grad()
            loss = F.nll_loss(model(data), target)
            loss.backward()
            optimizer.step()
            steps += 1
    seconds = time.perf_counter() - t0
    cpu = time.thread_time() - c0
    result = {"side": "pytorch", "torch": torch.__version__, "threads": torch.get_num_threads(),
              "epochs": args.epochs, "steps": steps, "seconds": seconds,
              "msPerStep": 1000 * seconds / steps, "cpuMsPerStep": 1000 * cpu / steps}
    if args.validate:
        img = gzip.open(f"{args.validate}/train-images-idx3-ubyte.gz").read()[16:]
        lab = gzip.open(f"{args.validate}/train-labels-idx1-ubyte.gz").read()[8:]
        x = torch.frombuffer(bytearray(img[50000 * 784:60000 * 784]), dtype=torch.uint8)
        x = (x.float().reshape(10000, 1, 28, 28) / 256.0 - 0.1) / 0.25
        y = torch.tensor(list(lab[50000:60000]))
        model.eval()
        with torch.no_grad():
            correct = sum(int((model(x[i:i + 1000]).argmax(1) == y[i:i + 1000]).sum())
                          for i in range(0, 10000, 1000))
        result["validationAccuracy"] = correct / 10000
    print(json.dumps(result))


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    a = sub.add_parser("prepare")
    a.add_argument("--mnist", required=True)
    a.add_argument("--n", type=int, default=10)
    a.add_argument("--expand", action="store_true")
    a.add_argument("--out", required=True)
    b = sub.add_parser("train")
    b.add_argument("--data", required=True)
    b.add_argument("--epochs", type=int, default=20)
    b.add_argument("--threads", type=int, default=1)
    b.add_argument("--seed", type=int, default=1)
    b.add_argument("--validate", metavar="MNIST_DIR")
    args = p.parse_args()
    prepare(args) if args.cmd == "prepare" else train(args)


if __name__ == "__main__":
    sys.exit(main())
