package org.rmnist.plugins.convnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import java.util.ArrayList;
import java.util.List;
import org.rmnist.api.ImageSet;
import org.rmnist.api.ImageShape;
import org.rmnist.api.NetworkInput;
import org.rmnist.support.Checks;

/**
 * Nielsen's convnet, generalised: blocks of conv → [batch norm] → [Dropout2d] → [max-pool] → ReLU,
 * then hidden linear → [batch norm] → ReLU → [dropout], then a linear layer to the classes. With
 * the default config this is exactly his {@code Net} (ReLU after pooling, as his script has it).
 */
final class ConvNet extends Net {
  private static final Shape ONE = new Shape(1, 1);
  private static final Shape NONE = new Shape(0, 0);

  private record Block(int weight, int bias, int bn, Shape padding, Shape pool, int site) {}

  private record Dense(int weight, int bias, int bn, int site) {}

  private final ImageShape image;
  private final float[] normalisation;
  private final List<Block> blocks = new ArrayList<>();
  private final List<Dense> dense = new ArrayList<>();
  private final int outWeight;
  private final int outBias;
  private final long flat;
  private final int[] last; // after the conv blocks: channels, height, width
  private final int[] first; // first conv: in channels, kernel, padding, out height, out width

  ConvNet(ConvnetConfig c, ImageShape image, int classes) {
    this.image = image;
    this.normalisation = new float[] {(float) c.inputMean(), (float) c.inputStd()};
    int in = image.channels();
    int h = image.height();
    int w = image.width();
    int k0 = Checks.at(c.kernels(), 0);
    int p0 = Checks.at(c.padding(), 0);
    this.first = new int[] {in, k0, p0, h + 2 * p0 - k0 + 1, w + 2 * p0 - k0 + 1};
    for (int i = 0; i < c.channels().size(); i++) {
      int out = c.channels().get(i);
      int k = Checks.at(c.kernels(), i);
      int p = Checks.at(c.padding(), i);
      int pool = Checks.at(c.pool(), i);
      h = h + 2 * p - k + 1;
      w = w + 2 * p - k + 1;
      if (h >= 1 && w >= 1 && pool > 1) {
        h /= pool;
        w /= pool;
      }
      if (h < 1 || w < 1) {
        throw new IllegalArgumentException(
            "channels/kernels/padding/pool: images of "
                + image
                + " shrink to nothing in conv block "
                + (i + 1)
                + " (kernel "
                + k
                + ", padding "
                + p
                + ", pool "
                + pool
                + "); use fewer blocks, smaller kernels, padding or less pooling");
      }
      long fanIn = (long) in * k * k;
      int weight =
          declare(
              "conv" + (i + 1) + ".weight",
              new Shape(out, in, k, k),
              Init.KAIMING_A5,
              fanIn,
              out,
              true);
      int bias =
          declare(
              "conv" + (i + 1) + ".bias", new Shape(out), Init.FAN_IN_UNIFORM, fanIn, out, true);
      int bn = c.batchNorm() ? batchNorm("bn" + (i + 1), out) : -1;
      double drop = Checks.at(c.dropout2d(), i);
      int site = drop > 0 ? dropout(drop, out, true) : -1;
      blocks.add(
          new Block(
              weight, bias, bn, new Shape(p, p), pool > 1 ? new Shape(pool, pool) : null, site));
      in = out;
    }
    long width = (long) in * h * w;
    this.flat = width;
    this.last = new int[] {in, h, w};
    for (int j = 0; j < c.dense().size(); j++) {
      int out = c.dense().get(j);
      int weight =
          declare(
              "fc" + (j + 1) + ".weight", new Shape(out, width), Init.KAIMING_A5, width, out, true);
      int bias =
          declare("fc" + (j + 1) + ".bias", new Shape(out), Init.FAN_IN_UNIFORM, width, out, true);
      int bn = c.batchNorm() ? batchNorm("fcbn" + (j + 1), out) : -1;
      int site = c.dropout() > 0 ? dropout(c.dropout(), out, false) : -1;
      dense.add(new Dense(weight, bias, bn, site));
      width = out;
    }
    outWeight =
        declare("out.weight", new Shape(classes, width), Init.KAIMING_A5, width, classes, true);
    outBias = declare("out.bias", new Shape(classes), Init.FAN_IN_UNIFORM, width, classes, true);
  }

