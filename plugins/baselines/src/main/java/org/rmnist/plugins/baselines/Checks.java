package org.rmnist.plugins.baselines;

/** Config validation with messages that name the key, the value found and the allowed range. */
final class Checks {
  private Checks() {}

  /** {@code value} must be finite and strictly positive. */
  static double positive(String key, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(key + ": must be a finite number > 0, got " + value);
    }
    return value;
  }

  /** {@code value} must lie in (0, 1]. */
  static double fraction(String key, double value) {
    if (!(value > 0 && value <= 1)) {
      throw new IllegalArgumentException(key + ": must be in (0, 1], got " + value);
    }
    return value;
  }

  /** {@code value} must lie in [min, max]. */
  static int range(String key, int value, int min, int max, String meaning) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          key + ": must be in [" + min + ", " + max + "]" + meaning + ", got " + value);
    }
    return value;
  }

  /** Checks that a training set is non-empty with labels in [0, classes); returns classes. */
  static int classes(int[] labels, int classes) {
    if (labels.length == 0) {
      throw new IllegalArgumentException("the training set is empty");
    }
    for (int label : labels) {
      if (label < 0 || label >= classes) {
        throw new IllegalArgumentException(
            "training label " + label + " is outside 0.." + (classes - 1));
      }
    }
    return classes;
  }
}
