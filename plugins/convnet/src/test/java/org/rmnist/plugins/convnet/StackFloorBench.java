package org.rmnist.plugins.convnet;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import java.util.Locale;

/**
 * The rmnist side of {@code bench/stacking}: lower bounds on the time per model of K convnets
 * trained as one stacked network (issue 13). Each line times, alone, one layer of K members at once
 * (forward, weight gradient and input gradient, one intra-op thread), so a whole stacked step can
 * only take longer:
 *
 * <ul>
 *   <li>{@code nielsen-conv2}: Nielsen's second conv (10→20 channels, 5×5, 12×12 maps, batch 10) as
 *       one grouped convolution of K groups (oneDNN), the form a stacked net runs;
 *   <li>{@code nielsen-conv2-gemm}: the same products as one batched matrix product (MKL), without
 *       the im2col copy that form needs;
 *   <li>{@code nielsen-im2col}: that im2col copy, as DJL can write it (advanced indexing of the
 *       flattened maps; its backward scatters the gradient back);
 *   <li>{@code cnn-a-conv2}: best.yaml's cnn-a second conv (32→64, 5×5, padding 2, 14×14 maps,
 *       batch 20) as a grouped convolution.
 * </ul>
 *
 * <p>Usage: {@code StackFloorBench STEPS REPEATS K...}; prints one JSON line per layer and K (best
 * of the repeats).
 */
public final class StackFloorBench {
  private static final Shape ONE = new Shape(1, 1);
  private static final int WARM_UP = 10;

  private StackFloorBench() {}

  /** One layer of K members: builds its tensors and runs its forward pass. */
  private interface Layer {
    NDArray[] inputs(NDManager m, int k);

    NDArray forward(NDArray[] in, int k, NDManager step);
  }

  public static void main(String[] args) {
    int steps = Integer.parseInt(args[0]);
    int repeats = Integer.parseInt(args[1]);
    Engine engine = Torch.engine();
    Torch.setThreads(1);
    Torch.gradMode(false);
    String[] names = {"nielsen-conv2", "nielsen-conv2-gemm", "nielsen-im2col", "cnn-a-conv2"};
    Layer[] layers = {
      conv(10, 10, 20, 12, 5, 0),
      gemm(10 * 64, 250, 20),
      im2col(10, 10, 12, 5),
      conv(20, 32, 64, 14, 5, 2)
    };
    for (int l = 0; l < layers.length; l++) {
      int layerSteps = names[l].startsWith("cnn-a") ? Math.max(5, steps / 20) : steps;
      for (int a = 2; a < args.length; a++) {
        int k = Integer.parseInt(args[a]);
        double best = Double.POSITIVE_INFINITY;
        for (int r = 0; r < repeats; r++) {
          best = Math.min(best, time(engine, layers[l], layerSteps, k));
        }
        System.out.println(
            String.format(
                Locale.ROOT,
                "{\"layer\": \"%s\", \"k\": %d, \"ms\": %.4f, \"perModelMs\": %.4f}",
                names[l],
                k,
                best,
                best / k));
      }
    }
  }

  /** A grouped convolution: input batch × cin·K × size², weight cout·K × cin × kernel². */
  private static Layer conv(int batch, int cin, int cout, int size, int kernel, int pad) {
    return new Layer() {
      @Override
      public NDArray[] inputs(NDManager m, int k) {
        return new NDArray[] {
          m.randomNormal(new Shape(batch, (long) cin * k, size, size)),
          m.randomNormal(new Shape((long) cout * k, cin, kernel, kernel))
        };
      }

      @Override
      public NDArray forward(NDArray[] in, int k, NDManager step) {
        return Conv2d.conv2d(in[0], in[1], null, ONE, new Shape(pad, pad), ONE, k)
            .singletonOrThrow();
      }
    };
  }

  /** K products rows × inner by inner × cols. */
  private static Layer gemm(int rows, int inner, int cols) {
    return new Layer() {
      @Override
      public NDArray[] inputs(NDManager m, int k) {
        return new NDArray[] {
          m.randomNormal(new Shape(k, rows, inner)), m.randomNormal(new Shape(k, inner, cols))
        };
      }

      @Override
      public NDArray forward(NDArray[] in, int k, NDManager step) {
        return in[0].batchMatMul(in[1]);
      }
    };
  }

  /** im2col of K·batch maps of cin × size² for a kernel² conv without padding, by indexing. */
  private static Layer im2col(int batch, int cin, int size, int kernel) {
    int out = size - kernel + 1;
    long[] index = new long[out * out * cin * kernel * kernel];
    int q = 0;
    for (int oy = 0; oy < out; oy++) {
      for (int ox = 0; ox < out; ox++) {
        for (int c = 0; c < cin; c++) {
          for (int ky = 0; ky < kernel; ky++) {
            for (int kx = 0; kx < kernel; kx++) {
              index[q++] = (long) c * size * size + (oy + ky) * size + ox + kx;
            }
          }
        }
      }
    }
    return new Layer() {
      @Override
      public NDArray[] inputs(NDManager m, int k) {
        NDArray idx = m.create(index);
        idx.setRequiresGradient(false);
        return new NDArray[] {
          m.randomNormal(new Shape((long) k * batch, (long) cin * size * size)), idx
        };
      }

      @Override
      public NDArray forward(NDArray[] in, int k, NDManager step) {
        return in[0].get(new NDIndex(":, {}", in[1]));
      }
    };
  }

  /** Milliseconds per forward + backward of {@code layer} for K members. */
  private static double time(Engine engine, Layer layer, int steps, int k) {
    try (NDManager m = Torch.newManager()) {
      NDArray[] in = layer.inputs(m, k);
      in[0].setRequiresGradient(true);
      if (in[1].getDataType().isFloating()) {
        in[1].setRequiresGradient(true);
      }
      NDArray one = m.create(1f);
      long t0 = 0;
      for (int s = 0; s < WARM_UP + steps; s++) {
        if (s == WARM_UP) {
          t0 = System.nanoTime();
        }
        try (NDManager step = m.newSubManager();
            GradientCollector collector = engine.newGradientCollector()) {
          NDArray y = layer.forward(in, k, step);
          y.attach(step);
          Torch.backward(y.sum(), one);
        }
        for (NDArray a : in) {
          if (a.hasGradient()) {
            Torch.zeroGrad(a);
          }
        }
      }
      return (System.nanoTime() - t0) / 1e6 / steps;
    }
  }
}
