package org.rmnist.plugins.supertrain;

import org.junit.jupiter.api.Nested;
import org.rmnist.api.TrainingSetBuilder;
import org.rmnist.testkit.BadParameter;
import org.rmnist.testkit.TrainingSetBuilderContract;

/** Every builder of the plugin keeps the builder contract, in each kind of space. */
class BuilderContractsTest {

  @Nested
  class PrototypesInFeatures extends TrainingSetBuilderContract<SpaceConfig> {
    @Override
    protected TrainingSetBuilder<SpaceConfig> builder() {
      return new PrototypesBuilder();
    }

    @Override
    protected SpaceConfig config() {
      return new SpaceConfig("features", 1.5);
    }

    @Override
    protected BadParameter outOfRange() {
      return BadParameter.of("blur", 11, "blur: must be in (0, 10] pixels, got 11.0");
    }
  }

  @Nested
  class HerdingOnBlurredPixels extends TrainingSetBuilderContract<SpaceConfig> {
    @Override
    protected TrainingSetBuilder<SpaceConfig> builder() {
      return new HerdingBuilder();
    }

    @Override
    protected SpaceConfig config() {
      return new SpaceConfig("blur", 1.0);
    }

    @Override
    protected BadParameter outOfRange() {
      return BadParameter.of("blur", 0, "blur: must be in (0, 10] pixels, got 0.0");
    }
  }

  @Nested
  class KCenterFromARandomStart extends TrainingSetBuilderContract<KCenterConfig> {
    @Override
    protected TrainingSetBuilder<KCenterConfig> builder() {
      return new KCenterBuilder();
    }

    @Override
    protected KCenterConfig config() {
      return new KCenterConfig("pixels", 1.5, "random");
    }

    @Override
    protected BadParameter outOfRange() {
      return BadParameter.of("blur", -1, "blur: must be in (0, 10] pixels, got -1.0");
    }
  }

  @Nested
  class SearchWithASmallSelectionSplit extends TrainingSetBuilderContract<SearchConfig> {
    @Override
    protected TrainingSetBuilder<SearchConfig> builder() {
      return new SearchBuilder();
    }

    @Override
    protected SearchConfig config() {
      return new SearchConfig("blur", 1.0, "random", 12, 200, 0.01, 0);
    }

    @Override
    protected java.util.List<SearchConfig> configs() {
      // the defaults hold out 5,000 images, more than the contract's pool of 48
      return java.util.List.of(config());
    }

    @Override
    protected BadParameter outOfRange() {
      return BadParameter.of("selection", 5, "selection: must be in [10, 45000], got 5");
    }
  }
}
