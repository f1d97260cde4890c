package org.rmnist.api;

import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link TrainingSetBuilder} builds from.
 *
 * @param pool the labelled pool (for RMNIST, training images 0..49999), never validation or test
 *     images; {@link ImageSet#sourceIndices()} name each image's place in the data set's file
 * @param poolFeatures the pool as feature vectors (same order and labels, shape 1 × 1 × dimension)
 *     when the data set's {@code build.features} names a feature extractor, else empty
 * @param n images per class to return
 * @param classes the task's number of classes
 * @param seed the build's seed (the data set's draw seed); derive children for each random choice
 * @param start the set to start from, {@code n} images per class (in the order its builder returned
 *     them), when the data set's {@code build.start} names a builder that makes it first (only for
 *     a builder whose {@link TrainingSetBuilder#startsFrom} says it reads one), else empty
 */
public record BuildRequest(
    ImageSet pool,
    Optional<ImageSet> poolFeatures,
    int n,
    int classes,
    Seed seed,
    Optional<ImageSet> start) {

  /** A request with no set to start from. */
  public BuildRequest(
      ImageSet pool, Optional<ImageSet> poolFeatures, int n, int classes, Seed seed) {
    this(pool, poolFeatures, n, classes, seed, Optional.empty());
  }

  public BuildRequest {
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(poolFeatures, "poolFeatures");
    Objects.requireNonNull(seed, "seed");
    Objects.requireNonNull(start, "start");
    if (n < 1) {
      throw new IllegalArgumentException("n: a built set needs n >= 1 images per class, got " + n);
    }
    if (classes < 2) {
      throw new IllegalArgumentException("classes must be >= 2, got " + classes);
    }
    if (poolFeatures.isPresent() && poolFeatures.get().size() != pool.size()) {
      throw new IllegalArgumentException(
          "poolFeatures hold "
              + poolFeatures.get().size()
              + " vectors for a pool of "
              + pool.size()
              + " images");
    }
    if (start.isPresent()) {
      ImageSet s = start.get();
      if (!s.shape().equals(pool.shape())) {
        throw new IllegalArgumentException(
            "start: images of shape " + s.shape() + ", the pool's are " + pool.shape());
      }
      int[] count = new int[classes];
      for (int label : s.labels()) {
        if (label < 0 || label >= classes) {
          throw new IllegalArgumentException(
              "start: label " + label + " outside 0.." + (classes - 1));
        }
        count[label]++;
      }
      for (int c = 0; c < classes; c++) {
        if (count[c] != n) {
          throw new IllegalArgumentException(
              "start: " + count[c] + " images of class " + c + ", expected n = " + n);
        }
      }
    }
  }

  /** The positions in {@link #pool()} of each class's images, in pool order. */
  public int[][] byClass() {
    int[] count = new int[classes];
    for (int label : pool.labels()) {
      count[label]++;
    }
    int[][] positions = new int[classes][];
    for (int c = 0; c < classes; c++) {
      positions[c] = new int[count[c]];
    }
    int[] at = new int[classes];
    for (int i = 0; i < pool.size(); i++) {
      int c = pool.labels()[i];
      positions[c][at[c]++] = i;
    }
    return positions;
  }

  /**
   * Throws, naming {@code n}, when a class has fewer than {@code n} images in the pool (its
   * positions from {@link #byClass()}).
   */
  public void requireEnough(int[][] byClass) {
    for (int c = 0; c < byClass.length; c++) {
      if (byClass[c].length < n) {
        throw new IllegalArgumentException(
            "n: "
                + n
                + " images per class asked for, but class "
                + c
                + " has only "
                + byClass[c].length
                + " in the pool of "
                + pool.size());
      }
    }
  }
}
