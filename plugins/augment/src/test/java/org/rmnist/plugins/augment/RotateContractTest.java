package org.rmnist.plugins.augment;

import java.util.List;
import org.rmnist.api.Augmentation;
import org.rmnist.testkit.AugmentationContract;
import org.rmnist.testkit.BadParameter;

/** {@code rotate} keeps the augmentation contract. */
class RotateContractTest extends AugmentationContract<RotateConfig, RotateParams> {
  @Override
  protected Augmentation<RotateConfig, RotateParams> augmentation() {
    return new RotateAugmentation();
  }

  @Override
  protected List<RotateConfig> configs() {
    return List.of(RotateConfig.defaults());
  }

  @Override
  protected BadParameter outOfRange() {
    return BadParameter.of("degrees", 181, "degrees: must be in [0, 180], got 181.0");
  }
}
