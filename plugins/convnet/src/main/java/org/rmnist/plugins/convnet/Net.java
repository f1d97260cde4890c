package org.rmnist.plugins.convnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.BatchNorm;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.rmnist.api.DataFormatException;
import org.rmnist.api.ImageSet;
import org.rmnist.api.ImageShape;
import org.rmnist.api.NetworkInput;
import org.rmnist.api.Seed;

/**
 * A network as a flat list of named tensors (trainable parameters and buffers such as batch-norm
 * running statistics) plus a forward pass written with DJL's functional ops, and the same network
 * as an ONNX graph. Subclasses declare their tensors in the constructor and read them by index in
 * {@link #forward} and {@link #writeOnnx}.
 */
abstract class Net {

  /** PyTorch's default batch-norm epsilon. */
  static final double BN_EPSILON = 1e-5;

  /** How a tensor is initialised. */
  enum Init {
    /** PyTorch's default for Conv2d/Linear weights: kaiming_uniform(a=√5) = U(±1/√fanIn). */
    KAIMING_A5,
    /** PyTorch's default for biases: U(±1/sqrt fanIn) of the layer's weight. */
    FAN_IN_UNIFORM,
    /** torchvision's ResNet convs: kaiming_normal(mode=fan_out, relu) = N(0, 2/fanOut). */
    KAIMING_NORMAL_FAN_OUT,
    /** scikit-learn's MLP (Glorot): U(±sqrt(6/(fanIn+fanOut))) for weights and biases. */
    GLOROT,
    /** The ladder network's weights (Rasmus et al.'s code): N(0, 1/fanIn). */
    NORMAL_FAN_IN,
    /**
     * The ladder network's combinator, 10 rows of one value per unit: a2 = a7 = 1 (rows 1 and 6),
     * the rest 0, so its first estimate of every unit is 0.
     */
    LADDER_COMBINATOR,
    ONES,
    ZEROS
  }

  /** One tensor of the network. */
  record TensorSpec(
      String name, Shape shape, Init init, long fanIn, long fanOut, boolean trainable) {}

  /** A dropout layer: {@code width} units (channels when {@code spatial}) dropped with p. */
  record DropoutSite(double p, int width, boolean spatial) {}

  private final List<TensorSpec> specs = new ArrayList<>();
  private final List<DropoutSite> sites = new ArrayList<>();
  private NDArray[] tensors;

  /** Declares the next tensor; returns its index. */
  protected final int declare(
      String name, Shape shape, Init init, long fanIn, long fanOut, boolean trainable) {
    specs.add(new TensorSpec(name, shape, init, fanIn, fanOut, trainable));
    return specs.size() - 1;
  }

  /**
   * Declares a batch norm's gamma, beta (trained), running mean and variance (buffers), named
   * {@code name.weight}, {@code .bias}, {@code .running_mean}, {@code .running_var} as PyTorch
   * does; returns gamma's index (the others follow it).
   */
  protected final int batchNorm(String name, int channels) {
    Shape s = new Shape(channels);
    int gamma = declare(name + ".weight", s, Init.ONES, channels, channels, true);
    declare(name + ".bias", s, Init.ZEROS, channels, channels, true);
    declare(name + ".running_mean", s, Init.ZEROS, channels, channels, false);
    declare(name + ".running_var", s, Init.ONES, channels, channels, false);
    return gamma;
  }

  /**
   * Batch norm {@code bn} (gamma's index; none when negative) over axis 1: batch statistics and a
   * running-statistics update when training, the running statistics otherwise.
   */
  protected final NDArray norm(NDArray x, int bn, boolean training) {
    if (bn < 0) {
      return x;
    }
    // DJL passes 1 - momentum to torch.batch_norm: 0.9 here is PyTorch's default momentum 0.1.
    return BatchNorm.batchNorm(
            x, t(bn + 2), t(bn + 3), t(bn), t(bn + 1), -1, 0.9f, (float) BN_EPSILON, training)
        .singletonOrThrow();
  }

  /** Declares the next dropout site; returns its index. */
  protected final int dropout(double p, int width, boolean spatial) {
    sites.add(new DropoutSite(p, width, spatial));
    return sites.size() - 1;
  }

