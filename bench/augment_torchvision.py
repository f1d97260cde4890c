#!/usr/bin/python3
"""torchvision's ElasticTransform timed on one 1x28x28 tensor, one thread (run by bench/augment).

Prints one JSON object: images/s (median of the repetitions), every repetition, versions, and the
root mean square displacement of torchvision's field converted to pixels, to compare with
rmnist's (torchvision's alpha is in grid units of half the image size; see bench/README.md).
"""
import argparse
import json
import statistics
import time

import torch
import torchvision
from torchvision.transforms import ElasticTransform


def rate(transform, img, seconds):
    """Images per second over about `seconds` of work."""
    done = 0
    start = time.perf_counter()
    while True:
        for _ in range(32):
            transform(img)
        done += 32
        now = time.perf_counter()
        if now - start >= seconds:
            return done / (now - start)


def rms_displacement_px(alpha, sigma, size, fields):
    """RMS of get_params' displacement, converted from grid units to pixels (x size / 2)."""
    total = 0.0
    count = 0
    for _ in range(fields):
        d = ElasticTransform.get_params([alpha, alpha], [sigma, sigma], [size, size])
        px = d * (size / 2.0)  # grid_sample, align_corners=False: 2 grid units = size pixels
        total += float((px ** 2).sum())
        count += px.numel()
    return (total / count) ** 0.5


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--warmup", type=float, default=1.0)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--seconds", type=float, default=0.5)
    ap.add_argument("--alpha", type=float, default=34.0)
    ap.add_argument("--sigma", type=float, default=4.0)
    args = ap.parse_args()

    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    torch.manual_seed(0)
    transform = ElasticTransform(alpha=args.alpha, sigma=args.sigma)
    img = torch.rand(1, 28, 28)
    with torch.no_grad():
        rate(transform, img, args.warmup)
        rates = [rate(transform, img, args.seconds) for _ in range(args.reps)]
    print(json.dumps({
        "images_per_s": statistics.median(rates),
        "repetitions": rates,
        "threads": torch.get_num_threads(),
        "torch": torch.__version__,
        "torchvision": torchvision.__version__,
        "rms_displacement_px": rms_displacement_px(args.alpha, args.sigma, 28, 500),
    }))


if __name__ == "__main__":
    main()
