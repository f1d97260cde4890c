package org.rmnist.plugins.baselines;

import org.rmnist.api.Doc;
import org.rmnist.support.Checks;

/**
 * Config of {@code decision-tree}.
 *
 * @param maxDepth deepest level of splits, 0 for unlimited
 * @param fractionFeatures share of the pixels looked at per split
 */
public record DecisionTreeConfig(
    @Doc("deepest level of splits; 0 = grow until pure (scikit-learn's max_depth=None); 0..1000")
        int maxDepth,
    @Doc(
            "share of pixels looked at per split (max(1, floor(share * pixels)), drawn at random); "
                + "(0, 1]")
        double fractionFeatures) {

  public DecisionTreeConfig {
    Checks.range("maxDepth", maxDepth, 0, 1000, " (0 = unlimited)");
    Checks.fraction("fractionFeatures", fractionFeatures);
  }

  /** Unlimited depth, every pixel: scikit-learn's {@code DecisionTreeClassifier()}. */
  public static DecisionTreeConfig defaults() {
    return new DecisionTreeConfig(0, 1.0);
  }
}
