package org.rmnist.plugins.data;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.rmnist.api.Seed;

/** Draws N images per class uniformly at random, addressed by (draw seed, N). */
final class StratifiedDraw {
  private StratifiedDraw() {}

  /** Pool positions of N images per class, in a random training order. */
  static int[] draw(int[] poolLabels, int n, int classes, long drawSeed) {
    SplittableRandom random = new Seed(drawSeed).derive("stratified", n).random();
    int[] order = new int[poolLabels.length];
    Arrays.setAll(order, i -> i);
    shuffle(order, random);
    int[] taken = new int[classes];
    int[] chosen = new int[n * classes];
    int k = 0;
    for (int i = 0; i < order.length && k < chosen.length; i++) {
      int label = poolLabels[order[i]];
      if (taken[label] < n) {
        taken[label]++;
        chosen[k++] = order[i];
      }
    }
    for (int c = 0; c < classes; c++) {
      if (taken[c] < n) {
        throw new IllegalArgumentException(
            "n=" + n + " needs " + n + " images of class " + c + ", the pool has " + taken[c]);
      }
    }
    shuffle(chosen, random);
    return chosen;
  }

  private static void shuffle(int[] x, SplittableRandom random) {
    for (int i = x.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = x[i];
      x[i] = x[j];
      x[j] = t;
    }
  }
}
