package org.rmnist.host.util;

import java.util.List;

/** Mean and sample standard deviation, for "mean ± std over seeds". */
public record Stats(double mean, double std, int count) {

  /** Of the given values; std is 0 for a single value. */
  public static Stats of(List<Double> values) {
    int n = values.size();
    if (n == 0) {
      return new Stats(Double.NaN, Double.NaN, 0);
    }
    double mean = values.stream().mapToDouble(Double::doubleValue).sum() / n;
    double ss = 0;
    for (double v : values) {
      ss += (v - mean) * (v - mean);
    }
    return new Stats(mean, n > 1 ? Math.sqrt(ss / (n - 1)) : 0, n);
  }

  /** "69.57" or "69.57 ± 0.31" (values already in %). */
  public String format() {
    if (count == 0) {
      return "–";
    }
    return count == 1 ? String.format("%.2f", mean) : String.format("%.2f ± %.2f", mean, std);
  }
}