  @Override
  Shape inputShape(long n) {
    return new Shape(n, image.channels(), image.height(), image.width());
  }

  /** (pixel - inputMean) / inputStd, as {@code (p - mean) * (1f / std)} in float. */
  @Override
  void writeInput(ImageSet images, int i, float[] dst, int offset) {
    normalise(
        images.pixels(),
        images.offset(i),
        image.size(),
        normalisation[0],
        1f / normalisation[1],
        dst,
        offset);
  }

  /** The image as it is: the graph normalises it itself. */
  @Override
  NetworkInput onnxInput() {
    return asIs(image);
  }

  /**
   * Nodes {@code centred}, {@code normalised}, then per block i {@code conv<i>}, [{@code bn<i>}],
   * [{@code pool<i>}], {@code relu<i>}; {@code flatten}; per hidden layer j {@code fc<j>}, [{@code
   * fcbn<j>}], {@code fcrelu<j>}; {@code logits}. Dropout is left out (inference).
   */
  @Override
  void writeOnnx(OnnxWriter g) {
    String x = g.normalise(g.input(), normalisation[0], normalisation[1]);
    for (int i = 0; i < blocks.size(); i++) {
      Block b = blocks.get(i);
      String n = Integer.toString(i + 1);
      x = g.conv("conv" + n, x, b.weight, b.bias, 1, (int) b.padding.get(0));
      if (b.bn >= 0) {
        x = g.batchNorm("bn" + n, x, b.bn);
      }
      if (b.pool != null) {
        int k = (int) b.pool.get(0);
        x = g.maxPool("pool" + n, x, k, k, 0);
      }
      x = g.relu("relu" + n, x);
    }
    x = g.flatten("flatten", x);
    for (int j = 0; j < dense.size(); j++) {
      Dense d = dense.get(j);
      String n = Integer.toString(j + 1);
      x = g.gemm("fc" + n, x, d.weight, d.bias);
      if (d.bn >= 0) {
        x = g.batchNorm("fcbn" + n, x, d.bn);
      }
      x = g.relu("fcrelu" + n, x);
    }
    g.output(g.gemm(OnnxWriter.LOGITS, x, outWeight, outBias));
  }

  @Override
  int patchRows() {
    return first[3] * first[4];
  }

  @Override
  int patchColumns() {
    return first[0] * first[1] * first[1];
  }

  /**
   * im2col for the first conv: row {@code oy*W'+ox}, column {@code (c*k+ky)*k+kx} holds input pixel
   * (c, oy+ky-p, ox+kx-p), zero outside the image (PyTorch pads the normalised input with zeros).
   */
  @Override
  void writePatches(float[] pixels, int from, float[] dst, int offset) {
    int channels = first[0];
    int k = first[1];
    int p = first[2];
    int height = image.height();
    int width = image.width();
    int cols = patchColumns();
    int row = offset;
    for (int oy = 0; oy < first[3]; oy++) {
      for (int ox = 0; ox < first[4]; ox++, row += cols) {
        int col = row;
        for (int ch = 0; ch < channels; ch++) {
          int plane = from + ch * height * width;
          for (int ky = 0; ky < k; ky++) {
            int y = oy + ky - p;
            for (int kx = 0; kx < k; kx++, col++) {
              int x = ox + kx - p;
              boolean inside = y >= 0 && y < height && x >= 0 && x < width;
              dst[col] = inside ? pixels[plane + y * width + x] : 0f;
            }
          }
        }
      }
    }
  }

