package org.rmnist.plugins.convnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import java.util.ArrayList;
import java.util.List;
import org.rmnist.api.ImageShape;
import org.rmnist.api.Seed;
import org.rmnist.support.Checks;

/**
 * The decoder of {@code convnet}'s autoencoder, the encoder mirrored: a linear layer from the code
 * to the last conv block's output (ReLU), then per conv block, last first, nearest-neighbour
 * upsampling by its pool size and a "same" convolution with its kernel back to the previous block's
 * channels (ReLU, except the last, which gives one logit per pixel of the image). Trained with the
 * encoder, never saved: only the encoder's features are kept.
 */
final class Decoder implements AutoCloseable {
  private static final Shape ONE = new Shape(1, 1);

  private record Up(int weight, int bias, int pool, Shape padding) {}

  private final List<Net.TensorSpec> specs = new ArrayList<>();
  private final List<Up> ups = new ArrayList<>();
  private final int[] start;
  private final NDArray[] tensors;

  /**
   * A decoder for {@code net} built from config {@code c} on images of {@code image}; its tensors
   * live in {@code manager}, drawn from {@code seed}.
   *
   * @throws IllegalArgumentException when the encoder's convolutions do not keep the image size
   *     (the mirror needs padding = kernel / 2 with odd kernels, and pools that divide the size)
   */
  Decoder(ConvnetConfig c, ImageShape image, ConvNet net, NDManager manager, Seed seed) {
    int blocks = c.channels().size();
    int h = image.height();
    int w = image.width();
    for (int i = 0; i < blocks; i++) {
      int k = Checks.at(c.kernels(), i);
      int p = Checks.at(c.padding(), i);
      int pool = Checks.at(c.pool(), i);
      if (k % 2 == 0 || p != k / 2 || h % pool != 0 || w % pool != 0) {
        throw new IllegalArgumentException(
            "objective: "
                + c.objective()
                + " mirrors the encoder in its decoder, which needs convolutions that keep the size "
                + "(odd kernels with padding = kernel / 2) and pools that divide it; conv block "
                + (i + 1)
                + " has kernel "
                + k
                + ", padding "
                + p
                + " and pool "
                + pool
                + " on "
                + h
                + "x"
                + w
                + " (e.g. kernels: [5], padding: [2], pool: [2])");
      }
      h /= pool;
      w /= pool;
    }
    this.start = net.convOutput();
    long code = net.codeWidth();
    long flat = (long) start[0] * start[1] * start[2];
    declare("dec.fc.weight", new Shape(flat, code), Net.Init.KAIMING_A5, code, flat);
    declare("dec.fc.bias", new Shape(flat), Net.Init.FAN_IN_UNIFORM, code, flat);
    for (int i = blocks - 1; i >= 0; i--) {
      int in = c.channels().get(i);
      int out = i > 0 ? c.channels().get(i - 1) : image.channels();
      int k = Checks.at(c.kernels(), i);
      long fanIn = (long) in * k * k;
      int weight =
          declare(
              "dec.conv" + (i + 1) + ".weight",
              new Shape(out, in, k, k),
              Net.Init.KAIMING_A5,
              fanIn,
              out);
      int bias =
          declare(
              "dec.conv" + (i + 1) + ".bias", new Shape(out), Net.Init.FAN_IN_UNIFORM, fanIn, out);
      ups.add(new Up(weight, bias, Checks.at(c.pool(), i), new Shape(k / 2, k / 2)));
    }
    tensors = Net.create(specs, manager, seed);
  }

  private int declare(String name, Shape shape, Net.Init init, long fanIn, long fanOut) {
    specs.add(new Net.TensorSpec(name, shape, init, fanIn, fanOut, true));
    return specs.size() - 1;
  }

  /** The trainable tensors. */
  List<NDArray> parameters() {
    return List.of(tensors);
  }

  /** One logit per pixel (N x C x H x W) for codes (N x code width). */
  NDArray forward(NDArray code) {
    NDArray x =
        Activation.relu(Linear.linear(code, tensors[0], tensors[1]).singletonOrThrow())
            .reshape(-1, start[0], start[1], start[2]);
    for (int i = 0; i < ups.size(); i++) {
      Up u = ups.get(i);
      if (u.pool > 1) {
        x = x.repeat(2, u.pool).repeat(3, u.pool);
      }
      x =
          Conv2d.conv2d(x, tensors[u.weight], tensors[u.bias], ONE, u.padding, ONE, 1)
              .singletonOrThrow();
      if (i < ups.size() - 1) {
        x = Activation.relu(x);
      }
    }
    return x;
  }

  @Override
  public void close() {
    for (NDArray t : tensors) {
      t.close();
    }
  }
}
