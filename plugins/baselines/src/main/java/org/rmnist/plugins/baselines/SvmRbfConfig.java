package org.rmnist.plugins.baselines;

import org.rmnist.api.Doc;
import org.rmnist.support.Checks;

/**
 * Config of {@code svm-rbf}.
 *
 * @param c the cost of a margin violation
 * @param gamma the RBF kernel's width, {@code exp(-gamma |u - v|^2)}
 */
public record SvmRbfConfig(
    @Doc("cost C of a margin violation; > 0 (Nielsen: 1000)") double c,
    @Doc("RBF width gamma in exp(-gamma |u-v|^2); > 0; 1/784 = scikit-learn's 'auto' on MNIST")
        double gamma) {

  public SvmRbfConfig {
    Checks.positive("c", c);
    Checks.positive("gamma", gamma);
  }

  /** C = 1, gamma = 1/784. */
  public static SvmRbfConfig defaults() {
    return new SvmRbfConfig(1.0, 1.0 / 784);
  }
}
