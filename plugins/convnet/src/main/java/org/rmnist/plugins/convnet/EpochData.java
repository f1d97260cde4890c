package org.rmnist.plugins.convnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.rmnist.api.ImageSet;

/**
 * One epoch's training data on the native side, as per-batch views of a few large arrays: the
 * inputs (normalised images, or the first conv's patch matrix), the loss weights (−1/batch at each
 * image's label, so {@code sum(logSoftmax * weights)} is the batch's mean NLL) and each dropout
 * site's masks. A step then copies nothing from Java. The inputs and weights are uploaded once and
 * reused for as long as the epoch's images and batch order stay the same ({@link Inputs}).
 */
final class EpochData implements AutoCloseable {
  /** Largest patch matrix (floats) built in Java; above it the first conv runs as a convolution. */
  static final long PATCH_BUDGET = 1L << 25;

  private final NDManager manager;
  private final NDList x;
  private final NDList weights;
  private final List<NDList> masks;
  private final int[] bounds;

  private EpochData(NDManager manager, NDList x, NDList weights, List<NDList> masks, int[] bounds) {
    this.manager = manager;
    this.x = x;
    this.weights = weights;
    this.masks = masks;
    this.bounds = bounds;
  }

  /** Inputs and loss weights of one (images, order) pair, uploaded once. */
  static final class Inputs implements AutoCloseable {
    private final NDManager manager;
    private final ImageSet images;
    private final int[] order;
    private final NDArray x;
    private final NDArray weights;
    private final int rowsPerImage;

    private Inputs(
        NDManager manager,
        ImageSet images,
        int[] order,
        NDArray x,
        NDArray weights,
        int rowsPerImage) {
      this.manager = manager;
      this.images = images;
      this.order = order;
      this.x = x;
      this.weights = weights;
      this.rowsPerImage = rowsPerImage;
    }

    /** True when these inputs hold exactly {@code images} in {@code order}. */
    boolean holds(ImageSet images, int[] order) {
      return this.images == images && this.order == order;
    }

    /** True when the inputs are the first conv's patches rather than images. */
    boolean patches() {
      return rowsPerImage > 1;
    }

    @Override
    public void close() {
      manager.close();
    }
  }

