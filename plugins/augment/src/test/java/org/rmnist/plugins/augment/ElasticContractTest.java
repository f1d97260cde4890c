package org.rmnist.plugins.augment;

import java.util.List;
import org.rmnist.api.Augmentation;
import org.rmnist.testkit.AugmentationContract;
import org.rmnist.testkit.BadParameter;

/** {@code elastic} keeps the augmentation contract. */
class ElasticContractTest extends AugmentationContract<ElasticConfig, ElasticParams> {
  @Override
  protected Augmentation<ElasticConfig, ElasticParams> augmentation() {
    return new ElasticAugmentation();
  }

  @Override
  protected List<ElasticConfig> configs() {
    return List.of(ElasticConfig.defaults(), new ElasticConfig(8, 1.5));
  }

  @Override
  protected BadParameter outOfRange() {
    return BadParameter.of("sigma", 51, "sigma: must be in [0, 50], got 51.0");
  }
}
