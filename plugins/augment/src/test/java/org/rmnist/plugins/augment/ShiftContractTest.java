package org.rmnist.plugins.augment;

import java.util.List;
import org.rmnist.api.Augmentation;
import org.rmnist.testkit.AugmentationContract;
import org.rmnist.testkit.BadParameter;

/** {@code shift} keeps the augmentation contract. */
class ShiftContractTest extends AugmentationContract<ShiftConfig, ShiftParams> {
  @Override
  protected Augmentation<ShiftConfig, ShiftParams> augmentation() {
    return new ShiftAugmentation();
  }

  @Override
  protected List<ShiftConfig> configs() {
    return List.of(ShiftConfig.defaults(), new ShiftConfig(3));
  }

  @Override
  protected BadParameter outOfRange() {
    return BadParameter.of("max", 65, "max: must be in [0, 64], got 65");
  }

  @Override
  protected Randomness randomness() {
    return Randomness.DISCRETE;
  }
}
