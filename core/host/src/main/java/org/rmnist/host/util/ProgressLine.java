package org.rmnist.host.util;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The text of one progress line: a task's name, its steps as a bar, elapsed time and ETA, the
 * measures it reported, then the enclosing task's state; made to fit a width by shortening the
 * name, then dropping the enclosing state, then the measures that do not fit, so the bar and ETA
 * stay visible.
 *
 * @param name what is in progress, e.g. "[3/6] convnet mnist n=1 draw=0 seed=1"
 * @param unit what the steps are, e.g. "epochs" (empty: none)
 * @param current steps done
 * @param total steps in all (0 or less: unknown)
 * @param measures the last value of each reported measure, in order of first report
 * @param elapsed time since the task began
 * @param eta time left, or null when unknown
 * @param context the enclosing task's state, or null
 */
record ProgressLine(
    String name,
    String unit,
    long current,
    long total,
    Map<String, Double> measures,
    Duration elapsed,
    Duration eta,
    String context) {
  /** Characters of the bar between its brackets. */
  static final int BAR = 12;

  /** Characters a shortened name keeps at least. */
  static final int MIN_NAME = 12;

  /** The line, at most {@code width} characters long. */
  String text(int width) {
    for (String shown : context == null ? new String[] {null} : new String[] {context, null}) {
      String full = build(name, shown);
      if (full.length() <= width) {
        return full;
      }
      int room = name.length() - (full.length() - width);
      if (room >= MIN_NAME) {
        return build(shorten(name, room), shown);
      }
    }
    String text = build(shorten(name, MIN_NAME), null);
    if (text.length() <= width) {
      return text;
    }
    int part = text.lastIndexOf(" | ", width);
    return part > 0 ? text.substring(0, part) : text.substring(0, Math.max(0, width));
  }

  private String build(String shownName, String shownContext) {
    StringBuilder sb = new StringBuilder(shownName).append(':');
    if (!unit.isEmpty()) {
      sb.append(' ').append(unit);
    }
    sb.append(' ').append(current);
    if (total > 0) {
      int filled = (int) Math.min(BAR, BAR * Math.max(0, current) / total);
      sb.append('/')
          .append(total)
          .append(" [")
          .append("#".repeat(filled))
          .append(" ".repeat(BAR - filled))
          .append("] ")
          .append(Math.min(100, 100 * Math.max(0, current) / total))
          .append('%');
    }
    sb.append(" | elapsed ")
        .append(duration(elapsed))
        .append(", ETA ")
        .append(eta == null ? "?" : duration(eta));
    for (Map.Entry<String, Double> m : measures.entrySet()) {
      if (!m.getValue().isNaN()) {
        sb.append(" | ").append(measure(m.getKey(), m.getValue()));
      }
    }
    if (shownContext != null) {
      sb.append(" | ").append(shownContext);
    }
    return sb.toString();
  }

  private static String shorten(String s, int length) {
    return s.length() <= length ? s : s.substring(0, Math.max(0, length - 1)) + "~";
  }

  /** A measure as shown: an accuracy in percent, anything else with four significant digits. */
  static String measure(String name, double value) {
    return name.endsWith("accuracy")
        ? String.format(Locale.ROOT, "%s %.2f%%", name, value * 100)
        : String.format(Locale.ROOT, "%s %.4g", name, value);
  }

  /** A duration as M:SS, or H:MM:SS from an hour on. */
  static String duration(Duration d) {
    long s = Math.max(0, d.getSeconds());
    return s < 3600
        ? String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
  }
}
