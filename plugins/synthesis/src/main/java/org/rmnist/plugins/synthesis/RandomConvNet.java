package org.rmnist.plugins.synthesis;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import java.util.SplittableRandom;
import org.rmnist.api.ImageShape;

/**
 * A randomly initialised ConvNet of the dataset-distillation papers, as an embedding: {@code depth}
 * blocks of 3×3 conv (padding 1, PyTorch's default uniform initialisation) → instance norm (no
 * affine) → ReLU → 2×2 average pooling, flattened. Images enter as pixels in [0, 1] and are
 * normalised with MNIST's mean and std first. Its weights are drawn in Java, so a seed fixes them.
 */
final class RandomConvNet {
  static final float MEAN = 0.1307f;
  static final float STD = 0.3081f;
  private static final Shape ONE = new Shape(1, 1);
  private static final Shape TWO = new Shape(2, 2);
  private static final Shape NONE = new Shape(0, 0);

  private final NDArray[] weights;
  private final NDArray[] biases;

  /** The network with these conv weights and biases (one of each per block). */
  RandomConvNet(NDArray[] weights, NDArray[] biases) {
    this.weights = weights;
    this.biases = biases;
  }

  /** The length of {@link #embed}'s rows for images of {@code image}. */
  static long embeddingSize(ImageShape image, int width, int depth) {
    long h = image.height();
    long w = image.width();
    for (int d = 0; d < depth; d++) {
      if (h >= 2 && w >= 2) {
        h /= 2;
        w /= 2;
      }
    }
    return width * h * w;
  }

  /** The conv weights, one per block (the arrays themselves). */
  NDArray[] weights() {
    return weights;
  }

  /** The conv biases, one per block (the arrays themselves). */
  NDArray[] biases() {
    return biases;
  }

  /** A fresh network in {@code manager} drawn from {@code random}. */
  static RandomConvNet draw(
      NDManager manager, ImageShape image, int width, int depth, SplittableRandom random) {
    NDArray[] w = new NDArray[depth];
    NDArray[] b = new NDArray[depth];
    int in = image.channels();
    for (int d = 0; d < depth; d++) {
      int fanIn = in * 9;
      double bound = 1 / Math.sqrt(fanIn);
      float[] wv = new float[width * fanIn];
      for (int i = 0; i < wv.length; i++) {
        wv[i] = (float) (bound * (2 * random.nextDouble() - 1));
      }
      float[] bv = new float[width];
      for (int i = 0; i < bv.length; i++) {
        bv[i] = (float) (bound * (2 * random.nextDouble() - 1));
      }
      w[d] = manager.create(wv, new Shape(width, in, 3, 3));
      b[d] = manager.create(bv);
      in = width;
    }
    return new RandomConvNet(w, b);
  }

  /** Features of a batch of images (batch × channels × height × width, pixels in [0, 1]). */
  NDArray embed(NDArray x) {
    x = Scalars.over(x.sub(MEAN), STD);
    for (int d = 0; d < weights.length; d++) {
      x = Conv2d.conv2d(x, weights[d], biases[d], ONE, ONE, ONE, 1).singletonOrThrow();
      x = Activation.relu(instanceNorm(x));
      if (x.getShape().get(2) >= 2 && x.getShape().get(3) >= 2) {
        x = Pool.avgPool2d(x, TWO, TWO, NONE, false, true);
      }
    }
    return x.reshape(x.getShape().get(0), -1);
  }

  /**
   * Per image and channel over its positions: (x - mean) / sqrt(var + 1e-5), as one batch norm in
   * training mode over the batch × channels planes (one fused op instead of seven over the largest
   * tensors of the step).
   */
  static NDArray instanceNorm(NDArray x) {
    Shape shape = x.getShape();
    long planes = shape.get(0) * shape.get(1);
    NDManager m = x.getManager();
    Shape stats = new Shape(planes);
    return BatchNorm.batchNorm(
            x.reshape(1, planes, shape.get(2), shape.get(3)),
            m.zeros(stats),
            m.ones(stats),
            m.ones(stats),
            m.zeros(stats),
            1,
            0.9f,
            1e-5f,
            true)
        .singletonOrThrow()
        .reshape(shape);
  }
}