  /** The tensor at {@code index}. */
  protected final NDArray t(int index) {
    return tensors[index];
  }

  /** The input shape for a batch of {@code n} images as {@link #writeInput} writes them. */
  abstract Shape inputShape(long n);

  /** Values of one image as {@link #writeInput} writes it. */
  final int inputValues() {
    return Math.toIntExact(inputShape(1).size());
  }

  /**
   * Writes image {@code i} of {@code images} as this network takes it ({@link #inputValues()}
   * values, e.g. normalised pixels) into {@code dst} from {@code offset}.
   */
  abstract void writeInput(ImageSet images, int i, float[] dst, int offset);

  /** Images per forward pass when predicting (bounds the memory of the activations). */
  int inferenceChunk() {
    return 1000;
  }

  /** How grey images become the input of the ONNX graph {@link #writeOnnx} writes. */
  abstract NetworkInput onnxInput();

  /** Images of {@code image}'s shape as they are: no resize, no normalisation. */
  static NetworkInput asIs(ImageShape image) {
    if (image.height() != image.width()) {
      throw new IllegalStateException(
          "ONNX input: NetworkInput describes square images, this " + "network takes " + image);
    }
    return new NetworkInput(
        image.height(), image.channels(), "nchw", "bilinear", List.of(0.0), List.of(1.0));
  }

  /**
   * Adds this network's nodes to {@code g}, from its input to the {@link OnnxWriter#LOGITS} output
   * (and {@link OnnxWriter#FEATURES} where the network has a pooled representation).
   */
  abstract void writeOnnx(OnnxWriter g);

  /**
   * Class scores for a batch. When training, {@code masks.get(s)} is site {@code s}'s dropout mask
   * (batch × width [× 1 × 1], values 0 or 1/(1-p)); results live in {@code x}'s manager.
   */
  abstract NDArray forward(NDArray x, boolean training, NDList masks);

  /**
   * Rows of the first layer's patch matrix per image (output positions), or 0 when the network
   * takes images only. A network with patches accepts, in {@link #forward}, a 2-D input of {@code
   * batch*patchRows()} rows × {@link #patchColumns()} columns instead of images.
   */
  int patchRows() {
    return 0;
  }

  /** Columns of the patch matrix (input channels × kernel taps). */
  int patchColumns() {
    return 0;
  }

  /** Writes one normalised image's patch rows into {@code dst} from {@code offset}. */
  void writePatches(float[] pixels, int from, float[] dst, int offset) {
    throw new UnsupportedOperationException("this network takes images, not patches");
  }

  /** An extra loss term for a batch of {@code batch} images (e.g. L2), or null; in {@code step}. */
  NDArray penalty(NDManager step, int batch) {
    return null;
  }

  final List<DropoutSite> dropoutSites() {
    return List.copyOf(sites);
  }

  final List<TensorSpec> specs() {
    return List.copyOf(specs);
  }

  /** Creates the tensors in {@code manager}, tensor k drawn from {@code seed.derive("init", k)}. */
  final void initialise(NDManager manager, Seed seed) {
    NDArray[] created = new NDArray[specs.size()];
    for (int k = 0; k < created.length; k++) {
      TensorSpec s = specs.get(k);
      float[] values = values(s, seed.derive("init", k).random());
      created[k] = manager.create(values, s.shape());
      created[k].setName(s.name());
    }
    install(created);
  }

  /** Installs tensors read back from a file, checking their names and shapes. */
  final void load(NDList list, String where) throws DataFormatException {
    if (list.size() != specs.size()) {
      throw new DataFormatException(
          where
              + ": holds "
              + list.size()
              + " tensors, this config "
              + "builds "
              + specs.size()
              + " (was the model saved with another architecture?)");
    }
    for (int k = 0; k < specs.size(); k++) {
      TensorSpec s = specs.get(k);
      NDArray a = list.get(k);
      if (!a.getShape().equals(s.shape())) {
        throw new DataFormatException(
            where
                + ": tensor "
                + k
                + " ("
                + a.getName()
                + ") has shape "
                + a.getShape()
                + ", this config expects "
                + s.name()
                + " "
                + s.shape());
      }
      a.setName(s.name());
    }
    install(list.toArray(new NDArray[0]));
  }

