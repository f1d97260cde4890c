package org.rmnist.plugins.baselines;

import org.rmnist.api.Doc;
import org.rmnist.support.Checks;

/**
 * Config of {@code label-propagation}.
 *
 * @param k neighbours per node in the graph, and per query when predicting
 * @param alpha how much a node takes from its neighbours per iteration (Zhou et al.'s alpha)
 * @param iterations spreading iterations
 * @param unlabelled most unlabelled images in the graph (a seeded random subset); 0 = all
 */
public record LabelPropagationConfig(
    @Doc("neighbours per node of the k-NN graph and per query; 1..1000") int k,
    @Doc(
            "share each node takes from its neighbours per iteration (label spreading's alpha); "
                + "(0, 1)")
        double alpha,
    @Doc("spreading iterations; 1..10000") int iterations,
    @Doc(
            "most unlabelled images in the graph, a random subset drawn from the training seed; "
                + "0 = all of the run's unlabelled view (brute-force k-NN: time grows with the "
                + "square); 0..1000000")
        int unlabelled) {

  public LabelPropagationConfig {
    Checks.range("k", k, 1, 1000, "");
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha: must be in (0, 1), got " + alpha);
    }
    Checks.range("iterations", iterations, 1, 10_000, "");
    Checks.range("unlabelled", unlabelled, 0, 1_000_000, " (0 = all)");
  }

  /** k = 10, alpha = 0.99, 40 iterations, at most 10,000 unlabelled images. */
  public static LabelPropagationConfig defaults() {
    return new LabelPropagationConfig(10, 0.99, 40, 10_000);
  }
}
