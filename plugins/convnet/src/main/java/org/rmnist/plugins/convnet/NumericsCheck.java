package org.rmnist.plugins.convnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A numerical self-check of libtorch on this CPU, run once per JVM before the first use: a
 * convolution and a linear layer, forward and weight gradient, at the shapes our networks use,
 * against a direct computation in Java (double precision).
 *
 * <p>Why: on a virtualised AMD EPYC with AVX-512 (our CI machine) libtorch 2.7.1's oneDNN
 * convolutions compute input gradients (and, limited to AVX2, even outputs) 25-50% off for channel
 * counts such as 10 and 20, with no error anywhere: Nielsen's net trained on wrong gradients and
 * ResNets did not learn at all. Limiting oneDNN to SSE4.1 ({@code DNNL_MAX_CPU_ISA=SSE41}, read
 * when libtorch loads) gives exact results there; see docs/platform.md. A machine where the check
 * fails stops with that advice instead of training on wrong numbers.
 */
final class NumericsCheck {
  /** Largest error allowed, relative to the largest magnitude of the reference. */
  static final double TOLERANCE = 1e-4;

  private NumericsCheck() {}

  /** The checks that failed, one line each (empty: libtorch computes correctly here). */
  static List<String> run(NDManager manager) {
    List<String> failures = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(20261201L);
    boolean before = Torch.gradMode(true);
    try {
      conv(manager, random, 4, 1, 28, 8, 5, 2, failures);
      conv(manager, random, 4, 8, 14, 16, 3, 1, failures);
      linear(manager, random, 64, 576, 128, failures);
      linear(manager, random, 10, 800, 50, failures);
    } finally {
      Torch.gradMode(before);
    }
    return failures;
  }

  /** Throws when libtorch computes wrong results on this machine, with what to do about it. */
  static void verify(NDManager manager) {
    List<String> failures = run(manager);
    if (!failures.isEmpty()) {
      throw new IllegalStateException(
          "libtorch computes wrong results on this CPU ("
              + System.getProperty("os.arch")
              + "): "
              + String.join("; ", failures)
              + ". Restart with oneDNN limited: DNNL_MAX_CPU_ISA=SSE41 in the environment (bin/rmnist "
              + "sets it unless RMNIST_NATIVE_ISA=full; see docs/platform.md)");
    }
  }

  static void conv(
      NDManager m,
      SplittableRandom random,
      int n,
      int c,
      int size,
      int k,
      int kernel,
      int pad,
      List<String> failures) {
    float[] x = floats(random, n * c * size * size);
    float[] w = floats(random, k * c * kernel * kernel);
    int out = size + 2 * pad - kernel + 1;
    float[] g = floats(random, n * k * out * out);
    try (NDManager step = m.newSubManager()) {
      NDArray xs = step.create(x, new Shape(n, c, size, size));
      NDArray ws = step.create(w, new Shape(k, c, kernel, kernel));
      xs.setRequiresGradient(true);
      ws.setRequiresGradient(true);
      NDArray y =
          Conv2d.conv2d(xs, ws, null, new Shape(1, 1), new Shape(pad, pad)).singletonOrThrow();
      float[] got = y.toFloatArray();
      Torch.backward(y.mul(step.create(g, y.getShape())).sum(), step.create(1f));
      float[] gotGrad = Torch.gradient(ws).toFloatArray();
      float[] gotInputGrad = Torch.gradient(xs).toFloatArray();
      double[] want = new double[got.length];
      double[] wantGrad = new double[w.length];
      double[] wantInputGrad = new double[x.length];
      for (int i = 0; i < n; i++) {
        for (int o = 0; o < k; o++) {
          for (int p = 0; p < out; p++) {
            for (int q = 0; q < out; q++) {
              int yi = ((i * k + o) * out + p) * out + q;
              double sum = 0;
              for (int ch = 0; ch < c; ch++) {
                for (int a = 0; a < kernel; a++) {
                  int row = p + a - pad;
                  if (row < 0 || row >= size) {
                    continue;
                  }
                  for (int b = 0; b < kernel; b++) {
                    int col = q + b - pad;
                    if (col < 0 || col >= size) {
                      continue;
                    }
                    int xi = ((i * c + ch) * size + row) * size + col;
                    int wi = ((o * c + ch) * kernel + a) * kernel + b;
                    sum += (double) x[xi] * w[wi];
                    wantGrad[wi] += (double) g[yi] * x[xi];
                    wantInputGrad[xi] += (double) g[yi] * w[wi];
                  }
                }
              }
              want[yi] = sum;
            }
          }
        }
      }
      String what = String.format(Locale.ROOT, "conv %dx%dx%d k%d", c, size, size, kernel);
      compare(what + " forward", got, want, failures);
      compare(what + " weight gradient", gotGrad, wantGrad, failures);
      compare(what + " input gradient", gotInputGrad, wantInputGrad, failures);
    }
  }

  static void linear(
      NDManager m, SplittableRandom random, int rows, int in, int outs, List<String> failures) {
    float[] x = floats(random, rows * in);
    float[] w = floats(random, outs * in);
    float[] g = floats(random, rows * outs);
    try (NDManager step = m.newSubManager()) {
      NDArray ws = step.create(w, new Shape(outs, in));
      ws.setRequiresGradient(true);
      NDArray y = Linear.linear(step.create(x, new Shape(rows, in)), ws).singletonOrThrow();
      float[] got = y.toFloatArray();
      Torch.backward(y.mul(step.create(g, y.getShape())).sum(), step.create(1f));
      float[] gotGrad = Torch.gradient(ws).toFloatArray();
      double[] want = new double[rows * outs];
      double[] wantGrad = new double[w.length];
      for (int r = 0; r < rows; r++) {
        for (int o = 0; o < outs; o++) {
          double sum = 0;
          for (int i = 0; i < in; i++) {
            sum += (double) x[r * in + i] * w[o * in + i];
            wantGrad[o * in + i] += (double) g[r * outs + o] * x[r * in + i];
          }
          want[r * outs + o] = sum;
        }
      }
      String what = String.format(Locale.ROOT, "linear %dx%d·%dx%d", rows, in, in, outs);
      compare(what + " forward", got, want, failures);
      compare(what + " weight gradient", gotGrad, wantGrad, failures);
    }
  }

  static void compare(String what, float[] got, double[] want, List<String> failures) {
    double scale = 0;
    for (double v : want) {
      scale = Math.max(scale, Math.abs(v));
    }
    double worst = 0;
    for (int i = 0; i < want.length; i++) {
      double d = Math.abs(got[i] - want[i]);
      worst = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(worst, d);
    }
    if (worst > TOLERANCE * Math.max(scale, 1e-6)) {
      failures.add(
          String.format(Locale.ROOT, "%s off by %.3g (largest value %.3g)", what, worst, scale));
    }
  }

  private static float[] floats(SplittableRandom random, int count) {
    float[] a = new float[count];
    for (int i = 0; i < count; i++) {
      a[i] = (float) (random.nextDouble() * 2 - 1);
    }
    return a;
  }
}
