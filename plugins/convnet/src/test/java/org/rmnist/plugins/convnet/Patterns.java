package org.rmnist.plugins.convnet;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.rmnist.api.ImageSet;
import org.rmnist.api.ImageShape;
import org.rmnist.api.OnTheFly;
import org.rmnist.api.Progress;
import org.rmnist.api.Seed;
import org.rmnist.api.TrainContext;

/**
 * Synthetic 28x28 images: class c is a 2-px-wide stroke of its own (four horizontal, four vertical,
 * two diagonal), jittered by up to ±2 px, with 3% salt noise.
 */
final class Patterns {
  static final int CLASSES = 10;

  private Patterns() {}

  /** {@code perClass} images of each class, interleaved (labels 0,1,..,9,0,1,..). */
  static ImageSet make(int perClass, long seed) {
    ImageShape shape = ImageShape.MNIST;
    int size = shape.size();
    int n = CLASSES * perClass;
    SplittableRandom rng = new SplittableRandom(seed);
    float[] px = new float[n * size];
    int[] labels = new int[n];
    int[] source = new int[n];
    for (int i = 0; i < n; i++) {
      int c = i % CLASSES;
      labels[i] = c;
      source[i] = i;
      int dx = rng.nextInt(5) - 2;
      int dy = rng.nextInt(5) - 2;
      for (int k = 0; k < 14; k++) {
        int[] rc = stroke(c, k);
        for (int t = 0; t < 2; t++) {
          boolean horizontal = c == 0 || c == 1 || c == 2 || c == 8;
          int rr = rc[0] + dy + (horizontal ? t : 0);
          int cc = rc[1] + dx + (horizontal ? 0 : t);
          if (rr >= 0 && rr < 28 && cc >= 0 && cc < 28) {
            px[i * size + rr * 28 + cc] = (float) (0.7 + 0.3 * rng.nextDouble());
          }
        }
      }
      for (int p = 0; p < size; p++) {
        if (rng.nextDouble() < 0.03) {
          px[i * size + p] = (float) rng.nextDouble();
        }
      }
    }
    return new ImageSet(px, labels, shape, source);
  }

  /** Point k (0..13) of class c's stroke: rows 5/11/17/23, columns 5/11/17/23 or a diagonal. */
  private static int[] stroke(int c, int k) {
    return switch (c) {
      case 0, 1, 2 -> new int[] {5 + 6 * c, 7 + k};
      case 8 -> new int[] {23, 7 + k};
      case 3, 4, 5 -> new int[] {7 + k, 5 + 6 * (c - 3)};
      case 9 -> new int[] {7 + k, 23};
      case 6 -> new int[] {7 + k, 7 + k};
      default -> new int[] {7 + k, 20 - k};
    };
  }

  static TrainContext context(long seed, Path workDir) {
    return context(seed, workDir, OnTheFly.NONE);
  }

  static TrainContext context(long seed, Path workDir, OnTheFly onTheFly) {
    return new TrainContext(new Seed(seed), CLASSES, Progress.NONE, workDir, 1, onTheFly);
  }
}
