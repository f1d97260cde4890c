package org.rmnist.testkit;

import org.rmnist.api.Augmentation;
import org.rmnist.testkit.samples.BrightenAugmentation;

/** The augmentation contract passes on a small correct augmentation. */
class BrightenContractTest
    extends AugmentationContract<BrightenAugmentation.Config, BrightenAugmentation.Params> {
  @Override
  protected Augmentation<BrightenAugmentation.Config, BrightenAugmentation.Params> augmentation() {
    return new BrightenAugmentation();
  }

  @Override
  protected BadParameter outOfRange() {
    return BadParameter.of("max", 2, "max: must be in [0, 1], got 2.0");
  }
}
