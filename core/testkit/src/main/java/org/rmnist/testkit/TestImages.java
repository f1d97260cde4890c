package org.rmnist.testkit;

import java.util.SplittableRandom;
import org.rmnist.api.ImageSet;
import org.rmnist.api.ImageShape;

/** Small synthetic images for contract tests: digit-like strokes, and labelled sets of blobs. */
public final class TestImages {
  private TestImages() {}

  /** Non-square, three channels: catches width/height and channel mix-ups. */
  public static final ImageShape ODD = new ImageShape(3, 10, 13);

  /** A ring and a diagonal bar per channel (moved a little per channel), plus faint texture. */
  public static float[] digit(ImageShape shape, long seed) {
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
            v = 0; // a dark margin top and bottom, as MNIST has
          }
          v = Math.min(1, v + 0.05 * r.nextDouble());
          img[c * h * w + y * w + x] = (float) v;
        }
      }
    }
    return img;
  }

  /**
   * {@code perClass} 28x28 images of each of {@code classes} classes, in class order repeated (0,
   * 1, .., 0, 1, ..): each class lights its own 6x6 square, plus noise drawn from {@code seed}. The
   * squares depend only on the class, so sets with different seeds share their classes.
   */
  public static ImageSet blobs(int classes, int perClass, long seed) {
    ImageShape shape = ImageShape.MNIST;
    int size = shape.size();
    float[][] prototypes = new float[classes][size];
    SplittableRandom protoRng = new SplittableRandom(1234);
    for (int c = 0; c < classes; c++) {
      int top = protoRng.nextInt(22);
      int left = protoRng.nextInt(22);
      for (int y = top; y < top + 6; y++) {
        for (int x = left; x < left + 6; x++) {
          prototypes[c][y * 28 + x] = (float) (0.5 + 0.5 * protoRng.nextDouble());
        }
      }
    }
    SplittableRandom rng = new SplittableRandom(seed);
    int n = classes * perClass;
    float[] pixels = new float[n * size];
    int[] labels = new int[n];
    int[] source = new int[n];
    for (int i = 0; i < n; i++) {
      int c = i % classes;
      labels[i] = c;
      source[i] = i;
      for (int p = 0; p < size; p++) {
        if (prototypes[c][p] > 0 || rng.nextDouble() < 0.05) {
          double v = prototypes[c][p] + 0.2 * (rng.nextDouble() - 0.5);
          pixels[i * size + p] = (float) Math.min(1, Math.max(0, v));
        }
      }
    }
    return new ImageSet(pixels, labels, shape, source);
  }
}
