package org.rmnist.plugins.baselines;

import org.rmnist.api.Model;
import org.rmnist.testkit.BadParameter;
import org.rmnist.testkit.ModelContract;

/** {@code svm-rbf} keeps the model contract. */
class SvmRbfContractTest extends ModelContract<SvmRbfConfig> {
  @Override
  protected Model<SvmRbfConfig> model() {
    return new SvmRbfModel();
  }

  @Override
  protected boolean randomTraining() {
    return false;
  }

  @Override
  protected BadParameter outOfRange() {
    return BadParameter.of("c", 0, "c: must be a finite number > 0, got 0.0");
  }
}
