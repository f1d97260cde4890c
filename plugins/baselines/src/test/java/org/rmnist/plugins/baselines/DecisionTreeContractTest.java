package org.rmnist.plugins.baselines;

import org.rmnist.api.Model;
import org.rmnist.testkit.BadParameter;
import org.rmnist.testkit.ModelContract;

/** {@code decision-tree} keeps the model contract. */
class DecisionTreeContractTest extends ModelContract<DecisionTreeConfig> {
  @Override
  protected Model<DecisionTreeConfig> model() {
    return new DecisionTreeModel();
  }

  @Override
  protected DecisionTreeConfig config() {
    return new DecisionTreeConfig(3, 0.05);
  }

  @Override
  protected BadParameter outOfRange() {
    return BadParameter.of(
        "maxDepth", 1001, "maxDepth: must be in [0, 1000] (0 = unlimited), got 1001");
  }
}
