package org.rmnist.plugins.convnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.rmnist.api.DataFormatException;
import org.rmnist.api.Seed;

/**
 * A network as a flat list of named tensors (trainable parameters and buffers such as batch-norm
 * running statistics) plus a forward pass written with DJL's functional ops. Subclasses declare
 * their tensors in the constructor and read them by index in {@link #forward}.
 */
abstract class Net {

  /** How a tensor is initialised. */
  enum Init {
    /** PyTorch's default for Conv2d/Linear weights: kaiming_uniform(a=√5) = U(±1/√fanIn). */
    KAIMING_A5,
    /** PyTorch's default for biases: U(±1/sqrt fanIn) of the layer's weight. */
    FAN_IN_UNIFORM,
    /** scikit-learn's MLP (Glorot): U(±sqrt(6/(fanIn+fanOut))) for weights and biases. */
    GLOROT,
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
  protected final int declare(String name, Shape shape, Init init, long fanIn, long fanOut,
      boolean trainable) {
    specs.add(new TensorSpec(name, shape, init, fanIn, fanOut, trainable));
    return specs.size() - 1;
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

  /** The input shape for a batch of {@code n} images (already normalised). */
  abstract Shape inputShape(long n);

  /** Mean and standard deviation that inputs are normalised with: (pixel - mean) / std. */
  abstract float[] normalisation();

  /**
   * Class scores for a batch. When training, {@code masks.get(s)} is site {@code s}'s dropout mask
   * (batch × width [× 1 × 1], values 0 or 1/(1-p)); results live in {@code x}'s manager.
   */
  abstract NDArray forward(NDArray x, boolean training, NDList masks);

  /**
   * Rows of the first layer's patch matrix per image (output positions), or 0 when the network
   * takes images only. A network with patches accepts, in {@link #forward}, a 2-D input of
   * {@code batch*patchRows()} rows × {@link #patchColumns()} columns instead of images.
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
      throw new DataFormatException(where + ": holds " + list.size() + " tensors, this config "
          + "builds " + specs.size() + " (was the model saved with another architecture?)");
    }
    for (int k = 0; k < specs.size(); k++) {
      TensorSpec s = specs.get(k);
      NDArray a = list.get(k);
      if (!a.getShape().equals(s.shape())) {
        throw new DataFormatException(where + ": tensor " + k + " (" + a.getName() + ") has shape "
            + a.getShape() + ", this config expects " + s.name() + " " + s.shape());
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

  static float[] values(TensorSpec s, SplittableRandom rng) {
    float[] v = new float[Math.toIntExact(s.shape().size())];
    double bound =
        switch (s.init()) {
          case KAIMING_A5, FAN_IN_UNIFORM -> 1 / Math.sqrt(s.fanIn());
          case GLOROT -> Math.sqrt(6.0 / (s.fanIn() + s.fanOut()));
          case ONES, ZEROS -> 0;
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
}
