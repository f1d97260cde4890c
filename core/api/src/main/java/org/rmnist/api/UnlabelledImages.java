package org.rmnist.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * Images without labels: the unlabelled track's view of a data set's training pool (for {@code
 * rmnist} MNIST training images 0..49999). The type has no labels, so no code that receives it can
 * read one; validation and test images never enter it (the host refuses a view that would hold
 * any). Image {@code i} occupies {@code pixels[i*size .. (i+1)*size)}, floats in [0, 1]; {@code
 * sourceIndices[i]} is its index in the source file. Treat the arrays as read-only.
 */
public record UnlabelledImages(float[] pixels, ImageShape shape, int[] sourceIndices) {

  public UnlabelledImages {
    Objects.requireNonNull(pixels, "pixels");
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(sourceIndices, "sourceIndices");
    if (pixels.length != (long) sourceIndices.length * shape.size()) {
      throw new IllegalArgumentException(
          "pixels hold "
              + pixels.length
              + " values, expected "
              + sourceIndices.length
              + " images of "
              + shape
              + " = "
              + (long) sourceIndices.length * shape.size());
    }
  }

  /** No images, of {@code shape}: what a run that asks for no unlabelled view receives. */
  public static UnlabelledImages none(ImageShape shape) {
    return new UnlabelledImages(new float[0], shape, new int[0]);
  }

  /** The images of {@code images}, their labels dropped. */
  public static UnlabelledImages of(ImageSet images) {
    return new UnlabelledImages(images.pixels(), images.shape(), images.sourceIndices());
  }

  /** Number of images. */
  public int size() {
    return sourceIndices.length;
  }

  /** Whether the view holds no image. */
  public boolean isEmpty() {
    return sourceIndices.length == 0;
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
  public UnlabelledImages select(int[] positions) {
    int s = shape.size();
    float[] px = new float[positions.length * s];
    int[] src = new int[positions.length];
    for (int k = 0; k < positions.length; k++) {
      System.arraycopy(pixels, positions[k] * s, px, k * s, s);
      src[k] = sourceIndices[positions[k]];
    }
    return new UnlabelledImages(px, shape, src);
  }

  /**
   * These images as an {@link ImageSet} whose every label is 0, for code that takes image sets (an
   * {@link OnTheFly} stream, a {@link Featurizer}): the labels carry no information.
   */
  public ImageSet asImageSet() {
    return new ImageSet(pixels, new int[size()], shape, sourceIndices);
  }
}
