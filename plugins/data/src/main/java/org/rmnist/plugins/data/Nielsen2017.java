package org.rmnist.plugins.data;

import java.util.Arrays;

/**
 * Nielsen's RMNIST draw (2017), reproduced exactly: for each N a fresh Python-2 generator seeded
 * with 619 shuffles the pool indices, the first N of each digit 0..9 are taken in shuffled order,
 * and the concatenated list is shuffled again with the same generator (training order).
 */
final class Nielsen2017 {
  /** The seed in Nielsen's {@code generate_reduced_mnist.py}. */
  static final long SEED = 619;

  private Nielsen2017() {}

  /**
   * Indices into the pool (positions in {@code poolLabels}) of RMNIST/{@code n}, in training order.
   *
   * @throws IllegalArgumentException when a class has fewer than {@code n} images
   */
  static int[] draw(int[] poolLabels, int n, int classes) {
    MersenneTwister random = new MersenneTwister(SEED);
    int[] order = new int[poolLabels.length];
    Arrays.setAll(order, i -> i);
    random.python2Shuffle(order);
    int[] chosen = new int[n * classes];
    int k = 0;
    for (int digit = 0; digit < classes; digit++) {
      int taken = 0;
      for (int i = 0; i < order.length && taken < n; i++) {
        if (poolLabels[order[i]] == digit) {
          chosen[k++] = order[i];
          taken++;
        }
      }
      if (taken < n) {
        throw new IllegalArgumentException(
            "RMNIST/"
                + n
                + " needs "
                + n
                + " images of class "
                + digit
                + ", the pool has "
                + taken);
      }
    }
    random.python2Shuffle(chosen);
    return chosen;
  }
}
