package org.rmnist.plugins.baselines;

import org.rmnist.api.Doc;

/**
 * Config of {@code knn}.
 *
 * @param k number of neighbours that vote
 */
public record KnnConfig(
    @Doc(
            "number of nearest training images (Euclidean) that vote; 1..10000, at most the "
                + "training set size")
        int k) {

  public KnnConfig {
    Checks.range("k", k, 1, 10_000, "");
  }

  /** 1-NN, as in Nielsen's table. */
  public static KnnConfig defaults() {
    return new KnnConfig(1);
  }
}