  /** Replaces every tensor (e.g. with a snapshot); the old ones are closed. */
  final void replace(NDArray[] replacement) {
    NDArray[] old = tensors;
    install(replacement);
    for (NDArray a : old) {
      a.close();
    }
  }

  private void install(NDArray[] arrays) {
    tensors = arrays;
    for (int k = 0; k < arrays.length; k++) {
      if (specs.get(k).trainable() && !arrays[k].hasGradient()) {
        arrays[k].setRequiresGradient(true);
      }
    }
  }

  /** All tensors, in declaration order. */
  final NDArray[] tensors() {
    return tensors.clone();
  }

  /** The trainable tensors, in declaration order. */
  final List<NDArray> parameters() {
    List<NDArray> list = new ArrayList<>();
    for (int k = 0; k < specs.size(); k++) {
      if (specs.get(k).trainable()) {
        list.add(tensors[k]);
      }
    }
    return list;
  }

  /** Number of trainable values. */
  final long parameterCount() {
    return specs.stream().filter(TensorSpec::trainable).mapToLong(s -> s.shape().size()).sum();
  }

  /**
   * The (pixel - mean) * inv normalisation of a float image, {@code size} values from {@code src}
   * at {@code from} into {@code dst} at {@code offset}.
   */
  static void normalise(
      float[] src, int from, int size, float mean, float inv, float[] dst, int offset) {
    for (int j = 0; j < size; j++) {
      dst[offset + j] = (src[from + j] - mean) * inv;
    }
  }

  /**
   * Trainable tensors for {@code specs} in {@code manager}, tensor k drawn from {@code
   * seed.derive("init", k)} (for the heads that train beside a network and are not saved with it).
   */
  static NDArray[] create(List<TensorSpec> specs, NDManager manager, Seed seed) {
    NDArray[] created = new NDArray[specs.size()];
    for (int k = 0; k < created.length; k++) {
      TensorSpec s = specs.get(k);
      created[k] = manager.create(values(s, seed.derive("init", k).random()), s.shape());
      created[k].setName(s.name());
      created[k].setRequiresGradient(true);
    }
    return created;
  }

  static float[] values(TensorSpec s, SplittableRandom rng) {
    float[] v = new float[Math.toIntExact(s.shape().size())];
    if (s.init() == Init.KAIMING_NORMAL_FAN_OUT) {
      gaussian(v, Math.sqrt(2.0 / s.fanOut()), rng);
      return v;
    }
    if (s.init() == Init.NORMAL_FAN_IN) {
      gaussian(v, Math.sqrt(1.0 / s.fanIn()), rng);
      return v;
    }
    if (s.init() == Init.LADDER_COMBINATOR) {
      int units = Math.toIntExact(s.shape().get(1));
      Arrays.fill(v, units, 2 * units, 1f);
      Arrays.fill(v, 6 * units, 7 * units, 1f);
      return v;
    }
    double bound =
        switch (s.init()) {
          case KAIMING_A5, FAN_IN_UNIFORM -> 1 / Math.sqrt(s.fanIn());
          case GLOROT -> Math.sqrt(6.0 / (s.fanIn() + s.fanOut()));
          case ONES, ZEROS, KAIMING_NORMAL_FAN_OUT, NORMAL_FAN_IN, LADDER_COMBINATOR -> 0;
        };
    if (s.init() == Init.ONES) {
      Arrays.fill(v, 1f);
    } else if (bound > 0) {
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) (bound * (2 * rng.nextDouble() - 1));
      }
    }
    return v;
  }

  /** N(0, std²) values by Box–Muller on {@code rng} (the same numbers on every JDK). */
  private static void gaussian(float[] v, double std, SplittableRandom rng) {
    for (int i = 0; i < v.length; i += 2) {
      double r = Math.sqrt(-2 * Math.log(1 - rng.nextDouble()));
      double a = 2 * Math.PI * rng.nextDouble();
      v[i] = (float) (std * r * Math.cos(a));
      if (i + 1 < v.length) {
        v[i + 1] = (float) (std * r * Math.sin(a));
      }
    }
  }
}
