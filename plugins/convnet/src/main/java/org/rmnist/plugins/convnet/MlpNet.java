package org.rmnist.plugins.convnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import java.util.ArrayList;
import java.util.List;
import org.rmnist.api.ImageSet;
import org.rmnist.api.ImageShape;
import org.rmnist.api.NetworkInput;

/**
 * scikit-learn's {@code MLPClassifier} network: flattened pixels, hidden linear + ReLU layers, a
 * linear output; Glorot-uniform initialisation and the L2 penalty alpha/(2·batch)·Σ‖W‖² on weights.
 */
final class MlpNet extends Net {
  private final ImageShape image;
  private final long inputs;
  private final double alpha;
  private final List<int[]> layers = new ArrayList<>();

  MlpNet(MlpConfig c, ImageShape image, int classes) {
    this.image = image;
    this.inputs = image.size();
    this.alpha = c.alpha();
    long in = inputs;
    List<Integer> widths = new ArrayList<>(c.hidden());
    widths.add(classes);
    for (int j = 0; j < widths.size(); j++) {
      int out = widths.get(j);
      String name = j == widths.size() - 1 ? "out" : "fc" + (j + 1);
      int w = declare(name + ".weight", new Shape(out, in), Init.GLOROT, in, out, true);
      int b = declare(name + ".bias", new Shape(out), Init.GLOROT, in, out, true);
      layers.add(new int[] {w, b});
      in = out;
    }
  }

  @Override
  Shape inputShape(long n) {
    return new Shape(n, inputs);
  }

  /** The pixels as they are. */
  @Override
  void writeInput(ImageSet images, int i, float[] dst, int offset) {
    System.arraycopy(images.pixels(), images.offset(i), dst, offset, Math.toIntExact(inputs));
  }

  @Override
  NetworkInput onnxInput() {
    return asIs(image);
  }

  /** Nodes {@code flatten}, per hidden layer j {@code fc<j>}, {@code relu<j>}; {@code logits}. */
  @Override
  void writeOnnx(OnnxWriter g) {
    String x = g.flatten("flatten", g.input());
    for (int j = 0; j < layers.size(); j++) {
      int[] l = layers.get(j);
      boolean last = j == layers.size() - 1;
      x = g.gemm(last ? OnnxWriter.LOGITS : "fc" + (j + 1), x, l[0], l[1]);
      if (!last) {
        x = g.relu("relu" + (j + 1), x);
      }
    }
    g.output(x);
  }

  @Override
  NDArray forward(NDArray x, boolean training, NDList masks) {
    for (int j = 0; j < layers.size(); j++) {
      int[] l = layers.get(j);
      x = Linear.linear(x, t(l[0]), t(l[1])).singletonOrThrow();
      if (j < layers.size() - 1) {
        x = Activation.relu(x);
      }
    }
    return x;
  }

  @Override
  NDArray penalty(NDManager step, int batch) {
    if (alpha == 0) {
      return null;
    }
    NDArray total = null;
    for (int[] l : layers) {
      NDArray squares = t(l[0]).square();
      squares.attach(step);
      NDArray sum = squares.sum();
      total = total == null ? sum : total.add(sum);
    }
    return Torch.times(total, (float) (alpha / (2.0 * batch)));
  }
}
