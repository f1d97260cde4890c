package org.rmnist.plugins.baselines;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.rmnist.api.ImageSet;
import org.rmnist.api.ImageShape;
import org.rmnist.api.OnTheFly;
import org.rmnist.api.Progress;
import org.rmnist.api.Seed;
import org.rmnist.api.TrainContext;

/** Synthetic 28x28 images: one Gaussian blob per class around a class prototype, mostly black. */
final class Blobs {
  private Blobs() {}

  /**
   * {@code perClass} images of each of {@code classes} classes; prototypes depend only on {@code
   * classes}, the noise on {@code seed}. Each prototype lights a random 6x6 square.
   */
  static ImageSet make(int classes, int perClass, double noise, long seed) {
    ImageShape shape = ImageShape.MNIST;
    int size = shape.size();
    float[][] prototypes = new float[classes][size];
    SplittableRandom protoRng = new SplittableRandom(1234);
    for (int c = 0; c < classes; c++) {
      int top = protoRng.nextInt(22);
      int leftCol = protoRng.nextInt(22);
      for (int r = top; r < top + 6; r++) {
        for (int col = leftCol; col < leftCol + 6; col++) {
          prototypes[c][r * 28 + col] = (float) (0.5 + 0.5 * protoRng.nextDouble());
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
          double v = prototypes[c][p] + noise * gaussian(rng);
          pixels[i * size + p] = (float) Math.min(1, Math.max(0, v));
        }
      }
    }
    return new ImageSet(pixels, labels, shape, source);
  }

  static TrainContext context(long seed, Path workDir) {
    return new TrainContext(new Seed(seed), 4, Progress.NONE, workDir, 2, OnTheFly.NONE);
  }

  private static double gaussian(SplittableRandom rng) {
    double u = 1 - rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
  }
}
