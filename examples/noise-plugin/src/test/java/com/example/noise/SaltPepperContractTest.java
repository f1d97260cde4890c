package com.example.noise;

import java.util.List;
import org.rmnist.api.Augmentation;
import org.rmnist.testkit.AugmentationContract;
import org.rmnist.testkit.BadParameter;

/** {@code salt-pepper} keeps rmnist's augmentation contract (the testkit checks it all). */
class SaltPepperContractTest
    extends AugmentationContract<SaltPepperConfig, SaltPepperAugmentation.Params> {

  @Override
  protected Augmentation<SaltPepperConfig, SaltPepperAugmentation.Params> augmentation() {
    return new SaltPepperAugmentation();
  }

  @Override
  protected List<SaltPepperConfig> configs() {
    return List.of(new SaltPepperConfig(0.05, 0.5), new SaltPepperConfig(0.5, 1));
  }

  @Override
  protected BadParameter outOfRange() {
    return BadParameter.of("amount", 2, "amount: must be in [0, 1], got 2.0");
  }
}
