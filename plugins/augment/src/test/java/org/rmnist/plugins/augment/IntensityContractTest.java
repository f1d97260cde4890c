package org.rmnist.plugins.augment;

import java.util.List;
import org.rmnist.api.Augmentation;
import org.rmnist.testkit.AugmentationContract;
import org.rmnist.testkit.BadParameter;

/** {@code intensity} keeps the augmentation contract. */
class IntensityContractTest extends AugmentationContract<IntensityConfig, IntensityParams> {
  @Override
  protected Augmentation<IntensityConfig, IntensityParams> augmentation() {
    return new IntensityAugmentation();
  }

  @Override
  protected List<IntensityConfig> configs() {
    return List.of(
        IntensityConfig.defaults(),
        new IntensityConfig(0, 0, 0, 1),
        new IntensityConfig(0, 0.3, 0.5, 0));
  }

  @Override
  protected BadParameter outOfRange() {
    return BadParameter.of("contrast", 1.01, "contrast: must be in [0, 1], got 1.01");
  }
}
