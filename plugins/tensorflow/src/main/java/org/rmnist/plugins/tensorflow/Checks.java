package org.rmnist.plugins.tensorflow;

import java.util.List;

/** Config validation with messages that name the key, the value found and what is allowed. */
final class Checks {
  private Checks() {}

  /** {@code value} must lie in [min, max]. */
  static int range(String key, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          key + ": must be in [" + min + ", " + max + "], got " + value);
    }
    return value;
  }

  /** {@code value} must be one of {@code allowed}. */
  static String oneOf(String key, String value, List<String> allowed) {
    if (value == null || !allowed.contains(value)) {
      throw new IllegalArgumentException(
          key + ": must be one of " + String.join(", ", allowed) + ", got '" + value + "'");
    }
    return value;
  }

  /**
   * A per-channel list: one value (used for every channel) or one per channel, each finite and,
   * when {@code positive}, greater than 0. Returns an immutable copy.
   */
  static List<Double> perChannel(String key, List<Double> values, int channels,
      boolean positive) {
    if (values == null || values.isEmpty()) {
      throw new IllegalArgumentException(
          key + ": must hold 1 value or one per channel (" + channels + "), got " + values);
    }
    if (values.size() != 1 && values.size() != channels) {
      throw new IllegalArgumentException(
          key + ": must hold 1 value or one per channel (" + channels + "), got "
              + values.size() + " " + values);
    }
    for (Double v : values) {
      if (v == null || !Double.isFinite(v) || (positive && !(v > 0))) {
        throw new IllegalArgumentException(
            key + ": every value must be a finite number" + (positive ? " > 0" : "") + ", got "
                + values);
      }
    }
    return List.copyOf(values);
  }
}
