package org.rmnist.plugins.augment;

import java.util.SplittableRandom;
import org.rmnist.api.ImageShape;

/** Test images: digit-like strokes with a little texture, values in [0, 1]. */
final class Images {
  private Images() {}

  static final ImageShape MNIST = ImageShape.MNIST;

  /** Non-square, several channels: catches width/height and channel mix-ups. */
  static final ImageShape ODD = new ImageShape(3, 10, 13);

  /** A ring and a diagonal bar per channel (moved a little per channel), plus faint texture. */
  static float[] digit(ImageShape shape, long seed) {
    int h = shape.height();
    int w = shape.width();
    SplittableRandom r = new SplittableRandom(seed);
    float[] img = new float[shape.size()];
    for (int c = 0; c < shape.channels(); c++) {
      double cx = (w - 1) / 2.0 + 0.3 * c;
      double cy = (h - 1) / 2.0 - 0.2 * c;
      double radius = 0.3 * Math.min(h, w);
      double thick = Math.max(1.0, 0.08 * Math.min(h, w));
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          double ring = 1 - Math.abs(Math.hypot(x - cx, y - cy) - radius) / thick;
          double bar = 1 - Math.abs((x - cx) - 0.5 * (y - cy)) / thick;
          double v = Math.max(0, Math.max(ring, 0.8 * bar));
          if (y < h / 5 || y >= h - h / 5) {
            v = 0; // keep a dark margin top and bottom, as MNIST has
          }
          v = Math.min(1, v + 0.05 * r.nextDouble());
          img[c * h * w + y * w + x] = (float) v;
        }
      }
    }
    return img;
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
