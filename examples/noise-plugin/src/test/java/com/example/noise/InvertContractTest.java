package com.example.noise;

import org.rmnist.api.Augmentation;
import org.rmnist.testkit.AugmentationContract;
import org.rmnist.testkit.BadParameter;

/** {@code invert} keeps rmnist's augmentation contract: it is not random and has no parameter. */
class InvertContractTest extends AugmentationContract<InvertConfig, InvertConfig> {

  @Override
  protected Augmentation<InvertConfig, InvertConfig> augmentation() {
    return new InvertAugmentation();
  }

  @Override
  protected Randomness randomness() {
    return Randomness.NONE;
  }

  @Override
  protected BadParameter outOfRange() {
    return null; // no parameter, so no value out of range
  }
}
