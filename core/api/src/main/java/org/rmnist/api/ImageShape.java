package org.rmnist.api;

/** Shape of one image: channels × height × width, stored channel-major. */
public record ImageShape(int channels, int height, int width) {

  /** MNIST's 1 × 28 × 28. */
  public static final ImageShape MNIST = new ImageShape(1, 28, 28);

  public ImageShape {
    if (channels < 1 || height < 1 || width < 1) {
      throw new IllegalArgumentException(
          "image shape must be positive, got " + channels + "x" + height + "x" + width);
    }
  }

  /** Number of values in one image. */
  public int size() {
    return channels * height * width;
  }

  @Override
  public String toString() {
    return channels + "x" + height + "x" + width;
  }
}
