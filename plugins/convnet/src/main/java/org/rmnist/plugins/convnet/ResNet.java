package org.rmnist.plugins.convnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
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

/**
 * torchvision's ResNet with BasicBlocks (ResNet-18 with the defaults): conv 7x7/2 → BN → ReLU →
 * max-pool 3x3/2 → stages of BasicBlocks of width, 2·width, 4·width, ... channels (the first block
 * of every stage but the first has stride 2 and a 1x1/2 conv + BN shortcut) → global average pool →
 * linear. Tensor names, order and initialisation are torchvision's ({@code conv1.weight}, {@code
 * layer1.0.bn1.running_mean}, ..., {@code fc.bias}).
 *
 * <p>Input: grey images resized in Java to size x size (one channel is uploaded); the first step of
 * {@link #forward} copies it to three channels normalised with the config's mean and std, exactly
 * as {@link NetworkInput#fill} does, so the ONNX graph takes what {@link #onnxInput()} makes.
 */
final class ResNet extends Net {
  private static final Shape ONE = new Shape(1, 1);
  private static final Shape TWO = new Shape(2, 2);
  private static final Shape THREE = new Shape(3, 3);

  /** One BasicBlock: tensor indices ({@code down} < 0: identity shortcut) and stride. */
  private record Block(
      String name, int conv1, int bn1, int conv2, int bn2, int down, int downBn, int stride) {}

  private final int size;
  private final int width;
  private final NetworkInput grey;
  private final NetworkInput input;
  private final float[] mean = new float[3];
  private final float[] inv = new float[3];
  private final int conv1;
  private final int bn1;
  private final List<List<Block>> stages = new ArrayList<>();
  private final int fcWeight;
  private final int fcBias;
  private final int features;

  ResNet(ResnetConfig c, ImageShape image, int classes) {
    this.size = c.preprocess().size();
    this.width = c.width();
    this.grey =
        new NetworkInput(size, 1, "nchw", c.preprocess().resize(), List.of(0.0), List.of(1.0));
    this.input = c.networkInput();
    for (int ch = 0; ch < 3; ch++) {
      mean[ch] = input.mean().get(input.mean().size() == 1 ? 0 : ch).floatValue();
      inv[ch] = (float) (1.0 / input.std().get(input.std().size() == 1 ? 0 : ch));
    }
    conv1 = conv("conv1.weight", 3, width, 7);
    bn1 = batchNorm("bn1", width);
    int in = width;
    for (int s = 0; s < c.blocks().size(); s++) {
      int out = width << s;
      List<Block> stage = new ArrayList<>();
      for (int b = 0; b < c.blocks().get(s); b++) {
        String name = "layer" + (s + 1) + "." + b;
        int stride = s > 0 && b == 0 ? 2 : 1;
        int c1 = conv(name + ".conv1.weight", in, out, 3);
        int n1 = batchNorm(name + ".bn1", out);
        int c2 = conv(name + ".conv2.weight", out, out, 3);
        int n2 = batchNorm(name + ".bn2", out);
        boolean project = stride != 1 || in != out;
        int down = project ? conv(name + ".downsample.0.weight", in, out, 1) : -1;
        int downBn = project ? batchNorm(name + ".downsample.1", out) : -1;
        stage.add(new Block(name, c1, n1, c2, n2, down, downBn, stride));
        in = out;
      }
      stages.add(stage);
    }
    features = in;
    fcWeight = declare("fc.weight", new Shape(classes, in), Init.KAIMING_A5, in, classes, true);
    fcBias = declare("fc.bias", new Shape(classes), Init.FAN_IN_UNIFORM, in, classes, true);
  }

  /** A bias-free k x k conv weight, torchvision's kaiming_normal(fan_out) initialisation. */
  private int conv(String name, int in, int out, int k) {
    return declare(
        name,
        new Shape(out, in, k, k),
        Init.KAIMING_NORMAL_FAN_OUT,
        (long) in * k * k,
        (long) out * k * k,
        true);
  }

  /** Width of the pooled features (the last stage's channels). */
  int featureWidth() {
    return features;
  }

  @Override
  Shape inputShape(long n) {
    return new Shape(n, 1, size, size);
  }

