package org.rmnist.plugins.augment;

import java.util.List;
import org.rmnist.api.Augmentation;
import org.rmnist.testkit.AugmentationContract;
import org.rmnist.testkit.BadParameter;

/** {@code affine} keeps the augmentation contract. */
class AffineContractTest extends AugmentationContract<AffineConfig, AffineParams> {
  @Override
  protected Augmentation<AffineConfig, AffineParams> augmentation() {
    return new AffineAugmentation();
  }

  @Override
  protected List<AffineConfig> configs() {
    return List.of(AffineConfig.defaults(), new AffineConfig(30, 0.2, true, 20, 3.5));
  }

  @Override
  protected BadParameter outOfRange() {
    return BadParameter.of("scale", 1.5, "scale: must be in [0, 0.9], got 1.5");
  }
}
