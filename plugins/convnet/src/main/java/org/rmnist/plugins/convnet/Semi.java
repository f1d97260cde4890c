package org.rmnist.plugins.convnet;

import org.rmnist.api.Doc;
import org.rmnist.api.Since;
import org.rmnist.support.Checks;

/**
 * How {@code convnet} with objective {@code fixmatch} uses its unlabelled images, the parameter
 * group {@code semi}: how many per labelled image in a step, the confidence a pseudo-label needs,
 * the weight of their loss, the weak view's shift, and the average of the weights kept.
 */
public record Semi(
    @Doc("unlabelled images per labelled image in each step (FixMatch's mu); 1..64") int ratio,
    @Doc(
            "confidence (softmax maximum on the weak view) a pseudo-label needs to count; (0, 1] "
                + "(FixMatch: 0.95)")
        double threshold,
    @Doc("weight of the unlabelled loss (FixMatch's lambda_u); 0..100") double weight,
    @Doc("the weak view: a random shift of up to this many pixels in x and y; 0..8") int weak,
    @Since("issue 12")
        @Doc(
            "decay of an exponential moving average of the weights, which the trained model then "
                + "uses (FixMatch: 0.999); 0 for none, else in [0.5, 1)")
        double ema) {

  public Semi {
    Checks.range("semi.ratio", ratio, 1, 64, "");
    if (!(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException("semi.threshold: must be in (0, 1], got " + threshold);
    }
    Checks.range("semi.weight", weight, 0, 100);
    Checks.range("semi.weak", weak, 0, 8, "");
    if (ema != 0 && !(ema >= 0.5 && ema < 1)) {
      throw new IllegalArgumentException("semi.ema: must be 0 (none) or in [0.5, 1), got " + ema);
    }
  }

  /** FixMatch's mu 7, threshold 0.95, weight 1; shifts of up to 2 pixels; no weight average. */
  static Semi defaults() {
    return new Semi(7, 0.95, 1.0, 2, 0);
  }
}
