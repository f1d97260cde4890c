package org.rmnist.plugins.convnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import org.rmnist.api.ImageSet;
import org.rmnist.api.ImageShape;
import org.rmnist.api.NetworkInput;

/**
 * The ladder network's tensors and its clean encoder, which is what predicts: per layer l = 1..L a
 * linear map without bias, batch norm (the running statistics of the clean pass when predicting),
 * then ReLU, except on the output layer, whose batch norm has a trained scale and whose result are
 * the logits. The decoder's tensors (a linear map from each layer down to the one below and the
 * combinator's ten values per unit of every layer) are trained and saved with it, and used only by
 * {@link Ladder} while training.
 */
final class LadderNet extends Net {
  private final ImageShape image;
  private final int[] widths;
  private final int[] weight;
  private final int[] bn;
  private final int[] down;
  private final int[] combinator;

  LadderNet(LadderConfig c, ImageShape image, int classes) {
    this.image = image;
    this.widths = c.widths(image.size(), classes);
    int layers = widths.length - 1;
    weight = new int[layers + 1];
    bn = new int[layers + 1];
    down = new int[layers + 1];
    combinator = new int[layers + 1];
    weight[0] = bn[0] = down[0] = -1;
    for (int l = 1; l <= layers; l++) {
      int in = widths[l - 1];
      int out = widths[l];
      weight[l] =
          declare("enc" + l + ".weight", new Shape(out, in), Init.NORMAL_FAN_IN, in, out, true);
      // batch norm: a trained scale on the output layer only (the paper's gamma), a trained shift
      Shape s = new Shape(out);
      bn[l] = declare("enc" + l + ".bn.weight", s, Init.ONES, out, out, l == layers);
      declare("enc" + l + ".bn.bias", s, Init.ZEROS, out, out, true);
      declare("enc" + l + ".bn.running_mean", s, Init.ZEROS, out, out, false);
      declare("enc" + l + ".bn.running_var", s, Init.ONES, out, out, false);
    }
    for (int l = 1; l <= layers; l++) {
      down[l] =
          declare(
              "dec" + l + ".weight",
              new Shape(widths[l - 1], widths[l]),
              Init.NORMAL_FAN_IN,
              widths[l],
              widths[l - 1],
              true);
    }
    for (int l = 0; l <= layers; l++) {
      combinator[l] =
          declare(
              "dec" + l + ".combinator",
              new Shape(10, widths[l]),
              Init.LADDER_COMBINATOR,
              widths[l],
              widths[l],
              true);
    }
  }

  /** Widths of the layers, the input's first. */
  int[] widths() {
    return widths.clone();
  }

  /** Number of layers above the input (L). */
  int layers() {
    return widths.length - 1;
  }

  /** Layer l's weight (out × in), l = 1..L. */
  NDArray weight(int l) {
    return t(weight[l]);
  }

  /** Layer l's batch-norm scale, shift, running mean and running variance. */
  NDArray gamma(int l) {
    return t(bn[l]);
  }

  NDArray beta(int l) {
    return t(bn[l] + 1);
  }

  NDArray runningMean(int l) {
    return t(bn[l] + 2);
  }

  NDArray runningVar(int l) {
    return t(bn[l] + 3);
  }

  /** The decoder's map from layer l down to layer l - 1 (width(l-1) × width(l)), l = 1..L. */
  NDArray down(int l) {
    return t(down[l]);
  }

  /** Layer l's combinator values, 10 × width(l), l = 0..L. */
  NDArray combinator(int l) {
    return t(combinator[l]);
  }

  @Override
  Shape inputShape(long n) {
    return new Shape(n, widths[0]);
  }

  /** The pixels as they are. */
  @Override
  void writeInput(ImageSet images, int i, float[] dst, int offset) {
    System.arraycopy(images.pixels(), images.offset(i), dst, offset, widths[0]);
  }

  @Override
  NetworkInput onnxInput() {
    return asIs(image);
  }

  /** Nodes {@code flatten}, per layer l {@code fc<l>}, {@code bn<l>}, {@code relu<l>}; logits. */
  @Override
  void writeOnnx(OnnxWriter g) {
    String x = g.flatten("flatten", g.input());
    for (int l = 1; l <= layers(); l++) {
      boolean last = l == layers();
      x = g.gemm("fc" + l, x, weight[l], -1);
      x = g.batchNorm(last ? OnnxWriter.LOGITS : "bn" + l, x, bn[l]);
      if (!last) {
        x = g.relu("relu" + l, x);
      }
    }
    g.output(x);
  }

  /** The clean encoder: batch statistics and their running averages when training. */
  @Override
  NDArray forward(NDArray x, boolean training, NDList masks) {
    for (int l = 1; l <= layers(); l++) {
      x = norm(x.matMul(weight(l).transpose()), bn[l], training);
      if (l < layers()) {
        x = Activation.relu(x);
      }
    }
    return x;
  }
}
