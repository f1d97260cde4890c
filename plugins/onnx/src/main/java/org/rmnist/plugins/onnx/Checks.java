package org.rmnist.plugins.onnx;

import java.util.List;

/** Config validation with messages that name the key, the value found and what is allowed. */
final class Checks {
  private Checks() {}

  /** How many candidates an error message lists before "... N more". */
  static final int LISTED = 20;

  /** {@code value} must lie in [min, max]. */
  static int range(String key, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          key + ": must be in [" + min + ", " + max + "], got " + value);
    }
    return value;
  }

  /** Every value must be finite (NetworkInput checks counts and signs). */
  static List<Double> finite(String key, List<Double> values) {
    if (values == null) {
      throw new IllegalArgumentException(key + ": must hold 1 value or one per channel, got null");
    }
    for (Double v : values) {
      if (v == null || !Double.isFinite(v)) {
        throw new IllegalArgumentException(
            key + ": every value must be a finite number, got " + values);
      }
    }
    return values;
  }

  /** The first {@link #LISTED} names, quoted, then "... N more" when there are more. */
  static String candidates(List<String> names) {
    if (names.isEmpty()) {
      return "(none)";
    }
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < Math.min(LISTED, names.size()); i++) {
      s.append(i == 0 ? "'" : ", '").append(names.get(i)).append('\'');
    }
    if (names.size() > LISTED) {
      s.append(" ... ").append(names.size() - LISTED).append(" more");
    }
    return s.toString();
  }
}
