package org.rmnist.testkit;

import org.rmnist.api.Augmentation;
import org.rmnist.testkit.samples.BrightenAugmentation;
import org.rmnist.testkit.samples.ImpureAugmentation;

/** Run by {@link ContractsCatchDefectsTest} only (surefire does not pick this name up). */
class BrokenAugmentationCheck
    extends AugmentationContract<BrightenAugmentation.Config, BrightenAugmentation.Params> {
  @Override
  protected Augmentation<BrightenAugmentation.Config, BrightenAugmentation.Params> augmentation() {
    return new ImpureAugmentation();
  }

  @Override
  protected BadParameter outOfRange() {
    return BadParameter.of("max", 2, "max: must be at most 1");
  }
}
