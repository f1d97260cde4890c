package org.rmnist.plugins.baselines;

import org.rmnist.api.Model;
import org.rmnist.testkit.BadParameter;
import org.rmnist.testkit.ModelContract;

/** {@code random-forest} keeps the model contract. */
class RandomForestContractTest extends ModelContract<RandomForestConfig> {
  @Override
  protected Model<RandomForestConfig> model() {
    return new RandomForestModel();
  }

  @Override
  protected RandomForestConfig config() {
    return new RandomForestConfig(10, 0, 0);
  }

  @Override
  protected BadParameter outOfRange() {
    return BadParameter.of("trees", 0, "trees: must be in [1, 100000], got 0");
  }
}
