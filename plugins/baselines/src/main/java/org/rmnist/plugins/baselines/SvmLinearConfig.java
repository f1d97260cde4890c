package org.rmnist.plugins.baselines;

import org.rmnist.api.Doc;
import org.rmnist.support.Checks;

/**
 * Config of {@code svm-linear}.
 *
 * @param c the cost of a margin violation
 */
public record SvmLinearConfig(@Doc("cost C of a margin violation; > 0 (Nielsen: 0.1)") double c) {

  public SvmLinearConfig {
    Checks.positive("c", c);
  }

  /** C = 0.1, as in Nielsen's table. */
  public static SvmLinearConfig defaults() {
    return new SvmLinearConfig(0.1);
  }
}
