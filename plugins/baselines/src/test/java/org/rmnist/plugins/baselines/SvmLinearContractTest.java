package org.rmnist.plugins.baselines;

import org.rmnist.api.Model;
import org.rmnist.testkit.BadParameter;
import org.rmnist.testkit.ModelContract;

/** {@code svm-linear} keeps the model contract. */
class SvmLinearContractTest extends ModelContract<SvmLinearConfig> {
  @Override
  protected Model<SvmLinearConfig> model() {
    return new SvmLinearModel();
  }

  @Override
  protected SvmLinearConfig config() {
    return new SvmLinearConfig(10);
  }

  @Override
  protected boolean randomTraining() {
    return false;
  }

  @Override
  protected BadParameter outOfRange() {
    return BadParameter.of("c", -1, "c: must be a finite number > 0, got -1.0");
  }
}
