package org.rmnist.support;

import java.util.List;

/**
 * Config and argument validation with messages that name the key, the value found and what is
 * allowed, e.g. {@code "epochs: must be in [1, 100000], got 0"}; every check throws {@link
 * IllegalArgumentException} (the host reports it as bad input) and returns the checked value.
 */
public final class Checks {
  private Checks() {}

  /** How many candidates {@link #candidates} lists before "... N more". */
  public static final int LISTED = 20;

  /** {@code value} must lie in [min, max]. */
  public static int range(String key, int value, int min, int max) {
    return range(key, value, min, max, "");
  }

  /**
   * {@code value} must lie in [min, max]; {@code meaning} follows the range in the message, e.g.
   * {@code " (0 = unlimited)"} (or {@code ""}).
   */
  public static int range(String key, int value, int min, int max, String meaning) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          key + ": must be in [" + min + ", " + max + "]" + meaning + ", got " + value);
    }
    return value;
  }

  /** {@code value} must lie in [min, max] (NaN never does); whole bounds print without ".0". */
  public static double range(String key, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException(
          key + ": must be in [" + number(min) + ", " + number(max) + "], got " + value);
    }
    return value;
  }

  /** {@code value} must be finite and strictly positive. */
  public static double positive(String key, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(key + ": must be a finite number > 0, got " + value);
    }
    return value;
  }

  /** {@code value} must lie in (0, 1]. */
  public static double fraction(String key, double value) {
    if (!(value > 0 && value <= 1)) {
      throw new IllegalArgumentException(key + ": must be in (0, 1], got " + value);
    }
    return value;
  }

  /** A probability that must stay below 1 (a dropout rate, a momentum): [0, 1). */
  public static double probability(String key, double value) {
    if (!(value >= 0 && value < 1)) {
      throw new IllegalArgumentException(key + ": must be in [0, 1), got " + value);
    }
    return value;
  }

  /** {@code value} must be one of {@code allowed}. */
  public static String oneOf(String key, String value, List<String> allowed) {
    if (value == null || !allowed.contains(value)) {
      throw new IllegalArgumentException(
          key + ": must be one of " + String.join(", ", allowed) + ", got '" + value + "'");
    }
    return value;
  }

  /** A non-null, immutable copy of {@code list} whose size lies in [min, max], without nulls. */
  public static <T> List<T> list(String key, List<T> list, int min, int max) {
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

  /** A per-block list of a convnet: one value (used for every block) or one per conv block. */
  public static <T> List<T> perBlock(String key, List<T> list, int blocks) {
    List<T> copy = list(key, list, 1, Math.max(1, blocks));
    if (copy.size() != 1 && copy.size() != blocks) {
      throw new IllegalArgumentException(
          key
              + ": must hold 1 value or one per conv block ("
              + blocks
              + "), got "
              + copy.size()
              + " "
              + copy);
    }
    return copy;
  }

  /** Element {@code i} of a per-block or per-channel list (the single value when there is one). */
  public static <T> T at(List<T> perBlock, int i) {
    return perBlock.size() == 1 ? perBlock.get(0) : perBlock.get(i);
  }

  /** Every value must be finite (the caller checks counts and signs); returns {@code values}. */
  public static List<Double> finite(String key, List<Double> values) {
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

  /**
   * A per-channel list: one value (used for every channel) or one per channel, each finite and,
   * when {@code positive}, greater than 0. Returns an immutable copy.
   */
  public static List<Double> perChannel(
      String key, List<Double> values, int channels, boolean positive) {
    if (values == null || values.isEmpty()) {
      throw new IllegalArgumentException(
          key + ": must hold 1 value or one per channel (" + channels + "), got " + values);
    }
    if (values.size() != 1 && values.size() != channels) {
      throw new IllegalArgumentException(
          key
              + ": must hold 1 value or one per channel ("
              + channels
              + "), got "
              + values.size()
              + " "
              + values);
    }
    for (Double v : values) {
      if (v == null || !Double.isFinite(v) || (positive && !(v > 0))) {
        throw new IllegalArgumentException(
            key
                + ": every value must be a finite number"
                + (positive ? " > 0" : "")
                + ", got "
                + values);
      }
    }
    return List.copyOf(values);
  }

  /** Checks that a training set is non-empty with labels in [0, classes); returns classes. */
  public static int classes(int[] labels, int classes) {
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

  /** The first {@link #LISTED} names, quoted, then "... N more" when there are more. */
  public static String candidates(List<String> names) {
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

  /** A bound as the user wrote it: {@code 180}, not {@code 180.0}; {@code 0.9} stays. */
  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
