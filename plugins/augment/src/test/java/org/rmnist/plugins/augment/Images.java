package org.rmnist.plugins.augment;

import java.util.SplittableRandom;
import org.rmnist.api.ImageShape;
import org.rmnist.testkit.TestImages;

/** Test images: digit-like strokes with a little texture, values in [0, 1]. */
final class Images {
  private Images() {}

  static final ImageShape MNIST = ImageShape.MNIST;

  /** Non-square, several channels: catches width/height and channel mix-ups. */
  static final ImageShape ODD = TestImages.ODD;

  /** A ring and a diagonal bar per channel (moved a little per channel), plus faint texture. */
  static float[] digit(ImageShape shape, long seed) {
    return TestImages.digit(shape, seed);
  }

  /** Uniform noise in [0, 1). */
  static float[] noise(ImageShape shape, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] img = new float[shape.size()];
    for (int i = 0; i < img.length; i++) {
      img[i] = r.nextFloat();
    }
    return img;
  }

  /** Value of channel c at (row y, column x). */
  static float at(float[] img, ImageShape s, int c, int y, int x) {
    return img[c * s.height() * s.width() + y * s.width() + x];
  }
}
