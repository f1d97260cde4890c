package org.rmnist.plugins.baselines;

import org.rmnist.api.Doc;
import org.rmnist.support.Checks;

/**
 * Config of {@code random-forest}.
 *
 * @param trees number of trees
 * @param maxDepth deepest level of splits per tree, 0 for unlimited
 * @param featuresPerSplit pixels looked at per split, 0 for the square root of the pixel count
 */
public record RandomForestConfig(
    @Doc("number of trees, each on a bootstrap sample; 1..100000 (Nielsen: 500)") int trees,
    @Doc("deepest level of splits per tree; 0 = unlimited; 0..1000 (Nielsen: 10)") int maxDepth,
    @Doc(
            "pixels drawn at random and looked at per split; 0 = sqrt(pixels) as scikit-learn; "
                + "0..100000, at most the pixel count (Nielsen: 1)")
        int featuresPerSplit) {

  public RandomForestConfig {
    Checks.range("trees", trees, 1, 100_000, "");
    Checks.range("maxDepth", maxDepth, 0, 1000, " (0 = unlimited)");
    Checks.range("featuresPerSplit", featuresPerSplit, 0, 100_000, " (0 = sqrt(pixels))");
  }

  /** 100 unlimited trees with sqrt(pixels) features per split: scikit-learn's defaults. */
  public static RandomForestConfig defaults() {
    return new RandomForestConfig(100, 0, 0);
  }
}
