package org.rmnist.plugins.augment;

import org.rmnist.api.ImageShape;

/** Config and argument validation with messages that name the key, the value and the range. */
final class Checks {
  private Checks() {}

  /** {@code value} must lie in [min, max] (NaN never does). */
  static double range(String key, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException(
          key + ": must be in [" + number(min) + ", " + number(max) + "], got " + value);
    }
    return value;
  }

  /** {@code value} must lie in [min, max]. */
  static int range(String key, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          key + ": must be in [" + min + ", " + max + "], got " + value);
    }
    return value;
  }

  /** A per-pixel parameter array must have one value per pixel of the image plane. */
  static void plane(String what, float[] values, ImageShape shape) {
    int expected = shape.height() * shape.width();
    if (values.length != expected) {
      throw new IllegalArgumentException(
          what + " has " + values.length + " values, but an image of " + shape + " needs "
              + expected + " (height x width)");
    }
  }

  /** A per-value parameter array must be empty or have one value per value of the image. */
  static void image(String what, float[] values, ImageShape shape) {
    if (values.length != 0 && values.length != shape.size()) {
      throw new IllegalArgumentException(
          what + " has " + values.length + " values, but an image of " + shape + " needs 0 or "
              + shape.size());
    }
  }

  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
