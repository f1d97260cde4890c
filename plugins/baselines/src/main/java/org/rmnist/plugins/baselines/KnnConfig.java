package org.rmnist.plugins.baselines;

import org.rmnist.api.Doc;
import org.rmnist.support.Checks;

/**
 * Config of {@code knn}.
 *
 * @param k number of neighbours that vote
 * @param metric euclidean or cosine
 * @param blur Gaussian blur (std, pixels) applied to every image first; 0 = none
 */
public record KnnConfig(
    @Doc(
            "number of nearest training images that vote; 1..10000, at most the "
                + "training set size")
        int k,
    @Doc("distance: euclidean, or cosine (1 - cosine similarity)") String metric,
    @Doc("Gaussian blur std in pixels applied to training and query images; 0 = none; 0..10")
        double blur) {

  /** The metrics {@code knn} knows. */
  public static final java.util.List<String> METRICS = java.util.List.of("euclidean", "cosine");

  public KnnConfig {
    Checks.range("k", k, 1, 10_000, "");
    if (metric == null) {
      metric = "euclidean";
    }
    if (!METRICS.contains(metric)) {
      throw new IllegalArgumentException(
          "metric: unknown value '" + metric + "', expected one of " + METRICS);
    }
    if (!(blur >= 0 && blur <= 10)) {
      throw new IllegalArgumentException("blur: must be in [0, 10], got " + blur);
    }
  }

  /** Euclidean k-NN with k neighbours, no blur. */
  public static KnnConfig euclidean(int k) {
    return new KnnConfig(k, "euclidean", 0);
  }

  /** 1-NN, as in Nielsen's table. */
  public static KnnConfig defaults() {
    return euclidean(1);
  }

  KnnPrepare prepare() {
    return new KnnPrepare(blur, "cosine".equals(metric));
  }
}
