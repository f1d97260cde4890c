package org.rmnist.plugins.augment;

import java.util.random.RandomGenerator;

/** The random draws the {@code sample} methods share. */
final class Draw {
  private Draw() {}

  /** Uniform in [-range, range); exactly 0 when {@code range} is 0 (one draw either way). */
  static double symmetric(RandomGenerator random, double range) {
    double u = random.nextDouble();
    return range == 0 ? 0.0 : (2 * u - 1) * range;
  }

  /** Uniform integer in [-max, max]. */
  static int symmetric(RandomGenerator random, int max) {
    return random.nextInt(2 * max + 1) - max;
  }
}
