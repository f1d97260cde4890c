package org.rmnist.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * Labelled images as one flat array: image {@code i} occupies {@code pixels[i*size .. (i+1)*size)}.
 *
 * <p>Pixels are floats in [0, 1]. {@code sourceIndices[i]} says where image {@code i} came from
 * (its index in the source file), so results can always be traced back to the original data. Treat
 * the arrays as read-only: operations return new sets.
 */
public record ImageSet(float[] pixels, int[] labels, ImageShape shape, int[] sourceIndices) {

  public ImageSet {
    Objects.requireNonNull(pixels, "pixels");
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(sourceIndices, "sourceIndices");
    if (pixels.length != labels.length * shape.size()) {
      throw new IllegalArgumentException(
          "pixels hold "
              + pixels.length
              + " values, expected "
              + labels.length
              + " images of "
              + shape
              + " = "
              + (long) labels.length * shape.size());
    }
    if (sourceIndices.length != labels.length) {
      throw new IllegalArgumentException(
          sourceIndices.length + " source indices for " + labels.length + " images");
    }
  }

  /** Number of images. */
  public int size() {
    return labels.length;
  }

  /** Offset of image {@code i} in {@link #pixels()}. */
  public int offset(int i) {
    return i * shape.size();
  }

  /** A copy of image {@code i}'s pixels. */
  public float[] image(int i) {
    int s = shape.size();
    return Arrays.copyOfRange(pixels, i * s, (i + 1) * s);
  }

  /** The images at the given positions, in that order. */
  public ImageSet select(int[] positions) {
    int s = shape.size();
    float[] px = new float[positions.length * s];
    int[] lb = new int[positions.length];
    int[] src = new int[positions.length];
    for (int k = 0; k < positions.length; k++) {
      int i = positions[k];
      System.arraycopy(pixels, i * s, px, k * s, s);
      lb[k] = labels[i];
      src[k] = sourceIndices[i];
    }
    return new ImageSet(px, lb, shape, src);
  }

  /** This set followed by {@code other}; shapes must agree. */
  public ImageSet concat(ImageSet other) {
    if (!shape.equals(other.shape)) {
      throw new IllegalArgumentException("cannot concatenate " + shape + " and " + other.shape);
    }
    float[] px = Arrays.copyOf(pixels, pixels.length + other.pixels.length);
    System.arraycopy(other.pixels, 0, px, pixels.length, other.pixels.length);
    int[] lb = Arrays.copyOf(labels, labels.length + other.labels.length);
    System.arraycopy(other.labels, 0, lb, labels.length, other.labels.length);
    int[] src = Arrays.copyOf(sourceIndices, sourceIndices.length + other.sourceIndices.length);
    System.arraycopy(other.sourceIndices, 0, src, sourceIndices.length, other.sourceIndices.length);
    return new ImageSet(px, lb, shape, src);
  }

  /** Number of images per label 0..classes-1. */
  public int[] classCounts(int classes) {
    int[] counts = new int[classes];
    for (int label : labels) {
      counts[label]++;
    }
    return counts;
  }
}
