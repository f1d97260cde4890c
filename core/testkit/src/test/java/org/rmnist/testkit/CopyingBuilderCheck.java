package org.rmnist.testkit;

import org.rmnist.api.TrainingSetBuilder;
import org.rmnist.testkit.samples.CopyingBuilder;

/** Run by {@link ContractsCatchDefectsTest} only (surefire does not pick this name up). */
class CopyingBuilderCheck extends TrainingSetBuilderContract<CopyingBuilder.Config> {
  @Override
  protected TrainingSetBuilder<CopyingBuilder.Config> builder() {
    return new CopyingBuilder();
  }

  @Override
  protected BadParameter outOfRange() {
    return BadParameter.of("unused", 11, "unused: must be in [0, 10], got 11");
  }
}
