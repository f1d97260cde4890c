package org.rmnist.plugins.synthesis;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** Adam's moment estimates of one tensor being optimised (β₁ 0.9, β₂ 0.999, ε 1e-8). */
record AdamMoments(NDArray first, NDArray second) {
  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double EPS = 1e-8;

  /**
   * {@code value} moved one Adam step (step {@code it}, from 0) down its gradient {@code g}; the
   * intermediates live in {@code step}, the result too until the caller attaches it elsewhere.
   */
  NDArray next(NDArray value, NDArray g, double lr, int it, NDManager step) {
    first.muli((float) BETA1).addi(g.mul((float) (1 - BETA1)));
    second.muli((float) BETA2).addi(g.square().mul((float) (1 - BETA2)));
    double c1 = 1 - Math.pow(BETA1, it + 1);
    double c2 = 1 - Math.pow(BETA2, it + 1);
    // results follow their first operand's manager: move the first one of each chain
    // into the step, or every intermediate would stay in the build's manager until it ends
    NDArray variance = second.div((float) c2);
    variance.attach(step);
    NDArray denominator = variance.sqrt().add((float) EPS);
    NDArray update = first.mul((float) (lr / c1));
    update.attach(step);
    return value.stopGradient().sub(update.div(denominator));
  }
}