  /**
   * Uploads {@code images} in {@code order} as the net takes them ({@link Net#writeInput}), as
   * patches when the net takes them within budget, with each image's target: its one-hot label, or
   * its row of {@code soft} (one row of {@code classes} probabilities per image of {@code images};
   * null for none), scaled by minus one over its batch's size so that the loss is the batch's mean
   * cross-entropy.
   */
  static Inputs upload(
      NDManager parent,
      Net net,
      ImageSet images,
      int[] order,
      int[] bounds,
      int classes,
      float[] soft) {
    int n = order.length;
    int size = net.inputValues();
    float[] px = new float[Math.multiplyExact(n, size)];
    for (int i = 0; i < n; i++) {
      net.writeInput(images, order[i], px, i * size);
    }
    int rows = net.patchRows();
    int cols = net.patchColumns();
    boolean patches = rows > 0 && (long) n * rows * cols <= PATCH_BUDGET;
    float[] w = new float[n * classes];
    for (int b = 0; b + 1 < bounds.length; b++) {
      float weight = -1f / (bounds[b + 1] - bounds[b]);
      for (int i = bounds[b]; i < bounds[b + 1]; i++) {
        if (soft == null) {
          w[i * classes + images.labels()[order[i]]] = weight;
        } else {
          for (int k = 0; k < classes; k++) {
            w[i * classes + k] = weight * soft[order[i] * classes + k];
          }
        }
      }
    }
    NDManager manager = parent.newSubManager();
    try {
      NDArray x;
      if (patches) {
        float[] p = new float[n * rows * cols];
        for (int i = 0; i < n; i++) {
          net.writePatches(px, i * size, p, i * rows * cols);
        }
        x = manager.create(p, new Shape((long) n * rows, cols));
      } else {
        x = manager.create(px, net.inputShape(n));
      }
      NDArray weights = manager.create(w, new Shape(n, classes));
      return new Inputs(manager, images, order, x, weights, patches ? rows : 1);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /** The epoch's batches of {@code inputs}, with dropout masks drawn from {@code dropout}. */
  static EpochData build(
      NDManager parent, Inputs inputs, Net net, int[] bounds, SplittableRandom dropout) {
    int n = bounds[bounds.length - 1];
    NDManager manager = parent.newSubManager();
    try {
      int[] rows = bounds.clone();
      for (int b = 0; b < rows.length; b++) {
        rows[b] *= inputs.rowsPerImage;
      }
      NDList x = split(inputs.x, rows, manager);
      NDList weights = split(inputs.weights, bounds, manager);
      List<NDList> masks = new ArrayList<>();
      for (Net.DropoutSite site : net.dropoutSites()) {
        masks.add(split(mask(site, n, dropout, manager), bounds, manager));
      }
      return new EpochData(manager, x, weights, masks, bounds);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /**
   * Dropout mask of {@code site} for {@code n} images (values 0 or 1/(1-p), drawn from {@code
   * rng}), n x width [x 1 x 1], in {@code manager}.
   */
  static NDArray mask(Net.DropoutSite site, int n, SplittableRandom rng, NDManager manager) {
    return manager.create(maskValues(site, n, rng), maskShape(site, n));
  }

  /** The values of {@link #mask}, image-major. */
  static float[] maskValues(Net.DropoutSite site, int n, SplittableRandom rng) {
    float[] m = new float[n * site.width()];
    float keep = (float) (1 / (1 - site.p()));
    for (int i = 0; i < m.length; i++) {
      m[i] = rng.nextDouble() < site.p() ? 0f : keep;
    }
    return m;
  }

  /** The shape of {@link #mask}: n x width, with 1 x 1 added for a spatial site. */
  static Shape maskShape(Net.DropoutSite site, int n) {
    return site.spatial() ? new Shape(n, site.width(), 1, 1) : new Shape(n, site.width());
  }

  /** Views of {@code all} cut at {@code bounds} along axis 0, owned by {@code manager}. */
  private static NDList split(NDArray all, int[] bounds, NDManager manager) {
    long[] cuts = new long[bounds.length - 2];
    for (int b = 0; b < cuts.length; b++) {
      cuts[b] = bounds[b + 1];
    }
    NDList views = cuts.length == 0 ? new NDList(all.reshape(all.getShape())) : all.split(cuts, 0);
    for (NDArray v : views) {
      v.attach(manager);
    }
    return views;
  }

  int batches() {
    return bounds.length - 1;
  }

  int batchSize(int b) {
    return bounds[b + 1] - bounds[b];
  }

  /** Batch {@code b}'s inputs, moved into {@code step} (closed with it). */
  NDArray inputs(int b, NDManager step) {
    return moved(x.get(b), step);
  }

  /** Batch {@code b}'s loss weights, moved into {@code step}. */
  NDArray weights(int b, NDManager step) {
    return moved(weights.get(b), step);
  }

  /** Batch {@code b}'s dropout masks (one per site), moved into {@code step}. */
  NDList masks(int b, NDManager step) {
    NDList list = new NDList(masks.size());
    for (NDList site : masks) {
      list.add(moved(site.get(b), step));
    }
    return list;
  }

  NDManager manager() {
    return manager;
  }

  private static NDArray moved(NDArray a, NDManager step) {
    a.attach(step);
    return a;
  }

  /** Batch boundaries for {@code n} images in batches of {@code batch} (the last may be short). */
  static int[] bounds(int n, int batch) {
    int count = (n + batch - 1) / batch;
    int[] b = new int[count + 1];
    for (int i = 0; i < count; i++) {
      b[i] = i * batch;
    }
    b[count] = n;
    return b;
  }

  /** A uniformly random permutation of 0..n-1 (Fisher–Yates). */
  static int[] permutation(int n, SplittableRandom rng) {
    int[] p = new int[n];
    Arrays.setAll(p, i -> i);
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int tmp = p[i];
      p[i] = p[j];
      p[j] = tmp;
    }
    return p;
  }

  @Override
  public void close() {
    manager.close();
  }
}
