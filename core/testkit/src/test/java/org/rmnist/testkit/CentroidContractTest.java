package org.rmnist.testkit;

import org.rmnist.api.Model;
import org.rmnist.testkit.samples.CentroidModel;

/** The model contract passes on a small correct model. */
class CentroidContractTest extends ModelContract<CentroidModel.Config> {
  @Override
  protected Model<CentroidModel.Config> model() {
    return new CentroidModel();
  }

  @Override
  protected BadParameter outOfRange() {
    return BadParameter.of("temperature", 0, "temperature: must be > 0, got 0.0");
  }

  @Override
  protected boolean randomTraining() {
    return false;
  }
}
