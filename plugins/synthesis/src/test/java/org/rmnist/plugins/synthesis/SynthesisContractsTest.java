package org.rmnist.plugins.synthesis;

import org.junit.jupiter.api.Nested;
import org.rmnist.api.TrainingSetBuilder;
import org.rmnist.testkit.BadParameter;
import org.rmnist.testkit.TrainingSetBuilderContract;

/** Both synthesis builders keep the builder contract, at toy size. */
class SynthesisContractsTest {
  static final SynthesisConfig SMALL =
      new SynthesisConfig(3, 4, 4, 2, 0.05, "real", true, 0.01, 1, "hard", 0.01, "none", "mean");
  static final SynthesisConfig LEARNED =
      new SynthesisConfig(3, 4, 4, 2, 0.05, "real", true, 0.01, 1, "learned", 0.1, "none", "mean");

  @Nested
  class DistributionMatching extends TrainingSetBuilderContract<SynthesisConfig> {
    @Override
    protected TrainingSetBuilder<SynthesisConfig> builder() {
      return new DmBuilder();
    }

    @Override
    protected SynthesisConfig config() {
      return SMALL;
    }

    @Override
    protected java.util.List<SynthesisConfig> configs() {
      return java.util.List.of(SMALL);
    }

    @Override
    protected boolean choosesRealImages() {
      return false;
    }

    @Override
    protected BadParameter outOfRange() {
      return BadParameter.of("depth", 5, "depth: must be in [1, 4], got 5");
    }
  }

  @Nested
  class KernelRidgeRegression extends TrainingSetBuilderContract<SynthesisConfig> {
    @Override
    protected TrainingSetBuilder<SynthesisConfig> builder() {
      return new KrrBuilder();
    }

    @Override
    protected SynthesisConfig config() {
      return SMALL;
    }

    @Override
    protected java.util.List<SynthesisConfig> configs() {
      return java.util.List.of(SMALL, LEARNED);
    }

    @Override
    protected boolean choosesRealImages() {
      return false;
    }

    @Override
    protected BadParameter outOfRange() {
      return BadParameter.of("ridge", 0, "ridge: must be in (0, 10], got 0.0");
    }
  }
}
