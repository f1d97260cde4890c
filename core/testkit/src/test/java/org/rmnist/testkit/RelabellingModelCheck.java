package org.rmnist.testkit;

import org.rmnist.api.Model;
import org.rmnist.testkit.samples.CentroidModel;
import org.rmnist.testkit.samples.RelabellingModel;

/** Run by {@link ContractsCatchDefectsTest} only (surefire does not pick this name up). */
class RelabellingModelCheck extends ModelContract<CentroidModel.Config> {
  @Override
  protected Model<CentroidModel.Config> model() {
    return new RelabellingModel();
  }

  @Override
  protected boolean randomTraining() {
    return false;
  }

  @Override
  protected BadParameter outOfRange() {
    return BadParameter.of("temperature", 0, "temperature: must be > 0, got 0.0");
  }
}