  /** The image resized to size x size (one channel, not normalised: forward does that). */
  @Override
  void writeInput(ImageSet images, int i, float[] dst, int offset) {
    float[] resized = new float[size * size];
    grey.fill(images, i, i + 1, resized);
    System.arraycopy(resized, 0, dst, offset, resized.length);
  }

  /** About 2^22 floats of stem activations per chunk. */
  @Override
  int inferenceChunk() {
    long stem = (size + 1) / 2;
    return (int) Math.max(1, Math.min(1000, (1L << 22) / (width * stem * stem)));
  }

  @Override
  NetworkInput onnxInput() {
    return input;
  }

  @Override
  NDArray forward(NDArray x, boolean training, NDList masks) {
    return Linear.linear(features(x, training), t(fcWeight), t(fcBias)).singletonOrThrow();
  }

  /** The globally pooled features (batch x {@link #featureWidth()}) of uploaded images. */
  NDArray features(NDArray x, boolean training) {
    x = Activation.relu(norm(conv(channels(x), conv1, 2, 3), bn1, training));
    x = Pool.maxPool2d(x, THREE, TWO, ONE, false);
    for (List<Block> stage : stages) {
      for (Block b : stage) {
        x = block(x, b, training);
      }
    }
    return Pool.globalAvgPool2d(x);
  }

  /** N x 1 x S x S resized grey to N x 3 x S x S: (g - mean[c]) * (1 / std[c]) in float. */
  private NDArray channels(NDArray x) {
    NDManager m = x.getManager();
    Shape perChannel = new Shape(1, 3, 1, 1);
    return x.sub(m.create(mean, perChannel)).mul(m.create(inv, perChannel));
  }

  private NDArray block(NDArray x, Block b, boolean training) {
    NDArray y = Activation.relu(norm(conv(x, b.conv1, b.stride, 1), b.bn1, training));
    y = norm(conv(y, b.conv2, 1, 1), b.bn2, training);
    NDArray shortcut = b.down < 0 ? x : norm(conv(x, b.down, b.stride, 0), b.downBn, training);
    return Activation.relu(y.add(shortcut));
  }

  private NDArray conv(NDArray x, int weight, int stride, int pad) {
    return Conv2d.conv2d(x, t(weight), null, new Shape(stride, stride), new Shape(pad, pad), ONE, 1)
        .singletonOrThrow();
  }

  /**
   * Nodes {@code conv1}, {@code bn1}, {@code relu}, {@code maxpool}; per block {@code
   * layer<s>.<b>.conv1}, {@code .bn1}, {@code .relu1}, {@code .conv2}, {@code .bn2}, [{@code
   * .downsample.0}, {@code .downsample.1}], {@code .add}, {@code .relu2}; per stage its output
   * {@code layer<s>}; {@code avgpool} (N x C x 1 x 1), {@code features} (N x C) and {@code logits}.
   * Outputs: logits, features.
   */
  @Override
  void writeOnnx(OnnxWriter g) {
    String x = g.conv("conv1", g.input(), conv1, -1, 2, 3);
    x = g.maxPool("maxpool", g.relu("relu", g.batchNorm("bn1", x, bn1)), 3, 2, 1);
    for (int s = 0; s < stages.size(); s++) {
      for (Block b : stages.get(s)) {
        x = block(g, x, b);
      }
      x = g.identity("layer" + (s + 1), x);
    }
    x = g.flatten(OnnxWriter.FEATURES, g.globalAveragePool("avgpool", x));
    g.output(g.gemm(OnnxWriter.LOGITS, x, fcWeight, fcBias));
    g.output(OnnxWriter.FEATURES);
  }

  private static String block(OnnxWriter g, String x, Block b) {
    String p = b.name() + ".";
    String y =
        g.relu(
            p + "relu1",
            g.batchNorm(p + "bn1", g.conv(p + "conv1", x, b.conv1, -1, b.stride, 1), b.bn1));
    y = g.batchNorm(p + "bn2", g.conv(p + "conv2", y, b.conv2, -1, 1, 1), b.bn2);
    String shortcut = x;
    if (b.down >= 0) {
      shortcut =
          g.batchNorm(
              p + "downsample.1", g.conv(p + "downsample.0", x, b.down, -1, b.stride, 0), b.downBn);
    }
    return g.relu(p + "relu2", g.add(p + "add", y, shortcut));
  }
}
