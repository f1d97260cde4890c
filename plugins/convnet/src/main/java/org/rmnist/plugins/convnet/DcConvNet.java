package org.rmnist.plugins.convnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import java.util.ArrayList;
import java.util.List;
import org.rmnist.api.ImageSet;
import org.rmnist.api.ImageShape;
import org.rmnist.api.NetworkInput;

/**
 * The dataset-distillation ConvNet ({@link DcConfig}): blocks of 3×3 conv → norm → ReLU → 2×2
 * pooling, then a linear layer. Instance norm is the papers' {@code GroupNorm(C, C)}: per image and
 * channel over the spatial positions, eps 1e-5, with a learned scale and shift per channel.
 */
final class DcConvNet extends Net {
  private static final Shape ONE = new Shape(1, 1);
  private static final Shape PAD = new Shape(1, 1);
  private static final Shape TWO = new Shape(2, 2);
  private static final Shape NONE = new Shape(0, 0);

  private record Block(int weight, int bias, int gamma, int bn) {}

  private final ImageShape image;
  private final DcConfig config;
  private final float[] normalisation;
  private final List<Block> blocks = new ArrayList<>();
  private final int outWeight;
  private final int outBias;
  private final long flat;

  DcConvNet(DcConfig c, ImageShape image, int classes) {
    this.image = image;
    this.config = c;
    this.normalisation = new float[] {(float) c.inputMean(), (float) c.inputStd()};
    int in = image.channels();
    int h = image.height();
    int w = image.width();
    for (int i = 1; i <= c.depth(); i++) {
      if (h < 2 || w < 2) {
        throw new IllegalArgumentException(
            "depth: images of " + image + " shrink to nothing after " + (i - 1) + " blocks");
      }
      long fanIn = (long) in * 9;
      int weight =
          declare(
              "conv" + i + ".weight",
              new Shape(c.width(), in, 3, 3),
              Init.KAIMING_A5,
              fanIn,
              c.width(),
              true);
      int bias =
          declare(
              "conv" + i + ".bias",
              new Shape(c.width()),
              Init.FAN_IN_UNIFORM,
              fanIn,
              c.width(),
              true);
      int gamma = -1;
      int bn = -1;
      if (c.norm().equals("instance")) {
        Shape s = new Shape(c.width());
        gamma = declare("norm" + i + ".weight", s, Init.ONES, c.width(), c.width(), true);
        declare("norm" + i + ".bias", s, Init.ZEROS, c.width(), c.width(), true);
      } else if (c.norm().equals("batch")) {
        bn = batchNorm("norm" + i, c.width());
      }
      blocks.add(new Block(weight, bias, gamma, bn));
      in = c.width();
      h /= 2;
      w /= 2;
    }
    flat = (long) in * h * w;
    outWeight =
        declare("out.weight", new Shape(classes, flat), Init.KAIMING_A5, flat, classes, true);
    outBias = declare("out.bias", new Shape(classes), Init.FAN_IN_UNIFORM, flat, classes, true);
  }

  @Override
  Shape inputShape(long n) {
    return new Shape(n, image.channels(), image.height(), image.width());
  }

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

  @Override
  NetworkInput onnxInput() {
    return asIs(image);
  }

  @Override
  void writeOnnx(OnnxWriter g) {
    throw new UnsupportedOperationException(
        DcModel.ID + " does not export to ONNX (instance norm has no writer yet)");
  }

  @Override
  NDArray forward(NDArray x, boolean training, NDList masks) {
    for (Block b : blocks) {
      x = Conv2d.conv2d(x, t(b.weight), t(b.bias), ONE, PAD, ONE, 1).singletonOrThrow();
      if (b.gamma >= 0) {
        x = instanceNorm(x, t(b.gamma), t(b.gamma + 1));
      } else {
        x = norm(x, b.bn, training);
      }
      x = Activation.relu(x);
      x =
          config.pool().equals("avg")
              ? Pool.avgPool2d(x, TWO, TWO, NONE, false, true)
              : Pool.maxPool2d(x, TWO, TWO, NONE, false);
    }
    x = x.reshape(-1, flat);
    return Linear.linear(x, t(outWeight), t(outBias)).singletonOrThrow();
  }

  /**
   * Per image and channel over H×W: (x - mean) / sqrt(var + eps) * gamma + beta; the normalisation
   * is one batch norm in training mode over the batch × channels planes.
   */
  static NDArray instanceNorm(NDArray x, NDArray gamma, NDArray beta) {
    Shape shape = x.getShape();
    long c = shape.get(1);
    long planes = shape.get(0) * c;
    ai.djl.ndarray.NDManager m = x.getManager();
    Shape stats = new Shape(planes);
    NDArray normed =
        BatchNorm.batchNorm(
                x.reshape(1, planes, shape.get(2), shape.get(3)),
                m.zeros(stats),
                m.ones(stats),
                m.ones(stats),
                m.zeros(stats),
                1,
                0.9f,
                (float) BN_EPSILON,
                true)
            .singletonOrThrow()
            .reshape(shape);
    return normed.mul(gamma.reshape(1, c, 1, 1)).add(beta.reshape(1, c, 1, 1));
  }
}
