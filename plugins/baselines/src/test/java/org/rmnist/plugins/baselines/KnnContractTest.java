package org.rmnist.plugins.baselines;

import org.rmnist.api.Model;
import org.rmnist.testkit.BadParameter;
import org.rmnist.testkit.ModelContract;

/** {@code knn} keeps the model contract. */
class KnnContractTest extends ModelContract<KnnConfig> {
  @Override
  protected Model<KnnConfig> model() {
    return new KnnModel();
  }

  @Override
  protected KnnConfig config() {
    return new KnnConfig(3, "cosine", 0.5);
  }

  @Override
  protected boolean randomTraining() {
    return false;
  }

  @Override
  protected BadParameter outOfRange() {
    return BadParameter.of("k", 0, "k: must be in [1, 10000], got 0");
  }
}
