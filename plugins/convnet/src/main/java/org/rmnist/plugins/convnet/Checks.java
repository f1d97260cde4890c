package org.rmnist.plugins.convnet;

import java.util.List;

/** Config validation with messages that name the key, the value found and the allowed range. */
final class Checks {
  private Checks() {}

  /** {@code value} must lie in [min, max]. */
  static int range(String key, int value, int min, int max, String meaning) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          key + ": must be in [" + min + ", " + max + "]" + meaning + ", got " + value);
    }
    return value;
  }

  /** {@code value} must be finite and lie in [min, max]. */
  static double range(String key, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException(
          key + ": must be in [" + min + ", " + max + "], got " + value);
    }
    return value;
  }

  /** {@code value} must be finite and strictly positive. */
  static double positive(String key, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(key + ": must be a finite number > 0, got " + value);
    }
    return value;
  }

  /** A dropout probability: [0, 1). */
  static double probability(String key, double value) {
    if (!(value >= 0 && value < 1)) {
      throw new IllegalArgumentException(key + ": must be in [0, 1), got " + value);
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

  /** A non-null, immutable copy of {@code list} whose size lies in [min, max]. */
  static <T> List<T> list(String key, List<T> list, int min, int max) {
    if (list == null) {
      throw new IllegalArgumentException(key + ": must be a list, got null");
    }
    if (list.size() < min || list.size() > max) {
      throw new IllegalArgumentException(
          key + ": must hold " + min + ".." + max + " values, got " + list.size() + " " + list);
    }
    for (T t : list) {
      if (t == null) {
        throw new IllegalArgumentException(key + ": holds a null value " + list);
      }
    }
    return List.copyOf(list);
  }

  /** A per-block list: one value (used for every block) or one per block. */
  static <T> List<T> perBlock(String key, List<T> list, int blocks) {
    List<T> copy = list(key, list, 1, Math.max(1, blocks));
    if (copy.size() != 1 && copy.size() != blocks) {
      throw new IllegalArgumentException(
          key + ": must hold 1 value or one per conv block (" + blocks + "), got " + copy.size()
              + " " + copy);
    }
    return copy;
  }

  /** Element {@code i} of a per-block list (the single value when there is one). */
  static <T> T at(List<T> perBlock, int i) {
    return perBlock.size() == 1 ? perBlock.get(0) : perBlock.get(i);
  }
}