  @Override
  NDArray forward(NDArray x, boolean training, NDList masks) {
    boolean patches = x.getShape().dimension() == 2;
    for (Block b : blocks) {
      x =
          patches
              ? firstConvOnPatches(x, b)
              : Conv2d.conv2d(x, t(b.weight), t(b.bias), ONE, b.padding, ONE, 1).singletonOrThrow();
      patches = false;
      x = norm(x, b.bn, training);
      if (training && b.site >= 0) {
        x = x.mul(masks.get(b.site));
      }
      if (b.pool != null) {
        x = Pool.maxPool2d(x, b.pool, b.pool, NONE, false);
      }
      x = Activation.relu(x);
    }
    x = x.reshape(-1, flat);
    for (Dense d : dense) {
      x = Linear.linear(x, t(d.weight), t(d.bias)).singletonOrThrow();
      x = Activation.relu(norm(x, d.bn, training));
      if (training && d.site >= 0) {
        x = x.mul(masks.get(d.site));
      }
    }
    return Linear.linear(x, t(outWeight), t(outBias)).singletonOrThrow();
  }

  /**
   * The encoder part of {@link #forward} on images (N x C x H x W): the conv blocks and hidden
   * layers without dropout, batch norm in training mode when {@code training}; returns the last
   * hidden layer's activations (the flattened conv output when there is none), N x {@link
   * #codeWidth()}.
   */
  NDArray encode(NDArray x, boolean training) {
    for (Block b : blocks) {
      x = Conv2d.conv2d(x, t(b.weight), t(b.bias), ONE, b.padding, ONE, 1).singletonOrThrow();
      x = norm(x, b.bn, training);
      if (b.pool != null) {
        x = Pool.maxPool2d(x, b.pool, b.pool, NONE, false);
      }
      x = Activation.relu(x);
    }
    x = x.reshape(-1, flat);
    for (Dense d : dense) {
      x =
          Activation.relu(
              norm(Linear.linear(x, t(d.weight), t(d.bias)).singletonOrThrow(), d.bn, training));
    }
    return x;
  }

  /** Class scores from {@link #encode}'s codes: the output layer alone. */
  NDArray classify(NDArray code) {
    return Linear.linear(code, t(outWeight), t(outBias)).singletonOrThrow();
  }

  /** Width of {@link #encode}'s codes. */
  long codeWidth() {
    return dense.isEmpty() ? flat : specs().get(dense.get(dense.size() - 1).weight).shape().get(0);
  }

  /** Channels, height and width of the last conv block's output. */
  int[] convOutput() {
    return last.clone();
  }

  /** The trainable tensors of the encoder: all but the output layer's. */
  List<NDArray> encoderParameters() {
    List<NDArray> all = new ArrayList<>();
    for (NDArray p : parameters()) {
      if (p != t(outWeight) && p != t(outBias)) {
        all.add(p);
      }
    }
    return all;
  }

  /** The output layer's weight and bias. */
  List<NDArray> outputParameters() {
    return List.of(t(outWeight), t(outBias));
  }

  /**
   * The first conv as one GEMM over precomputed patches: (batch*H'*W') × taps times the weight
   * reshaped to out × taps, plus bias, viewed as NCHW (channels-last strides, no copy). The same
   * sums as the convolution; for tiny batches this is several times cheaper than oneDNN's
   * convolution backward.
   */
  private NDArray firstConvOnPatches(NDArray patches, Block b) {
    NDArray weight = t(b.weight);
    long out = weight.getShape().get(0);
    NDArray flat = weight.reshape(out, patchColumns());
    flat.attach(patches.getManager());
    long batch = patches.getShape().get(0) / patchRows();
    return Linear.linear(patches, flat, t(b.bias))
        .singletonOrThrow()
        .reshape(batch, first[3], first[4], out)
        .transpose(0, 3, 1, 2);
  }
}
